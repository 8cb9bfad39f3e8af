/**
 * The app's configuration: its shape, its defaults (the article's values) and
 * its rules. Loading and merging sources is `load.ts`'s job.
 */
import { z } from "zod";
import { PARTITIONS } from "../arn";
import { CIDR_RULE, contains, parseVpcCidr } from "../cidr";
import * as rules from "../rules";

/** A string field checked by one of the shared {@link rules.TextRule}s. */
function text(rule: rules.TextRule) {
  return z.string().refine(rule.test, { message: rule.description });
}

const cidr = z
  .string()
  .refine((value) => parseVpcCidr(value) !== undefined, { message: CIDR_RULE });

/**
 * Latest Amazon Linux 2023 x86_64 (standard, not minimal). Amazon Linux 2,
 * the article's choice, reached end of support on 2026-06-30.
 */
export const AL2023_AMI_NAME_PATTERN = "al2023-ami-2023.*-kernel-*-x86_64";

/** How a stack's provider gets credentials to deploy; unset means the default AWS credential chain. */
const deployCredentials = z
  .object({
    profile: text(rules.PROFILE_NAME).optional(),
    roleArn: text(rules.ROLE_ARN).optional(),
  })
  .strict()
  .refine((d) => !(d.profile && d.roleArn), {
    message: "set either profile or roleArn, not both",
  })
  .optional();

const createdNetwork = z
  .object({
    mode: z.literal("create"),
    vpcCidr: cidr.default("10.0.0.0/16"),
    subnetCidr: cidr.default("10.0.1.0/24"),
    availabilityZone: z
      .string()
      .regex(
        /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/,
        "an availability zone looks like us-east-1a",
      )
      .optional(),
  })
  .strict()
  .superRefine((network, ctx) => {
    const vpc = parseVpcCidr(network.vpcCidr);
    const subnet = parseVpcCidr(network.subnetCidr);
    if (vpc && subnet && !contains(vpc, subnet)) {
      ctx.addIssue({
        code: "custom",
        path: ["subnetCidr"],
        message: `the subnet must lie inside the VPC's block ${network.vpcCidr}`,
      });
    }
  });

const existingNetwork = z
  .object({
    mode: z.literal("existing"),
    vpcId: text(rules.VPC_ID),
    subnetId: text(rules.SUBNET_ID),
  })
  .strict();

/**
 * Where a stack keeps its state: a local file (the default), an S3 bucket
 * with S3-native locking (Terraform 1.10+), or HCP Terraform. Every stack
 * gets its own key or workspace, named after the stack.
 */
const backend = z.discriminatedUnion("type", [
  z.object({ type: z.literal("local") }).strict(),
  z
    .object({
      type: z.literal("s3"),
      bucket: text(rules.S3_BUCKET_NAME),
      region: text(rules.REGION),
      keyPrefix: text(rules.STATE_KEY_PREFIX).default("ec2-assume-role"),
      profile: text(rules.PROFILE_NAME).optional(),
      roleArn: text(rules.ROLE_ARN).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal("hcp"),
      organization: text(rules.HCP_ORGANIZATION),
      workspacePrefix: text(rules.HCP_WORKSPACE_PREFIX).default(
        "ec2-assume-role",
      ),
      project: z.string().min(1).optional(),
      hostname: z
        .string()
        .regex(/^[a-z0-9.-]+$/, "a hostname such as app.terraform.io")
        .optional(),
    })
    .strict(),
]);

const permissionStatement = z
  .object({
    sid: text(rules.STATEMENT_ID).optional(),
    actions: z.array(text(rules.IAM_ACTION)).min(1),
    resources: z.array(text(rules.POLICY_RESOURCE)).min(1),
  })
  .strict();

