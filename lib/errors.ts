/**
 * Every message this project shows a user about bad input, in one place, so
 * they share one shape: what was wrong (field and value), the rule, the fix.
 */

/** Thrown for input that breaks a rule; the message is written for the user. */
export class InputError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** A single value that breaks a rule: names the field, quotes the value, states the rule. */
export function invalidValue(
  field: string,
  value: unknown,
  rule: string,
): InputError {
  return new InputError(`${field}: got ${quote(value)}; ${rule}`);
}

/** One or more configuration problems, each already formatted as a line. */
export function invalidConfig(problems: readonly string[]): InputError {
  const lines = problems.map((p) => `  - ${p}`).join("\n");
  const noun = problems.length === 1 ? "problem" : "problems";
  return new InputError(
    `Configuration is invalid (${problems.length} ${noun}); nothing was synthesized:\n${lines}`,
  );
}

/** A config file that cannot be read or parsed. */
export function unreadableConfigFile(path: string, reason: string): InputError {
  return new InputError(
    `Config file ${quote(path)} (from EC2AR_CONFIG_FILE) cannot be used: ${reason}; ` +
      "fix the file or unset EC2AR_CONFIG_FILE to use the defaults",
  );
}

/** An environment variable with this project's prefix that the project does not read. */
export function unknownEnvironmentVariable(
  name: string,
  known: readonly string[],
): string {
  return `environment variable ${name}: not a setting of this project; known: ${known.join(", ")}`;
}

/** Two Terraform elements that would synthesize to the same address. */
export function duplicateAddress(
  address: string,
  paths: readonly string[],
): string {
  return (
    `Terraform address ${address} is used by more than one construct (${paths.join(", ")}); ` +
    "give one of them another id"
  );
}

/** A construct id that cannot become (or inherit) a Terraform address. */
export function unaddressableId(path: string, id: string): string {
  return (
    `construct ${path}: id ${quote(id)} is neither a snake_case Terraform name ` +
    "(like app_role) nor a PascalCase part name (like Versioning) that takes its parent's address"
  );
}

function quote(value: unknown): string {
  return typeof value === "string"
    ? JSON.stringify(value)
    : String(JSON.stringify(value) ?? value);
}

/** A problem with a policy found at synthesis, located by stack, address and statement. */
export function policyProblem(
  location: string,
  where: string,
  value: unknown,
  rule: string,
): string {
  return `${location}, ${where}: got ${quote(value)}; ${rule}`;
}

/** Problems with a policy a builder was asked to make; nothing is rendered. */
export function invalidPolicy(problems: readonly string[]): InputError {
  return new InputError(
    `Policy is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
  );
}

/** A security rule finding: rule, address, construct path, finding and the fix. */
export function securityFinding(
  rule: {
    readonly id: string;
    readonly requirement: string;
    readonly explanation: string;
  },
  address: string,
  constructPath: string,
  finding: string,
): string {
  return `[${rule.id}] ${rule.requirement}: ${address} (${constructPath}) has ${finding}. ${rule.explanation}`;
}
