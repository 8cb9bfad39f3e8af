import { inputErrorOf } from "../test-support/errors";
import { Testing } from "cdktf";
import { loadAppConfig } from "../config/defaults";
import { buildApp, stackNames } from "../main";
import {
  accessMatrix,
  evaluateMatrix,
  matrixStacks,
} from "../scripts/iam/matrix";
import { synthesizeStacks } from "../scripts/synthesized";
import {
  StackJson,
  policy,
  synthesize,
  testConfig,
} from "../test-support/synth";

const target = (name: string, accountId: string, extra: object = {}) => ({
  name,
  accountId,
  externalId: `ext-${name}`,
  ...extra,
});
const several = [
  target("b", "222222222222"),
  target("reports", "333333333333"),
  target("eu-prod", "444444444444"),
];

const withFile = (content: unknown, env: Record<string, string> = {}) =>
  loadAppConfig({ EC2AR_CONFIG_FILE: "c.json", ...env }, () =>
    JSON.stringify(content),
  );

describe("target accounts", () => {
  test("by default there is one, the article's account B, as stack account-b", () => {
    const { targets } = buildApp(Testing.app(), testConfig());
    expect(targets.map((t) => t.node.id)).toEqual(["account-b"]);
  });

  test("several targets make one stack each, named by target, deployed after account-a", () => {
    const config = testConfig({ targets: several });
    expect(stackNames(config)).toEqual([
      "account-a",
      "account-b",
      "account-reports",
      "account-eu-prod",
    ]);
    const { accountA, targets } = buildApp(Testing.app(), config);
    for (const stack of targets) expect(stack.dependencies).toEqual([accountA]);
  });

  test("account A may assume exactly the configured targets' roles", () => {
    const { accountA, targets } = synthesize(testConfig({ targets: several }));
    expect(
      policy(accountA, "aws_iam_role_policy", "assume_cross_account"),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Resource: [
            "arn:aws:iam::222222222222:role/cross-account-access-role",
            "arn:aws:iam::333333333333:role/cross-account-access-role",
            "arn:aws:iam::444444444444:role/cross-account-access-role",
          ],
        },
      ],
    });
    expect(targets.map((t) => t.provider.aws[0].allowed_account_ids)).toEqual([
      ["222222222222"],
      ["333333333333"],
      ["444444444444"],
    ]);
    expect(
      policy(
        targets[1],
        "aws_iam_role",
        "cross_account_role",
        "assume_role_policy",
      ),
    ).toMatchObject({
      Statement: [
        {
          Principal: {
            AWS: "arn:aws:iam::111111111111:role/application-ec2-role",
          },
          Condition: { StringEquals: { "sts:ExternalId": "ext-reports" } },
        },
      ],
    });
  });

  test("the order of targets in config changes no stack and no address", () => {
    const strip = (stack: StackJson) =>
      JSON.stringify({ ...stack, "//": undefined });
    const forward = synthesize(testConfig({ targets: several }));
    const backward = synthesize(
      testConfig({ targets: [...several].reverse() }),
    );
    expect(strip(backward.accountA)).toBe(strip(forward.accountA));
    const byAccount = (stacks: StackJson[]) =>
      Object.fromEntries(
        stacks.map((s) => [
          String(s.provider.aws[0].allowed_account_ids),
          strip(s),
        ]),
      );
    expect(byAccount(backward.targets)).toEqual(byAccount(forward.targets));
  });

  test("removing a target leaves the other targets' stacks unchanged", () => {
    const all = synthesize(testConfig({ targets: several }));
    const fewer = synthesize(testConfig({ targets: [several[0], several[2]] }));
    expect(JSON.stringify(fewer.targets[1])).toBe(
      JSON.stringify(all.targets[2]),
    );
  });

  test("each target's settings can come from the environment, by target name", () => {
    const config = withFile(
      { targets: several },
      {
        EC2AR_TARGET_EU_PROD_EXTERNAL_ID: "from-env",
        EC2AR_TARGET_REPORTS_ACCOUNT_ID: "555555555555",
      },
    );
    expect(
      config.targets.map((t) => [t.name, t.accountId, t.externalId]),
    ).toEqual([
      ["b", "222222222222", "ext-b"],
      ["reports", "555555555555", "ext-reports"],
      ["eu-prod", "444444444444", "from-env"],
    ]);
  });

  test("fails with no targets", () => {
    expect(inputErrorOf(() => withFile({ targets: [] }))).toMatch(
      /targets: got \[\] \(from config file c.json\); at least one target account is required/,
    );
  });

  test("fails on two targets with one name, or one account", () => {
    const text = inputErrorOf(() =>
      withFile({
        targets: [
          target("b", "222222222222"),
          target("b", "333333333333"),
          target("c", "222222222222"),
        ],
      }),
    );
    expect(text).toMatch(
      /targets\[b\]\.name: got "b" .*target names must be unique \(target 1 has it too\)/,
    );
    expect(text).toMatch(
      /targets\[c\]\.accountId: got "222222222222" .*each target is a different account \(target 1 has it too\)/,
    );
  });

  test("fails on a target in account A, or named like account-a's stack", () => {
    expect(
      inputErrorOf(() => withFile({ targets: [target("b", "111111111111")] })),
    ).toMatch(
      /targets\[b\]\.accountId: got "111111111111" .*different account from account A/,
    );
    expect(
      inputErrorOf(() => withFile({ targets: [target("a", "222222222222")] })),
    ).toMatch(/targets\[a\]\.name: got "a" .*"a" is taken by account-a/);
    expect(
      inputErrorOf(() => withFile({ targets: [target("EU", "222222222222")] })),
    ).toMatch(/targets\[EU\]\.name: got "EU" .*lowercase/);
  });

  test("fails on a target without an account or External ID", () => {
    const text = inputErrorOf(() => withFile({ targets: [{ name: "c" }] }));
    expect(text).toMatch(
      /targets\[c\]\.accountId: missing; this setting is required here/,
    );
    expect(text).toMatch(
      /targets\[c\]\.externalId: missing; this setting is required here/,
    );
  });

  test("fails on an environment variable for a target that does not exist", () => {
    expect(
      inputErrorOf(() =>
        loadAppConfig({ EC2AR_TARGET_C_ACCOUNT_ID: "333333333333" }),
      ),
    ).toMatch(
      /environment variable EC2AR_TARGET_C_ACCOUNT_ID: no target is named like "c"; targets: b/,
    );
  });
});

