/**
 * Checks an IAM policy document offline: its grammar, that every action
 * exists in the IAM catalog, that resources fit the actions' resource types,
 * that condition operators and keys exist, and the size quotas. Pure: returns
 * problems, never throws.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import { POLICY_VERSION } from "../policy/document";
import {
  CatalogAction,
  actionsMatching,
  arnFitsResourceType,
  findAction,
  findResourceType,
  isGlobalConditionKey,
  nearest,
  serviceActions,
  serviceConditionKeyExists,
} from "./catalog";

/** Where a policy is used, which decides what its statements may and must hold. */
export type PolicyKind = "identity" | "trust" | "resource";

/** One thing wrong with a policy. */
export interface PolicyProblem {
  /** `policy`, `statement S3Access` or `statement 2` (1-based when it has no Sid). */
  readonly where: string;
  /** The offending value. */
  readonly value: unknown;
  /** What is wrong and what to do instead. */
  readonly rule: string;
}

/** Options of {@link validatePolicy}. */
export interface ValidateOptions {
  /**
   * Skip resource checks on values that still hold unresolved tokens (at build time,
   * Terraform references are not known yet).
   * @default false
   */
  readonly skipUnresolved?: boolean;
}

/**
 * Size quotas in characters of the compact JSON (IAM does not count white space).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
export const POLICY_SIZE_QUOTAS: Readonly<Record<PolicyKind, number>> = {
  identity: 10_240,
  trust: 2_048,
  resource: 20_480,
};

const STATEMENT_KEYS = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);
const PRINCIPAL_KEYS = new Set([
  "AWS",
  "Service",
  "Federated",
  "CanonicalUser",
]);
const TRUST_ACTIONS = new Set([
  "sts:assumerole",
  "sts:assumerolewithsaml",
  "sts:assumerolewithwebidentity",
  "sts:tagsession",
  "sts:setsourceidentity",
  "sts:setcontext",
]);
const OPERATORS = new Set(
  [
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
  ].map((o) => o.toLowerCase()),
);
const UNRESOLVED = /\$\{|TfToken\[/;

/** Every problem of `document` used as a policy of `kind`; empty when it is valid. */
export function validatePolicy(
  document: unknown,
  kind: PolicyKind,
  options: ValidateOptions = {},
): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const add = (where: string, value: unknown, rule: string) =>
    problems.push({ where, value, rule });
  if (!isObject(document)) {
    add(
      "policy",
      document,
      "a policy is a JSON object with Version and Statement",
    );
    return problems;
  }
  if (document.Version !== POLICY_VERSION)
    add("policy", document.Version, `Version must be "${POLICY_VERSION}"`);
  const extra = Object.keys(document).filter(
    (k) => !["Version", "Statement", "Id"].includes(k),
  );
  extra.forEach((k) =>
    add("policy", k, "a policy has only Version, Id and Statement"),
  );
  const statements = Array.isArray(document.Statement)
    ? document.Statement
    : [document.Statement];
  if (document.Statement === undefined || statements.length === 0)
    add("policy", document.Statement, "a policy needs at least one statement");

  const sids = new Set<string>();
  statements.forEach((statement: unknown, index) => {
    const where =
      isObject(statement) && typeof statement.Sid === "string"
        ? `statement ${statement.Sid}`
        : `statement ${index + 1}`;
    if (!isObject(statement)) {
      add(where, statement, "a statement is a JSON object");
      return;
    }
    if (typeof statement.Sid === "string") {
      if (sids.has(statement.Sid))
        add(where, statement.Sid, "Sids must be unique within a policy");
      sids.add(statement.Sid);
    }
    checkStatement(statement, kind, options, (value, rule) =>
      add(where, value, rule),
    );
  });

  const size = JSON.stringify(document).length;
  if (size > POLICY_SIZE_QUOTAS[kind]) {
    add(
      "policy",
      `${size} characters`,
      `${kind === "identity" ? "an" : "a"} ${kind} policy may hold at most ${POLICY_SIZE_QUOTAS[kind]} characters (compact JSON); split it or shorten it`,
    );
  }
  return problems;
}

type Report = (value: unknown, rule: string) => void;

