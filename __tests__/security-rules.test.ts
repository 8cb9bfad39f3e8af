// Every rule of the pack against the default stacks (compliant) and against
// the same stacks with one setting broken (non-compliant).
import { ruleContext } from "../lib/checks/aspect";
import { SecurityRule } from "../lib/checks/rule";
import { SECURITY_RULES } from "../lib/checks/rules";
import { TerraformJson } from "../lib/iam/stack-policies";
import { StackJson, synthesize } from "../test-support/synth";

const defaults = synthesize();

type Edit = (stack: StackJson) => void;

/** The findings of `rule` on a stack, after `edit` changed a copy of it. */
function findings(
  rule: SecurityRule,
  stack: StackJson,
  edit: Edit = () => undefined,
): string[] {
  const copy = structuredClone(stack);
  edit(copy);
  return rule
    .check(ruleContext(copy as TerraformJson))
    .map((f) => `${f.address} ${f.finding}`);
}

/** Replaces text inside one jsonencode'd policy attribute. */
const editPolicy =
  (
    type: string,
    name: string,
    attribute: string,
    from: RegExp,
    to: string,
  ): Edit =>
  (stack) => {
    const block = stack.resource[type][name];
    const before = block[attribute] as string;
    block[attribute] = before.replace(from, to);
    expect(block[attribute]).not.toBe(before);
  };

const rule = (id: string) => {
  const found = SECURITY_RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};

const A = defaults.accountA;
const B = defaults.accountB;

// rule id, the stack, how to break it, the findings expected
const cases: [string, StackJson, Edit, string[]][] = [
  [
    "EC2-IMDSv2",
    A,
    (s) =>
      Object.assign(s.resource.aws_instance.app.metadata_options as object, {
        http_tokens: "optional",
        http_put_response_hop_limit: 2,
      }),
    [
      "aws_instance.app MetadataOptions::http_tokens=optional",
      "aws_instance.app MetadataOptions::http_put_response_hop_limit=2",
    ],
  ],
  [
    "EC2-RootVolumeEncrypted",
    A,
    (s) =>
      delete (
        s.resource.aws_instance.app.root_block_device as Record<string, unknown>
      ).encrypted,
    ["aws_instance.app RootBlockDevice::encrypted"],
  ],
  [
    "EC2-NoPublicIp",
    A,
    (s) => (s.resource.aws_instance.app.associate_public_ip_address = true),
    ["aws_instance.app AssociatePublicIpAddress::true"],
  ],
  [
    "IAM-NoWildcardAction",
    B,
    editPolicy(
      "aws_iam_role_policy",
      "cross_account_permissions",
      "policy",
      /"s3:ListAllMyBuckets"/,
      '"s3:*"',
    ),
    ["aws_iam_role_policy.cross_account_permissions Action::s3:*"],
  ],
  [
    "IAM-NoWildcardResource",
    A,
    editPolicy(
      "aws_iam_role_policy",
      "app_policy",
      "policy",
      /"Resource" = aws_dynamodb_table\.app_table\.arn/,
      '"Resource" = "*"',
    ),
    [
      "aws_iam_role_policy.app_policy Resource::*::dynamodb:GetItem",
      "aws_iam_role_policy.app_policy Resource::*::dynamodb:PutItem",
      "aws_iam_role_policy.app_policy Resource::*::dynamodb:Query",
    ],
  ],
  [
    "IAM-NoAdminAccess",
    A,
    (s) =>
      (s.resource.aws_iam_role_policy_attachment.ssm_policy.policy_arn =
        "arn:aws:iam::aws:policy/AdministratorAccess"),
    [
      "aws_iam_role_policy_attachment.ssm_policy ManagedPolicy::AdministratorAccess",
    ],
  ],
  [
    "IAM-NoAdminAccess",
    B,
    editPolicy(
      "aws_iam_role_policy",
      "cross_account_permissions",
      "policy",
      /"s3:ListAllMyBuckets"/,
      '"iam:*"',
    ),
    ["aws_iam_role_policy.cross_account_permissions Action::iam:*"],
  ],
  [
    "Trust-NoWildcardPrincipal",
    B,
    editPolicy(
      "aws_iam_role",
      "cross_account_role",
      "assume_role_policy",
      /"AWS" = "[^"]+"/,
      '"AWS" = "*"',
    ),
    ["aws_iam_role.cross_account_role Principal::*"],
  ],
  [
    "Trust-RoleNotRoot",
    B,
    editPolicy(
      "aws_iam_role",
      "cross_account_role",
      "assume_role_policy",
      /role\/application-ec2-role/,
      "root",
    ),
    [
      "aws_iam_role.cross_account_role Principal::arn:aws:iam::111111111111:root",
    ],
  ],
  [
    "Trust-ExternalIdRequired",
    B,
    editPolicy(
      "aws_iam_role",
      "cross_account_role",
      "assume_role_policy",
      /"StringEquals"/,
      '"StringLike"',
    ),
    ["aws_iam_role.cross_account_role Condition::StringEquals::sts:ExternalId"],
  ],
  [
    "Trust-ServiceScoped",
    A,
    editPolicy(
      "aws_iam_role",
      "app_role",
      "assume_role_policy",
      /"Service" = "ec2\.amazonaws\.com"/,
      '"Service" = ["ec2.amazonaws.com", "lambda.amazonaws.com"]',
    ),
    ["aws_iam_role.app_role Principal::Service::lambda.amazonaws.com"],
  ],
  [
    "S3-PublicAccessBlocked",
    A,
    (s) =>
      (s.resource.aws_s3_bucket_public_access_block.app_bucket.restrict_public_buckets = false),
    ["aws_s3_bucket.app_bucket PublicAccessBlock::restrict_public_buckets"],
  ],
  [
    "S3-PublicAccessBlocked",
    A,
    (s) => delete s.resource.aws_s3_bucket_public_access_block,
    ["aws_s3_bucket.app_bucket PublicAccessBlock::missing"],
  ],
  [
    "S3-Encrypted",
    A,
    (s) => delete s.resource.aws_s3_bucket_server_side_encryption_configuration,
    ["aws_s3_bucket.app_bucket Encryption::missing"],
  ],
  [
    "S3-Versioned",
    A,
    (s) =>
      (s.resource.aws_s3_bucket_versioning.app_bucket.versioning_configuration =
        { status: "Suspended" }),
    ["aws_s3_bucket.app_bucket Versioning::disabled"],
  ],
  [
    "S3-TlsOnly",
    A,
    editPolicy(
      "aws_s3_bucket_policy",
      "app_bucket",
      "policy",
      /"aws:SecureTransport" = "false"/,
      '"aws:SecureTransport" = "true"',
    ),
    ["aws_s3_bucket.app_bucket BucketPolicy::aws:SecureTransport"],
  ],
  [
    "DynamoDB-PointInTimeRecovery",
    A,
    (s) =>
      (s.resource.aws_dynamodb_table.app_table.point_in_time_recovery = {
        enabled: false,
      }),
    ["aws_dynamodb_table.app_table PointInTimeRecovery::disabled"],
  ],
  [
    "DynamoDB-Encrypted",
    A,
    (s) =>
      delete s.resource.aws_dynamodb_table.app_table.server_side_encryption,
    ["aws_dynamodb_table.app_table ServerSideEncryption::disabled"],
  ],
  [
    "VPC-DefaultSecurityGroupClosed",
    A,
    (s) =>
      (s.resource.aws_default_security_group.private.ingress = [
        { from_port: 0 },
      ]),
    ["aws_default_security_group.private DefaultSecurityGroup::ingress"],
  ],
  [
    "VPC-DefaultSecurityGroupClosed",
    A,
    (s) => delete s.resource.aws_default_security_group,
    ["aws_vpc.private DefaultSecurityGroup::unmanaged"],
  ],
  [
    "Tags-Default",
    A,
    (s) =>
      delete (
        s.provider.aws[0].default_tags as { tags: Record<string, string> }[]
      )[0].tags.ManagedBy,
    ["provider.aws DefaultTags::ManagedBy"],
  ],
  [
    "Tags-Default",
    A,
    (s) => (s.resource.aws_iam_role.app_role.tags = { Environment: "" }),
    ["aws_iam_role.app_role Tags::Environment"],
  ],
];

