/**
 * Credentials for account B's role, chained from the instance's own: the
 * TypeScript twin of the article's boto3 `assume_role` call, with refresh.
 */
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { fromInstanceMetadata } from "@aws-sdk/credential-providers";
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
} from "@aws-sdk/types";
import { invalidValue } from "../lib/errors";
import { EXTERNAL_ID, ROLE_ARN, check } from "../lib/rules";
import { MAX_CHAINED_SESSION_SECONDS, checkSessionDuration } from "./inputs";

/** Inputs of {@link crossAccountCredentials}. */
export interface CrossAccountCredentialsProps {
  /** Account B's role. */
  readonly roleArn: string;
  /** The External ID its trust policy requires. */
  readonly externalId: string;
  /** Session name, shown in account B's CloudTrail (2-64 of `[\w+=,.@-]`). */
  readonly sessionName: string;
  /**
   * Session length in seconds, 900-3600: a session chained from instance credentials is capped at one hour.
   * @default 3600
   */
  readonly durationSeconds?: number;
  /**
   * The STS client to call; its credentials are the instance's.
   * @default - an STSClient using the instance profile's credentials from IMDSv2
   */
  readonly sts?: STSClient;
  /**
   * Refresh this long before the session expires, in milliseconds.
   * @default 300000 (five minutes)
   */
  readonly refreshBeforeMs?: number;
}

/**
 * A credential provider for `new S3Client({ credentials })` and the like:
 * it calls `AssumeRole` with the External ID on first use and again shortly
 * before the session expires; concurrent callers share one call.
 */
export function crossAccountCredentials(
  props: CrossAccountCredentialsProps,
): AwsCredentialIdentityProvider {
  check(ROLE_ARN, "roleArn", props.roleArn);
  check(EXTERNAL_ID, "externalId", props.externalId);
  if (!/^[\w+=,.@-]{2,64}$/.test(props.sessionName)) {
    throw invalidValue(
      "sessionName",
      props.sessionName,
      "a session name is 2-64 characters of letters, digits and _+=,.@-",
    );
  }
  const duration = checkSessionDuration(
    props.durationSeconds ?? MAX_CHAINED_SESSION_SECONDS,
    "durationSeconds",
  );
  const sts =
    props.sts ?? new STSClient({ credentials: fromInstanceMetadata() });
  const refreshBeforeMs = props.refreshBeforeMs ?? 5 * 60_000;
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;

  const assume = async (): Promise<AwsCredentialIdentity> => {
    const { Credentials: c } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: props.roleArn,
        RoleSessionName: props.sessionName,
        ExternalId: props.externalId,
        DurationSeconds: duration,
      }),
    );
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
      throw new Error(`AssumeRole on ${props.roleArn} returned no credentials`);
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  };

  return async () => {
    const fresh =
      current?.expiration &&
      current.expiration.getTime() - Date.now() > refreshBeforeMs;
    if (current && fresh) return current;
    pending ??= assume().finally(() => {
      pending = undefined;
    });
    current = await pending;
    return current;
  };
}
