import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Testing } from "cdktf";
import { suppressRule } from "../lib/checks/suppressions";
import { HardenedInstance } from "../lib/constructs/hardened-instance";
import { InputError } from "../lib/errors";
import { synthesizeInto } from "../lib/synth";
import { buildApp } from "../main";
import { testConfig } from "../test-support/synth";

/** Synthesizes like the app command does (error annotations stop it), into a throwaway directory. */
function synthLikeTheApp(build: (app: App) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "ec2ar-checks-"));
  try {
    synthesizeInto(join(dir, "out"), build);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Account A with IMDSv1 allowed and two hops, through raw overrides that skip the construct's defaults. */
function weakenedAccountA(app: App = Testing.app()) {
  const { accountA } = buildApp(app, testConfig());
  const instance = accountA.node.findChild("app") as HardenedInstance;
  instance.resource.addOverride("metadata_options.http_tokens", "optional");
  instance.resource.addOverride(
    "metadata_options.http_put_response_hop_limit",
    2,
  );
  return { accountA, instance };
}

describe("security checks at synthesis", () => {
  test("an error stops synthesis, naming the rule, address, construct path, finding and fix", () => {
    expect(() => synthLikeTheApp((app) => weakenedAccountA(app))).toThrow(
      /\[EC2-IMDSv2\] Instances require IMDSv2 tokens with a PUT response hop limit of 1: aws_instance\.app \(account-a\/app\/Default\) has MetadataOptions::http_tokens=optional\. IMDSv1 answers any GET.*Set metadata_options/,
    );
  });

  test("a suppression with a reason lets synthesis pass", () => {
    const { accountA, instance } = weakenedAccountA();
    suppressRule(instance, {
      ruleId: "EC2-IMDSv2",
      reason:
        "The vendor agent on this image needs IMDSv1 until its 2027 release",
    });
    expect(() => Testing.synth(accountA, true)).not.toThrow();
  });

  test("a suppression of one finding leaves the rule's other findings in force", () => {
    const build = (app: App) => {
      const { instance } = weakenedAccountA(app);
      suppressRule(instance, {
        ruleId: "EC2-IMDSv2",
        finding: "MetadataOptions::http_tokens=optional",
        reason:
          "The vendor agent on this image needs IMDSv1 until its 2027 release",
      });
    };
    let message = "";
    try {
      synthLikeTheApp(build);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/MetadataOptions::http_put_response_hop_limit=2/);
    expect(message).not.toMatch(/http_tokens=optional/);
  });

  test("fails when a suppression has no reason", () => {
    const { instance } = weakenedAccountA();
    expect(() =>
      suppressRule(instance, { ruleId: "EC2-IMDSv2", reason: "" }),
    ).toThrow(InputError);
    expect(() =>
      suppressRule(instance, { ruleId: "EC2-IMDSv2", reason: "because" }),
    ).toThrow(
      /suppression of EC2-IMDSv2 on account-a\/app: reason: got "because"; a suppression needs a written reason of at least 10 characters/,
    );
  });

  test("fails when a suppression names a rule that does not exist", () => {
    const { instance } = weakenedAccountA();
    expect(() =>
      suppressRule(instance, {
        ruleId: "EC2-IMDSv3",
        reason: "a perfectly good reason",
      }),
    ).toThrow(
      /suppression on account-a\/app: ruleId: got "EC2-IMDSv3"; not a rule of the pack; known: EC2-IMDSv2/,
    );
  });

  test("a warning is reported and does not stop synthesis", () => {
    const { accountA } = buildApp(Testing.app(), testConfig());
    const role = accountA.node.findChild("app_role").node.findChild("Default");
    (
      role as unknown as { addOverride(path: string, value: unknown): void }
    ).addOverride("tags.Environment", "");
    expect(() => Testing.synth(accountA, true)).not.toThrow();
    const warnings = role.node.metadata
      .filter((m) => m.type === "@cdktf/warn")
      .map((m) => String(m.data));
    expect(warnings).toEqual([
      expect.stringMatching(
        /\[Tags-Default\] .*aws_iam_role\.app_role \(account-a\/app_role\/Default\) has Tags::Environment/,
      ),
    ]);
  });

  test("the default stacks have no findings at all", () => {
    const { accountA, targets } = buildApp(Testing.app(), testConfig());
    for (const stack of [accountA, ...targets]) {
      Testing.synth(stack, true);
      const annotations = stack.node
        .findAll()
        .flatMap((c) =>
          c.node.metadata.filter((m) => String(m.type).startsWith("@cdktf/")),
        );
      expect(annotations).toEqual([]);
    }
  });
});
