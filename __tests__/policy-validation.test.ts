import { Fn, Testing } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { AccountStack } from "../lib/account-stack";
import { serviceTrustPolicy } from "../lib/policy/trust";
import { buildApp } from "../main";
import { testConfig } from "../test-support/synth";

/** An account stack with a role and a bucket, to which a test adds a raw (unchecked) inline policy. */
function stackWithPolicy(
  policy: (refs: { bucketArn: string; queueArn: string }) => unknown,
  copies = 1,
): AccountStack {
  const stack = new AccountStack(Testing.app(), "account-x", {
    account: { accountId: "111111111111", region: "eu-west-1" },
    defaultTags: {},
  });
  const role = new IamRole(stack, "worker", {
    name: "worker",
    assumeRolePolicy: Fn.jsonencode(serviceTrustPolicy("ec2.amazonaws.com")),
  });
  const bucket = new S3Bucket(stack, "data", { bucket: "data-bucket" });
  const queue = new SqsQueue(stack, "jobs", { name: "jobs" });
  for (let i = 0; i < copies; i++) {
    new IamRolePolicy(stack, `raw_${i}`, {
      role: role.id,
      policy: Fn.jsonencode(
        policy({ bucketArn: bucket.arn, queueArn: queue.arn }),
      ),
    });
  }
  return stack;
}

describe("policy validation at synthesis", () => {
  test("the default stacks pass", () => {
    const { accountA, targets } = buildApp(Testing.app(), testConfig());
    for (const stack of [accountA, ...targets])
      expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("fails when a Terraform reference resolves to the wrong resource type, naming stack, address, statement, value and fix", () => {
    const stack = stackWithPolicy(({ bucketArn }) => ({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "List",
          Effect: "Allow",
          Action: "s3:ListBucket",
          Resource: `${bucketArn}/*`,
        },
      ],
    }));
    expect(() => Testing.synth(stack, true)).toThrow(
      /account-x aws_iam_role_policy\.raw_0 \(policy\), statement List: got "arn:aws:s3:::data-bucket\/\*"; s3:ListBucket applies to none of these; it takes/,
    );
  });

  test("fails on an action the catalog does not know, with a suggestion", () => {
    const stack = stackWithPolicy(({ bucketArn }) => ({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:PutObjects",
          Resource: `${bucketArn}/*`,
        },
      ],
    }));
    expect(() => Testing.synth(stack, true)).toThrow(
      /statement 1: got "s3:PutObjects"; IAM has no such action; did you mean s3:PutObject\?/,
    );
  });

  test("fails on a reference whose ARN it cannot tell, saying what it can", () => {
    const stack = stackWithPolicy(({ queueArn }) => ({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "sqs:SendMessage", Resource: queueArn },
      ],
    }));
    expect(() => Testing.synth(stack, true)).toThrow(
      /got "\$\{aws_sqs_queue\.jobs\.arn\}"; this check cannot tell which ARN the reference is/,
    );
  });

  test("fails when a role's inline policies together pass 10,240 characters", () => {
    const statements = Array.from({ length: 40 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: `arn:aws:s3:::some-rather-long-bucket-name-${i}/*`,
    }));
    const stack = stackWithPolicy(
      () => ({ Version: "2012-10-17", Statement: statements }),
      3,
    );
    expect(() => Testing.synth(stack, true)).toThrow(
      /account-x aws_iam_role\.worker, inline policies: got "\d+ characters"; a role's inline policies together may hold at most 10240/,
    );
    expect(() =>
      Testing.synth(
        stackWithPolicy(
          () => ({ Version: "2012-10-17", Statement: statements }),
          1,
        ),
        true,
      ),
    ).not.toThrow();
  });
});
