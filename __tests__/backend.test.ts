import { inputErrorOf } from "../test-support/errors";
import { loadAppConfig } from "../config/defaults";
import { synthesize, targetB, testConfig } from "../test-support/synth";

const s3 = {
  type: "s3",
  bucket: "org-terraform-state",
  region: "eu-west-1",
} as const;

describe("state backends", () => {
  test("default: a local file per stack, relative to its working directory", () => {
    const { accountA, accountB } = synthesize();
    expect(accountA.terraform.backend).toEqual({
      local: { path: "../../../terraform.account-a.tfstate" },
    });
    expect(accountB.terraform.backend).toEqual({
      local: { path: "../../../terraform.account-b.tfstate" },
    });
  });

  test("S3: one key per stack, encrypted, with S3-native locking", () => {
    const { accountA, accountB } = synthesize(
      testConfig({ backend: { ...s3, keyPrefix: "platform/ec2" } }),
    );
    expect(accountA.terraform.backend).toEqual({
      s3: {
        bucket: "org-terraform-state",
        key: "platform/ec2/account-a.tfstate",
        region: "eu-west-1",
        encrypt: true,
        use_lockfile: true,
      },
    });
    expect((accountB.terraform.backend as { s3: { key: string } }).s3.key).toBe(
      "platform/ec2/account-b.tfstate",
    );
  });

  test("S3: the state can be reached through a profile or a role", () => {
    const { accountA } = synthesize(
      testConfig({
        backend: { ...s3, roleArn: "arn:aws:iam::999999999999:role/state" },
      }),
    );
    expect(
      (accountA.terraform.backend as { s3: Record<string, unknown> }).s3,
    ).toMatchObject({
      key: "ec2-assume-role/account-a.tfstate",
      assume_role: {
        role_arn: "arn:aws:iam::999999999999:role/state",
        session_name: "cdktf-state-account-a",
      },
    });
  });

  test("HCP Terraform: one workspace per stack", () => {
    const { accountA, accountB } = synthesize(
      testConfig({
        backend: {
          type: "hcp",
          organization: "acme",
          workspacePrefix: "assume-role",
          project: "platform",
        },
      }),
    );
    expect(accountA.terraform.cloud).toEqual({
      organization: "acme",
      workspaces: { name: "assume-role-account-a", project: "platform" },
    });
    expect(accountB.terraform.cloud).toMatchObject({
      workspaces: { name: "assume-role-account-b" },
    });
    expect(accountA.terraform.backend).toBeUndefined();
  });

  test("an account can keep its state elsewhere than the others", () => {
    const { accountA, accountB } = synthesize(
      testConfig({ backend: s3, ...targetB({ backend: { type: "local" } }) }),
    );
    expect(Object.keys(accountA.terraform.backend as object)).toEqual(["s3"]);
    expect(accountB.terraform.backend).toEqual({
      local: { path: "../../../terraform.account-b.tfstate" },
    });
  });

  test.each<[string, unknown, RegExp]>([
    [
      "an S3 bucket name breaking S3's rules",
      { ...s3, bucket: "Org_State" },
      /backend\.bucket: got "Org_State" .*S3 bucket name/,
    ],
    [
      "an S3 backend without a region",
      { type: "s3", bucket: "org-terraform-state" },
      /backend\.region: missing; this setting is required here/,
    ],
    [
      "a key prefix with a space",
      { ...s3, keyPrefix: "my state" },
      /backend\.keyPrefix: got "my state" .*state key prefix/,
    ],
    [
      "an HCP organization with a space",
      { type: "hcp", organization: "my org" },
      /backend\.organization: got "my org" .*organization name/,
    ],
    [
      "an unknown backend type",
      { type: "gcs", bucket: "x" },
      /backend\.type: got "gcs"/,
    ],
    [
      "a setting of another backend type",
      { type: "local", bucket: "x" },
      /backend\.bucket: not a setting of this project/,
    ],
  ])("fails on %s", (_name, backend, message) => {
    const text = inputErrorOf(() =>
      loadAppConfig({ EC2AR_CONFIG_FILE: "c.json" }, () =>
        JSON.stringify({ backend }),
      ),
    );
    expect(text).toMatch(message);
  });
});
