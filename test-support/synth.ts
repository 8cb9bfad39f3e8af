/**
 * Test helpers: build the app from a config input and read the synthesized
 * Terraform JSON back as objects. Outside `__tests__/` so jest does not run
 * it as a suite.
 */
import { Testing } from "cdktf";
import { ARTICLE_DEFAULTS } from "../config/defaults";
import { mergeConfig } from "../lib/config/load";
import { buildApp } from "../main";
import {
  AppConfig,
  AppConfigInput,
  ConfigLayer,
  appConfigSchema,
} from "../lib/config/schema";
import { decodeJsonencode } from "../lib/terraform-expression";

/** Synthesized Terraform JSON of one stack. */
export type StackJson = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; description?: string }>;
  provider: { aws: Record<string, unknown>[] };
  terraform: Record<string, unknown>;
};

/** The default configuration, plus `overrides` (a config file's worth of input). */
export function testConfig(overrides: ConfigLayer = {}): AppConfig {
  return appConfigSchema.parse(mergeConfig(ARTICLE_DEFAULTS, overrides));
}

/** Every stack synthesized (with validations) from `config`: account A, the first target as `accountB`, and all targets. */
export function synthesize(config: AppConfig = testConfig()): {
  accountA: StackJson;
  accountB: StackJson;
  targets: StackJson[];
} {
  const stacks = buildApp(Testing.app(), config);
  const targets = stacks.targets.map(
    (stack) => JSON.parse(Testing.synth(stack, true)) as StackJson,
  );
  return {
    accountA: JSON.parse(Testing.synth(stacks.accountA, true)) as StackJson,
    accountB: targets[0],
    targets,
  };
}

/** One resource's synthesized block, without cdktf's `//` metadata; throws when absent. */
export function resource(
  stack: StackJson,
  type: string,
  name: string,
): Record<string, unknown> {
  const block = stack.resource[type]?.[name];
  if (!block)
    throw new Error(`no ${type}.${name}; have: ${addresses(stack).join(", ")}`);
  const { ["//"]: _metadata, ...rest } = block;
  return rest;
}

/** A policy attribute of a resource, decoded into an IAM document. */
export function policy(
  stack: StackJson,
  type: string,
  name: string,
  attribute = "policy",
): unknown {
  return decodeJsonencode(resource(stack, type, name)[attribute] as string);
}

/** Every resource and data source address in the stack, sorted. */
export function addresses(stack: StackJson): string[] {
  const list = (blocks: StackJson["resource"] | undefined, prefix: string) =>
    Object.entries(blocks ?? {}).flatMap(([type, byName]) =>
      Object.keys(byName).map((name) => `${prefix}${type}.${name}`),
    );
  return [...list(stack.resource, ""), ...list(stack.data, "data.")].sort();
}

/** Config input for the article's one target, account B, with some settings changed. */
export function targetB(overrides: Partial<TargetInput> = {}): ConfigLayer {
  return { targets: [{ ...ARTICLE_DEFAULTS.targets[0], ...overrides }] };
}

type TargetInput = AppConfigInput["targets"][number];
