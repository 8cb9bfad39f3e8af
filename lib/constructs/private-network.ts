/**
 * A VPC with one private subnet and no route to the internet, where AWS APIs
 * are reached through VPC endpoints only.
 */
import { Construct } from "constructs";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { SecurityGroup } from "./security-group";

/** Inputs of {@link PrivateNetwork}. */
export interface PrivateNetworkProps {
  /** Name tag prefix of the network's resources. */
  readonly name: string;
  /** Region, for the endpoint service names (`com.amazonaws.<region>.<service>`). */
  readonly region: string;
  /** IPv4 block of the VPC. */
  readonly vpcCidr: string;
  /** IPv4 block of the private subnet, inside the VPC's. */
  readonly subnetCidr: string;
  /**
   * Availability zone of the subnet.
   * @default - AWS chooses
   */
  readonly availabilityZone?: string;
  /** Services reached through gateway endpoints on the subnet's route table (e.g. s3, dynamodb). */
  readonly gatewayEndpoints: readonly string[];
  /** Services reached through interface endpoints with private DNS (e.g. ssm, sts). */
  readonly interfaceEndpoints: readonly string[];
}

/**
 * The VPC is `aws_vpc.<id>` and its subnet, route table and association are
 * `<type>.<id>` too; each endpoint is `aws_vpc_endpoint.<service>`. The
 * default security group is emptied, and the interface endpoints accept
 * HTTPS from the VPC only.
 * @see https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html
 */
export class PrivateNetwork extends Construct {
  /** The VPC. */
  public readonly vpc: Vpc;
  /** The private subnet instances run in. */
  public readonly subnet: Subnet;
  /** Gateway endpoints by service name, for their prefix lists. */
  public readonly gatewayEndpoints: Readonly<Record<string, VpcEndpoint>>;

  public constructor(scope: Construct, id: string, props: PrivateNetworkProps) {
    super(scope, id);
    const tags = (suffix: string) => ({ Name: `${props.name}-${suffix}` });
    this.vpc = new Vpc(this, "Default", {
      cidrBlock: props.vpcCidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: tags("vpc"),
    });
    new DefaultSecurityGroup(this, "DefaultSecurityGroup", {
      vpcId: this.vpc.id,
      tags: tags("default-deny-all"),
    });
    this.subnet = new Subnet(this, "Subnet", {
      vpcId: this.vpc.id,
      cidrBlock: props.subnetCidr,
      availabilityZone: props.availabilityZone,
      mapPublicIpOnLaunch: false,
      tags: tags("private"),
    });
    const routeTable = new RouteTable(this, "RouteTable", {
      vpcId: this.vpc.id,
      tags: tags("private"),
    });
    new RouteTableAssociation(this, "RouteTableAssociation", {
      subnetId: this.subnet.id,
      routeTableId: routeTable.id,
    });

    const serviceName = (service: string) =>
      `com.amazonaws.${props.region}.${service}`;
    this.gatewayEndpoints = Object.fromEntries(
      props.gatewayEndpoints.map((service) => [
        service,
        new VpcEndpoint(this, service, {
          vpcId: this.vpc.id,
          serviceName: serviceName(service),
          vpcEndpointType: "Gateway",
          routeTableIds: [routeTable.id],
          tags: tags(service),
        }),
      ]),
    );

    const endpointGroup = new SecurityGroup(this, "vpc_endpoints", {
      name: `${props.name}-vpc-endpoints`,
      description: "HTTPS from the VPC to the interface endpoints",
      vpcId: this.vpc.id,
    });
    endpointGroup.allowHttpsFrom("vpc", { cidrIpv4: props.vpcCidr });
    for (const service of props.interfaceEndpoints) {
      new VpcEndpoint(this, service, {
        vpcId: this.vpc.id,
        serviceName: serviceName(service),
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: [this.subnet.id],
        securityGroupIds: [endpointGroup.resource.id],
        tags: tags(service),
      });
    }
  }
}
