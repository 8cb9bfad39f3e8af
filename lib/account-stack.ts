/**
 * The frame every account's stack shares: one AWS provider pinned to the
 * stack's account, default tags, and the configured state backend.
 */
import { Aspects } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AddressedStack } from "./addressed-stack";
import { addStateBackend } from "./backend";
import { BackendConfig } from "./config/schema";
import { SecurityChecks } from "./checks/aspect";
import { PolicyValidation } from "./iam/policy-validation";

/** Credentials a stack deploys with; leave both unset for the default AWS credential chain. */
export interface DeployCredentials {
  /**
   * Named profile from the AWS CLI config.
   * @default - none
   */
  readonly profile?: string;
  /**
   * Role the provider assumes before it makes any change.
   * @default - none
   */
  readonly roleArn?: string;
}

/** The account a stack deploys to, and how. */
export interface AccountSettings {
  /** The only account this stack may deploy to. */
  readonly accountId: string;
  /** Region of the provider. */
  readonly region: string;
  /**
   * How to get credentials for `accountId`.
   * @default - the default AWS credential chain
   */
  readonly deploy?: DeployCredentials;
  /**
   * Where this account's stack keeps its state.
   * @default - the stack's `backend`
   */
  readonly backend?: BackendConfig;
}

/** Inputs of {@link AccountStack}. */
export interface AccountStackProps {
  /** The account (account A's or a target's settings fit as they are). */
  readonly account: AccountSettings;
  /** Tags the provider puts on every taggable resource. */
  readonly defaultTags: Readonly<Record<string, string>>;
  /**
   * Where the stack keeps its state when its account names no backend.
   * @default - a local file in the project root
   */
  readonly backend?: BackendConfig;
}

/** Session name of the deploy role, as CloudTrail shows it. */
export const DEPLOY_SESSION_NAME = "cdktf-deploy";

/**
 * A stack bound to one AWS account. The provider's `allowed_account_ids`
 * makes Terraform stop before any change when the credentials belong to
 * another account. State goes to the configured backend (a local file by
 * default).
 * Every IAM policy in the stack is validated, and the security rule pack
 * applied, at synthesis.
 */
export class AccountStack extends AddressedStack {
  /** The stack's AWS provider. */
  public readonly provider: AwsProvider;

  public constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id);
    const { account } = props;
    this.provider = new AwsProvider(this, "aws", {
      region: account.region,
      allowedAccountIds: [account.accountId],
      profile: account.deploy?.profile,
      assumeRole: account.deploy?.roleArn
        ? [
            {
              roleArn: account.deploy.roleArn,
              sessionName: DEPLOY_SESSION_NAME,
            },
          ]
        : undefined,
      defaultTags: [{ tags: { ...props.defaultTags } }],
    });
    addStateBackend(
      this,
      account.backend ?? props.backend ?? { type: "local" },
    );
    this.node.addValidation(new PolicyValidation(this));
    Aspects.of(this).add(new SecurityChecks());
  }
}
