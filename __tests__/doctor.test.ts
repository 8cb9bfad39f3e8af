import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
} from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { CheckResult } from "../instance/doctor/check";
import { runDoctor } from "../instance/doctor/cli";
import { runInstanceChecks } from "../instance/doctor/instance-checks";
import { policyDiff, runTrustChecks } from "../instance/doctor/trust-checks";
import { ImdsClient } from "../instance/imds";
import {
  FakeImds,
  FakeImdsOptions,
  startFakeImds,
} from "../test-support/fake-imds";

const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
const ROLE_B = "arn:aws:iam::222222222222:role/cross-account-access-role";
const target = { roleArn: ROLE_B, externalId: "unique-external-id-12345" };

let imds: FakeImds | undefined;
afterEach(async () => {
  await imds?.close();
  imds = undefined;
  sts.reset();
  iam.reset();
});

/** Runs the instance checks against a fake IMDS; STS answers as the test set it up. */
async function check(
  options: FakeImdsOptions = {},
  extra: { expectedRole?: string; target?: typeof target } = {
    expectedRole: "application-ec2-role",
    target,
  },
): Promise<Record<string, CheckResult>> {
  imds = await startFakeImds(options);
  const results = await runInstanceChecks({
    imds: new ImdsClient({ endpoint: imds.endpoint, timeoutMs: 300 }),
    sts: (credentials) => new STSClient({ credentials, region: "us-east-1" }),
    ...extra,
  });
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

function stsAnswersWell(): void {
  sts.on(GetCallerIdentityCommand).resolves({
    Arn: "arn:aws:sts::111111111111:assumed-role/application-ec2-role/i-0123",
    Account: "111111111111",
  });
  sts.on(AssumeRoleCommand).resolves({
    AssumedRoleUser: {
      Arn: "arn:aws:sts::222222222222:assumed-role/cross-account-access-role/ec2ar-doctor",
      AssumedRoleId: "AROA:x",
    },
  });
}

describe("doctor on the instance", () => {
  test("passes every check on a healthy instance, using the token on every GET", async () => {
    stsAnswersWell();
    const results = await check();
    expect(Object.values(results).map((r) => `${r.id}:${r.status}`)).toEqual([
      "imds-token:pass",
      "role-attached:pass",
      "credentials:pass",
      "caller-identity:pass",
      "assume-role:pass",
    ]);
    expect(imds?.requests[0]).toBe("PUT /latest/api/token");
    expect(sts.commandCalls(AssumeRoleCommand)[0].args[0].input).toMatchObject({
      RoleArn: ROLE_B,
      ExternalId: "unique-external-id-12345",
    });
  });

  test("diagnoses a refused token (endpoint disabled or an IMDSv1-only path)", async () => {
    const results = await check({ token: 403 });
    expect(results["imds-token"]).toMatchObject({
      status: "fail",
      detail: "PUT /latest/api/token answered 403",
      cause: expect.stringMatching(/disabled/),
    });
    expect(results["role-attached"].status).toBe("skip");
    expect(results["assume-role"].status).toBe("skip");
  });

  test("diagnoses a token that never comes back as a hop limit too low for containers", async () => {
    const results = await check({ token: "hang" });
    expect(results["imds-token"]).toMatchObject({
      status: "fail",
      cause: expect.stringMatching(/hop limit .* too low .*container/),
    });
    expect(results["imds-token"].next).toMatch(
      /--http-put-response-hop-limit 2/,
    );
  });

  test("diagnoses an instance without an instance profile", async () => {
    const results = await check({ role: null });
    expect(results["role-attached"]).toMatchObject({
      status: "fail",
      detail: "/latest/meta-data/iam/info answered 404",
      cause: expect.stringMatching(/no instance profile/),
    });
    expect(results["role-attached"].next).toMatch(
      /associate-iam-instance-profile/,
    );
    expect(results.credentials.status).toBe("skip");
  });

  test("diagnoses expired credentials", async () => {
    const results = await check({ expiration: new Date(Date.now() - 60_000) });
    expect(results.credentials).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/expired at/),
      cause: expect.stringMatching(/clock/),
    });
    expect(results["caller-identity"].status).toBe("skip");
  });

  test("diagnoses credentials about to expire", async () => {
    const results = await check({
      expiration: new Date(Date.now() + 2 * 60_000),
    });
    expect(results.credentials).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/expire at/),
    });
  });

  test("diagnoses credentials IMDS could not issue", async () => {
    const results = await check({ code: "AssumeRoleUnauthorizedAccess" });
    expect(results.credentials).toMatchObject({
      status: "fail",
      detail: "IMDS reports Code AssumeRoleUnauthorizedAccess",
      cause: expect.stringMatching(/trust policy/),
    });
  });

  test("diagnoses an instance running as another role", async () => {
    sts.on(GetCallerIdentityCommand).resolves({
      Arn: "arn:aws:sts::111111111111:assumed-role/some-other-role/i-0123",
    });
    sts.on(AssumeRoleCommand).resolves({});
    const results = await check();
    expect(results["caller-identity"]).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/expected role application-ec2-role/),
    });
  });

  test("diagnoses AccessDenied on AssumeRole: External ID, account B's trust, or account A's grant", async () => {
    sts.on(GetCallerIdentityCommand).resolves({
      Arn: "arn:aws:sts::111111111111:assumed-role/application-ec2-role/i-0123",
    });
    sts
      .on(AssumeRoleCommand)
      .rejects(
        Object.assign(
          new Error(
            "User: ... is not authorized to perform: sts:AssumeRole on resource: " +
              ROLE_B,
          ),
          { name: "AccessDenied" },
        ),
      );
    const results = await check();
    expect(results["assume-role"]).toMatchObject({
      status: "fail",
      cause: expect.stringMatching(
        /External ID differs.*trust policy does not name.*lacks sts:AssumeRole/,
      ),
    });
    expect(results["assume-role"].next).toMatch(/npm run doctor -- trust/);
  });

  test("diagnoses an unreachable STS as a missing endpoint in a private subnet", async () => {
    sts
      .on(GetCallerIdentityCommand)
      .rejects(
        Object.assign(new Error("connect ETIMEDOUT"), { name: "TimeoutError" }),
      );
    sts
      .on(AssumeRoleCommand)
      .rejects(
        Object.assign(new Error("connect ETIMEDOUT"), { name: "TimeoutError" }),
      );
    const results = await check();
    expect(results["caller-identity"]).toMatchObject({
      status: "fail",
      cause: expect.stringMatching(/interface endpoint with private DNS/),
    });
  });

  test("skips the hop into account B, and so does not pass, without its role and External ID", async () => {
    stsAnswersWell();
    const results = await check({}, { expectedRole: "application-ec2-role" });
    expect(results["assume-role"]).toMatchObject({
      status: "skip",
      detail: expect.stringMatching(/--role-arn and --external-id/),
    });
  });
});

