/**
 * Builds the configuration from its three sources, lowest precedence first:
 * built-in defaults, the JSON file named by EC2AR_CONFIG_FILE, and EC2AR_*
 * environment variables. Every problem is reported at once, with its source.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import {
  invalidConfig,
  unknownEnvironmentVariable,
  unreadableConfigFile,
} from "../errors";
import { AppConfig, appConfigSchema } from "./schema";
import {
  CONFIG_FILE_VARIABLE,
  ENV_PREFIX,
  ENVIRONMENT_SETTINGS,
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
}

type Json = Record<string, unknown>;

/** Loads and validates the configuration, or throws an `InputError` listing every problem. */
export function loadConfig(sources: ConfigSources): AppConfig {
  const filePath = sources.env[CONFIG_FILE_VARIABLE];
  const fromFile =
    filePath === undefined ? {} : readConfigFile(filePath, sources.readFile);
  const fileSource = `config file ${filePath}`;

  const problems: string[] = [];
  const envPaths = new Map<string, string>();
  const merged = structuredClone(fromFile);
  for (const [name, text] of Object.entries(sources.env)) {
    if (
      !name.startsWith(ENV_PREFIX) ||
      name === CONFIG_FILE_VARIABLE ||
      text === undefined
    )
      continue;
    const setting = ENVIRONMENT_SETTINGS[name];
    if (!setting) {
      problems.push(
        unknownEnvironmentVariable(name, [
          CONFIG_FILE_VARIABLE,
          ...Object.keys(ENVIRONMENT_SETTINGS),
        ]),
      );
      continue;
    }
    const numeric = setting.numeric && /^\d+$/.test(text);
    setAt(merged, setting.path, numeric ? Number(text) : text);
    envPaths.set(setting.path.join("."), `environment variable ${name}`);
  }

  const result = appConfigSchema.safeParse(merged, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const paths =
        issue.code === "unrecognized_keys"
          ? issue.keys.map((key) => [...issue.path, key])
          : [issue.path];
      for (const path of paths) {
        const field = path.join(".");
        const source =
          [...envPaths].find(
            ([p]) => field === p || field.startsWith(`${p}.`),
          )?.[1] ?? fileSource;
        const given = valueAt(merged, path);
        problems.push(
          describeIssue(
            issue,
            field || "(config)",
            given ?? issue.input,
            given === undefined ? "the default" : source,
          ),
        );
      }
    }
  }
  if (problems.length > 0) throw invalidConfig(problems);
  return result.data as AppConfig;
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
