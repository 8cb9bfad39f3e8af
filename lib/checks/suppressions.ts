/**
 * Written exceptions to the security rules. A suppression sits on a
 * construct, covers the resources in its subtree, names the rule (and
 * optionally one finding) and says why; without both it is refused.
 */
import { IConstruct } from "constructs";
import { invalidValue } from "../errors";
import { SECURITY_RULES } from "./rules";

/** One exception. */
export interface Suppression {
  /** Id of the rule it silences. */
  readonly ruleId: string;
  /**
   * The one finding it silences, e.g. `Action::s3:*`.
   * @default - every finding of the rule
   */
  readonly finding?: string;
  /** Why the finding is acceptable here: at least ten characters. */
  readonly reason: string;
}

const MIN_REASON = 10;
const registry = new WeakMap<IConstruct, Suppression[]>();

/** Suppresses a rule (or one finding of it) for `scope` and everything under it; throws when the rule is unknown or the reason missing. */
export function suppressRule(
  scope: IConstruct,
  suppression: Suppression,
): void {
  const known = SECURITY_RULES.map((r) => r.id);
  if (!known.includes(suppression.ruleId)) {
    throw invalidValue(
      `suppression on ${scope.node.path}: ruleId`,
      suppression.ruleId,
      `not a rule of the pack; known: ${known.join(", ")}`,
    );
  }
  if ((suppression.reason ?? "").trim().length < MIN_REASON) {
    throw invalidValue(
      `suppression of ${suppression.ruleId} on ${scope.node.path}: reason`,
      suppression.reason ?? "",
      `a suppression needs a written reason of at least ${MIN_REASON} characters`,
    );
  }
  registry.set(scope, [...(registry.get(scope) ?? []), suppression]);
}

/** The suppressions in force for a construct: its own and its ancestors'. */
export function suppressionsFor(
  construct: IConstruct,
): { scope: IConstruct; suppression: Suppression }[] {
  return construct.node.scopes.flatMap((scope) =>
    (registry.get(scope) ?? []).map((suppression) => ({ scope, suppression })),
  );
}

/** True when a suppression covers this finding. */
export function covers(
  suppression: Suppression,
  ruleId: string,
  finding: string,
): boolean {
  return (
    suppression.ruleId === ruleId &&
    (suppression.finding === undefined || suppression.finding === finding)
  );
}

/** Every suppression registered under `root`, for the docs. */
export function allSuppressions(
  root: IConstruct,
): { path: string; suppression: Suppression }[] {
  return root.node.findAll().flatMap((scope) =>
    (registry.get(scope) ?? []).map((suppression) => ({
      path: scope.node.path,
      suppression,
    })),
  );
}
