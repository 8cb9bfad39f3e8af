/**
 * Builds the configuration from its three sources, lowest precedence first:
 * the defaults the caller gives, the JSON file named by EC2AR_CONFIG_FILE,
 * and EC2AR_* environment variables. Every problem is reported at once, with
 * its source.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import {
  invalidConfig,
  unknownEnvironmentVariable,
  unreadableConfigFile,
} from "../errors";
import { AppConfig, ConfigLayer, appConfigSchema } from "./schema";
import {
  CONFIG_FILE_VARIABLE,
  ENV_PREFIX,
  ENVIRONMENT_SETTINGS,
  TARGET_SETTINGS,
  parseTargetVariable,
  targetVariable,
} from "./environment";

/** Where configuration comes from; tests pass their own. */
export interface ConfigSources {
  /** Environment variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Reads the config file.
   * @default - reads from disk as UTF-8
   */
  readonly readFile?: (path: string) => string;
  /** The lowest layer: values used where the file and the environment say nothing. */
  readonly defaults: ConfigLayer;
}

type Json = Record<string, unknown>;

/** Loads and validates the configuration, or throws an `InputError` listing every problem. */
export function loadConfig(sources: ConfigSources): AppConfig {
  const filePath = sources.env[CONFIG_FILE_VARIABLE];
  const fromFile =
    filePath === undefined ? {} : readConfigFile(filePath, sources.readFile);
  const merged = mergeConfig(sources.defaults, fromFile);
  const { problems, envPaths } = applyEnvironment(merged, sources.env);

  /** Where the value at `key` came from: a variable, the file, or the defaults. */
  const sourceOf = (key: string, path: readonly PropertyKey[]) =>
    [...envPaths].find(([p]) => key === p || key.startsWith(`${p}.`))?.[1] ??
    (valueAt(fromFile, path) !== undefined
      ? `config file ${filePath}`
      : "the default");

  const result = appConfigSchema.safeParse(merged, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const paths =
        issue.code === "unrecognized_keys"
          ? issue.keys.map((key) => [...issue.path, key])
          : [issue.path];
      for (const path of paths) {
        const given = valueAt(merged, path);
        problems.push(
          describeIssue(
            issue,
            fieldName(merged, path),
            given ?? issue.input,
            sourceOf(path.join("."), path),
          ),
        );
      }
    }
  }
  if (problems.length > 0) throw invalidConfig(problems);
  return result.data as AppConfig;
}

/**
 * `override` laid over `base`: objects merge key by key, anything else
 * (lists included: a file's `targets` replaces the default list) replaces.
 */
export function mergeConfig(base: unknown, override: unknown): Json {
  const isObject = (v: unknown): v is Json =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(base) || !isObject(override))
    return structuredClone((override ?? base) as Json);
  const result: Json = structuredClone(base);
  for (const [key, value] of Object.entries(override)) {
    result[key] =
      isObject(value) && isObject(result[key])
        ? mergeConfig(result[key], value)
        : structuredClone(value);
  }
  return result;
}

/** Writes each EC2AR_* variable into `merged`; returns unknown-variable problems and which paths came from where. */
function applyEnvironment(
  merged: Json,
  env: ConfigSources["env"],
): { problems: string[]; envPaths: Map<string, string> } {
  const problems: string[] = [];
  const envPaths = new Map<string, string>();
  for (const [name, text] of Object.entries(env)) {
    if (
      !name.startsWith(ENV_PREFIX) ||
      name === CONFIG_FILE_VARIABLE ||
      text === undefined
    )
      continue;
    const global = ENVIRONMENT_SETTINGS[name];
    const target = global ? undefined : parseTargetVariable(name);
    if (!global && !target) {
      const examples = Object.keys(TARGET_SETTINGS).map((s) =>
        targetVariable("b", s),
      );
      problems.push(
        unknownEnvironmentVariable(name, [
          CONFIG_FILE_VARIABLE,
          ...Object.keys(ENVIRONMENT_SETTINGS),
          ...examples,
        ]),
      );
      continue;
    }
    let path = global?.path;
    if (target) {
      const targets = Array.isArray(merged.targets)
        ? (merged.targets as Json[])
        : [];
      const index = targets.findIndex(
        (t) =>
          String(t.name).toUpperCase().replace(/-/g, "_") === target.target,
      );
      if (index < 0) {
        problems.push(
          `environment variable ${name}: no target is named like "${target.target.toLowerCase().replace(/_/g, "-")}"; targets: ${targets.map((t) => String(t.name)).join(", ")}`,
        );
        continue;
      }
      path = ["targets", String(index), ...target.setting.path];
    }
    const numeric = (global ?? target?.setting)?.numeric && /^\d+$/.test(text);
    setAt(merged, path ?? [], numeric ? Number(text) : text);
    envPaths.set((path ?? []).join("."), `environment variable ${name}`);
  }
  return { problems, envPaths };
}

/** `targets.1.accountId` reads `targets[eu-prod].accountId`: targets are known by name. */
function fieldName(merged: Json, path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(config)";
  const [first, index, ...rest] = path.map(String);
  if (first !== "targets" || index === undefined)
    return path.map(String).join(".");
  const name =
    (valueAt(merged, ["targets", Number(index), "name"]) as
      string | undefined) ?? `#${Number(index) + 1}`;
  return [`targets[${name}]`, ...rest].join(".");
}

function describeIssue(
  issue: z.core.$ZodIssue,
  field: string,
  value: unknown,
  source: string,
): string {
  if (issue.code === "unrecognized_keys") {
    return `${field}: not a setting of this project (in ${source}); check the spelling against the README's config reference`;
  }
  if (value === undefined && issue.code === "invalid_type") {
    return `${field}: missing; this setting is required here (a ${issue.expected})`;
  }
  const got =
    value === undefined
      ? "missing"
      : `got ${JSON.stringify(value)} (${source === "the default" ? source : `from ${source}`})`;
  return `${field}: ${got}; ${issue.message}`;
}

function readConfigFile(
  path: string,
  readFile = (p: string) => readFileSync(p, "utf8"),
): Json {
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    throw unreadableConfigFile(path, (error as Error).message);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw unreadableConfigFile(
      path,
      `it is not valid JSON (${(error as Error).message})`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw unreadableConfigFile(path, "it must hold a JSON object");
  }
  return parsed as Json;
}

function setAt(target: Json, path: readonly string[], value: unknown): void {
  const parent = path.slice(0, -1).reduce<Json>((node, key) => {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    return node[key] as Json;
  }, target);
  parent[path[path.length - 1]] = value;
}

function valueAt(source: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (node, key) =>
      typeof node === "object" && node !== null
        ? (node as Record<PropertyKey, unknown>)[key]
        : undefined,
    source,
  );
}
