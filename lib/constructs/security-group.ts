/** A security group whose HTTPS rules are separate, individually addressed resources. */
import { Construct } from "constructs";
import { SecurityGroup as AwsSecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";

/** The other side of a rule: an IPv4 block or a managed prefix list (e.g. of a gateway endpoint). */
export type RulePeer =
  { readonly cidrIpv4: string } | { readonly prefixListId: string };

/** Inputs of {@link SecurityGroup}. */
export interface SecurityGroupProps {
  /** Group name. */
  readonly name: string;
  /** What the group is for; shown in the console. */
  readonly description: string;
  /** VPC the group belongs to. */
  readonly vpcId: string;
}

const HTTPS = { ipProtocol: "tcp", fromPort: 443, toPort: 443 } as const;

/**
 * A security group that starts with no rules at all (Terraform removes the
 * default allow-all egress) and opens only HTTPS, peer by peer, each rule a
 * resource of its own named after the group and the peer.
 */
export class SecurityGroup extends Construct {
  /** The underlying `aws_security_group`. */
  public readonly resource: AwsSecurityGroup;

  public constructor(scope: Construct, id: string, props: SecurityGroupProps) {
    super(scope, id);
    this.resource = new AwsSecurityGroup(this, "Default", {
      name: props.name,
      description: props.description,
      vpcId: props.vpcId,
      tags: { Name: props.name },
    });
  }

  /** Allows inbound HTTPS from `peer`, as `<group>_https_from_<peerName>`. */
  public allowHttpsFrom(peerName: string, peer: RulePeer): void {
    new VpcSecurityGroupIngressRule(this, this.ruleId("https_from", peerName), {
      securityGroupId: this.resource.id,
      description: `HTTPS from ${peerName}`,
      ...HTTPS,
      ...peer,
    });
  }

  /** Allows outbound HTTPS to `peer`, as `<group>_https_to_<peerName>`. */
  public allowHttpsTo(peerName: string, peer: RulePeer): void {
    new VpcSecurityGroupEgressRule(this, this.ruleId("https_to", peerName), {
      securityGroupId: this.resource.id,
      description: `HTTPS to ${peerName}`,
      ...HTTPS,
      ...peer,
    });
  }

  private ruleId(direction: string, peerName: string): string {
    return `${this.resource.friendlyUniqueId}_${direction}_${peerName}`;
  }
}
