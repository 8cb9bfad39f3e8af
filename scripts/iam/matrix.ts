/**
 * The access matrix: requests the deployed roles must be allowed or denied,
 * evaluated with an IAM policy simulator on the policies of the synthesized
 * stacks. `@cloud-copilot/iam-simulate` is AGPL-3.0: it is a devDependency,
 * used only here (tests, `npm run check:iam` and the docs), never by the app.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import {
  TerraformJson,
  stackLocation,
  stackPolicies,
} from "../../lib/iam/stack-policies";
import { MANAGED_POLICIES } from "./managed-policies";

/** What IAM decides, with both kinds of denial folded into one. */
export type Decision = "Allowed" | "Denied";

/** A named identity policy, as the simulator takes it. */
interface NamedPolicy {
  readonly name: string;
  readonly policy: unknown;
}

/** One request of the matrix and its expected decision. */
export interface MatrixRow {
  /** Who asks, as the table groups rows. */
  readonly group: string;
  /** What the row shows, in words. */
  readonly description: string;
  /** Principal ARN or service principal. */
  readonly principal: string;
  /** The action requested. */
  readonly action: string;
  /** The resource ARN (or `*`). */
  readonly resource: string;
  /** Account that owns the resource. */
  readonly resourceAccount: string;
  /** Request context keys. */
  readonly context: Readonly<Record<string, string>>;
  /** Identity policies of the principal. */
  readonly identityPolicies: readonly NamedPolicy[];
  /** Resource policy (a trust policy for sts:AssumeRole). */
  readonly resourcePolicy?: unknown;
  /** The decision the project promises. */
  readonly expected: Decision;
}

/** A row with the simulator's answer. */
export interface MatrixResult extends MatrixRow {
  /** The simulator's decision, or `Error: ...` when it refused the request. */
  readonly actual: Decision | `Error: ${string}`;
}

/** The two synthesized stacks, as Terraform JSON. */
export interface Stacks {
  /** Workload account. */
  readonly accountA: TerraformJson;
  /** Target account. */
  readonly accountB: TerraformJson;
}

function attribute(
  stack: TerraformJson,
  type: string,
  name: string,
  key: string,
): string {
  const value = stack.resource?.[type]?.[name]?.[key];
  if (typeof value !== "string")
    throw new Error(`the synthesized stack has no ${type}.${name}.${key}`);
  return value;
}

function policyOf(stack: TerraformJson, address: string): unknown {
  const found = stackPolicies(stack).find((p) => p.address === address);
  if (!found)
    throw new Error(`the synthesized stack has no policy at ${address}`);
  return found.document;
}

/** Identity policies attached to a role of the stack: its inline policies and the AWS managed policies it attaches. */
function identityPoliciesOf(
  stack: TerraformJson,
  roleAddress: string,
): NamedPolicy[] {
  const [, roleName] = roleAddress.split(".");
  const inline = stackPolicies(stack)
    .filter((p) => p.kind === "identity" && p.role === roleAddress)
    .map((p) => ({ name: p.address, policy: p.document }));
  const attachments = Object.entries(
    stack.resource?.aws_iam_role_policy_attachment ?? {},
  )
    .filter(([, a]) => a.role === `\${aws_iam_role.${roleName}.name}`)
    .map(([name, a]) => {
      const policyName = String(a.policy_arn).split("/").pop() ?? "";
      const policy = MANAGED_POLICIES[policyName];
      if (!policy)
        throw new Error(
          `no document for managed policy ${String(a.policy_arn)}; add it to managed-policies.ts`,
        );
      return {
        name: `aws_iam_role_policy_attachment.${name} (${policyName})`,
        policy,
      };
    });
  return [...inline, ...attachments];
}

