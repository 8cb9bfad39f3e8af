import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { synthesizeInto } from "../lib/synth";
import { buildApp } from "../main";
import { testConfig } from "../test-support/synth";

describe("synthesizeInto", () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), "ec2ar-synth-"));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  test("writes the stacks and keeps files the app does not own, such as .terraform/", () => {
    const outdir = join(work, "cdktf.out");
    mkdirSync(join(outdir, "stacks/account-a/.terraform"), { recursive: true });
    writeFileSync(
      join(outdir, "stacks/account-a/.terraform/keep"),
      "provider cache",
    );
    synthesizeInto(outdir, (app) => buildApp(app, testConfig()));
    expect(existsSync(join(outdir, "stacks/account-b/cdk.tf.json"))).toBe(true);
    expect(
      readFileSync(join(outdir, "stacks/account-a/.terraform/keep"), "utf8"),
    ).toBe("provider cache");
    expect(readdirSync(work)).toEqual(["cdktf.out"]);
  });

  test("fails on a validation error in the second stack without touching the previous output or leaving staging behind", () => {
    const outdir = join(work, "cdktf.out");
    synthesizeInto(outdir, (app) => buildApp(app, testConfig()));
    const before = readFileSync(
      join(outdir, "stacks/account-b/cdk.tf.json"),
      "utf8",
    );
    expect(() =>
      synthesizeInto(outdir, (app) => {
        const { targets } = buildApp(
          app,
          testConfig({ accountA: { roleName: "renamed" } }),
        );
        targets[0].node.addValidation({
          validate: () => ["account-b is invalid"],
        });
      }),
    ).toThrow(/account-b is invalid/);
    expect(
      readFileSync(join(outdir, "stacks/account-b/cdk.tf.json"), "utf8"),
    ).toBe(before);
    expect(readdirSync(work)).toEqual(["cdktf.out"]);
  });
});
