/**
 * The article's troubleshooting steps, run on the instance: IMDSv2 token,
 * role attached, credentials present and fresh, who STS says we are, and
 * the hop into account B. Each failure says what failed, why that usually
 * happens, and what to run next.
 */
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
} from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity } from "@aws-sdk/types";
import { ImdsClient, ImdsTimeout } from "../imds";
import { CrossAccountTarget } from "../inputs";
import { CheckResult } from "./check";

/** Credentials that expire sooner than this fail the freshness check. */
export const MIN_CREDENTIAL_LIFETIME_MS = 5 * 60_000;

/** What the instance checks need. */
export interface InstanceCheckInputs {
  /** The IMDS client. */
  readonly imds: ImdsClient;
  /** Makes an STS client with the given credentials. */
  readonly sts: (credentials: AwsCredentialIdentity) => STSClient;
  /**
   * The role the instance should run as (account-a's role name).
   * @default - not checked
   */
  readonly expectedRole?: string;
  /**
   * Account B's role and External ID.
   * @default - the AssumeRole check is skipped
   */
  readonly target?: CrossAccountTarget;
  /**
   * The clock.
   * @default - Date.now
   */
  readonly now?: () => number;
}

const METADATA_OPTIONS_COMMAND =
  "aws ec2 describe-instances --instance-ids <instance-id> --query 'Reservations[].Instances[].MetadataOptions'";