/** The matrix for these stacks: every promise the project makes about who may do what. */
export function accessMatrix(stacks: Stacks): MatrixRow[] {
  const a = stackLocation(stacks.accountA);
  const b = stackLocation(stacks.accountB);
  const roleA = attribute(stacks.accountA, "aws_iam_role", "app_role", "name");
  const roleB = attribute(
    stacks.accountB,
    "aws_iam_role",
    "cross_account_role",
    "name",
  );
  const roleArnA = `arn:${a.partition}:iam::${a.accountId}:role/${roleA}`;
  const roleArnB = `arn:${b.partition}:iam::${b.accountId}:role/${roleB}`;
  const sessionA = `arn:${a.partition}:sts::${a.accountId}:assumed-role/${roleA}/i-0123456789abcdef0`;
  const sessionB = `arn:${b.partition}:sts::${b.accountId}:assumed-role/${roleB}/cross-account-session`;
  const bucket = `arn:${a.partition}:s3:::${attribute(stacks.accountA, "aws_s3_bucket", "app_bucket", "bucket")}`;
  const table = `arn:${a.partition}:dynamodb:${a.region}:${a.accountId}:table/${attribute(stacks.accountA, "aws_dynamodb_table", "app_table", "name")}`;
  const otherTable = `arn:${a.partition}:dynamodb:${a.region}:${a.accountId}:table/other-table`;
  const externalId = externalIdOf(
    policyOf(stacks.accountB, "aws_iam_role.cross_account_role"),
  );
  const admin: NamedPolicy[] = [
    {
      name: "administrator (test principal)",
      policy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
      },
    },
  ];

  const identityA = identityPoliciesOf(
    stacks.accountA,
    "aws_iam_role.app_role",
  );
  const identityAWithoutAssume = identityA.filter(
    (p) => !p.name.endsWith(".assume_cross_account"),
  );
  const identityB = identityPoliciesOf(
    stacks.accountB,
    "aws_iam_role.cross_account_role",
  );
  const bucketPolicy = policyOf(
    stacks.accountA,
    "aws_s3_bucket_policy.app_bucket",
  );
  const trustA = policyOf(stacks.accountA, "aws_iam_role.app_role");
  const trustB = policyOf(stacks.accountB, "aws_iam_role.cross_account_role");

  const tls = { "aws:SecureTransport": "true" };
  const ec2Role = (
    description: string,
    action: string,
    resource: string,
    expected: Decision,
    resourcePolicy?: unknown,
    context: Record<string, string> = tls,
  ): MatrixRow => ({
    group: `EC2 role ${roleA} (account A)`,
    description,
    principal: sessionA,
    action,
    resource,
    resourceAccount: a.accountId,
    context,
    identityPolicies: identityA,
    resourcePolicy,
    expected,
  });
  const assumeA = (
    description: string,
    principal: string,
    identityPolicies: readonly NamedPolicy[],
    expected: Decision,
  ): MatrixRow => ({
    group: `Trust of ${roleA} (account A)`,
    description,
    principal,
    action: "sts:AssumeRole",
    resource: roleArnA,
    resourceAccount: a.accountId,
    context: {},
    identityPolicies,
    resourcePolicy: trustA,
    expected,
  });
  const assumeB = (
    description: string,
    principal: string,
    identityPolicies: readonly NamedPolicy[],
    context: Record<string, string>,
    expected: Decision,
  ): MatrixRow => ({
    group: `Trust of ${roleB} (account B), with account A's identity policy`,
    description,
    principal,
    action: "sts:AssumeRole",
    resource: roleArnB,
    resourceAccount: b.accountId,
    context,
    identityPolicies,
    resourcePolicy: trustB,
    expected,
  });
  const roleBRow = (
    description: string,
    action: string,
    resource: string,
    expected: Decision,
  ): MatrixRow => ({
    group: `Cross-account role ${roleB} (account B)`,
    description,
    principal: sessionB,
    action,
    resource,
    resourceAccount: b.accountId,
    context: tls,
    identityPolicies: identityB,
    expected,
  });
  const withExternalId = { "sts:ExternalId": externalId };

  return [
    ec2Role(
      "reads an object of the app bucket",
      "s3:GetObject",
      `${bucket}/reports/today.json`,
      "Allowed",
      bucketPolicy,
    ),
    ec2Role(
      "writes an object of the app bucket",
      "s3:PutObject",
      `${bucket}/reports/today.json`,
      "Allowed",
      bucketPolicy,
    ),
    ec2Role(
      "lists the app bucket",
      "s3:ListBucket",
      bucket,
      "Allowed",
      bucketPolicy,
    ),
    ec2Role(
      "gets an item of the app table",
      "dynamodb:GetItem",
      table,
      "Allowed",
    ),
    ec2Role(
      "puts an item in the app table",
      "dynamodb:PutItem",
      table,
      "Allowed",
    ),
    ec2Role("queries the app table", "dynamodb:Query", table, "Allowed"),
    ec2Role(
      "registers with Systems Manager",
      "ssm:UpdateInstanceInformation",
      "*",
      "Allowed",
    ),
    ec2Role(
      "opens a Session Manager channel",
      "ssmmessages:CreateControlChannel",
      "*",
      "Allowed",
    ),
    ec2Role(
      "polls for Run Command messages",
      "ec2messages:GetMessages",
      "*",
      "Allowed",
    ),
    ec2Role(
      "deletes an object of the app bucket",
      "s3:DeleteObject",
      `${bucket}/reports/today.json`,
      "Denied",
      bucketPolicy,
    ),
    ec2Role(
      "reads an object of the app bucket without TLS",
      "s3:GetObject",
      `${bucket}/reports/today.json`,
      "Denied",
      bucketPolicy,
      { "aws:SecureTransport": "false" },
    ),
    ec2Role(
      "reads an object of another bucket",
      "s3:GetObject",
      `arn:${a.partition}:s3:::another-bucket/file.txt`,
      "Denied",
    ),
    ec2Role(
      "lists another bucket",
      "s3:ListBucket",
      `arn:${a.partition}:s3:::another-bucket`,
      "Denied",
    ),
    ec2Role(
      "gets an item of another table",
      "dynamodb:GetItem",
      otherTable,
      "Denied",
    ),
    ec2Role("scans the app table", "dynamodb:Scan", table, "Denied"),
    ec2Role(
      "deletes an item of the app table",
      "dynamodb:DeleteItem",
      table,
      "Denied",
    ),
    ec2Role(
      "assumes another role of account B",
      "sts:AssumeRole",
      `arn:${b.partition}:iam::${b.accountId}:role/another-role`,
      "Denied",
    ),
    ec2Role(
      "assumes a role of account A",
      "sts:AssumeRole",
      `arn:${a.partition}:iam::${a.accountId}:role/another-role`,
      "Denied",
    ),
    ec2Role(
      "creates an access key",
      "iam:CreateAccessKey",
      `arn:${a.partition}:iam::${a.accountId}:user/someone`,
      "Denied",
    ),
    ec2Role("passes a role", "iam:PassRole", roleArnA, "Denied"),
    ec2Role(
      "attaches a policy to its own role",
      "iam:AttachRolePolicy",
      roleArnA,
      "Denied",
    ),
    assumeA(
      "EC2 assumes the role for an instance",
      "ec2.amazonaws.com",
      [],
      "Allowed",
    ),
    assumeA(
      "Lambda tries to assume the role",
      "lambda.amazonaws.com",
      [],
      "Denied",
    ),
    assumeA(
      "an administrator role of account A tries to assume it",
      `arn:${a.partition}:iam::${a.accountId}:role/admin`,
      admin,
      "Denied",
    ),
    assumeA(
      "account B's root tries to assume it",
      `arn:${b.partition}:iam::${b.accountId}:root`,
      admin,
      "Denied",
    ),
    assumeB(
      "an instance session of the EC2 role, with the External ID",
      sessionA,
      identityA,
      withExternalId,
      "Allowed",
    ),
    assumeB(
      "the EC2 role, with the External ID",
      roleArnA,
      identityA,
      withExternalId,
      "Allowed",
    ),
    assumeB(
      "the EC2 role, without an External ID",
      sessionA,
      identityA,
      {},
      "Denied",
    ),
    assumeB(
      "the EC2 role, with a wrong External ID",
      sessionA,
      identityA,
      { "sts:ExternalId": `${externalId}-wrong` },
      "Denied",
    ),
    assumeB(
      "another role of account A, with the External ID",
      `arn:${a.partition}:iam::${a.accountId}:role/another-role`,
      admin,
      withExternalId,
      "Denied",
    ),
    assumeB(
      "account A's root, with the External ID",
      `arn:${a.partition}:iam::${a.accountId}:root`,
      admin,
      withExternalId,
      "Denied",
    ),
    assumeB(
      "the EC2 role, when its identity policy lacks the sts:AssumeRole grant",
      sessionA,
      identityAWithoutAssume,
      withExternalId,
      "Denied",
    ),
    roleBRow(
      "lists the buckets of account B (the article's code)",
      "s3:ListAllMyBuckets",
      "*",
      "Allowed",
    ),
    roleBRow(
      "reads an object in account B",
      "s3:GetObject",
      `arn:${b.partition}:s3:::any-bucket/file.txt`,
      "Denied",
    ),
    roleBRow(
      "creates a user in account B",
      "iam:CreateUser",
      `arn:${b.partition}:iam::${b.accountId}:user/someone`,
      "Denied",
    ),
    roleBRow(
      "assumes another role",
      "sts:AssumeRole",
      `arn:${b.partition}:iam::${b.accountId}:role/another-role`,
      "Denied",
    ),
  ];
}

