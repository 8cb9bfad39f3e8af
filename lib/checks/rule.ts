/**
 * The shape of a security rule: one requirement, checked by a pure function
 * on the stack's synthesized Terraform, returning a finding per violation.
 */
import { StackPolicy, TerraformJson } from "../iam/stack-policies";

/** Errors stop synthesis; warnings are printed. */
export type RuleLevel = "error" | "warning";

/** One resource of the synthesized stack. */
export interface ResourceView {
  /** Terraform type, e.g. `aws_instance`. */
  readonly type: string;
  /** Terraform address, e.g. `aws_instance.app`. */
  readonly address: string;
  /** Synthesized attributes (snake_case, references as `${...}`). */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** What a rule sees: the whole synthesized stack, its resources and its decoded policies. */
export interface RuleContext {
  /** The synthesized Terraform JSON. */
  readonly stack: TerraformJson;
  /** Every resource. */
  readonly resources: readonly ResourceView[];
  /** Every IAM policy, decoded, references resolved to ARNs. */
  readonly policies: readonly StackPolicy[];
  /** The account the stack deploys to. */
  readonly accountId: string;
}

/** One violation. */
export interface RuleFinding {
  /** Address of the offending resource (or `provider.aws` for provider settings). */
  readonly address: string;
  /** Stable id of what is wrong, e.g. `Action::s3:*`; suppressions can name it. */
  readonly finding: string;
}

/** A security rule of the pack. */
export interface SecurityRule {
  /** Stable id, used in messages and suppressions. */
  readonly id: string;
  /** Whether a finding stops synthesis. */
  readonly level: RuleLevel;
  /** What the rule requires, in one line. */
  readonly requirement: string;
  /** Why, and what to change. */
  readonly explanation: string;
  /**
   * The checkov check that covers the same ground, for reference.
   * @default - none
   */
  readonly checkov?: string;
  /** Finds the violations in a stack. */
  readonly check: (context: RuleContext) => RuleFinding[];
}

/** Resources of the given types. */
export function resourcesOf(
  context: RuleContext,
  ...types: string[]
): readonly ResourceView[] {
  return context.resources.filter((r) => types.includes(r.type));
}

/** The value at a path of nested synthesized blocks (a one-element list counts as its element). */
export function attributeAt(
  attributes: Readonly<Record<string, unknown>>,
  ...path: string[]
): unknown {
  return path.reduce<unknown>((node, key) => {
    const value = Array.isArray(node) ? (node[0] as unknown) : node;
    return typeof value === "object" && value !== null
      ? (value as Record<string, unknown>)[key]
      : undefined;
  }, attributes);
}

/** The statements of a decoded policy document. */
export function statementsOf(
  document: unknown,
): readonly Record<string, unknown>[] {
  const statement = (document as { Statement?: unknown }).Statement;
  return (
    Array.isArray(statement)
      ? statement
      : statement === undefined
        ? []
        : [statement]
  ) as Record<string, unknown>[];
}

/** A one-or-many policy value as a list of strings. */
export function valuesOf(value: unknown): string[] {
  return (
    Array.isArray(value) ? value : value === undefined ? [] : [value]
  ).filter((v): v is string => typeof v === "string");
}

/** A synthesized value as it appears in a finding id: scalars as they are, anything else as JSON, absence as `unset`. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return "unset";
  return typeof value === "string" ? value : JSON.stringify(value);
}