describe("security rule pack", () => {
  test("every rule has a unique id, a level, a one-line requirement and an explanation", () => {
    const ids = SECURITY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of SECURITY_RULES) {
      expect(["error", "warning"]).toContain(r.level);
      expect(r.requirement).not.toMatch(/\n/);
      expect(r.explanation.length).toBeGreaterThan(20);
    }
  });

  test("every rule has a non-compliant case below", () => {
    expect(new Set(cases.map(([id]) => id))).toEqual(
      new Set(SECURITY_RULES.map((r) => r.id)),
    );
  });

  test.each(SECURITY_RULES.map((r) => [r.id, r] as const))(
    "%s: the default stacks comply",
    (_id, r) => {
      expect(findings(r, A)).toEqual([]);
      expect(findings(r, B)).toEqual([]);
    },
  );

  test.each(cases)(
    "%s: fails when the stack is changed to break it",
    (id, stack, edit, expected) => {
      expect(findings(rule(id), stack, edit)).toEqual(expected);
    },
  );

  test("a trust for a role of the same account needs no External ID", () => {
    const sameAccount = structuredClone(B);
    sameAccount.provider.aws[0].allowed_account_ids = ["111111111111"];
    const edit = editPolicy(
      "aws_iam_role",
      "cross_account_role",
      "assume_role_policy",
      /, "Condition" = \{[^}]+\}\}/,
      "",
    );
    expect(
      findings(rule("Trust-ExternalIdRequired"), sameAccount, edit),
    ).toEqual([]);
    expect(findings(rule("Trust-ExternalIdRequired"), B, edit)).toEqual([
      "aws_iam_role.cross_account_role Condition::StringEquals::sts:ExternalId",
    ]);
  });
});