describe("doctor command", () => {
  const run = async (argv: string[], env: Record<string, string> = {}) => {
    imds ??= await startFakeImds();
    return runDoctor(argv, {
      AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint,
      ...env,
    });
  };

  test("exits 0 with human output when everything passes; reads IMDS's address from AWS_EC2_METADATA_SERVICE_ENDPOINT", async () => {
    stsAnswersWell();
    const { output, exitCode } = await run([
      "--role-arn",
      ROLE_B,
      "--external-id",
      "unique-external-id-12345",
    ]);
    expect(exitCode).toBe(0);
    expect(output).toMatch(/^PASS {2}IMDSv2 token/);
    expect(output).toMatch(/All 5 checks passed\./);
  });

  test("exits 1 and prints JSON for scripts when a check fails", async () => {
    imds = await startFakeImds({ role: null });
    const { output, exitCode } = await run(["--json"], {
      CROSS_ACCOUNT_ROLE_ARN: ROLE_B,
      CROSS_ACCOUNT_EXTERNAL_ID: "unique-external-id-12345",
    });
    expect(exitCode).toBe(1);
    const parsed = JSON.parse(output) as { ok: boolean; checks: CheckResult[] };
    expect(parsed.ok).toBe(false);
    expect(parsed.checks.find((c) => c.id === "role-attached")?.status).toBe(
      "fail",
    );
  });

  test("fails on bad arguments with the flag, the value and the rule", async () => {
    await expect(
      run(["--role-arn", "not-an-arn", "--external-id", "x1"]),
    ).rejects.toThrow(/--role-arn: got "not-an-arn"; a role ARN looks like/);
    await expect(run(["--role-arn", ROLE_B])).rejects.toThrow(
      /--external-id \(or CROSS_ACCOUNT_EXTERNAL_ID\) is required/,
    );
    await expect(run(["repair"])).rejects.toThrow(
      /the mode is "instance" \(the default\) or "trust"/,
    );
    await expect(run(["--colour"])).rejects.toThrow(
      /Unknown option '--colour'/,
    );
  });
});