/** Runs every check in order; a check whose input failed is skipped and says which one. */
export async function runInstanceChecks(
  inputs: InstanceCheckInputs,
): Promise<CheckResult[]> {
  const now = inputs.now ?? Date.now;
  const results: CheckResult[] = [];
  const skipRest = (after: string, ids: [string, string][]) =>
    ids.forEach(([id, title]) =>
      results.push({
        id,
        title,
        status: "skip",
        detail: `skipped: needs "${after}"`,
      }),
    );
  const later: [string, string][] = [
    ["role-attached", "Role attached"],
    ["credentials", "Role credentials"],
    ["caller-identity", "Caller identity"],
    ["assume-role", "AssumeRole into account B"],
  ];

  // 1. IMDSv2 token
  let token: string;
  try {
    const response = await inputs.imds.token();
    if (response.status !== 200) {
      results.push({
        id: "imds-token",
        title: "IMDSv2 token",
        status: "fail",
        detail: `PUT /latest/api/token answered ${response.status}`,
        cause:
          "IMDS refuses session tokens: the metadata endpoint is disabled (http_endpoint = disabled), or something in between blocks PUT; an IMDSv1-only client would fail the same way once IMDSv2 is required",
        next: `${METADATA_OPTIONS_COMMAND}; then aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-endpoint enabled --http-tokens required`,
      });
      skipRest("IMDSv2 token", later);
      return results;
    }
    token = response.body;
    results.push({
      id: "imds-token",
      title: "IMDSv2 token",
      status: "pass",
      detail: "got a session token",
    });
  } catch (error) {
    const timedOut = error instanceof ImdsTimeout;
    results.push({
      id: "imds-token",
      title: "IMDSv2 token",
      status: "fail",
      detail: timedOut
        ? error.message
        : `cannot reach instance metadata: ${(error as Error).message}`,
      cause: timedOut
        ? "the token's response did not get back: the PUT response hop limit is too low for a container or a forwarded request (the stack sets 1; a container needs 2), or this is not an EC2 instance"
        : "this is not an EC2 instance, or a firewall blocks 169.254.169.254",
      next: `${METADATA_OPTIONS_COMMAND}; from a container, aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-put-response-hop-limit 2`,
    });
    skipRest("IMDSv2 token", later);
    return results;
  }

  // 2. Role attached
  const info = await inputs.imds.get("/latest/meta-data/iam/info", token);
  if (info.status !== 200) {
    results.push({
      id: "role-attached",
      title: "Role attached",
      status: "fail",
      detail: `/latest/meta-data/iam/info answered ${info.status}`,
      cause:
        info.status === 404
          ? "the instance has no instance profile, so no role"
          : info.status === 401
            ? "IMDS rejected the session token (expired, or issued to another hop)"
            : "IMDS could not say which profile is attached",
      next: "aws ec2 associate-iam-instance-profile --instance-id <instance-id> --iam-instance-profile Name=<account-a output instance_profile_name>",
    });
    skipRest("Role attached", later.slice(1));
    return results;
  }
  const profileArn =
    (JSON.parse(info.body) as { InstanceProfileArn?: string })
      .InstanceProfileArn ?? "unknown";
  results.push({
    id: "role-attached",
    title: "Role attached",
    status: "pass",
    detail: `instance profile ${profileArn}`,
  });

  // 3. Credentials present and fresh
  const listing = await inputs.imds.get(
    "/latest/meta-data/iam/security-credentials/",
    token,
  );
  const roleName = listing.body.split("\n")[0]?.trim();
  const document = roleName
    ? await inputs.imds.get(
        `/latest/meta-data/iam/security-credentials/${roleName}`,
        token,
      )
    : undefined;
  const parsed =
    document?.status === 200
      ? (JSON.parse(document.body) as {
          Code?: string;
          AccessKeyId?: string;
          SecretAccessKey?: string;
          Token?: string;
          Expiration?: string;
        })
      : undefined;
  if (
    !parsed ||
    parsed.Code !== "Success" ||
    !parsed.AccessKeyId ||
    !parsed.SecretAccessKey
  ) {
    results.push({
      id: "credentials",
      title: "Role credentials",
      status: "fail",
      detail: parsed
        ? `IMDS reports Code ${parsed.Code ?? "missing"}`
        : `no credentials under /latest/meta-data/iam/security-credentials/ (answered ${document?.status ?? listing.status})`,
      cause:
        "the instance profile's role was deleted or renamed, or its trust policy no longer lets ec2.amazonaws.com assume it",
      next: "aws iam get-role --role-name <account-a output app_role_arn's name> --query Role.AssumeRolePolicyDocument (with account A credentials)",
    });
    skipRest("Role credentials", later.slice(2));
    return results;
  }
  const expires = Date.parse(parsed.Expiration ?? "");
  const minutesLeft = Math.floor((expires - now()) / 60_000);
  if (!(expires - now() > MIN_CREDENTIAL_LIFETIME_MS)) {
    results.push({
      id: "credentials",
      title: "Role credentials",
      status: "fail",
      detail: `credentials of ${roleName} ${minutesLeft < 0 ? "expired" : "expire"} at ${parsed.Expiration ?? "an unknown time"}`,
      cause:
        "IMDS normally refreshes them well before they expire: the instance's clock is off, or the role's credentials can no longer be issued (role deleted, trust changed)",
      next:
        "check the clock (chronyc tracking), then aws iam get-role --role-name " +
        roleName,
    });
    skipRest("Role credentials", later.slice(2));
    return results;
  }
  results.push({
    id: "credentials",
    title: "Role credentials",
    status: "pass",
    detail: `role ${roleName}, valid for ${minutesLeft} more minutes`,
  });
  const credentials: AwsCredentialIdentity = {
    accessKeyId: parsed.AccessKeyId,
    secretAccessKey: parsed.SecretAccessKey,
    sessionToken: parsed.Token,
  };
  const sts = inputs.sts(credentials);

  // 4. Caller identity
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    const arn = identity.Arn ?? "";
    const actualRole = /:assumed-role\/([^/]+)\//.exec(arn)?.[1];
    if (inputs.expectedRole && actualRole !== inputs.expectedRole) {
      results.push({
        id: "caller-identity",
        title: "Caller identity",
        status: "fail",
        detail: `STS says ${arn}, expected role ${inputs.expectedRole}`,
        cause:
          "the instance profile holds another role than the one account B trusts",
        next: "aws iam get-instance-profile --instance-profile-name <account-a output instance_profile_name>",
      });
    } else {
      results.push({
        id: "caller-identity",
        title: "Caller identity",
        status: "pass",
        detail: arn,
      });
    }
  } catch (error) {
    results.push({
      id: "caller-identity",
      title: "Caller identity",
      status: "fail",
      detail: `GetCallerIdentity failed: ${describe(error)}`,
      ...stsUnreachable(error),
    });
  }

  // 5. AssumeRole into account B
  if (!inputs.target) {
    results.push({
      id: "assume-role",
      title: "AssumeRole into account B",
      status: "skip",
      detail:
        "skipped: pass --role-arn and --external-id (account-b outputs cross_account_role_arn and external_id)",
    });
    return results;
  }
  try {
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: inputs.target.roleArn,
        RoleSessionName: "ec2ar-doctor",
        ExternalId: inputs.target.externalId,
        DurationSeconds: 900,
      }),
    );
    results.push({
      id: "assume-role",
      title: "AssumeRole into account B",
      status: "pass",
      detail: `now ${assumed.AssumedRoleUser?.Arn ?? inputs.target.roleArn}`,
    });
  } catch (error) {
    const denied = (error as { name?: string }).name === "AccessDenied";
    results.push({
      id: "assume-role",
      title: "AssumeRole into account B",
      status: "fail",
      detail: `AssumeRole on ${inputs.target.roleArn} failed: ${describe(error)}`,
      ...(denied
        ? {
            cause:
              "one of three, which STS does not tell apart: the External ID differs from the one account B's trust requires; " +
              `account B's trust policy does not name this instance's role (${roleName}); or account A's role lacks sts:AssumeRole on ${inputs.target.roleArn}`,
            next: "with account A and B credentials on a workstation: npm run doctor -- trust --profile-a <a> --profile-b <b> (compares both deployed trust policies with the code); compare --external-id with account-b's output external_id",
          }
        : stsUnreachable(error)),
    });
  }
  return results;
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e.name ?? "Error"}: ${e.message ?? String(error)}`;
}

/** Cause and next step for an STS call that did not get an answer. */
function stsUnreachable(error: unknown): { cause: string; next: string } {
  return {
    cause: `STS did not answer (${(error as { name?: string }).name ?? "error"}): in a private subnet, STS needs its interface endpoint with private DNS, and the SDK must use the regional STS endpoint`,
    next: "nslookup sts.<region>.amazonaws.com (should give a private address); aws ec2 describe-vpc-endpoints --filters Name=service-name,Values=com.amazonaws.<region>.sts",
  };
}
