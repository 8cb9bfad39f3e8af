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
import { AppConfig, TargetConfig } from "../../lib/config/schema";
import { ACCOUNT_A_STACK, targetStackName } from "../../main";
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

/** The synthesized stacks, as Terraform JSON. */
export interface Stacks {
  /** Workload account. */
  readonly accountA: TerraformJson;
  /** Target accounts. */
  readonly targets: readonly TerraformJson[];
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

function stackName(stack: TerraformJson): string {
  return (
    (stack as { "//"?: { metadata?: { stackName?: string } } })["//"]?.metadata
      ?.stackName ?? "target"
  );
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

const ADMIN: NamedPolicy[] = [
  {
    name: "administrator (test principal)",
    policy: {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    },
  },
];
const TLS = { "aws:SecureTransport": "true" };

/** The workload role as the rows see it. */
interface Workload {
  readonly location: ReturnType<typeof stackLocation>;
  readonly roleName: string;
  readonly roleArn: string;
  readonly session: string;
  readonly identity: readonly NamedPolicy[];
}

/** The matrix for these stacks: every promise the project makes about who may do what. */
export function accessMatrix(stacks: Stacks, config: AppConfig): MatrixRow[] {
  const a = stackLocation(stacks.accountA);
  const roleName = attribute(
    stacks.accountA,
    "aws_iam_role",
    "app_role",
    "name",
  );
  const workload: Workload = {
    location: a,
    roleName,
    roleArn: `arn:${a.partition}:iam::${a.accountId}:role/${roleName}`,
    session: `arn:${a.partition}:sts::${a.accountId}:assumed-role/${roleName}/i-0123456789abcdef0`,
    identity: identityPoliciesOf(stacks.accountA, "aws_iam_role.app_role"),
  };
  const [firstTarget] = stacks.targets;
  if (!firstTarget)
    throw new Error("the matrix needs at least one target stack");
  return [
    ...workloadRows(
      stacks.accountA,
      workload,
      stackLocation(firstTarget).accountId,
    ),
    ...stacks.targets.flatMap((t) => {
      const target = config.targets.find(
        (c) => targetStackName(c.name) === stackName(t),
      );
      if (!target)
        throw new Error(`no configured target for stack ${stackName(t)}`);
      return targetRows(t, workload, target.permissions);
    }),
  ];
}

/** What the EC2 role may do in account A, and who may assume it. */
function workloadRows(
  stack: TerraformJson,
  w: Workload,
  someTargetAccount: string,
): MatrixRow[] {
  const a = w.location;
  const bucket = `arn:${a.partition}:s3:::${attribute(stack, "aws_s3_bucket", "app_bucket", "bucket")}`;
  const table = `arn:${a.partition}:dynamodb:${a.region}:${a.accountId}:table/${attribute(stack, "aws_dynamodb_table", "app_table", "name")}`;
  const bucketPolicy = policyOf(stack, "aws_s3_bucket_policy.app_bucket");
  const trust = policyOf(stack, "aws_iam_role.app_role");
  const ec2Role = (
    description: string,
    action: string,
    resource: string,
    expected: Decision,
    resourcePolicy?: unknown,
    context: Record<string, string> = TLS,
  ): MatrixRow => ({
    group: `EC2 role ${w.roleName} (account-a)`,
    description,
    principal: w.session,
    action,
    resource,
    resourceAccount: a.accountId,
    context,
    identityPolicies: w.identity,
    resourcePolicy,
    expected,
  });
  const assume = (
    description: string,
    principal: string,
    identityPolicies: readonly NamedPolicy[],
    expected: Decision,
  ): MatrixRow => ({
    group: `Trust of ${w.roleName} (account-a)`,
    description,
    principal,
    action: "sts:AssumeRole",
    resource: w.roleArn,
    resourceAccount: a.accountId,
    context: {},
    identityPolicies,
    resourcePolicy: trust,
    expected,
  });
  const object = `${bucket}/reports/today.json`;
  return [
    ec2Role(
      "reads an object of the app bucket",
      "s3:GetObject",
      object,
      "Allowed",
      bucketPolicy,
    ),
    ec2Role(
      "writes an object of the app bucket",
      "s3:PutObject",
      object,
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
      object,
      "Denied",
      bucketPolicy,
    ),
    ec2Role(
      "reads an object of the app bucket without TLS",
      "s3:GetObject",
      object,
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
      `arn:${a.partition}:dynamodb:${a.region}:${a.accountId}:table/other-table`,
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
      "assumes another role of a target account",
      "sts:AssumeRole",
      `arn:${a.partition}:iam::${someTargetAccount}:role/another-role`,
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
    ec2Role("passes a role", "iam:PassRole", w.roleArn, "Denied"),
    ec2Role(
      "attaches a policy to its own role",
      "iam:AttachRolePolicy",
      w.roleArn,
      "Denied",
    ),
    assume(
      "EC2 assumes the role for an instance",
      "ec2.amazonaws.com",
      [],
      "Allowed",
    ),
    assume(
      "Lambda tries to assume the role",
      "lambda.amazonaws.com",
      [],
      "Denied",
    ),
    assume(
      "an administrator role of account A tries to assume it",
      `arn:${a.partition}:iam::${a.accountId}:role/admin`,
      ADMIN,
      "Denied",
    ),
    assume(
      "a target account's root tries to assume it",
      `arn:${a.partition}:iam::${someTargetAccount}:root`,
      ADMIN,
      "Denied",
    ),
  ];
}

/** Who may assume one target's role, and what that role may do. */
function targetRows(
  stack: TerraformJson,
  w: Workload,
  permissions: TargetConfig["permissions"],
): MatrixRow[] {
  const a = w.location;
  const t = stackLocation(stack);
  const name = stackName(stack);
  const roleName = attribute(
    stack,
    "aws_iam_role",
    "cross_account_role",
    "name",
  );
  const roleArn = `arn:${t.partition}:iam::${t.accountId}:role/${roleName}`;
  const session = `arn:${t.partition}:sts::${t.accountId}:assumed-role/${roleName}/cross-account-session`;
  const trust = policyOf(stack, "aws_iam_role.cross_account_role");
  const externalId = externalIdOf(trust);
  const identity = identityPoliciesOf(stack, "aws_iam_role.cross_account_role");
  const withoutGrant = w.identity.filter(
    (p) => !p.name.endsWith(".assume_cross_account"),
  );
  const withExternalId = { "sts:ExternalId": externalId };
  // What the role is configured for (the promise), then requests beyond it; the simulator judges the deployed policy.
  const granted = permissions.flatMap((statement) => {
    const resource = concrete(statement.resources[0] ?? "*");
    return statement.actions
      .filter((action) => !/[*?]/.test(action))
      .map((action) => ({ action, resource }));
  });
  const probes = [
    {
      description: "reads an object in its account",
      action: "s3:GetObject",
      resource: `arn:${t.partition}:s3:::any-bucket/file.txt`,
    },
    {
      description: "creates a user in its account",
      action: "iam:CreateUser",
      resource: `arn:${t.partition}:iam::${t.accountId}:user/someone`,
    },
    {
      description: "assumes another role",
      action: "sts:AssumeRole",
      resource: `arn:${t.partition}:iam::${t.accountId}:role/another-role`,
    },
  ];
  const assume = (
    description: string,
    principal: string,
    identityPolicies: readonly NamedPolicy[],
    context: Record<string, string>,
    expected: Decision,
  ): MatrixRow => ({
    group: `Trust of ${roleName} (${name}), with account A's identity policy`,
    description,
    principal,
    action: "sts:AssumeRole",
    resource: roleArn,
    resourceAccount: t.accountId,
    context,
    identityPolicies,
    resourcePolicy: trust,
    expected,
  });
  const role = (
    description: string,
    action: string,
    resource: string,
    expected: Decision,
  ): MatrixRow => ({
    group: `Cross-account role ${roleName} (${name})`,
    description,
    principal: session,
    action,
    resource,
    resourceAccount: t.accountId,
    context: TLS,
    identityPolicies: identity,
    expected,
  });
  return [
    assume(
      "an instance session of the EC2 role, with the External ID",
      w.session,
      w.identity,
      withExternalId,
      "Allowed",
    ),
    assume(
      "the EC2 role, with the External ID",
      w.roleArn,
      w.identity,
      withExternalId,
      "Allowed",
    ),
    assume(
      "the EC2 role, without an External ID",
      w.session,
      w.identity,
      {},
      "Denied",
    ),
    assume(
      "the EC2 role, with a wrong External ID",
      w.session,
      w.identity,
      { "sts:ExternalId": `${externalId}-wrong` },
      "Denied",
    ),
    assume(
      "another role of account A, with the External ID",
      `arn:${a.partition}:iam::${a.accountId}:role/another-role`,
      ADMIN,
      withExternalId,
      "Denied",
    ),
    assume(
      "account A's root, with the External ID",
      `arn:${a.partition}:iam::${a.accountId}:root`,
      ADMIN,
      withExternalId,
      "Denied",
    ),
    assume(
      "the EC2 role, when its identity policy lacks the sts:AssumeRole grant",
      w.session,
      withoutGrant,
      withExternalId,
      "Denied",
    ),
    ...granted.map(({ action, resource }) =>
      role(
        `${action} on ${resource}, as configured`,
        action,
        resource,
        "Allowed",
      ),
    ),
    ...probes
      .filter((p) => !grants(permissions, p.action, p.resource))
      .map((p) => role(p.description, p.action, p.resource, "Denied")),
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
            // AWS sets aws:ResourceAccount on every request with a resource; the simulator needs it given.
            contextVariables: {
              "aws:ResourceAccount": row.resourceAccount,
              ...row.context,
            },
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

/** The matrix's view of synthesized stacks: account A, and every other stack as a target. */
export function matrixStacks(
  synthesized: readonly { readonly name: string; readonly json: string }[],
): Stacks {
  const parsed = synthesized.map((s) => ({
    name: s.name,
    json: JSON.parse(s.json) as TerraformJson,
  }));
  const accountA = parsed.find((s) => s.name === ACCOUNT_A_STACK);
  if (!accountA)
    throw new Error(
      `no ${ACCOUNT_A_STACK} stack among ${parsed.map((s) => s.name).join(", ")}`,
    );
  return {
    accountA: accountA.json,
    targets: parsed.filter((s) => s !== accountA).map((s) => s.json),
  };
}

/** A resource pattern made concrete for a request: `*` stays `*`; wildcards in an ARN become names. */
function concrete(resource: string): string {
  return resource === "*"
    ? "*"
    : resource.replace(/\*/g, "example").replace(/\?/g, "x");
}

/** True when configured permissions allow the action on the resource (IAM's `*` and `?` wildcards). */
function grants(
  permissions: TargetConfig["permissions"],
  action: string,
  resource: string,
): boolean {
  const glob = (pattern: string, value: string, flags = "") =>
    new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".")}$`,
      flags,
    ).test(value);
  return permissions.some(
    (s) =>
      s.actions.some((a) => glob(a, action, "i")) &&
      s.resources.some((r) => glob(r, resource)),
  );
}
