import { targetB } from "../test-support/synth";
// The app as users run it: `node --import tsx main.ts`, the command in cdktf.json.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "..");
const cdktfJson = JSON.parse(
  readFileSync(join(root, "cdktf.json"), "utf8"),
) as { app: string };
const appCommand = cdktfJson.app.split(" ");

function runApp(env: Record<string, string>) {
  const [command, ...args] = appCommand;
  return spawnSync(command, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CHECKPOINT_DISABLE: "1",
      ...env,
    },
    encoding: "utf8",
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("the app command", () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "ec2ar-main-"));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  test("synthesizes both accounts, account-b after account-a", () => {
    const outdir = join(work, "out");
    const run = runApp({ CDKTF_OUTDIR: outdir });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const manifest = JSON.parse(
      readFileSync(join(outdir, "manifest.json"), "utf8"),
    );
    expect(manifest.stacks["account-a"].dependencies).toEqual([]);
    expect(manifest.stacks["account-b"].dependencies).toEqual(["account-a"]);
    expect(existsSync(join(outdir, "stacks/account-a/cdk.tf.json"))).toBe(true);
    expect(existsSync(join(outdir, "stacks/account-b/cdk.tf.json"))).toBe(true);
  });

  test("writes no path of this machine into the output", () => {
    const outdir = join(work, "out");
    expect(runApp({ CDKTF_OUTDIR: outdir }).status).toBe(0);
    for (const file of filesUnder(outdir)) {
      const text = readFileSync(file, "utf8");
      for (const machinePath of [
        root,
        work,
        tmpdir(),
        process.env.HOME ?? "/root",
      ]) {
        expect({ file, hasPath: text.includes(machinePath) }).toEqual({
          file,
          hasPath: false,
        });
      }
    }
  });

  test("fails on bad config with the field, value and rule, and writes nothing", () => {
    const outdir = join(work, "out");
    const run = runApp({
      CDKTF_OUTDIR: outdir,
      EC2AR_TARGET_B_ACCOUNT_ID: "12",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /targets\[b\]\.accountId: got "12" \(from environment variable EC2AR_TARGET_B_ACCOUNT_ID\); an AWS account ID is exactly 12 digits/,
    );
    expect(existsSync(outdir)).toBe(false);
  });

  test("fails on an unreadable config file and writes nothing", () => {
    const outdir = join(work, "out");
    const file = join(work, "config.json");
    writeFileSync(file, "{ not json");
    const run = runApp({ CDKTF_OUTDIR: outdir, EC2AR_CONFIG_FILE: file });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /Config file ".*config.json" \(from EC2AR_CONFIG_FILE\) cannot be used: it is not valid JSON/,
    );
    expect(existsSync(outdir)).toBe(false);
  });

  test("reads a config file", () => {
    const outdir = join(work, "out");
    const file = join(work, "config.json");
    writeFileSync(
      file,
      JSON.stringify({ ...targetB({ accountId: "999999999999" }) }),
    );
    expect(
      runApp({ CDKTF_OUTDIR: outdir, EC2AR_CONFIG_FILE: file }).status,
    ).toBe(0);
    const stackB = JSON.parse(
      readFileSync(join(outdir, "stacks/account-b/cdk.tf.json"), "utf8"),
    );
    expect(stackB.provider.aws[0].allowed_account_ids).toEqual([
      "999999999999",
    ]);
  });
});
