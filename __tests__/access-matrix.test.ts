// The access matrix on the synthesized default stacks, and proof that it can
// fail: weakening one thing in the stacks flips exactly the rows that guard it.
import { TerraformJson } from "../lib/iam/stack-policies";
import {
  accessMatrix,
  evaluateMatrix,
  MatrixResult,
  Stacks,
} from "../scripts/iam/matrix";
import { synthesizeStacks } from "../scripts/synthesized";
import { testConfig } from "../test-support/synth";
import { AppConfigInput } from "../lib/config/schema";

type Mutable = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
};

function stacksFor(config: AppConfigInput = {}): Stacks {
  const [a, b] = synthesizeStacks(testConfig(config)).map(
    (s) => JSON.parse(s.json) as TerraformJson,
  );
  return { accountA: a, accountB: b };
}

async function mismatches(stacks: Stacks): Promise<string[]> {
  const results: MatrixResult[] = await evaluateMatrix(accessMatrix(stacks));
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
  const rows = accessMatrix(defaults);

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
      defaults.accountB,
      "aws_iam_role",
      "cross_account_role",
      "assume_role_policy",
      (text) =>
        text.replace(
          /, "Condition" = \{"StringEquals" = \{"sts:ExternalId" = "[^"]+"\}\}/,
          "",
        ),
    );
    expect(await mismatches({ ...defaults, accountB })).toEqual([
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
      defaults.accountB,
      "aws_iam_role",
      "cross_account_role",
      "assume_role_policy",
      (text) => text.replace(/role\/application-ec2-role/, "root"),
    );
    const failed = await mismatches({ ...defaults, accountB });
    expect(failed).toEqual(
      expect.arrayContaining([
        "another role of account A, with the External ID: Allowed",
        "account A's root, with the External ID: Allowed",
      ]),
    );
  });

  test("configuring account B's role to read every object fails the row that keeps it to listing", async () => {
    const widened = stacksFor({
      accountB: {
        permissions: [
          { actions: ["s3:ListAllMyBuckets"], resources: ["*"] },
          { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::*/*"] },
        ],
      },
    });
    expect(await mismatches(widened)).toEqual([
      "reads an object in account B: Allowed",
    ]);
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