function checkStatement(
  statement: Record<string, unknown>,
  kind: PolicyKind,
  options: ValidateOptions,
  add: Report,
): void {
  Object.keys(statement)
    .filter((key) => !STATEMENT_KEYS.has(key))
    .forEach((key) =>
      add(
        key,
        `"${key}" is not a statement element; use ${[...STATEMENT_KEYS].join(", ")}`,
      ),
    );
  if (
    statement.Sid !== undefined &&
    (typeof statement.Sid !== "string" || !/^[A-Za-z0-9]*$/.test(statement.Sid))
  ) {
    add(statement.Sid, "a Sid is letters and digits only");
  }
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny")
    add(statement.Effect, 'Effect must be "Allow" or "Deny"');
  exactlyOne(statement, "Action", "NotAction", add);

  const hasPrincipal =
    statement.Principal !== undefined || statement.NotPrincipal !== undefined;
  const hasResource =
    statement.Resource !== undefined || statement.NotResource !== undefined;
  if (kind === "identity" && hasPrincipal)
    add(
      statement.Principal ?? statement.NotPrincipal,
      "Principal belongs in trust and resource policies, not in an identity policy",
    );
  if (kind !== "identity") {
    exactlyOne(statement, "Principal", "NotPrincipal", add);
    checkPrincipal(statement.Principal ?? statement.NotPrincipal, add);
  }
  if (kind === "trust" && hasResource)
    add(
      statement.Resource ?? statement.NotResource,
      "a trust policy has no Resource: the role itself is the resource",
    );
  if (kind !== "trust") exactlyOne(statement, "Resource", "NotResource", add);

  const actionPatterns = strings(
    statement.Action ?? statement.NotAction,
    "Action",
    add,
  );
  const actions = checkActions(actionPatterns, add);
  if (kind === "trust") {
    actionPatterns
      .filter((a) => !TRUST_ACTIONS.has(a.toLowerCase()))
      .forEach((a) =>
        add(
          a,
          "a trust policy grants only sts:AssumeRole (or AssumeRoleWithSAML, AssumeRoleWithWebIdentity, TagSession, SetSourceIdentity, SetContext)",
        ),
      );
  }
  if (statement.Resource !== undefined && statement.Action !== undefined) {
    checkResources(
      actionPatterns,
      actions,
      strings(statement.Resource, "Resource", add),
      options,
      add,
    );
  }
  if (statement.Condition !== undefined)
    checkConditions(statement.Condition, actions, add);
}

/** Resolves each action or wildcard against the catalog; reports unknown ones with suggestions. */
function checkActions(
  patterns: readonly string[],
  add: Report,
): Map<string, CatalogAction[]> {
  const resolved = new Map<string, CatalogAction[]>();
  for (const pattern of patterns) {
    if (pattern === "*") continue;
    const match = /^([a-z0-9-]+):([A-Za-z0-9*?]+)$/.exec(pattern);
    if (!match) {
      add(pattern, "an action is service:Name, such as s3:GetObject");
      continue;
    }
    const [, service, name] = match;
    const known = serviceActions(service);
    if (!known) {
      add(
        pattern,
        `"${service}" is not an AWS service prefix in the IAM catalog`,
      );
      continue;
    }
    if (/[*?]/.test(name)) {
      const matched = actionsMatching(pattern);
      if (matched.length === 0)
        add(pattern, `the wildcard matches no ${service} action`);
      resolved.set(
        pattern,
        matched
          .map((a) => findAction(a))
          .filter((a): a is CatalogAction => a !== undefined),
      );
      continue;
    }
    const action = findAction(pattern);
    if (!action) {
      const guesses = nearest(
        name,
        Object.values(known).map((a) => a.name),
      ).map((g) => `${service}:${g}`);
      add(
        pattern,
        `IAM has no such action${guesses.length ? `; did you mean ${guesses.join(" or ")}?` : ""}`,
      );
      continue;
    }
    resolved.set(pattern, [action]);
  }
  return resolved;
}

/**
 * Each exact action needs a resource it applies to, and each resource must
 * apply to some action. Actions without resource types take only "*".
 */
