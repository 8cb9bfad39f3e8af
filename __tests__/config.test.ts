import { inputErrorOf } from "../test-support/errors";
import { targetB } from "../test-support/synth";
import { loadAppConfig } from "../config/defaults";
import { loadConfig, mergeConfig } from "../lib/config/load";
import { AL2023_AMI_NAME_PATTERN } from "../lib/config/schema";

const load = (
  env: Record<string, string> = {},
  files: Record<string, string> = {},
) =>
  loadAppConfig(env, (path) => {
    if (!(path in files))
      throw new Error(`ENOENT: no such file, open '${path}'`);
    return files[path];
  });

const withFile = (content: unknown, env: Record<string, string> = {}) =>
  load(
    { EC2AR_CONFIG_FILE: "config.json", ...env },
    { "config.json": JSON.stringify(content) },
  );

describe("config defaults", () => {
  test("come from the project (config/defaults.ts): lib's schema knows no account", () => {
    const text = inputErrorOf(() => loadConfig({ env: {}, defaults: {} }));
    expect(text).toMatch(/accountA: missing; this setting is required here/);
    expect(text).toMatch(/targets: missing; this setting is required here/);
  });

  test("are overridden key by key by the file, and a file's list replaces the default list", () => {
    expect(
      mergeConfig(
        { a: { x: 1, y: 2 }, list: [1, 2] },
        { a: { y: 3 }, list: [9] },
      ),
    ).toEqual({ a: { x: 1, y: 3 }, list: [9] });
  });

  test("are the article's values", () => {
    const config = load();
    expect(config.accountA).toMatchObject({
      accountId: "111111111111",
      region: "us-east-1",
      roleName: "application-ec2-role",
      instanceProfileName: "application-instance-profile",
      appPolicyName: "application-permissions",
      assumePolicyName: "assume-cross-account-role",
      instance: {
        name: "application-server",
        type: "t3.micro",
        amiNamePattern: AL2023_AMI_NAME_PATTERN,
      },
      network: {
        mode: "create",
        vpcCidr: "10.0.0.0/16",
        subnetCidr: "10.0.1.0/24",
      },
    });
    expect(config.targets[0]).toMatchObject({
      accountId: "222222222222",
      roleName: "cross-account-access-role",
      externalId: "unique-external-id-12345",
      maxSessionDurationSeconds: 3600,
    });
    expect(config.environment).toBe("production");
    expect(config.partition).toBe("aws");
  });
});

describe("config precedence: defaults < file < environment", () => {
  test("a file overrides defaults and leaves the rest at their defaults", () => {
    const config = withFile({
      accountA: { accountId: "333333333333", table: { name: "orders" } },
    });
    expect(config.accountA.accountId).toBe("333333333333");
    expect(config.accountA.table).toEqual({
      name: "orders",
      partitionKey: "pk",
      sortKey: "sk",
    });
    expect(config.accountA.roleName).toBe("application-ec2-role");
  });

  test("the environment overrides the file", () => {
    const config = withFile(
      {
        ...targetB({
          externalId: "from-file",
          maxSessionDurationSeconds: 1800,
        }),
      },
      {
        EC2AR_TARGET_B_EXTERNAL_ID: "from-env",
        EC2AR_TARGET_B_SESSION_DURATION: "900",
      },
    );
    expect(config.targets[0].externalId).toBe("from-env");
    expect(config.targets[0].maxSessionDurationSeconds).toBe(900);
  });

  test.each([
    [
      "EC2AR_ACCOUNT_A_ID",
      "333333333333",
      (c: ReturnType<typeof load>) => c.accountA.accountId,
    ],
    [
      "EC2AR_TARGET_B_ACCOUNT_ID",
      "444444444444",
      (c: ReturnType<typeof load>) => c.targets[0].accountId,
    ],
    [
      "EC2AR_ACCOUNT_A_REGION",
      "eu-west-1",
      (c: ReturnType<typeof load>) => c.accountA.region,
    ],
    [
      "EC2AR_TARGET_B_REGION",
      "eu-central-1",
      (c: ReturnType<typeof load>) => c.targets[0].region,
    ],
    [
      "EC2AR_ACCOUNT_A_PROFILE",
      "workload",
      (c: ReturnType<typeof load>) => c.accountA.deploy?.profile,
    ],
    [
      "EC2AR_TARGET_B_DEPLOY_ROLE_ARN",
      "arn:aws:iam::222222222222:role/deploy",
      (c: ReturnType<typeof load>) => c.targets[0].deploy?.roleArn,
    ],
    [
      "EC2AR_BUCKET_NAME",
      "my-bucket",
      (c: ReturnType<typeof load>) => c.accountA.bucketName,
    ],
    [
      "EC2AR_ENVIRONMENT",
      "staging",
      (c: ReturnType<typeof load>) => c.environment,
    ],
  ])("%s sets its field", (name, value, read) => {
    expect(read(load({ [name]: value }))).toBe(value);
  });

  test("environment variables of other programs are ignored", () => {
    expect(() => load({ AWS_REGION: "eu-west-1", PATH: "/bin" })).not.toThrow();
  });
});

