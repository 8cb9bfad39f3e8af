/**
 * The app: account A (the workload) and one stack per target account (the
 * article's account B by default), wired from one configuration. Stacks refer
 * to each other's roles by ARNs computed here, never by cross-stack
 * references, so each deploys with its own account's credentials only.
 */
import { App } from "cdktf";
import { roleArn } from "./lib/arn";
import { AppConfig } from "./lib/config/schema";
import { loadAppConfig } from "./config/defaults";
import { InputError } from "./lib/errors";
import { synthesizeInto } from "./lib/synth";
import { AccountAStack } from "./stacks/account-a-stack";
import { TargetAccountStack } from "./stacks/target-account-stack";

/** Account A's stack name, as `cdktf deploy <stack>` takes it. */
export const ACCOUNT_A_STACK = "account-a";

/** A target's stack name: `account-<target name>` (`account-b` for the article's account B). */
export function targetStackName(targetName: string): string {
  return `account-${targetName}`;
}

/** The stacks of an app, as {@link buildApp} returns them. */
export interface AppStacks {
  /** The workload account. */
  readonly accountA: AccountAStack;
  /** The target accounts, in config order. */
  readonly targets: readonly TargetAccountStack[];
}

/** Adds every account's stack to `app`; each target deploys after account A. */
export function buildApp(app: App, config: AppConfig): AppStacks {
  const defaultTags = {
    Project: config.project,
    ManagedBy: "cdktf",
    Environment: config.environment,
  };
  const appRoleArn = roleArn({
    partition: config.partition,
    ...config.accountA,
  });

  const accountA = new AccountAStack(app, ACCOUNT_A_STACK, {
    account: config.accountA,
    partition: config.partition,
    environment: config.environment,
    defaultTags,
    backend: config.backend,
    crossAccountRoleArns: config.targets.map((target) =>
      roleArn({ partition: config.partition, ...target }),
    ),
  });
  const targets = config.targets.map((target) => {
    const stack = new TargetAccountStack(app, targetStackName(target.name), {
      target,
      defaultTags,
      backend: config.backend,
      trustedRoleArn: appRoleArn,
    });
    // IAM rejects a trust policy whose role principal does not exist yet.
    stack.addDependency(accountA);
    return stack;
  });
  return { accountA, targets };
}

/** Stack names in deploy order: account A, then the targets. */
export function stackNames(config: AppConfig): string[] {
  return [
    ACCOUNT_A_STACK,
    ...config.targets.map((target) => targetStackName(target.name)),
  ];
}

if (require.main === module) {
  try {
    const config = loadAppConfig(process.env);
    synthesizeInto(process.env.CDKTF_OUTDIR ?? "cdktf.out", (app) =>
      buildApp(app, config),
    );
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
