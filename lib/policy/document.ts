/**
 * Plain IAM policy documents and the builders for identity-policy statements.
 * Builders return data; resources serialize it once with `Fn.jsonencode`.
 */
import { invalidPolicy, invalidValue, policyProblem } from "../errors";
import { PolicyKind, validatePolicy } from "../iam/validate-policy";
import { IAM_ACTION, POLICY_RESOURCE, STATEMENT_ID, check } from "../rules";

/** The policy language version every document here declares. */
export const POLICY_VERSION = "2012-10-17";

/** One value or a list, as IAM accepts in `Action`, `Resource` and condition values. */
export type OneOrMany<T> = T | readonly T[];

/** Condition block: operator -> key -> value(s). */
export type PolicyConditions = Readonly<
  Record<string, Readonly<Record<string, OneOrMany<string>>>>
>;

/** A principal block of a trust policy. */
export interface PolicyPrincipal {
  /** Service principals, e.g. `ec2.amazonaws.com`. */
  readonly Service?: OneOrMany<string>;
  /** AWS principals: account or role ARNs. */
  readonly AWS?: OneOrMany<string>;
}

/**
 * One statement of an IAM policy, with IAM's own key names.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
export interface PolicyStatement {
  /** Statement id; letters and digits. */
  readonly Sid?: string;
  /** Allow or Deny. */
  readonly Effect: "Allow" | "Deny";
  /** Actions the statement covers. */
  readonly Action: OneOrMany<string>;
  /** Who the statement applies to (trust policies only). */
  readonly Principal?: PolicyPrincipal;
  /** Resources the statement covers (identity policies only). */
  readonly Resource?: OneOrMany<string>;
  /** Conditions that must all hold. */
  readonly Condition?: PolicyConditions;
}

/** A whole IAM policy document. */
export interface PolicyDocument {
  /** Always {@link POLICY_VERSION}. */
  readonly Version: typeof POLICY_VERSION;
  /** At least one statement. */
  readonly Statement: readonly PolicyStatement[];
}

/** Inputs of {@link allowStatement}. */
export interface AllowStatementProps {
  /**
   * Statement id.
   * @default - none
   */
  readonly sid?: string;
  /** Actions to allow; a single string stays a string in the document. */
  readonly actions: OneOrMany<string>;
  /** Resource ARNs (Terraform references allowed); a single string stays a string. */
  readonly resources: OneOrMany<string>;
}

/** An `Allow` statement for an identity policy, checked for a valid Sid and action names. */
export function allowStatement(props: AllowStatementProps): PolicyStatement {
  if (props.sid !== undefined) check(STATEMENT_ID, "statement.sid", props.sid);
  const where = props.sid ? `statement ${props.sid}` : "statement";
  nonEmpty(`${where}.actions`, props.actions).forEach((action) =>
    check(IAM_ACTION, `${where}.actions`, action),
  );
  nonEmpty(`${where}.resources`, props.resources).forEach((resource) =>
    check(POLICY_RESOURCE, `${where}.resources`, resource),
  );
  return {
    ...(props.sid !== undefined && { Sid: props.sid }),
    Effect: "Allow",
    Action: props.actions,
    Resource: props.resources,
  };
}

/**
 * A policy document of the given statements, checked for its use (`kind`)
 * against IAM's grammar and catalog before it can be rendered. Resources
 * that are still Terraform references are checked at synthesis instead.
 */
export function policyDocument(
  statements: readonly PolicyStatement[],
  kind: PolicyKind = "identity",
): PolicyDocument {
  const document: PolicyDocument = {
    Version: POLICY_VERSION,
    Statement: statements,
  };
  const problems = validatePolicy(document, kind, { skipUnresolved: true });
  if (problems.length > 0) {
    throw invalidPolicy(
      problems.map((p) =>
        policyProblem(`${kind} policy`, p.where, p.value, p.rule),
      ),
    );
  }
  return document;
}

/** The values of a one-or-many field as a list. */
export function asList<T>(value: OneOrMany<T>): readonly T[] {
  return Array.isArray(value) ? value : [value as T];
}

function nonEmpty<T>(field: string, value: OneOrMany<T>): readonly T[] {
  const list = asList(value);
  if (list.length === 0)
    throw invalidValue(field, value, "at least one value is required");
  return list;
}
