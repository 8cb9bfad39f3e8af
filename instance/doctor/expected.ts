/** The trust policies and role names the code synthesizes for the current configuration. */
import { loadAppConfig } from "../../config/defaults";
import { TerraformJson, stackPolicies } from "../../lib/iam/stack-policies";
import { ACCOUNT_A_STACK } from "../../main";
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

/** Synthesizes the app from `env`'s configuration and reads every role's trust policy: account A's, then each target's. */
export function expectedTrustPolicies(
  env: Readonly<Record<string, string | undefined>>,
): ExpectedTrust[] {
  return synthesizeStacks(loadAppConfig(env)).map((stack) => {
    const json = JSON.parse(stack.json) as TerraformJson;
    const role =
      stack.name === ACCOUNT_A_STACK ? "app_role" : "cross_account_role";
    const roleName = String(json.resource?.aws_iam_role?.[role]?.name);
    const trust = stackPolicies(json).find(
      (p) => p.address === `aws_iam_role.${role}`,
    );
    return { stack: stack.name, roleName, trustPolicy: trust?.document };
  });
}
