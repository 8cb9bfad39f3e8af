import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { crossAccountCredentials } from "../instance/credentials";
import { listBuckets } from "../instance/list-buckets";

const sts = mockClient(STSClient);
const s3 = mockClient(S3Client);
afterEach(() => {
  sts.reset();
  s3.reset();
});

const ROLE_B = "arn:aws:iam::222222222222:role/cross-account-access-role";
const props = {
  roleArn: ROLE_B,
  externalId: "unique-external-id-12345",
  sessionName: "cross-account-session",
  sts: new STSClient({ region: "us-east-1" }),
};

/** STS hands out credentials that expire `minutes` from now, numbered by call. */
function stsIssues(minutes: number): void {
  let n = 0;
  sts.on(AssumeRoleCommand).callsFake(() => {
    n++;
    return {
      Credentials: {
        AccessKeyId: `ASIA${n}`,
        SecretAccessKey: "s",
        SessionToken: "t",
        Expiration: new Date(Date.now() + minutes * 60_000),
      },
    };
  });
}

describe("crossAccountCredentials", () => {
  test("assumes account B's role with the External ID, an explicit session name and one hour by default", async () => {
    stsIssues(60);
    const credentials = await crossAccountCredentials(props)();
    expect(credentials).toMatchObject({
      accessKeyId: "ASIA1",
      sessionToken: "t",
    });
    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input).toEqual({
      RoleArn: ROLE_B,
      RoleSessionName: "cross-account-session",
      ExternalId: "unique-external-id-12345",
      DurationSeconds: 3600,
    });
  });

  test("reuses fresh credentials and shares one call between concurrent callers", async () => {
    stsIssues(60);
    const provider = crossAccountCredentials(props);
    const [a, b] = await Promise.all([provider(), provider()]);
    const c = await provider();
    expect([a.accessKeyId, b.accessKeyId, c.accessKeyId]).toEqual([
      "ASIA1",
      "ASIA1",
      "ASIA1",
    ]);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
  });

  test("refreshes credentials that are about to expire", async () => {
    stsIssues(4);
    const provider = crossAccountCredentials(props);
    expect((await provider()).accessKeyId).toBe("ASIA1");
    expect((await provider()).accessKeyId).toBe("ASIA2");
  });

  test("fails when asked for more than a chained session allows", () => {
    expect(() =>
      crossAccountCredentials({ ...props, durationSeconds: 7200 }),
    ).toThrow(
      /durationSeconds: got 7200; a session lasts 900-3600 seconds \(role chaining caps it at one hour\)/,
    );
    expect(() =>
      crossAccountCredentials({ ...props, durationSeconds: 600 }),
    ).toThrow(/durationSeconds: got 600/);
  });

  test("fails on a malformed role ARN, External ID or session name", () => {
    expect(() =>
      crossAccountCredentials({
        ...props,
        roleArn: "cross-account-access-role",
      }),
    ).toThrow(/roleArn: got "cross-account-access-role"/);
    expect(() =>
      crossAccountCredentials({ ...props, externalId: "a b" }),
    ).toThrow(/externalId: got "a b"/);
    expect(() =>
      crossAccountCredentials({ ...props, sessionName: "has space" }),
    ).toThrow(/sessionName: got "has space"/);
  });

  test("surfaces AccessDenied from STS", async () => {
    sts.on(AssumeRoleCommand).rejects(
      Object.assign(new Error("not authorized to perform: sts:AssumeRole"), {
        name: "AccessDenied",
      }),
    );
    await expect(crossAccountCredentials(props)()).rejects.toThrow(
      /not authorized/,
    );
  });
});

describe("list-buckets example", () => {
  test("lists account B's buckets", async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [{ Name: "b-reports" }, { Name: "b-logs" }],
    });
    expect(
      await listBuckets(
        ["--role-arn", ROLE_B, "--external-id", "unique-external-id-12345"],
        {},
      ),
    ).toEqual(["b-reports", "b-logs"]);
  });

  test("takes the role and External ID from the environment", async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [] });
    await expect(
      listBuckets([], {
        CROSS_ACCOUNT_ROLE_ARN: ROLE_B,
        CROSS_ACCOUNT_EXTERNAL_ID: "unique-external-id-12345",
      }),
    ).resolves.toEqual([]);
  });

  test("fails without a role ARN, naming the flag, the variable and the stack output", async () => {
    await expect(listBuckets([], {})).rejects.toThrow(
      /--role-arn \(or CROSS_ACCOUNT_ROLE_ARN\) is required: account-b's output cross_account_role_arn/,
    );
  });

  test("fails on a session longer than an hour", async () => {
    await expect(
      listBuckets(
        ["--role-arn", ROLE_B, "--external-id", "abc", "--duration", "7200"],
        {},
      ),
    ).rejects.toThrow(/--duration: got "7200"/);
  });
});
