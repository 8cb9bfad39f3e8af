import {
  addresses,
  policy,
  resource,
  synthesize,
  testConfig,
  targetB,
} from "../test-support/synth";

describe("account-b stack", () => {
  const { accountB } = synthesize();

  test("holds the cross-account role and its permissions, nothing else", () => {
    expect(addresses(accountB)).toEqual([
      "aws_iam_role.cross_account_role",
      "aws_iam_role_policy.cross_account_permissions",
    ]);
  });

  test("the provider may only touch account B", () => {
    expect(accountB.provider.aws[0]).toMatchObject({
      allowed_account_ids: ["222222222222"],
      region: "us-east-1",
    });
    expect(accountB.terraform.backend).toEqual({
      local: { path: "../../../terraform.account-b.tfstate" },
    });
  });

  test("trusts account A's role only, and only with the External ID", () => {
    const { accountB: stack } = synthesize(
      testConfig({
        accountA: { accountId: "444444444444", roleName: "worker" },
        ...targetB({ externalId: "tenant-42" }),
      }),
    );
    expect(
      policy(stack, "aws_iam_role", "cross_account_role", "assume_role_policy"),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Action: "sts:AssumeRole",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::444444444444:role/worker" },
          Condition: { StringEquals: { "sts:ExternalId": "tenant-42" } },
        },
      ],
    });
  });

  test("caps sessions at the configured duration", () => {
    expect(
      resource(accountB, "aws_iam_role", "cross_account_role")
        .max_session_duration,
    ).toBe(3600);
    const { accountB: stack } = synthesize(
      testConfig({ ...targetB({ maxSessionDurationSeconds: 900 }) }),
    );
    expect(
      resource(stack, "aws_iam_role", "cross_account_role")
        .max_session_duration,
    ).toBe(900);
  });

  test("by default may list buckets, which is what the article's application code does", () => {
    expect(
      resource(accountB, "aws_iam_role_policy", "cross_account_permissions"),
    ).toMatchObject({
      name: "cross-account-permissions",
      role: "${aws_iam_role.cross_account_role.id}",
    });
    expect(
      policy(accountB, "aws_iam_role_policy", "cross_account_permissions"),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ListBuckets",
          Effect: "Allow",
          Action: ["s3:ListAllMyBuckets"],
          Resource: ["*"],
        },
      ],
    });
  });

  test("takes its permissions from config", () => {
    const permissions = [
      {
        sid: "ReadReports",
        actions: ["s3:GetObject"],
        resources: ["arn:aws:s3:::reports/*"],
      },
      { actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::reports"] },
    ];
    const { accountB: stack } = synthesize(
      testConfig({ ...targetB({ permissions }) }),
    );
    expect(
      policy(stack, "aws_iam_role_policy", "cross_account_permissions"),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ReadReports",
          Effect: "Allow",
          Action: ["s3:GetObject"],
          Resource: ["arn:aws:s3:::reports/*"],
        },
        {
          Effect: "Allow",
          Action: ["s3:ListBucket"],
          Resource: ["arn:aws:s3:::reports"],
        },
      ],
    });
  });

  test("with no permissions configured the role has no policy, as in the article", () => {
    const { accountB: stack } = synthesize(
      testConfig({ ...targetB({ permissions: [] }) }),
    );
    expect(addresses(stack)).toEqual(["aws_iam_role.cross_account_role"]);
  });

  test("outputs the role ARN and the External ID the instance needs", () => {
    expect(accountB.output).toMatchObject({
      cross_account_role_arn: {
        value: "${aws_iam_role.cross_account_role.arn}",
      },
      external_id: { value: "unique-external-id-12345" },
    });
  });

  test("snapshot (a change detector for review, not the assertion)", () => {
    expect(accountB).toMatchSnapshot();
  });
});
