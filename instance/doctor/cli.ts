/**
 * `npm run doctor`: the article's troubleshooting section as one command.
 *   on the instance:  npm run doctor -- --role-arn <arn> --external-id <id> [--expected-role <name>] [--json]
 *   on a workstation: npm run doctor -- trust [--profile <stack>=<profile> ...] [--json]
 * Exit code 0 only when every check passed.
 */
import { parseArgs } from "node:util";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import { fromIni } from "@aws-sdk/credential-providers";
import { InputError, invalidValue } from "../../lib/errors";
import { ImdsClient } from "../imds";
import { crossAccountTarget } from "../inputs";
import { CheckResult, allPassed, formatHuman, formatJson } from "./check";
import { runInstanceChecks } from "./instance-checks";
import { ExpectedRole, runTrustChecks } from "./trust-checks";

/** Environment variable naming the role the instance should run as. */
export const EXPECTED_ROLE_VARIABLE = "APP_ROLE_NAME";

/** Runs the doctor with `argv`; returns the text to print and the exit code. */
export async function runDoctor(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ output: string; exitCode: number }> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      "role-arn": { type: "string" },
      "external-id": { type: "string" },
      "expected-role": { type: "string" },
      profile: { type: "string", multiple: true },
      json: { type: "boolean", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const mode = positionals[0] ?? "instance";
  if (positionals.length > 1 || !["instance", "trust"].includes(mode)) {
    throw new InputError(
      `doctor: got ${JSON.stringify(positionals.join(" "))}; the mode is "instance" (the default) or "trust"`,
    );
  }
  const results =
    mode === "trust"
      ? await trustMode(profilesByStack(values.profile ?? []), env)
      : await instanceMode(values, env);
  return {
    output: values.json ? formatJson(results) : formatHuman(results),
    exitCode: allPassed(results) ? 0 : 1,
  };
}

/** Flags of the instance mode. */
interface InstanceFlags {
  readonly "role-arn"?: string;
  readonly "external-id"?: string;
  readonly "expected-role"?: string;
}

async function instanceMode(
  flags: InstanceFlags,
  env: Readonly<Record<string, string | undefined>>,
): Promise<CheckResult[]> {
  const given =
    flags["role-arn"] ??
    env.CROSS_ACCOUNT_ROLE_ARN ??
    flags["external-id"] ??
    env.CROSS_ACCOUNT_EXTERNAL_ID;
  return runInstanceChecks({
    imds: new ImdsClient({ endpoint: env.AWS_EC2_METADATA_SERVICE_ENDPOINT }),
    sts: (credentials) =>
      new STSClient({ credentials, region: env.AWS_REGION ?? "us-east-1" }),
    expectedRole: flags["expected-role"] ?? env[EXPECTED_ROLE_VARIABLE],
    target: given === undefined ? undefined : crossAccountTarget(flags, env),
  });
}

/** `--profile account-a=admin-a` (repeatable) as stack -> profile. */
function profilesByStack(flags: readonly string[]): Map<string, string> {
  return new Map(
    flags.map((flag) => {
      const match = /^([a-z0-9-]+)=([\w.@+-]+)$/.exec(flag);
      if (!match)
        throw invalidValue(
          "--profile",
          flag,
          "write it as <stack>=<profile>, e.g. account-b=target-admin",
        );
      return [match[1], match[2]] as const;
    }),
  );
}

async function trustMode(
  profiles: Map<string, string>,
  env: Readonly<Record<string, string | undefined>>,
): Promise<CheckResult[]> {
  // Loaded here: synthesizing needs cdktf, which the instance mode does not.
  const { expectedTrustPolicies } = await import("./expected");
  const expected = expectedTrustPolicies(env);
  const unknown = [...profiles.keys()].filter(
    (stack) => !expected.some((e) => e.stack === stack),
  );
  if (unknown.length > 0) {
    throw invalidValue(
      "--profile",
      unknown.join(", "),
      `no such stack; the stacks are ${expected.map((e) => e.stack).join(", ")}`,
    );
  }
  const roles: ExpectedRole[] = expected.map((role) => {
    const profile = profiles.get(role.stack);
    return {
      ...role,
      iam: new IAMClient({
        region: "us-east-1",
        ...(profile ? { credentials: fromIni({ profile }) } : {}),
      }),
    };
  });
  return runTrustChecks(roles);
}

if (require.main === module) {
  runDoctor(process.argv.slice(2), process.env)
    .then(({ output, exitCode }) => {
      console.log(output);
      process.exitCode = exitCode;
    })
    .catch((error: unknown) => {
      if (
        !(error instanceof InputError) &&
        !(error instanceof TypeError && "code" in error)
      )
        throw error;
      console.error(error.message);
      process.exitCode = 2;
    });
}