/** Runs every row through the simulator. */
export async function evaluateMatrix(
  rows: readonly MatrixRow[],
): Promise<MatrixResult[]> {
  return Promise.all(
    rows.map(async (row) => {
      const response = await runSimulation(
        {
          request: {
            principal: row.principal,
            action: row.action,
            resource: {
              resource: row.resource,
              accountId: row.resourceAccount,
            },
            contextVariables: { ...row.context },
          },
          identityPolicies: row.identityPolicies.map((p) => ({ ...p })),
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          resourcePolicy: row.resourcePolicy,
        },
        {},
      );
      if (response.resultType === "error")
        return {
          ...row,
          actual: `Error: ${JSON.stringify(response.errors)}` as const,
        };
      return {
        ...row,
        actual:
          response.overallResult === "Allowed"
            ? ("Allowed" as const)
            : ("Denied" as const),
      };
    }),
  );
}

/** The External ID a trust policy requires (its first `StringEquals` on `sts:ExternalId`). */
function externalIdOf(trust: unknown): string {
  const statements = (
    trust as {
      Statement: { Condition?: Record<string, Record<string, string>> }[];
    }
  ).Statement;
  for (const statement of statements) {
    const value = statement.Condition?.StringEquals?.["sts:ExternalId"];
    if (value) return value;
  }
  return "no-external-id-required";
}

/** The matrix as a Markdown table: request, expected, actual. */
export function matrixMarkdown(results: readonly MatrixResult[]): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const context = (row: MatrixRow) =>
    Object.entries(row.context)
      .map(([k, v]) => `${k}=${v}`)
      .join(", ") || "none";
  const lines = [
    "| # | who | request | principal | action | resource | context | expected | actual |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  results.forEach((r, i) => {
    const mark =
      r.actual === r.expected ? r.actual : `**${r.actual}** (mismatch)`;
    lines.push(
      `| ${i + 1} | ${cell(r.group)} | ${cell(r.description)} | \`${r.principal}\` | \`${r.action}\` | \`${r.resource}\` | ${cell(context(r))} | ${r.expected} | ${mark} |`,
    );
  });
  return lines.join("\n");
}
