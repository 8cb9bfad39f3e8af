/**
 * The environment variables that override configuration, and the config
 * field each one sets. Every variable with the prefix must be one of these.
 */

/** The prefix of every variable this project reads. */
export const ENV_PREFIX = "EC2AR_";

/** Names the JSON config file to read (relative to the working directory). */
export const CONFIG_FILE_VARIABLE = `${ENV_PREFIX}CONFIG_FILE`;

/** A variable's target field, and whether its text is parsed as a number. */
export interface EnvironmentSetting {
  /** Dotted path of the config field it sets. */
  readonly path: readonly string[];
  /** True when the value is a number in the config. */
  readonly numeric?: boolean;
}

/** Variable name -> the config field it overrides. */
export const ENVIRONMENT_SETTINGS: Readonly<
  Record<string, EnvironmentSetting>
> = {
  EC2AR_PROJECT: { path: ["project"] },
  EC2AR_ENVIRONMENT: { path: ["environment"] },
  EC2AR_PARTITION: { path: ["partition"] },
  EC2AR_ACCOUNT_A_ID: { path: ["accountA", "accountId"] },
  EC2AR_ACCOUNT_A_REGION: { path: ["accountA", "region"] },
  EC2AR_ACCOUNT_A_PROFILE: { path: ["accountA", "deploy", "profile"] },
  EC2AR_ACCOUNT_A_DEPLOY_ROLE_ARN: { path: ["accountA", "deploy", "roleArn"] },
  EC2AR_BUCKET_NAME: { path: ["accountA", "bucketName"] },
  EC2AR_ACCOUNT_B_ID: { path: ["accountB", "accountId"] },
  EC2AR_ACCOUNT_B_REGION: { path: ["accountB", "region"] },
  EC2AR_ACCOUNT_B_PROFILE: { path: ["accountB", "deploy", "profile"] },
  EC2AR_ACCOUNT_B_DEPLOY_ROLE_ARN: { path: ["accountB", "deploy", "roleArn"] },
  EC2AR_EXTERNAL_ID: { path: ["accountB", "externalId"] },
  EC2AR_SESSION_DURATION: {
    path: ["accountB", "maxSessionDurationSeconds"],
    numeric: true,
  },
};
