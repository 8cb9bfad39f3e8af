/**
 * Account A, the workload account: the EC2 instance, the role it runs as,
 * that role's permissions (including the hop into account B), and the
 * bucket, table and private network the instance uses.
 */
import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { DataAwsAmi } from "@cdktf/provider-aws/lib/data-aws-ami";
import { AccountStack, AccountStackProps } from "../lib/account-stack";
import { Partition, awsManagedPolicyArn } from "../lib/arn";
import { AccountAConfig, defaultBucketName } from "../lib/config/schema";
import { Ec2InstanceRole } from "../lib/constructs/ec2-instance-role";
import { HardenedInstance } from "../lib/constructs/hardened-instance";
import { PrivateNetwork } from "../lib/constructs/private-network";
import { RecoverableTable } from "../lib/constructs/recoverable-table";
import { SecureBucket } from "../lib/constructs/secure-bucket";
import { RulePeer } from "../lib/constructs/security-group";
import {
  applicationDataPolicy,
  assumeRolePolicy,
} from "../lib/policy/identity";

/** Services the instance reaches through interface endpoints: Session Manager and STS. */
export const INTERFACE_ENDPOINT_SERVICES = [
  "ssm",
  "ssmmessages",
  "ec2messages",
  "sts",
] as const;

/** Services the instance reaches through gateway endpoints: its bucket and table. */
export const GATEWAY_ENDPOINT_SERVICES = ["s3", "dynamodb"] as const;

/** Inputs of {@link AccountAStack}. */
export interface AccountAStackProps extends AccountStackProps {
  /** Account A's settings. */
  readonly account: AccountAConfig;
  /** Partition of both accounts. */
  readonly partition: Partition;
  /** Value of the role's `Environment` tag. */
  readonly environment: string;
  /** ARNs of the target accounts' roles, the only roles the instance role may assume. */
  readonly crossAccountRoleArns: readonly string[];
}

/** The workload account's stack. */
export class AccountAStack extends AccountStack {
  public constructor(scope: Construct, id: string, props: AccountAStackProps) {
    const { account } = props;
    super(scope, id, props);

    const appRole = new Ec2InstanceRole(this, "app_role", {
      name: account.roleName,
      tags: { Environment: props.environment },
      instanceProfile: { id: "app_profile", name: account.instanceProfileName },
    });
    appRole.attachManagedPolicy(
      "ssm_policy",
      awsManagedPolicyArn(props.partition, "AmazonSSMManagedInstanceCore"),
    );

    const bucket = new SecureBucket(this, "app_bucket", {
      bucketName: account.bucketName ?? defaultBucketName(account),
    });
    const table = new RecoverableTable(this, "app_table", {
      tableName: account.table.name,
      partitionKey: account.table.partitionKey,
      sortKey: account.table.sortKey,
    });
    appRole.addInlinePolicy("app_policy", {
      name: account.appPolicyName,
      document: applicationDataPolicy({
        bucketArn: bucket.resource.arn,
        tableArn: table.resource.arn,
      }),
    });
    appRole.addInlinePolicy("assume_cross_account", {
      name: account.assumePolicyName,
      document: assumeRolePolicy(props.crossAccountRoleArns),
    });

    const ami = new DataAwsAmi(this, "amazon_linux", {
      mostRecent: true,
      owners: ["amazon"],
      filter: [{ name: "name", values: [account.instance.amiNamePattern] }],
    });

    const placement = this.placement(account);
    const instance = new HardenedInstance(this, "app", {
      name: account.instance.name,
      ami: ami.id,
      instanceType: account.instance.type,
      instanceProfileName: appRole.instanceProfile.name,
      ...placement,
    });

    new TerraformOutput(this, "app_role_arn", {
      value: appRole.resource.arn,
      description:
        "ARN of the role the instance runs as (account B's trust names it)",
    });
    new TerraformOutput(this, "instance_profile_name", {
      value: appRole.instanceProfile.name,
      description:
        "Instance profile to launch more instances with the same role",
    });
    new TerraformOutput(this, "instance_id", {
      value: instance.resource.id,
      description:
        "The instance; reach it with `aws ssm start-session --target <id>`",
    });
    new TerraformOutput(this, "bucket_name", {
      value: bucket.resource.bucket,
      description: "The application's bucket",
    });
    new TerraformOutput(this, "table_name", {
      value: table.resource.name,
      description: "The application's table",
    });
  }

  /**
   * Where the instance runs and what it may reach: the private network this
   * stack creates (HTTPS to its endpoints only) or an existing subnet (HTTPS
   * anywhere; that network's routes decide).
   */
  private placement(account: AccountAConfig): {
    vpcId: string;
    subnetId: string;
    httpsEgress: Record<string, RulePeer>;
  } {
    const network = account.network;
    if (network.mode === "existing") {
      return {
        vpcId: network.vpcId,
        subnetId: network.subnetId,
        httpsEgress: { anywhere: { cidrIpv4: "0.0.0.0/0" } },
      };
    }
    const created = new PrivateNetwork(this, "private", {
      name: account.instance.name,
      region: account.region,
      vpcCidr: network.vpcCidr,
      subnetCidr: network.subnetCidr,
      availabilityZone: network.availabilityZone,
      gatewayEndpoints: GATEWAY_ENDPOINT_SERVICES,
      interfaceEndpoints: INTERFACE_ENDPOINT_SERVICES,
    });
    const gatewayEgress = Object.fromEntries(
      Object.entries(created.gatewayEndpoints).map(([service, endpoint]) => [
        service,
        { prefixListId: endpoint.prefixListId },
      ]),
    );
    return {
      vpcId: created.vpc.id,
      subnetId: created.subnet.id,
      httpsEgress: { vpc: { cidrIpv4: network.vpcCidr }, ...gatewayEgress },
    };
  }
}