describe("many target accounts", () => {
  const many = Array.from({ length: 80 }, (_, i) =>
    target(`t${i + 1}`, String(300_000_000_000 + i)),
  );

  test("account A's grant switches to one statement per role name, limited to the targets' accounts", () => {
    const { accountA } = synthesize(testConfig({ targets: many }));
    expect(
      policy(accountA, "aws_iam_role_policy", "assume_cross_account"),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Resource: "arn:aws:iam::*:role/cross-account-access-role",
          Condition: {
            StringEquals: {
              "aws:ResourceAccount": many.map((t) => t.accountId).sort(),
            },
          },
        },
      ],
    });
  });

  test("the compact grant allows exactly the same roles (simulated)", async () => {
    const config = testConfig({ targets: many });
    const rows = accessMatrix(matrixStacks(synthesizeStacks(config)), config);
    const results = await evaluateMatrix(
      rows.filter((r) => r.action === "sts:AssumeRole"),
    );
    expect(
      results
        .filter((r) => r.actual !== r.expected)
        .map((r) => `${r.group}: ${r.description}`),
    ).toEqual([]);
    // Per target, the EC2 role and its instance session get in; plus EC2 into account A's role.
    expect(results.filter((r) => r.expected === "Allowed").length).toBe(
      2 * many.length + 1,
    );
  });
});