describe("doctor trust (off the instance)", () => {
  const expected = {
    Version: "2012-10-17",
    Statement: [
      {
        Action: "sts:AssumeRole",
        Effect: "Allow",
        Principal: {
          AWS: "arn:aws:iam::111111111111:role/application-ec2-role",
        },
        Condition: {
          StringEquals: { "sts:ExternalId": "unique-external-id-12345" },
        },
      },
    ],
  };
  const role = () => ({
    stack: "account-b",
    roleName: "cross-account-access-role",
    trustPolicy: expected,
    iam: new IAMClient({ region: "us-east-1" }),
  });

  test("passes when the deployed trust policy is the synthesized one, in IAM's equivalent forms", async () => {
    const deployed = {
      ...expected,
      Statement: [{ ...expected.Statement[0], Action: ["sts:AssumeRole"] }],
    };
    iam.on(GetRoleCommand).resolves({
      Role: {
        AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(deployed)),
      } as never,
    });
    const [result] = await runTrustChecks([role()]);
    expect(result).toMatchObject({ status: "pass" });
  });

  test("fails and shows the difference when the deployed trust policy drifted", async () => {
    const drifted = {
      ...expected,
      Statement: [{ ...expected.Statement[0], Condition: undefined }],
    };
    iam.on(GetRoleCommand).resolves({
      Role: {
        AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(drifted)),
      } as never,
    });
    const [result] = await runTrustChecks([role()]);
    expect(result.status).toBe("fail");
    expect(result.detail).toContain(
      '- Statement.Condition.StringEquals.sts:ExternalId = "unique-external-id-12345"',
    );
    expect(result.next).toBe(
      "npx cdktf diff account-b (then deploy, or bring the change into the code)",
    );
  });

  test("fails when the role is not deployed", async () => {
    iam.on(GetRoleCommand).rejects(
      Object.assign(new Error("The role cannot be found."), {
        name: "NoSuchEntity",
      }),
    );
    const [result] = await runTrustChecks([role()]);
    expect(result).toMatchObject({
      status: "fail",
      cause: expect.stringMatching(/does not exist/),
      next: "npx cdktf deploy account-b",
    });
  });

  test("compares each synthesized role of the configuration when run as a command", async () => {
    iam.on(GetRoleCommand, { RoleName: "application-ec2-role" }).resolves({
      Role: {
        AssumeRolePolicyDocument: encodeURIComponent(
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { Service: "ec2.amazonaws.com" },
                Action: "sts:AssumeRole",
              },
            ],
          }),
        ),
      } as never,
    });
    iam.on(GetRoleCommand, { RoleName: "cross-account-access-role" }).resolves({
      Role: {
        AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(expected)),
      } as never,
    });
    const { output, exitCode } = await runDoctor(["trust"], {});
    expect(output).toMatch(
      /PASS {2}Trust policy of application-ec2-role \(account-a\)/,
    );
    expect(exitCode).toBe(0);
  });

  test("fails on a --profile for a stack the app does not have, or written wrong", async () => {
    await expect(
      runDoctor(["trust", "--profile", "account-z=admin"], {}),
    ).rejects.toThrow(
      /--profile: got "account-z"; no such stack; the stacks are account-a, account-b/,
    );
    await expect(
      runDoctor(["trust", "--profile", "admin"], {}),
    ).rejects.toThrow(/--profile: got "admin"; write it as <stack>=<profile>/);
  });

  test("policyDiff ignores key order and one-element lists", () => {
    expect(policyDiff({ a: ["x"], b: 1 }, { b: 1, a: "x" })).toEqual([]);
    expect(policyDiff({ a: "x" }, { a: "y" })).toEqual([
      '- a = "x"',
      '+ a = "y"',
    ]);
  });
});
