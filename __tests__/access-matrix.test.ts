// The access matrix on the synthesized default stacks, and proof that it can
// fail: weakening one thing in the stacks flips exactly the rows that guard it.
import { TerraformJson } from "../lib/iam/stack-policies";
import {
  accessMatrix,
  evaluateMatrix,
  MatrixResult,
  Stacks,
  matrixStacks,
} from "../scripts/iam/matrix";
import { synthesizeStacks } from "../scripts/synthesized";
import { testConfig, targetB } from "../test-support/synth";
import { ConfigLayer } from "../lib/config/schema";

type Mutable = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
};

function stacksFor(config: ConfigLayer = {}): Stacks {
  return matrixStacks(synthesizeStacks(testConfig(config)));
}

async function mismatches(
  stacks: Stacks,
  config: ConfigLayer = {},
): Promise<string[]> {
  const results: MatrixResult[] = await evaluateMatrix(
    accessMatrix(stacks, testConfig(config)),
  );
  return results
    .filter((r) => r.actual !== r.expected)
    .map((r) => `${r.description}: ${r.actual}`);
}

/** Rewrites one policy attribute of a synthesized stack's resource. */
function editPolicy(
  stack: TerraformJson,
  type: string,
  name: string,
  attribute: string,
  edit: (text: string) => string,
): TerraformJson {
  const copy = structuredClone(stack) as Mutable;
  const block = copy.resource[type][name];
  const before = block[attribute] as string;
  block[attribute] = edit(before);
  expect(block[attribute]).not.toBe(before);
  return copy;
}

describe("access matrix on the default stacks", () => {
  const defaults = stacksFor();
  const rows = accessMatrix(defaults, testConfig());

  test("covers each principal the project promises about", () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(new Set(rows.map((r) => r.group)).size).toBe(4);
  });

  test.each(rows.map((r) => [`${r.group}: ${r.description}`, r] as const))(
    "%s",
    async (_name, row) => {
      const [result] = await evaluateMatrix([row]);
      expect(result.actual).toBe(row.expected);
    },
  );
});

describe("the matrix fails when a guarantee is weakened", () => {
  const defaults = stacksFor();

  test("dropping the External ID condition from account B's trust fails the External ID rows", async () => {
    const accountB = editPolicy(
      defaults.targets[0],
      "aws_iam_role",
      "cross_account_role",
      "assume_role_policy",
      (text) =>
        text.replace(
          /, "Condition" = \{"StringEquals" = \{"sts:ExternalId" = "[^"]+"\}\}/,
          "",
        ),
    );
    expect(await mismatches({ ...defaults, targets: [accountB] })).toEqual([
      "the EC2 role, without an External ID: Allowed",
      "the EC2 role, with a wrong External ID: Allowed",
    ]);
  });

  test("widening the app policy's S3 resources to * fails the other-bucket rows", async () => {
    const accountA = editPolicy(
      defaults.accountA,
      "aws_iam_role_policy",
      "app_policy",
      "policy",
      (text) =>
        text.replace(
          /"Resource" = \[aws_s3_bucket\.app_bucket\.arn, "\$\{aws_s3_bucket\.app_bucket\.arn\}\/\*"\]/,
          '"Resource" = "*"',
        ),
    );
    expect(await mismatches(accountAOnly(accountA))).toEqual([
      "reads an object of another bucket: Allowed",
      "lists another bucket: Allowed",
    ]);
  });

  test("trusting account A's root instead of its role fails the other-principal rows", async () => {
    const accountB = editPolicy(
      defaults.targets[0],
      "aws_iam_role",
      "cross_account_role",
      "assume_role_policy",
      (text) => text.replace(/role\/application-ec2-role/, "root"),
    );
    const failed = await mismatches({ ...defaults, targets: [accountB] });
    expect(failed).toEqual(
      expect.arrayContaining([
        "another role of account A, with the External ID: Allowed",
        "account A's root, with the External ID: Allowed",
      ]),
    );
  });

  test("a deployed permission policy wider than configured fails the row that keeps the role to listing", async () => {
    const accountB = editPolicy(
      defaults.targets[0],
      "aws_iam_role_policy",
      "cross_account_permissions",
      "policy",
      (text) =>
        text.replace(
          /"Action" = \["s3:ListAllMyBuckets"\]/,
          '"Action" = ["s3:ListAllMyBuckets", "s3:GetObject"]',
        ),
    );
    expect(await mismatches({ ...defaults, targets: [accountB] })).toEqual([
      "reads an object in its account: Allowed",
    ]);
  });

  test("expectations follow the configured permissions: what is configured is promised, the rest stays denied", async () => {
    const config = {
      ...targetB({
        permissions: [
          { actions: ["s3:ListAllMyBuckets"], resources: ["*"] },
          { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::reports/*"] },
        ],
      }),
    };
    const stacks = stacksFor(config);
    const rows = accessMatrix(stacks, testConfig(config));
    expect(rows.map((r) => `${r.description} -> ${r.expected}`)).toEqual(
      expect.arrayContaining([
        "s3:GetObject on arn:aws:s3:::reports/example, as configured -> Allowed",
        "reads an object in its account -> Denied",
      ]),
    );
    expect(await mismatches(stacks, config)).toEqual([]);
  });

  test("letting Lambda assume the EC2 role fails the service-trust row", async () => {
    const accountA = editPolicy(
      defaults.accountA,
      "aws_iam_role",
      "app_role",
      "assume_role_policy",
      (text) =>
        text.replace(
          /"Service" = "ec2\.amazonaws\.com"/,
          '"Service" = ["ec2.amazonaws.com", "lambda.amazonaws.com"]',
        ),
    );
    expect(await mismatches(accountAOnly(accountA))).toEqual([
      "Lambda tries to assume the role: Allowed",
    ]);
  });

  function accountAOnly(accountA: TerraformJson): Stacks {
    return { ...defaults, accountA };
  }
});
