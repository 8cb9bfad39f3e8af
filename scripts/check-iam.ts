/**
 * `npm run check:iam`: synthesizes the stacks from the current configuration
 * (defaults, EC2AR_CONFIG_FILE, EC2AR_* variables), simulates the access
 * matrix on their policies, prints it, and fails on any row whose decision
 * differs from the one promised.
 */
import { loadAppConfig } from "../config/defaults";
import { InputError } from "../lib/errors";
import { synthesizeStacks } from "./synthesized";
import {
  accessMatrix,
  evaluateMatrix,
  matrixMarkdown,
  matrixStacks,
} from "./iam/matrix";

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const config = loadAppConfig(process.env);
  const results = await evaluateMatrix(
    accessMatrix(matrixStacks(synthesizeStacks(config)), config),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(matrixMarkdown(results));
  const mismatches = results.filter((r) => r.actual !== r.expected);
  console.log(
    `\n${results.length} requests simulated in ${seconds.toFixed(2)} s (synthesis included): ${results.length - mismatches.length} as expected, ${mismatches.length} not.`,
  );
  if (mismatches.length > 0) {
    for (const r of mismatches)
      console.error(
        `MISMATCH: ${r.group}: ${r.description}: expected ${r.expected}, got ${r.actual}`,
      );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  if (!(error instanceof InputError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
});