describe("config rules: each bad value stops with the field, the value and the rule", () => {
  test.each<[string, unknown, RegExp]>([
    [
      "account A ID of 11 digits",
      { accountA: { accountId: "12345678901" } },
      /accountA\.accountId: got "12345678901".*exactly 12 digits/,
    ],
    [
      "account B ID with letters",
      { ...targetB({ accountId: "22222222222a" }) },
      /targets\[b\]\.accountId: got "22222222222a".*exactly 12 digits/,
    ],
    [
      "region without a number",
      { accountA: { region: "us-east" } },
      /accountA\.region: got "us-east".*looks like us-east-1/,
    ],
    [
      "role name over 64 characters",
      { accountA: { roleName: "r".repeat(65) } },
      /accountA\.roleName: .*1-64 characters/,
    ],
    [
      "role name with a space",
      { ...targetB({ roleName: "my role" }) },
      /targets\[b\]\.roleName: got "my role"/,
    ],
    [
      "policy name with a slash",
      { accountA: { appPolicyName: "a/b" } },
      /accountA\.appPolicyName: got "a\/b".*1-128 characters/,
    ],
    [
      "instance profile name too long",
      { accountA: { instanceProfileName: "p".repeat(129) } },
      /accountA\.instanceProfileName/,
    ],
    [
      "External ID of one character",
      { ...targetB({ externalId: "x" }) },
      /targets\[b\]\.externalId: got "x".*2-1224 characters/,
    ],
    [
      "External ID with a space",
      { ...targetB({ externalId: "has space" }) },
      /targets\[b\]\.externalId: got "has space"/,
    ],
    [
      "External ID over 1224 characters",
      { ...targetB({ externalId: "e".repeat(1225) }) },
      /targets\[b\]\.externalId/,
    ],
    [
      "bucket name with capitals",
      { accountA: { bucketName: "MyBucket" } },
      /accountA\.bucketName: got "MyBucket".*S3 bucket name/,
    ],
    [
      "bucket name shaped like an IP address",
      { accountA: { bucketName: "192.168.1.1" } },
      /accountA\.bucketName: got "192.168.1.1"/,
    ],
    [
      "bucket name with '..'",
      { accountA: { bucketName: "my..bucket" } },
      /accountA\.bucketName/,
    ],
    [
      "bucket name with a reserved suffix",
      { accountA: { bucketName: "data-s3alias" } },
      /accountA\.bucketName/,
    ],
    [
      "bucket name of two characters",
      { accountA: { bucketName: "ab" } },
      /accountA\.bucketName/,
    ],
    [
      "VPC CIDR that is not a network",
      { accountA: { network: { mode: "create", vpcCidr: "10.0.0.1/16" } } },
      /accountA\.network\.vpcCidr: got "10.0.0.1\/16".*no host bits/,
    ],
    [
      "VPC CIDR too large",
      { accountA: { network: { mode: "create", vpcCidr: "10.0.0.0/8" } } },
      /accountA\.network\.vpcCidr: .*\/16 to \/28/,
    ],
    [
      "subnet CIDR outside the VPC",
      { accountA: { network: { mode: "create", subnetCidr: "10.1.0.0/24" } } },
      /accountA\.network\.subnetCidr: got "10.1.0.0\/24".*inside the VPC's block 10.0.0.0\/16/,
    ],
    [
      "session shorter than 900 s",
      { ...targetB({ maxSessionDurationSeconds: 899 }) },
      /targets\[b\]\.maxSessionDurationSeconds: got 899.*at least 900/,
    ],
    [
      "session longer than the role-chaining cap",
      { ...targetB({ maxSessionDurationSeconds: 3601 }) },
      /targets\[b\]\.maxSessionDurationSeconds: got 3601.*at most 3600/,
    ],
    [
      "account B equal to account A",
      { ...targetB({ accountId: "111111111111" }) },
      /targets\[b\]\.accountId: got "111111111111".*different account/,
    ],
    [
      "unknown partition",
      { partition: "aws-moon" },
      /partition: got "aws-moon"/,
    ],
    [
      "misspelt setting",
      { accountA: { roleNmae: "x" } },
      /accountA\.roleNmae: not a setting of this project/,
    ],
    [
      "deploy profile and role together",
      {
        accountA: {
          deploy: { profile: "a", roleArn: "arn:aws:iam::111111111111:role/d" },
        },
      },
      /accountA\.deploy: .*either profile or roleArn, not both/,
    ],
    [
      "deploy role that is not a role ARN",
      { ...targetB({ deploy: { roleArn: "deployer" } }) },
      /targets\[b\]\.deploy\.roleArn: got "deployer".*role ARN/,
    ],
    [
      "existing network without a subnet",
      {
        accountA: {
          network: { mode: "existing", vpcId: "vpc-0123456789abcdef0" },
        },
      },
      /accountA\.network\.subnetId/,
    ],
    [
      "existing subnet id of the wrong shape",
      {
        accountA: {
          network: {
            mode: "existing",
            vpcId: "vpc-0123456789abcdef0",
            subnetId: "sn-1",
          },
        },
      },
      /accountA\.network\.subnetId: got "sn-1"/,
    ],
    [
      "permission with a malformed action",
      {
        ...targetB({
          permissions: [{ actions: ["s3 ListBuckets"], resources: ["*"] }],
        }),
      },
      /targets\[b\]\.permissions\.0\.actions\.0: got "s3 ListBuckets".*service:Name/,
    ],
    [
      "permission with no resources",
      {
        ...targetB({
          permissions: [{ actions: ["s3:ListAllMyBuckets"], resources: [] }],
        }),
      },
      /targets\[b\]\.permissions\.0\.resources/,
    ],
    [
      "permission resource that is not an ARN",
      {
        ...targetB({
          permissions: [
            { actions: ["s3:ListBucket"], resources: ["my-bucket"] },
          ],
        }),
      },
      /targets\[b\]\.permissions\.0\.resources\.0: got "my-bucket".*\* or an ARN/,
    ],
    [
      "statement id with a dash",
      {
        ...targetB({
          permissions: [
            {
              sid: "list-all",
              actions: ["s3:ListAllMyBuckets"],
              resources: ["*"],
            },
          ],
        }),
      },
      /targets\[b\]\.permissions\.0\.sid: got "list-all".*letters and digits/,
    ],
    [
      "instance type without a size",
      { accountA: { instance: { type: "t3" } } },
      /accountA\.instance\.type: got "t3"/,
    ],
    [
      "table name of two characters",
      { accountA: { table: { name: "ab" } } },
      /accountA\.table\.name: got "ab"/,
    ],
  ])("fails when the file has a %s", (_case, content, message) => {
    const text = inputErrorOf(() => withFile(content));
    expect(text).toMatch(message);
    expect(text).toMatch(/nothing was synthesized/);
  });

  test("fails when an environment variable breaks a rule, naming the variable", () => {
    expect(inputErrorOf(() => load({ EC2AR_ACCOUNT_A_ID: "123" }))).toMatch(
      /accountA\.accountId: got "123" \(from environment variable EC2AR_ACCOUNT_A_ID\); an AWS account ID is exactly 12 digits/,
    );
  });

  test("fails when a session duration from the environment is not a number", () => {
    expect(
      inputErrorOf(() => load({ EC2AR_TARGET_B_SESSION_DURATION: "1h" })),
    ).toMatch(
      /targets\[b\]\.maxSessionDurationSeconds: got "1h" \(from environment variable EC2AR_TARGET_B_SESSION_DURATION\)/,
    );
  });

  test("fails when an EC2AR_ variable is not one this project reads", () => {
    expect(inputErrorOf(() => load({ EC2AR_EXTERNALID: "x1" }))).toMatch(
      /environment variable EC2AR_EXTERNALID: not a setting of this project; known: .*EC2AR_TARGET_B_EXTERNAL_ID/,
    );
  });

  test("fails when the config file is missing", () => {
    expect(
      inputErrorOf(() => load({ EC2AR_CONFIG_FILE: "nope.json" })),
    ).toMatch(/Config file "nope.json" .*cannot be used: ENOENT/);
  });

  test("fails when the config file is not JSON", () => {
    expect(
      inputErrorOf(() =>
        load({ EC2AR_CONFIG_FILE: "c.json" }, { "c.json": "{ accountA: " }),
      ),
    ).toMatch(/Config file "c.json" .*not valid JSON/);
  });

  test("fails when the config file holds something other than an object", () => {
    expect(
      inputErrorOf(() =>
        load({ EC2AR_CONFIG_FILE: "c.json" }, { "c.json": "[1]" }),
      ),
    ).toMatch(/must hold a JSON object/);
  });

  test("reports every problem at once", () => {
    const text = inputErrorOf(() =>
      withFile({
        accountA: { accountId: "1" },
        ...targetB({ externalId: "x" }),
      }),
    );
    expect(text).toMatch(/\(2 problems\)/);
    expect(text).toMatch(/accountA\.accountId/);
    expect(text).toMatch(/targets\[b\]\.externalId/);
  });

  test("accepts the boundary values", () => {
    const config = withFile({
      accountA: {
        bucketName: "abc",
        network: {
          mode: "create",
          vpcCidr: "10.0.0.0/28",
          subnetCidr: "10.0.0.0/28",
        },
      },
      ...targetB({
        externalId: "ab",
        maxSessionDurationSeconds: 900,
        roleName: "r".repeat(64),
      }),
    });
    expect(config.targets[0].maxSessionDurationSeconds).toBe(900);
    expect(
      withFile({
        ...targetB({
          externalId: "e".repeat(1224),
          maxSessionDurationSeconds: 3600,
        }),
      }).targets[0].externalId,
    ).toHaveLength(1224);
  });
});
