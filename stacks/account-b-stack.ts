/**
 * Account B, the target account: the role account A's instance chains
 * into, trusted for A's role only and only with the External ID.
 */
import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { AccountStack, AccountStackProps } from "../lib/account-stack";
import { AccountBConfig } from "../lib/config/schema";
import { Role } from "../lib/constructs/role";
import { allowStatement, policyDocument } from "../lib/policy/document";
import { crossAccountTrustPolicy } from "../lib/policy/trust";

/** Inputs of {@link AccountBStack}. */
export interface AccountBStackProps extends Omit<
  AccountStackProps,
  "accountId" | "region" | "deploy"
> {
  /** Account B's settings. */
  readonly account: AccountBConfig;
  /** ARN of account A's instance role, the one principal this role trusts. */
  readonly trustedRoleArn: string;
}

/** The target account's stack. */
export class AccountBStack extends AccountStack {
  public constructor(scope: Construct, id: string, props: AccountBStackProps) {
    const { account } = props;
    super(scope, id, {
      accountId: account.accountId,
      region: account.region,
      deploy: account.deploy,
      defaultTags: props.defaultTags,
    });

    const role = new Role(this, "cross_account_role", {
      name: account.roleName,
      trustPolicy: crossAccountTrustPolicy({
        trustedRoleArn: props.trustedRoleArn,
        externalId: account.externalId,
      }),
      maxSessionDuration: account.maxSessionDurationSeconds,
    });
    if (account.permissions.length > 0) {
      role.addInlinePolicy("cross_account_permissions", {
        name: account.permissionsPolicyName,
        document: policyDocument(account.permissions.map(allowStatement)),
      });
    }

    new TerraformOutput(this, "cross_account_role_arn", {
      value: role.resource.arn,
      description: "Role ARN to pass to AssumeRole from account A's instance",
    });
    new TerraformOutput(this, "external_id", {
      value: account.externalId,
      description:
        "External ID the trust policy requires (an identifier, not a secret)",
    });
  }
}
