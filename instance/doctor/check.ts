/** The result of one doctor check, and how results are shown. */

/** How a check ended. */
export type CheckStatus = "pass" | "fail" | "skip";

/** One check's outcome: what was found, and for a failure the likely cause and the next command. */
export interface CheckResult {
  /** Stable id, for `--json` consumers. */
  readonly id: string;
  /** What was checked, in a few words. */
  readonly title: string;
  /** The outcome. */
  readonly status: CheckStatus;
  /** What was seen. */
  readonly detail: string;
  /** The likely cause, for a failure. */
  readonly cause?: string;
  /** The command or step to run next. */
  readonly next?: string;
}

const MARK: Record<CheckStatus, string> = {
  pass: "PASS",
  fail: "FAIL",
  skip: "SKIP",
};

/** Human output: one line per check, cause and next step indented under failures. */
export function formatHuman(results: readonly CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.title.length));
  const lines = results.flatMap((r) => [
    `${MARK[r.status]}  ${r.title.padEnd(width)}  ${r.detail}`,
    ...(r.cause ? [`      likely cause: ${r.cause}`] : []),
    ...(r.next ? [`      next: ${r.next}`] : []),
  ]);
  const notPassed = results.filter((r) => r.status !== "pass").length;
  lines.push(
    "",
    notPassed === 0
      ? `All ${results.length} checks passed.`
      : `${notPassed} of ${results.length} checks did not pass.`,
  );
  return lines.join("\n");
}

/** `--json` output. */
export function formatJson(results: readonly CheckResult[]): string {
  return JSON.stringify({ ok: allPassed(results), checks: results }, null, 2);
}

/** True only when every check passed (a skipped check is not a pass). */
export function allPassed(results: readonly CheckResult[]): boolean {
  return results.every((r) => r.status === "pass");
}
