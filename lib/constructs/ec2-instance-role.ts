/** The role an EC2 instance runs as, with the instance profile that carries it. */
import { Construct } from "constructs";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { serviceTrustPolicy } from "../policy/trust";
import { Role, RoleProps } from "./role";

/** The EC2 service principal the role trusts. */
export const EC2_SERVICE_PRINCIPAL = "ec2.amazonaws.com";

/** Inputs of {@link Ec2InstanceRole}. */
export interface Ec2InstanceRoleProps extends Omit<RoleProps, "trustPolicy"> {
  /** The instance profile: its construct id (its Terraform name) and its IAM name. */
  readonly instanceProfile: { readonly id: string; readonly name: string };
}

/**
 * A role only EC2 may assume, and its instance profile: the container EC2
 * uses to hand the role's credentials to an instance through IMDS.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html
 */
export class Ec2InstanceRole extends Role {
  /** The `aws_iam_instance_profile` to attach to instances. */
  public readonly instanceProfile: IamInstanceProfile;

  public constructor(
    scope: Construct,
    id: string,
    props: Ec2InstanceRoleProps,
  ) {
    super(scope, id, {
      ...props,
      trustPolicy: serviceTrustPolicy(EC2_SERVICE_PRINCIPAL),
    });
    this.instanceProfile = new IamInstanceProfile(
      this,
      props.instanceProfile.id,
      {
        name: props.instanceProfile.name,
        role: this.resource.name,
      },
    );
  }
}
