/**
 * Lists account B's buckets from account A's instance, through the
 * cross-account role: the article's Python example, in TypeScript.
 *   npm run list-buckets -- --role-arn arn:aws:iam::222222222222:role/cross-account-access-role --external-id <id>
 */
import { parseArgs } from "node:util";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { InputError } from "../lib/errors";
import { crossAccountCredentials } from "./credentials";
import { checkSessionDuration, crossAccountTarget } from "./inputs";

/** Runs the command with `argv`; returns the bucket names. */
export async function listBuckets(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<string[]> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      "role-arn": { type: "string" },
      "external-id": { type: "string" },
      "session-name": { type: "string" },
      duration: { type: "string" },
      region: { type: "string" },
    },
    strict: true,
  });
  const target = crossAccountTarget(values, env);
  const credentials = crossAccountCredentials({
    ...target,
    sessionName: values["session-name"] ?? "cross-account-session",
    durationSeconds:
      values.duration === undefined
        ? undefined
        : checkSessionDuration(values.duration, "--duration"),
  });
  const client = new S3Client({
    credentials,
    region: values.region ?? env.AWS_REGION ?? "us-east-1",
  });
  const { Buckets } = await client.send(new ListBucketsCommand({}));
  return (Buckets ?? []).map((b) => b.Name ?? "");
}

if (require.main === module) {
  listBuckets(process.argv.slice(2), process.env)
    .then((names) => console.log(names.join("\n")))
    .catch((error: unknown) => {
      console.error(
        error instanceof InputError ||
          (error instanceof Error && error.name !== "Error")
          ? error.message
          : error,
      );
      process.exitCode = 1;
    });
}
