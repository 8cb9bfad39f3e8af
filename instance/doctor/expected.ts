/** The trust policies and role names the code synthesizes for the current configuration. */
import { loadConfig } from "../../lib/config/load";
import { TerraformJson, stackPolicies } from "../../lib/iam/stack-policies";
import { STACK_NAMES } from "../../main";
import { synthesizeStacks } from "../../scripts/synthesized";

/** One role's expected name and trust policy. */
export interface ExpectedTrust {
  /** Stack name. */
  readonly stack: string;
  /** Role name. */
  readonly roleName: string;
  /** Trust policy, references resolved. */
  readonly trustPolicy: unknown;
}

/** Synthesizes the app from `env`'s configuration and reads both roles' trust policies. */
export function expectedTrustPolicies(
  env: Readonly<Record<string, string | undefined>>,
): { accountA: ExpectedTrust; accountB: ExpectedTrust } {
  const stacks = new Map(
    synthesizeStacks(loadConfig({ env })).map((s) => [
      s.name,
      JSON.parse(s.json) as TerraformJson,
    ]),
  );
  const read = (stack: string, role: string): ExpectedTrust => {
    const json = stacks.get(stack) ?? {};
    const roleName = String(json.resource?.aws_iam_role?.[role]?.name);
    const trust = stackPolicies(json).find(
      (p) => p.address === `aws_iam_role.${role}`,
    );
    return { stack, roleName, trustPolicy: trust?.document };
  };
  return {
    accountA: read(STACK_NAMES.accountA, "app_role"),
    accountB: read(STACK_NAMES.accountB, "cross_account_role"),
  };
}
