import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { buildApp } from "../main";
import {
  addresses,
  policy,
  resource,
  synthesize,
  testConfig,
  targetB,
} from "../test-support/synth";

const NETWORK_ADDRESSES = [
  "aws_default_security_group.private",
  "aws_route_table.private",
  "aws_route_table_association.private",
  "aws_security_group.vpc_endpoints",
  "aws_subnet.private",
  "aws_vpc.private",
  "aws_vpc_endpoint.dynamodb",
  "aws_vpc_endpoint.ec2messages",
  "aws_vpc_endpoint.s3",
  "aws_vpc_endpoint.ssm",
  "aws_vpc_endpoint.ssmmessages",
  "aws_vpc_endpoint.sts",
  "aws_vpc_security_group_egress_rule.app_https_to_dynamodb",
  "aws_vpc_security_group_egress_rule.app_https_to_s3",
  "aws_vpc_security_group_egress_rule.app_https_to_vpc",
  "aws_vpc_security_group_ingress_rule.vpc_endpoints_https_from_vpc",
];

describe("account-a stack", () => {
  const { accountA } = synthesize();

  test("has exactly the article's resources, the data they reference, and the private network", () => {
    expect(addresses(accountA)).toEqual(
      [
        "aws_dynamodb_table.app_table",
        "aws_iam_instance_profile.app_profile",
        "aws_iam_role.app_role",
        "aws_iam_role_policy.app_policy",
        "aws_iam_role_policy.assume_cross_account",
        "aws_iam_role_policy_attachment.ssm_policy",
        "aws_instance.app",
        "aws_s3_bucket.app_bucket",
        "aws_s3_bucket_ownership_controls.app_bucket",
        "aws_s3_bucket_policy.app_bucket",
        "aws_s3_bucket_public_access_block.app_bucket",
        "aws_s3_bucket_server_side_encryption_configuration.app_bucket",
        "aws_s3_bucket_versioning.app_bucket",
        "aws_security_group.app",
        "data.aws_ami.amazon_linux",
        ...NETWORK_ADDRESSES,
      ].sort(),
    );
  });

  describe("provider", () => {
    const [provider] = accountA.provider.aws;

    test("may only touch account A, in its region", () => {
      expect(provider.allowed_account_ids).toEqual(["111111111111"]);
      expect(provider.region).toBe("us-east-1");
    });

    test("tags every resource with project, manager and environment", () => {
      expect(provider.default_tags).toEqual([
        {
          tags: {
            Project: "ec2-assume-role",
            ManagedBy: "cdktf",
            Environment: "production",
          },
        },
      ]);
    });

    test("uses the default credential chain unless config names a profile or a deploy role", () => {
      expect(provider.profile).toBeUndefined();
      expect(provider.assume_role).toBeUndefined();
    });

    test("deploys through a named profile", () => {
      const { accountA: stack } = synthesize(
        testConfig({ accountA: { deploy: { profile: "workload-admin" } } }),
      );
      expect(stack.provider.aws[0].profile).toBe("workload-admin");
    });

    test("deploys through an assumed role", () => {
      const roleArn = "arn:aws:iam::111111111111:role/deployer";
      const { accountA: stack } = synthesize(
        testConfig({ accountA: { deploy: { roleArn } } }),
      );
      expect(stack.provider.aws[0].assume_role).toEqual([
        { role_arn: roleArn, session_name: "cdktf-deploy" },
      ]);
    });
  });

  test("keeps state in a local file named relative to the stack's working directory", () => {
    expect(accountA.terraform.backend).toEqual({
      local: { path: "../../../terraform.account-a.tfstate" },
    });
  });

  describe("instance", () => {
    const instance = resource(accountA, "aws_instance", "app");

    test("enforces IMDSv2 with a hop limit of one", () => {
      const stack = buildApp(Testing.app(), testConfig()).accountA;
      expect(Testing.synth(stack)).toHaveResourceWithProperties(Instance, {
        metadata_options: {
          http_endpoint: "enabled",
          http_tokens: "required",
          http_put_response_hop_limit: 1,
          instance_metadata_tags: "enabled",
        },
      });
    });

    test("has an encrypted gp3 root volume and no public IP", () => {
      expect(instance.root_block_device).toEqual({
        encrypted: true,
        volume_type: "gp3",
      });
      expect(instance.associate_public_ip_address).toBe(false);
    });

    test("runs in its own security group, which has no ingress and only HTTPS egress to the VPC and the gateway endpoints", () => {
      expect(instance.vpc_security_group_ids).toEqual([
        "${aws_security_group.app.id}",
      ]);
      expect(
        accountA.resource.aws_vpc_security_group_ingress_rule,
      ).not.toHaveProperty("app_https_from_vpc");
      const egress = accountA.resource.aws_vpc_security_group_egress_rule;
      for (const rule of Object.values(egress)) {
        expect(rule).toMatchObject({
          security_group_id: "${aws_security_group.app.id}",
          ip_protocol: "tcp",
          from_port: 443,
          to_port: 443,
        });
      }
      expect(
        resource(
          accountA,
          "aws_vpc_security_group_egress_rule",
          "app_https_to_vpc",
        ).cidr_ipv4,
      ).toBe("10.0.0.0/16");
      expect(
        resource(
          accountA,
          "aws_vpc_security_group_egress_rule",
          "app_https_to_s3",
        ).prefix_list_id,
      ).toBe("${aws_vpc_endpoint.s3.prefix_list_id}");
      expect(
        resource(
          accountA,
          "aws_vpc_security_group_egress_rule",
          "app_https_to_dynamodb",
        ).prefix_list_id,
      ).toBe("${aws_vpc_endpoint.dynamodb.prefix_list_id}");
    });
  });

  describe("role", () => {
    test("trusts only the EC2 service", () => {
      expect(
        policy(accountA, "aws_iam_role", "app_role", "assume_role_policy"),
      ).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Action: "sts:AssumeRole",
            Effect: "Allow",
            Principal: { Service: "ec2.amazonaws.com" },
          },
        ],
      });
    });

    test("may assume exactly the configured role of account B", () => {
      const { accountA: stack } = synthesize(
        testConfig({
          ...targetB({ accountId: "333333333333", roleName: "reader" }),
          partition: "aws-us-gov",
        }),
      );
      expect(
        policy(stack, "aws_iam_role_policy", "assume_cross_account"),
      ).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "sts:AssumeRole",
            Resource: "arn:aws-us-gov:iam::333333333333:role/reader",
          },
        ],
      });
      expect(
        resource(stack, "aws_iam_role_policy_attachment", "ssm_policy")
          .policy_arn,
      ).toBe("arn:aws-us-gov:iam::aws:policy/AmazonSSMManagedInstanceCore");
    });
  });

  describe("bucket", () => {
    test("is named for the account and region unless config names it", () => {
      expect(resource(accountA, "aws_s3_bucket", "app_bucket").bucket).toBe(
        "application-data-111111111111-us-east-1",
      );
      const { accountA: named } = synthesize(
        testConfig({ accountA: { bucketName: "my-app-data" } }),
      );
      expect(resource(named, "aws_s3_bucket", "app_bucket").bucket).toBe(
        "my-app-data",
      );
    });

    test("blocks all public access", () => {
      const stack = buildApp(Testing.app(), testConfig()).accountA;
      expect(Testing.synth(stack)).toHaveResourceWithProperties(
        S3BucketPublicAccessBlock,
        {
          bucket: "${aws_s3_bucket.app_bucket.id}",
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        },
      );
    });

    test("is encrypted, versioned and owner-enforced", () => {
      expect(
        resource(
          accountA,
          "aws_s3_bucket_server_side_encryption_configuration",
          "app_bucket",
        ).rule,
      ).toEqual([
        {
          apply_server_side_encryption_by_default: { sse_algorithm: "AES256" },
        },
      ]);
      expect(
        resource(accountA, "aws_s3_bucket_versioning", "app_bucket")
          .versioning_configuration,
      ).toEqual({ status: "Enabled" });
      expect(
        resource(accountA, "aws_s3_bucket_ownership_controls", "app_bucket")
          .rule,
      ).toEqual({
        object_ownership: "BucketOwnerEnforced",
      });
    });

    test("denies every request not made over TLS", () => {
      expect(policy(accountA, "aws_s3_bucket_policy", "app_bucket")).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: "s3:*",
            Resource: [
              "${aws_s3_bucket.app_bucket.arn}",
              "${aws_s3_bucket.app_bucket.arn}/*",
            ],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      });
      expect(
        resource(accountA, "aws_s3_bucket_policy", "app_bucket").depends_on,
      ).toEqual(["aws_s3_bucket_public_access_block.app_bucket"]);
    });
  });

  test("table is on-demand, recoverable to a point in time, and encrypted", () => {
    expect(resource(accountA, "aws_dynamodb_table", "app_table")).toEqual({
      name: "application-table",
      billing_mode: "PAY_PER_REQUEST",
      hash_key: "pk",
      range_key: "sk",
      attribute: [
        { name: "pk", type: "S" },
        { name: "sk", type: "S" },
      ],
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
    });
  });

  describe("private network", () => {
    test("is a VPC with DNS (for private endpoint names) and a subnet with no public IPs", () => {
      expect(resource(accountA, "aws_vpc", "private")).toMatchObject({
        cidr_block: "10.0.0.0/16",
        enable_dns_support: true,
        enable_dns_hostnames: true,
      });
      expect(resource(accountA, "aws_subnet", "private")).toMatchObject({
        vpc_id: "${aws_vpc.private.id}",
        cidr_block: "10.0.1.0/24",
        map_public_ip_on_launch: false,
      });
    });

    test("has no route to the internet: no gateways, and the subnet's route table has no routes", () => {
      for (const gateway of [
        "aws_internet_gateway",
        "aws_egress_only_internet_gateway",
        "aws_nat_gateway",
        "aws_route",
      ]) {
        expect(Object.keys(accountA.resource)).not.toContain(gateway);
      }
      expect(
        resource(accountA, "aws_route_table", "private").route,
      ).toBeUndefined();
      expect(
        resource(accountA, "aws_route_table_association", "private"),
      ).toMatchObject({
        subnet_id: "${aws_subnet.private.id}",
        route_table_id: "${aws_route_table.private.id}",
      });
    });

    test.each(["s3", "dynamodb"])(
      "reaches %s through a gateway endpoint on the subnet's route table",
      (service) => {
        expect(resource(accountA, "aws_vpc_endpoint", service)).toMatchObject({
          service_name: `com.amazonaws.us-east-1.${service}`,
          vpc_endpoint_type: "Gateway",
          route_table_ids: ["${aws_route_table.private.id}"],
        });
      },
    );

    test.each(["ssm", "ssmmessages", "ec2messages", "sts"])(
      "reaches %s through an interface endpoint with private DNS",
      (service) => {
        expect(resource(accountA, "aws_vpc_endpoint", service)).toMatchObject({
          service_name: `com.amazonaws.us-east-1.${service}`,
          vpc_endpoint_type: "Interface",
          private_dns_enabled: true,
          subnet_ids: ["${aws_subnet.private.id}"],
          security_group_ids: ["${aws_security_group.vpc_endpoints.id}"],
        });
      },
    );

    test("endpoints accept HTTPS from the VPC only", () => {
      expect(
        resource(
          accountA,
          "aws_vpc_security_group_ingress_rule",
          "vpc_endpoints_https_from_vpc",
        ),
      ).toMatchObject({
        security_group_id: "${aws_security_group.vpc_endpoints.id}",
        cidr_ipv4: "10.0.0.0/16",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
      });
    });

    test("empties the VPC's default security group", () => {
      const group = resource(accountA, "aws_default_security_group", "private");
      expect(group.vpc_id).toBe("${aws_vpc.private.id}");
      expect(group.ingress).toBeUndefined();
      expect(group.egress).toBeUndefined();
    });

    test("uses an existing VPC and subnet instead when config names them, creating no network", () => {
      const { accountA: stack } = synthesize(
        testConfig({
          accountA: {
            network: {
              mode: "existing",
              vpcId: "vpc-0123456789abcdef0",
              subnetId: "subnet-0123456789abcdef0",
            },
          },
        }),
      );
      const created = addresses(stack).filter((a) =>
        NETWORK_ADDRESSES.includes(a),
      );
      expect(created).toEqual([]);
      expect(resource(stack, "aws_instance", "app").subnet_id).toBe(
        "subnet-0123456789abcdef0",
      );
      expect(resource(stack, "aws_security_group", "app").vpc_id).toBe(
        "vpc-0123456789abcdef0",
      );
      expect(
        resource(
          stack,
          "aws_vpc_security_group_egress_rule",
          "app_https_to_anywhere",
        ).cidr_ipv4,
      ).toBe("0.0.0.0/0");
    });
  });

  test("outputs what a user needs after deploy", () => {
    expect(accountA.output).toMatchObject({
      app_role_arn: { value: "${aws_iam_role.app_role.arn}" },
      instance_profile_name: {
        value: "${aws_iam_instance_profile.app_profile.name}",
      },
      instance_id: { value: "${aws_instance.app.id}" },
      bucket_name: { value: "${aws_s3_bucket.app_bucket.bucket}" },
      table_name: { value: "${aws_dynamodb_table.app_table.name}" },
    });
  });

  test("snapshot (a change detector for review, not the assertion)", () => {
    expect(accountA).toMatchSnapshot();
  });
});
