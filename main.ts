/**
 * The app: account A (workload) and account B (target), wired from one
 * configuration. Each stack refers to the other's role by an ARN computed
 * here, never by a cross-stack reference, so each deploys on its own.
 */
import { App } from "cdktf";
import { roleArn } from "./lib/arn";
import { AppConfig } from "./lib/config/schema";
import { loadConfig } from "./lib/config/load";
import { InputError } from "./lib/errors";
import { synthesizeInto } from "./lib/synth";
import { AccountAStack } from "./stacks/account-a-stack";
import { AccountBStack } from "./stacks/account-b-stack";

/** Stack names, as `cdktf deploy <stack>` takes them. */
export const STACK_NAMES = {
  accountA: "account-a",
  accountB: "account-b",
} as const;

/** Adds both accounts' stacks to `app`; account B deploys after account A. */
export function buildApp(
  app: App,
  config: AppConfig,
): { accountA: AccountAStack; accountB: AccountBStack } {
  const defaultTags = {
    Project: config.project,
    ManagedBy: "cdktf",
    Environment: config.environment,
  };
  const appRoleArn = roleArn({
    partition: config.partition,
    ...config.accountA,
  });
  const crossAccountRoleArn = roleArn({
    partition: config.partition,
    ...config.accountB,
  });

  const accountA = new AccountAStack(app, STACK_NAMES.accountA, {
    account: config.accountA,
    partition: config.partition,
    environment: config.environment,
    defaultTags,
    crossAccountRoleArn,
  });
  const accountB = new AccountBStack(app, STACK_NAMES.accountB, {
    account: config.accountB,
    defaultTags,
    trustedRoleArn: appRoleArn,
  });
  // IAM rejects a trust policy whose role principal does not exist yet.
  accountB.addDependency(accountA);
  return { accountA, accountB };
}

if (require.main === module) {
  try {
    const config = loadConfig({ env: process.env });
    synthesizeInto(process.env.CDKTF_OUTDIR ?? "cdktf.out", (app) =>
      buildApp(app, config),
    );
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
