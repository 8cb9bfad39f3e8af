/** An EC2 instance that can reach its credentials only through IMDSv2 and has no way in from the network. */
import { Construct } from "constructs";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { RulePeer, SecurityGroup } from "./security-group";

/**
 * IMDS settings: tokens required (IMDSv2 only), one network hop so a
 * container or a forwarded request cannot reach it, instance tags readable.
 * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html
 */
export const IMDSV2_METADATA_OPTIONS = {
  httpEndpoint: "enabled",
  httpTokens: "required",
  httpPutResponseHopLimit: 1,
  instanceMetadataTags: "enabled",
} as const;

/** Inputs of {@link HardenedInstance}. */
export interface HardenedInstanceProps {
  /** `Name` tag, also the security group's name prefix. */
  readonly name: string;
  /** AMI id. */
  readonly ami: string;
  /** Instance type, e.g. t3.micro. */
  readonly instanceType: string;
  /** Name of the instance profile that carries the instance's role. */
  readonly instanceProfileName: string;
  /** VPC of the subnet. */
  readonly vpcId: string;
  /** Subnet to launch in. */
  readonly subnetId: string;
  /** Destinations the instance may reach over HTTPS, by a short snake_case name; nothing else is allowed out. */
  readonly httpsEgress: Readonly<Record<string, RulePeer>>;
}

/**
 * `aws_instance.<id>` with IMDSv2 enforced, an encrypted gp3 root volume and
 * no public IP, in `aws_security_group.<id>`, which allows no ingress and
 * only the HTTPS egress given.
 */
export class HardenedInstance extends Construct {
  /** The underlying `aws_instance`. */
  public readonly resource: Instance;

  public constructor(
    scope: Construct,
    id: string,
    props: HardenedInstanceProps,
  ) {
    super(scope, id);
    const group = new SecurityGroup(this, "SecurityGroup", {
      name: `${props.name}-instance`,
      description: `Instance ${props.name}: no ingress, HTTPS egress only`,
      vpcId: props.vpcId,
    });
    for (const [peerName, peer] of Object.entries(props.httpsEgress)) {
      group.allowHttpsTo(peerName, peer);
    }
    this.resource = new Instance(this, "Default", {
      ami: props.ami,
      instanceType: props.instanceType,
      iamInstanceProfile: props.instanceProfileName,
      subnetId: props.subnetId,
      vpcSecurityGroupIds: [group.resource.id],
      associatePublicIpAddress: false,
      metadataOptions: IMDSV2_METADATA_OPTIONS,
      rootBlockDevice: { encrypted: true, volumeType: "gp3" },
      tags: { Name: props.name },
    });
  }
}
