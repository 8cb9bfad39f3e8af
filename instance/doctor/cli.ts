/**
 * `npm run doctor`: the article's troubleshooting section as one command.
 *   on the instance:  npm run doctor -- --role-arn <arn> --external-id <id> [--expected-role <name>] [--json]
 *   on a workstation: npm run doctor -- trust [--profile-a <profile>] [--profile-b <profile>] [--json]
 * Exit code 0 only when every check passed.
 */
import { parseArgs } from "node:util";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import { fromIni } from "@aws-sdk/credential-providers";
import { InputError } from "../../lib/errors";
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
      "profile-a": { type: "string" },
      "profile-b": { type: "string" },
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
      ? await trustMode(values, env)
      : await instanceMode(values, env);
  return {
    output: values.json ? formatJson(results) : formatHuman(results),
    exitCode: allPassed(results) ? 0 : 1,
  };
}

async function instanceMode(
  values: Record<string, string | boolean | undefined>,
  env: Readonly<Record<string, string | undefined>>,
): Promise<CheckResult[]> {
  const given =
    values["role-arn"] ??
    env.CROSS_ACCOUNT_ROLE_ARN ??
    values["external-id"] ??
    env.CROSS_ACCOUNT_EXTERNAL_ID;
  const target =
    given === undefined ? undefined : crossAccountTarget(values, env);
  return runInstanceChecks({
    imds: new ImdsClient({ endpoint: env.AWS_EC2_METADATA_SERVICE_ENDPOINT }),
    sts: (credentials) =>
      new STSClient({ credentials, region: env.AWS_REGION ?? "us-east-1" }),
    expectedRole:
      (values["expected-role"] as string | undefined) ??
      env[EXPECTED_ROLE_VARIABLE],
    target,
  });
}

async function trustMode(
  values: Record<string, string | boolean | undefined>,
  env: Readonly<Record<string, string | undefined>>,
): Promise<CheckResult[]> {
  // Loaded here: synthesizing needs cdktf, which the instance mode does not.
  const { expectedTrustPolicies } = await import("./expected");
  const iamFor = (profile: unknown) =>
    new IAMClient({
      region: "us-east-1",
      ...(typeof profile === "string"
        ? { credentials: fromIni({ profile }) }
        : {}),
    });
  const expected = expectedTrustPolicies(env);
  const roles: ExpectedRole[] = [
    { ...expected.accountA, iam: iamFor(values["profile-a"]) },
    { ...expected.accountB, iam: iamFor(values["profile-b"]) },
  ];
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
