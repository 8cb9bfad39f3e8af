/** An IAM role and the policies attached to it, each at its own Terraform address. */
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { PolicyDocument } from "../policy/document";

/** Inputs of {@link Role}. */
export interface RoleProps {
  /**
   * Role name.
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  readonly name: string;
  /** Who may assume the role. */
  readonly trustPolicy: PolicyDocument;
  /**
   * Longest session, in seconds, that `AssumeRole` may ask for.
   * @default - the IAM default (3600)
   */
  readonly maxSessionDuration?: number;
  /**
   * Tags of the role, on top of the provider's default tags.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/** An inline policy to put on a role. */
export interface InlinePolicyProps {
  /** Policy name, unique on the role. */
  readonly name: string;
  /** The policy document. */
  readonly document: PolicyDocument;
}

/**
 * An IAM role (addressed by this construct's id) whose policies are added
 * one by one, each under the id the caller gives it.
 */
export class Role extends Construct {
  /** The underlying `aws_iam_role`. */
  public readonly resource: IamRole;

  public constructor(scope: Construct, id: string, props: RoleProps) {
    super(scope, id);
    this.resource = new IamRole(this, "Default", {
      name: props.name,
      assumeRolePolicy: Fn.jsonencode(props.trustPolicy),
      maxSessionDuration: props.maxSessionDuration,
      tags: props.tags && { ...props.tags },
    });
  }

  /** Puts an inline policy on the role as `aws_iam_role_policy.<id>`. */
  public addInlinePolicy(id: string, props: InlinePolicyProps): IamRolePolicy {
    return new IamRolePolicy(this, id, {
      name: props.name,
      role: this.resource.id,
      policy: Fn.jsonencode(props.document),
    });
  }

  /** Attaches a managed policy as `aws_iam_role_policy_attachment.<id>`. */
  public attachManagedPolicy(
    id: string,
    policyArn: string,
  ): IamRolePolicyAttachment {
    return new IamRolePolicyAttachment(this, id, {
      role: this.resource.name,
      policyArn,
    });
  }
}
