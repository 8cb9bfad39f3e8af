// The article's Complete, Cross-Account and IMDSv2 blocks, restated here as
// data, must each be present in the default synthesis under the article's
// address with equal values; policies must be the same IAM documents.
import { AL2023_AMI_NAME_PATTERN } from "../lib/config/schema";
import {
  StackJson,
  policy,
  resource,
  synthesize,
  testConfig,
} from "../test-support/synth";

const { accountA, accountB } = synthesize();

const ec2Trust = {
  Version: "2012-10-17",
  Statement: [
    {
      Action: "sts:AssumeRole",
      Effect: "Allow",
      Principal: { Service: "ec2.amazonaws.com" },
    },
  ],
};

interface ArticleBlock {
  section: string;
  stack: StackJson;
  type: string;
  name: string;
  /** Plain attributes, compared for equality one by one. */
  attributes: Record<string, unknown>;
  /** Attributes that hold a jsonencode'd policy, compared as decoded documents. */
  policies?: Record<string, unknown>;
}

const blocks: ArticleBlock[] = [
  {
    section: "Complete",
    stack: accountA,
    type: "aws_iam_role",
    name: "app_role",
    attributes: {
      name: "application-ec2-role",
      tags: { Environment: "production" },
    },
    policies: { assume_role_policy: ec2Trust },
  },
  {
    section: "Complete",
    stack: accountA,
    type: "aws_iam_role_policy_attachment",
    name: "ssm_policy",
    attributes: {
      role: "${aws_iam_role.app_role.name}",
      policy_arn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    },
  },
  {
    section: "Complete",
    stack: accountA,
    type: "aws_iam_role_policy",
    name: "app_policy",
    attributes: {
      name: "application-permissions",
      role: "${aws_iam_role.app_role.id}",
    },
    policies: {
      policy: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "S3Access",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
            Resource: [
              "${aws_s3_bucket.app_bucket.arn}",
              "${aws_s3_bucket.app_bucket.arn}/*",
            ],
          },
          {
            Sid: "DynamoDBAccess",
            Effect: "Allow",
            Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
            Resource: "${aws_dynamodb_table.app_table.arn}",
          },
        ],
      },
    },
  },
  {
    section: "Complete",
    stack: accountA,
    type: "aws_iam_instance_profile",
    name: "app_profile",
    attributes: {
      name: "application-instance-profile",
      role: "${aws_iam_role.app_role.name}",
    },
  },
  {
    section: "Complete",
    stack: accountA,
    type: "aws_instance",
    name: "app",
    attributes: {
      ami: "${data.aws_ami.amazon_linux.id}",
      instance_type: "t3.micro",
      iam_instance_profile: "${aws_iam_instance_profile.app_profile.name}",
      subnet_id: "${aws_subnet.private.id}",
      tags: { Name: "application-server" },
    },
  },
  {
    section: "Cross-Account (account B)",
    stack: accountB,
    type: "aws_iam_role",
    name: "cross_account_role",
    attributes: { name: "cross-account-access-role" },
    policies: {
      assume_role_policy: {
        Version: "2012-10-17",
        Statement: [
          {
            Action: "sts:AssumeRole",
            Effect: "Allow",
            Principal: {
              AWS: "arn:aws:iam::111111111111:role/application-ec2-role",
            },
            Condition: {
              StringEquals: { "sts:ExternalId": "unique-external-id-12345" },
            },
          },
        ],
      },
    },
  },
  {
    section: "Cross-Account (account A)",
    stack: accountA,
    type: "aws_iam_role_policy",
    name: "assume_cross_account",
    attributes: {
      name: "assume-cross-account-role",
      role: "${aws_iam_role.app_role.id}",
    },
    policies: {
      policy: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "sts:AssumeRole",
            Resource:
              "arn:aws:iam::222222222222:role/cross-account-access-role",
          },
        ],
      },
    },
  },
  {
    // The article's `secure_app` shows these settings on a second instance;
    // here they harden the one instance, `aws_instance.app`.
    section: "Enforcing IMDSv2",
    stack: accountA,
    type: "aws_instance",
    name: "app",
    attributes: {
      ami: "${data.aws_ami.amazon_linux.id}",
      instance_type: "t3.micro",
      iam_instance_profile: "${aws_iam_instance_profile.app_profile.name}",
      metadata_options: {
        http_endpoint: "enabled",
        http_tokens: "required",
        http_put_response_hop_limit: 1,
        instance_metadata_tags: "enabled",
      },
    },
  },
];

describe("the default synthesis mirrors the article", () => {
  describe.each(blocks.map((b) => ({ ...b, address: `${b.type}.${b.name}` })))(
    "$section: $address",
    (block) => {
      const synthesized = resource(block.stack, block.type, block.name);

      test.each(Object.entries(block.attributes))(
        "%s equals the article's value",
        (key, value) => {
          expect(synthesized[key]).toEqual(value);
        },
      );

      if (block.policies) {
        test.each(Object.entries(block.policies))(
          "%s is the article's IAM document",
          (key, document) => {
            expect(policy(block.stack, block.type, block.name, key)).toEqual(
              document,
            );
          },
        );
      }
    },
  );

  test("data.aws_ami.amazon_linux: the article's filter shape, with AL2023 in place of end-of-life AL2", () => {
    const ami = accountA.data?.aws_ami?.amazon_linux;
    expect(ami).toMatchObject({
      most_recent: true,
      owners: ["amazon"],
      filter: [{ name: "name", values: [AL2023_AMI_NAME_PATTERN] }],
    });
  });

  test("the article's AL2 image is one config value away", () => {
    const al2 = "amzn2-ami-hvm-*-x86_64-gp2";
    const { accountA: withAl2 } = synthesize(
      testConfig({ accountA: { instance: { amiNamePattern: al2 } } }),
    );
    expect(withAl2.data?.aws_ami?.amazon_linux).toMatchObject({
      filter: [{ name: "name", values: [al2] }],
    });
  });
});
