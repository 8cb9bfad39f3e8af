/**
 * Synth time and peak memory of this project's app command, next to what the
 * `cdktf init` template would spend on the same stacks (`npx ts-node main.ts`
 * with the provider loaded from its package root). One run each; prints the
 * numbers and the ratios.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "..");
const SOURCES = ["main.ts", "stacks", "lib", "tsconfig.json", "package.json"];

/** Wall time and the largest peak RSS of any Node.js process the command started. */
interface Measurement {
  readonly seconds: number;
  readonly peakMiB: number;
}

function measure(
  command: string,
  cwd: string,
  extraEnv: Record<string, string> = {},
): Measurement {
  const rssDir = mkdtempSync(join(tmpdir(), "ec2ar-bench-rss-"));
  const outdir = mkdtempSync(join(tmpdir(), "ec2ar-bench-out-"));
  const started = process.hrtime.bigint();
  const run = spawnSync(command, {
    cwd,
    shell: true,
    encoding: "utf8",
    env: {
      ...process.env,
      CHECKPOINT_DISABLE: "1",
      CDKTF_OUTDIR: outdir,
      BENCH_RSS_DIR: rssDir,
      NODE_OPTIONS: `--require ${join(root, "scripts/peak-rss.cjs")}`,
      ...extraEnv,
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0)
    throw new Error(`${command} failed (${run.status}):\n${run.stderr}`);
  const peakKiB = Math.max(
    ...readdirSync(rssDir).map((pid) =>
      Number(readFileSync(join(rssDir, pid), "utf8")),
    ),
  );
  for (const dir of [rssDir, outdir])
    rmSync(dir, { recursive: true, force: true });
  return { seconds, peakMiB: peakKiB / 1024 };
}

/** A copy of the app as the template would write it: every stack also imports the provider's package root. */
function templateStyleCopy(): string {
  const copy = mkdtempSync(join(tmpdir(), "ec2ar-bench-template-"));
  for (const source of SOURCES)
    cpSync(join(root, source), join(copy, source), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));
  for (const stack of readdirSync(join(copy, "stacks"))) {
    const file = join(copy, "stacks", stack);
    writeFileSync(
      file,
      `import "@cdktf/provider-aws";\n${readFileSync(file, "utf8")}`,
    );
  }
  return copy;
}

/** A config file with `count` target accounts (distinct names and account IDs). */
function configWithTargets(dir: string, count: number): string {
  const targets = Array.from({ length: count }, (_, i) => ({
    name: `t${i + 1}`,
    accountId: String(300_000_000_000 + i),
    externalId: `external-id-${i + 1}`,
  }));
  const file = join(dir, `targets-${count}.json`);
  writeFileSync(file, JSON.stringify({ targets }));
  return file;
}

/** Synth cost as the number of target accounts grows. */
function scaleSeries(appCommand: string): void {
  const dir = mkdtempSync(join(tmpdir(), "ec2ar-bench-scale-"));
  try {
    console.log(
      `\n${"target accounts (stacks)".padEnd(26)} ${"time (s)".padStart(8)} ${"peak (MiB)".padStart(10)} ${"ms per stack".padStart(12)}`,
    );
    for (const count of [1, 10, 100, 500]) {
      const m = measure(appCommand, root, {
        EC2AR_CONFIG_FILE: configWithTargets(dir, count),
      });
      const perStack = (m.seconds * 1000) / (count + 1);
      console.log(
        `${`${count} (${count + 1})`.padEnd(26)} ${m.seconds.toFixed(2).padStart(8)} ${m.peakMiB.toFixed(0).padStart(10)} ${perStack.toFixed(1).padStart(12)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const scaleOnly = process.argv.includes("--scale-only");
  const appCommand = (
    JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")) as {
      app: string;
    }
  ).app;
  if (scaleOnly) {
    scaleSeries(appCommand);
    return;
  }
  const templateCommand = "npx ts-node main.ts";
  const ours = measure(appCommand, root);
  const copy = templateStyleCopy();
  let template: Measurement;
  try {
    template = measure(templateCommand, copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  const row = (name: string, m: Measurement) =>
    `${name.padEnd(52)} ${m.seconds.toFixed(2).padStart(8)} ${m.peakMiB.toFixed(0).padStart(10)}`;
  console.log(
    `${"app command (synthesizes account-a and account-b)".padEnd(52)} ${"time (s)".padStart(8)} ${"peak (MiB)".padStart(10)}`,
  );
  console.log(row(`this project: ${appCommand}`, ours));
  console.log(row(`cdktf template: ${templateCommand}, root import`, template));
  console.log(
    `${"ratio (template / this project)".padEnd(52)} ${(template.seconds / ours.seconds).toFixed(1).padStart(7)}x ${(template.peakMiB / ours.peakMiB).toFixed(1).padStart(9)}x`,
  );
  scaleSeries(appCommand);
}

main();