function checkResources(
  patterns: readonly string[],
  actions: Map<string, CatalogAction[]>,
  resources: readonly string[],
  options: ValidateOptions,
  add: Report,
): void {
  const concrete = options.skipUnresolved
    ? resources.filter((r) => !UNRESOLVED.test(r))
    : resources;
  const arns = concrete.filter((r) => r !== "*");
  const service = (pattern: string) => pattern.slice(0, pattern.indexOf(":"));
  const fits = (pattern: string, action: CatalogAction, arn: string) =>
    action.resourceTypes.some((rt) => {
      const type = findResourceType(service(pattern), rt.name);
      return type !== undefined && arnFitsResourceType(arn, type);
    });

  const reported = new Set<string>();
  for (const pattern of patterns) {
    for (const action of actions.get(pattern) ?? []) {
      const label = /[*?]/.test(pattern)
        ? `${service(pattern)}:${action.name} (from ${pattern})`
        : pattern;
      if (action.resourceTypes.length === 0) {
        if (arns.length > 0 && !/[*?]/.test(pattern))
          add(arns.join(", "), `${label} accepts only "*" as its resource`);
        continue;
      }
      if (
        /[*?]/.test(pattern) ||
        resources.includes("*") ||
        concrete.length < resources.length
      )
        continue;
      if (!arns.some((arn) => fits(pattern, action, arn))) {
        const types = action.resourceTypes.map(
          (rt) => findResourceType(service(pattern), rt.name)?.arn ?? rt.name,
        );
        add(
          arns.join(", "),
          `${label} applies to none of these; it takes ${types.join(" or ")}`,
        );
        arns.forEach((arn) => reported.add(arn));
      }
    }
  }
  for (const arn of arns.filter((a) => !reported.has(a))) {
    const anyFit = patterns.some((pattern) =>
      (actions.get(pattern) ?? []).some((action) => fits(pattern, action, arn)),
    );
    const onlyWildcardOnly = patterns.every(
      (p) =>
        p !== "*" &&
        (actions.get(p) ?? []).every((a) => a.resourceTypes.length === 0),
    );
    if (!anyFit && !onlyWildcardOnly && !patterns.includes("*")) {
      add(
        arn,
        `no action of the statement (${patterns.join(", ")}) applies to this resource; check the ARN's form (bucket vs object, table vs index)`,
      );
    }
  }
}

function checkConditions(
  condition: unknown,
  actions: Map<string, CatalogAction[]>,
  add: Report,
): void {
  if (!isObject(condition)) {
    add(condition, "Condition is an object of operator -> key -> value");
    return;
  }
  const allActions = [...actions.entries()].flatMap(([pattern, list]) =>
    list.map((a) => ({
      service: pattern.slice(0, pattern.indexOf(":")),
      action: a,
    })),
  );
  for (const [operator, keys] of Object.entries(condition)) {
    const base = operator
      .replace(/^(ForAllValues|ForAnyValue):/, "")
      .replace(/IfExists$/, "");
    if (
      !OPERATORS.has(base.toLowerCase()) &&
      !(base === "Null" && !operator.endsWith("IfExists"))
    ) {
      add(
        operator,
        "not an IAM condition operator (StringEquals, StringLike, ArnLike, Bool, IpAddress, ..., optionally ForAllValues:/ForAnyValue: and IfExists)",
      );
    }
    if (!isObject(keys)) {
      add(keys, `${operator} takes an object of condition key -> value`);
      continue;
    }
    for (const key of Object.keys(keys)) {
      if (isGlobalConditionKey(key)) continue;
      const service = key.slice(0, key.indexOf(":"));
      const supported = allActions.some(
        (a) =>
          a.service === service &&
          (a.action.conditionKeys.some(
            (k) => k.toLowerCase() === key.toLowerCase(),
          ) ||
            serviceConditionKeyExists(service, key)),
      );
      if (!supported)
        add(
          key,
          "not a global condition key nor one of the statement's actions' keys",
        );
    }
  }
}

function checkPrincipal(principal: unknown, add: Report): void {
  if (principal === undefined || principal === "*") return;
  if (!isObject(principal)) {
    add(
      principal,
      'a principal is "*" or an object with AWS, Service, Federated or CanonicalUser',
    );
    return;
  }
  Object.keys(principal)
    .filter((k) => !PRINCIPAL_KEYS.has(k))
    .forEach((k) =>
      add(
        k,
        "a principal's keys are AWS, Service, Federated and CanonicalUser",
      ),
    );
}

function exactlyOne(
  statement: Record<string, unknown>,
  a: string,
  b: string,
  add: Report,
): void {
  const count =
    Number(statement[a] !== undefined) + Number(statement[b] !== undefined);
  if (count !== 1)
    add(
      count === 0 ? undefined : `${a} and ${b}`,
      `a statement needs exactly one of ${a} and ${b}`,
    );
}

function strings(value: unknown, element: string, add: Report): string[] {
  const list = Array.isArray(value)
    ? value
    : value === undefined
      ? []
      : [value];
  const bad = list.filter((v) => typeof v !== "string");
  if (bad.length > 0) add(bad, `${element} values are strings`);
  if (Array.isArray(value) && value.length === 0)
    add(value, `${element} needs at least one value`);
  return list.filter((v): v is string => typeof v === "string");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
