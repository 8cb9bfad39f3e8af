/**
 * A target account (the article's account B): the role account A's
 * instance chains into, trusted for A's role only and only with the
 * target's External ID.
 */
import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { AccountStack, AccountStackProps } from "../lib/account-stack";
import { TargetConfig } from "../lib/config/schema";
import { Role } from "../lib/constructs/role";
import { allowStatement, policyDocument } from "../lib/policy/document";
import { crossAccountTrustPolicy } from "../lib/policy/trust";

/** Inputs of {@link TargetAccountStack}. */
export interface TargetAccountStackProps extends Pick<
  AccountStackProps,
  "defaultTags" | "backend"
> {
  /** The target's settings. */
  readonly target: TargetConfig;
  /** ARN of account A's instance role, the one principal this role trusts. */
  readonly trustedRoleArn: string;
}

/** One target account's stack. */
export class TargetAccountStack extends AccountStack {
  public constructor(
    scope: Construct,
    id: string,
    props: TargetAccountStackProps,
  ) {
    const { target } = props;
    super(scope, id, { ...props, account: target });

    const role = new Role(this, "cross_account_role", {
      name: target.roleName,
      trustPolicy: crossAccountTrustPolicy({
        trustedRoleArn: props.trustedRoleArn,
        externalId: target.externalId,
      }),
      maxSessionDuration: target.maxSessionDurationSeconds,
    });
    if (target.permissions.length > 0) {
      role.addInlinePolicy("cross_account_permissions", {
        name: target.permissionsPolicyName,
        document: policyDocument(
          target.permissions.map((statement) => allowStatement(statement)),
        ),
      });
    }

    new TerraformOutput(this, "cross_account_role_arn", {
      value: role.resource.arn,
      description: "Role ARN to pass to AssumeRole from account A's instance",
    });
    new TerraformOutput(this, "external_id", {
      value: target.externalId,
      description:
        "External ID the trust policy requires (an identifier, not a secret)",
    });
  }
}
