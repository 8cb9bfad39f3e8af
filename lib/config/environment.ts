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
  /** Path of the config field it sets (within its target, for target settings). */
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
};

/** Settings of one target, as `EC2AR_TARGET_<NAME>_<SETTING>`. */
export const TARGET_SETTINGS: Readonly<Record<string, EnvironmentSetting>> = {
  ACCOUNT_ID: { path: ["accountId"] },
  REGION: { path: ["region"] },
  PROFILE: { path: ["deploy", "profile"] },
  DEPLOY_ROLE_ARN: { path: ["deploy", "roleArn"] },
  ROLE_NAME: { path: ["roleName"] },
  EXTERNAL_ID: { path: ["externalId"] },
  SESSION_DURATION: { path: ["maxSessionDurationSeconds"], numeric: true },
};

const TARGET_VARIABLE = new RegExp(
  `^${ENV_PREFIX}TARGET_([A-Z0-9_]+?)_(${Object.keys(TARGET_SETTINGS).join("|")})$`,
);

/** The variable that sets `setting` of the target named `targetName`, e.g. `EC2AR_TARGET_B_EXTERNAL_ID`. */
export function targetVariable(
  targetName: string,
  setting: keyof typeof TARGET_SETTINGS,
): string {
  return `${ENV_PREFIX}TARGET_${targetName.toUpperCase().replace(/-/g, "_")}_${setting}`;
}

/** For a target variable: the target's name as the variable spells it, and the setting; undefined otherwise. */
export function parseTargetVariable(
  name: string,
): { target: string; setting: EnvironmentSetting } | undefined {
  const match = TARGET_VARIABLE.exec(name);
  return match
    ? { target: match[1], setting: TARGET_SETTINGS[match[2]] }
    : undefined;
}
