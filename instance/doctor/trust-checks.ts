/**
 * Off the instance, with a user's credentials: each deployed role's trust
 * policy (`iam get-role`) compared with the one the code synthesizes, the
 * difference shown line by line.
 */
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { CheckResult } from "./check";

/** A role as the code synthesizes it. */
export interface ExpectedRole {
  /** Which account, for messages, e.g. `account-b`. */
  readonly stack: string;
  /** Role name. */
  readonly roleName: string;
  /** The synthesized trust policy, references resolved. */
  readonly trustPolicy: unknown;
  /** IAM client with credentials for the role's account. */
  readonly iam: IAMClient;
}

/** Compares each role's deployed trust policy with the expected one. */
export async function runTrustChecks(
  roles: readonly ExpectedRole[],
): Promise<CheckResult[]> {
  return Promise.all(roles.map((role) => checkRole(role)));
}

async function checkRole(role: ExpectedRole): Promise<CheckResult> {
  const id = `trust-${role.stack}`;
  const title = `Trust policy of ${role.roleName} (${role.stack})`;
  try {
    const { Role } = await role.iam.send(
      new GetRoleCommand({ RoleName: role.roleName }),
    );
    const deployed = JSON.parse(
      decodeURIComponent(Role?.AssumeRolePolicyDocument ?? "{}"),
    ) as unknown;
    const diff = policyDiff(role.trustPolicy, deployed);
    if (diff.length === 0)
      return {
        id,
        title,
        status: "pass",
        detail: "deployed trust policy matches the code",
      };
    return {
      id,
      title,
      status: "fail",
      detail: `deployed trust policy differs from the code:\n${diff.map((line) => `        ${line}`).join("\n")}`,
      cause:
        "the role was changed outside Terraform, or the code changed since the last deploy",
      next: `npx cdktf diff ${role.stack} (then deploy, or bring the change into the code)`,
    };
  } catch (error) {
    const name = (error as { name?: string }).name;
    return {
      id,
      title,
      status: "fail",
      detail: `iam get-role ${role.roleName} failed: ${name ?? "Error"}: ${(error as Error).message}`,
      cause:
        name === "NoSuchEntity"
          ? `the role does not exist in ${role.stack}'s account: not deployed yet, or another name in config`
          : name === "AccessDenied"
            ? "these credentials may not call iam:GetRole in that account"
            : "IAM did not answer",
      next:
        name === "NoSuchEntity"
          ? `npx cdktf deploy ${role.stack}`
          : `check the profile for ${role.stack} (aws sts get-caller-identity --profile <profile>)`,
    };
  }
}

/**
 * Lines in one policy and not the other: `- path = value` for the code's,
 * `+ path = value` for the deployed one. IAM's equivalent forms (a string or a
 * one-element list, key order) are made equal first.
 */
export function policyDiff(expected: unknown, deployed: unknown): string[] {
  const a = flatten(canonical(expected));
  const b = flatten(canonical(deployed));
  return [
    ...a.filter((line) => !b.includes(line)).map((line) => `- ${line}`),
    ...b.filter((line) => !a.includes(line)).map((line) => `+ ${line}`),
  ];
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value))
    return value.length === 1 ? canonical(value[0]) : value.map(canonical);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

function flatten(value: unknown, path = ""): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => flatten(item, `${path}[${i}]`));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([k, v]) =>
      flatten(v, path ? `${path}.${k}` : k),
    );
  return [`${path} = ${JSON.stringify(value)}`];
}