const accountA = z
  .object({
    accountId: text(rules.ACCOUNT_ID),
    region: text(rules.REGION).default("us-east-1"),
    deploy: deployCredentials,
    backend: backend.optional(),
    roleName: text(rules.IAM_ROLE_NAME).default("application-ec2-role"),
    instanceProfileName: text(rules.IAM_NAME).default(
      "application-instance-profile",
    ),
    appPolicyName: text(rules.IAM_NAME).default("application-permissions"),
    assumePolicyName: text(rules.IAM_NAME).default("assume-cross-account-role"),
    instance: z
      .object({
        name: text(rules.TAG_VALUE).default("application-server"),
        type: text(rules.INSTANCE_TYPE).default("t3.micro"),
        amiNamePattern: z.string().min(1).default(AL2023_AMI_NAME_PATTERN),
      })
      .strict()
      .prefault({}),
    bucketName: text(rules.S3_BUCKET_NAME).optional(),
    table: z
      .object({
        name: text(rules.DYNAMODB_TABLE_NAME).default("application-table"),
        partitionKey: text(rules.DYNAMODB_ATTRIBUTE_NAME).default("pk"),
        sortKey: text(rules.DYNAMODB_ATTRIBUTE_NAME).optional().default("sk"),
      })
      .strict()
      .prefault({}),
    network: z
      .discriminatedUnion("mode", [createdNetwork, existingNetwork])
      .prefault({ mode: "create" }),
  })
  .strict();

/** One account the workload reaches into: its role, External ID and permissions. */
const targetAccount = z
  .object({
    name: text(rules.TARGET_NAME),
    accountId: text(rules.ACCOUNT_ID),
    region: text(rules.REGION).default("us-east-1"),
    deploy: deployCredentials,
    backend: backend.optional(),
    roleName: text(rules.IAM_ROLE_NAME).default("cross-account-access-role"),
    externalId: text(rules.EXTERNAL_ID),
    maxSessionDurationSeconds: z
      .number()
      .int()
      .min(900, "a session lasts at least 900 seconds")
      .max(
        3600,
        "a chained session (assumed with instance credentials) lasts at most 3600 seconds",
      )
      .default(3600),
    permissionsPolicyName: text(rules.IAM_NAME).default(
      "cross-account-permissions",
    ),
    permissions: z.array(permissionStatement).default([
      {
        sid: "ListBuckets",
        actions: ["s3:ListAllMyBuckets"],
        resources: ["*"],
      },
    ]),
  })
  .strict();

/** The whole configuration; only the accounts have no default (the project supplies them, see `config/defaults.ts`). */
export const appConfigSchema = z
  .object({
    project: text(rules.TAG_VALUE).default("ec2-assume-role"),
    environment: text(rules.TAG_VALUE).default("production"),
    partition: z.enum(PARTITIONS).default("aws"),
    backend: backend.prefault({ type: "local" }),
    accountA,
    targets: z
      .array(targetAccount)
      .min(1, "at least one target account is required"),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = {
      names: new Map<string, number>(),
      accounts: new Map<string, number>(),
    };
    config.targets.forEach((target, index) => {
      const issue = (field: string, input: unknown, message: string) =>
        ctx.addIssue({
          code: "custom",
          path: ["targets", index, field],
          input,
          message,
        });
      if (target.accountId === config.accountA.accountId) {
        issue(
          "accountId",
          target.accountId,
          "a target must be a different account from account A",
        );
      }
      const sameName = seen.names.get(target.name);
      if (sameName !== undefined)
        issue(
          "name",
          target.name,
          `target names must be unique (target ${sameName + 1} has it too)`,
        );
      const sameAccount = seen.accounts.get(target.accountId);
      if (sameAccount !== undefined) {
        issue(
          "accountId",
          target.accountId,
          `each target is a different account (target ${sameAccount + 1} has it too)`,
        );
      }
      seen.names.set(target.name, index);
      seen.accounts.set(target.accountId, index);
    });
  });

/** Configuration after defaults and validation. */
export type AppConfig = z.output<typeof appConfigSchema>;

/** Configuration as written in a file: any field may be left out. */
export type AppConfigInput = z.input<typeof appConfigSchema>;

/** Any part of a config input, as one layer (defaults, a file) gives it; lists are given whole. */
export type ConfigLayer<T = AppConfigInput> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { readonly [K in keyof T]?: ConfigLayer<T[K]> }
    : T;

/** Account A's part of {@link AppConfig}. */
export type AccountAConfig = AppConfig["accountA"];

/** One target account of {@link AppConfig}. */
export type TargetConfig = AppConfig["targets"][number];

/** Where a stack keeps its state. */
export type BackendConfig = z.output<typeof backend>;

/** The bucket name used when config names none: unique per account and region. */
export function defaultBucketName(
  accountA: Pick<AccountAConfig, "accountId" | "region">,
): string {
  return `application-data-${accountA.accountId}-${accountA.region}`;
}
