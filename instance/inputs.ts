/**
 * The inputs the instance-side commands share: account B's role ARN, the
 * External ID and the session name, from arguments or environment, checked
 * with the same rules the stacks use. After deploy, they come from the
 * stacks' outputs: `cross_account_role_arn` and `external_id` of account-b.
 */
import { InputError, invalidValue } from "../lib/errors";
import { EXTERNAL_ID, ROLE_ARN, check } from "../lib/rules";

/** Environment variable for the role ARN. */
export const ROLE_ARN_VARIABLE = "CROSS_ACCOUNT_ROLE_ARN";
/** Environment variable for the External ID. */
export const EXTERNAL_ID_VARIABLE = "CROSS_ACCOUNT_EXTERNAL_ID";

/** The longest session a role chained from instance credentials can get. */
export const MAX_CHAINED_SESSION_SECONDS = 3600;

/** What `AssumeRole` into account B needs. */
export interface CrossAccountTarget {
  /** Account B's role. */
  readonly roleArn: string;
  /** The External ID its trust policy requires. */
  readonly externalId: string;
}

/** Reads the role ARN and External ID from `--role-arn`/`--external-id`, else the environment. */
export function crossAccountTarget(
  args: { readonly "role-arn"?: string; readonly "external-id"?: string },
  env: Readonly<Record<string, string | undefined>>,
): CrossAccountTarget {
  const roleArn = args["role-arn"] ?? env[ROLE_ARN_VARIABLE];
  const externalId = args["external-id"] ?? env[EXTERNAL_ID_VARIABLE];
  if (!roleArn)
    throw new InputError(
      `--role-arn (or ${ROLE_ARN_VARIABLE}) is required: account-b's output cross_account_role_arn`,
    );
  if (!externalId)
    throw new InputError(
      `--external-id (or ${EXTERNAL_ID_VARIABLE}) is required: account-b's output external_id`,
    );
  return {
    roleArn: check(ROLE_ARN, "--role-arn", roleArn),
    externalId: check(EXTERNAL_ID, "--external-id", externalId),
  };
}

/**
 * A session duration in seconds (a number, or the text of a flag), within
 * STS's 900 s minimum and role chaining's one-hour cap; throws naming `field`.
 */
export function checkSessionDuration(
  value: number | string,
  field: string,
): number {
  const seconds = Number(value);
  if (
    !Number.isInteger(seconds) ||
    seconds < 900 ||
    seconds > MAX_CHAINED_SESSION_SECONDS
  ) {
    throw invalidValue(
      field,
      value,
      `a session lasts 900-${MAX_CHAINED_SESSION_SECONDS} seconds (role chaining caps it at one hour)`,
    );
  }
  return seconds;
}
