import { roleArn, awsManagedPolicyArn } from "../lib/arn";
import { InputError } from "../lib/errors";
import { tlsOnlyBucketPolicy } from "../lib/policy/bucket";
import { allowStatement, asList, policyDocument } from "../lib/policy/document";
import {
  applicationDataPolicy,
  assumeRolePolicy,
} from "../lib/policy/identity";
import {
  crossAccountTrustPolicy,
  serviceTrustPolicy,
} from "../lib/policy/trust";

describe("allowStatement", () => {
  test("keeps IAM's key names and the caller's single-or-list shapes", () => {
    expect(
      allowStatement({
        sid: "Read",
        actions: ["s3:GetObject"],
        resources: "arn:aws:s3:::b/*",
      }),
    ).toEqual({
      Sid: "Read",
      Effect: "Allow",
      Action: ["s3:GetObject"],
      Resource: "arn:aws:s3:::b/*",
    });
    expect(
      allowStatement({ actions: "sts:AssumeRole", resources: ["*"] }),
    ).toEqual({
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Resource: ["*"],
    });
  });

  test("fails when an action is not service:Name", () => {
    expect(() =>
      allowStatement({ sid: "S3", actions: ["s3GetObject"], resources: "*" }),
    ).toThrow(
      /statement S3\.actions: got "s3GetObject"; an IAM action is service:Name/,
    );
  });

  test("fails when there are no actions or no resources", () => {
    expect(() => allowStatement({ actions: [], resources: "*" })).toThrow(
      /statement\.actions: got \[\]; at least one value/,
    );
    expect(() =>
      allowStatement({ actions: "s3:GetObject", resources: [] }),
    ).toThrow(/statement\.resources: got \[\]/);
  });

  test("fails when a resource is neither * nor an ARN, or holds a quote cdktf would not escape", () => {
    expect(() =>
      allowStatement({ actions: "s3:GetObject", resources: "my-bucket" }),
    ).toThrow(
      /statement\.resources: got "my-bucket"; a policy resource is \* or an ARN/,
    );
    expect(() =>
      allowStatement({
        actions: "s3:GetObject",
        resources: 'arn:aws:s3:::b/"x"',
      }),
    ).toThrow(InputError);
  });

  test("fails when the Sid has characters IAM rejects", () => {
    expect(() =>
      allowStatement({
        sid: "my-sid",
        actions: "s3:GetObject",
        resources: "*",
      }),
    ).toThrow(InputError);
  });
});

describe("policyDocument", () => {
  test("fails, rendering nothing, when the policy breaks IAM's rules for its kind", () => {
    const statement = allowStatement({
      actions: "s3:GetObjects",
      resources: "arn:aws:s3:::b/*",
    });
    expect(() => policyDocument([statement])).toThrow(
      /Policy is invalid:\n {2}- identity policy, statement 1: got "s3:GetObjects"; IAM has no such action; did you mean s3:GetObject\?/,
    );
    expect(() => policyDocument([statement], "trust")).toThrow(/Principal/);
  });

  test("declares the 2012-10-17 language version", () => {
    const statement = allowStatement({
      actions: "s3:GetObject",
      resources: "*",
    });
    expect(policyDocument([statement])).toEqual({
      Version: "2012-10-17",
      Statement: [statement],
    });
  });

  test("fails when it has no statements", () => {
    expect(() => policyDocument([])).toThrow(
      /identity policy, policy: got \[\]; a policy needs at least one statement/,
    );
  });

  test("fails when two statements share a Sid", () => {
    const a = allowStatement({
      sid: "Same",
      actions: "s3:GetObject",
      resources: "*",
    });
    expect(() => policyDocument([a, a])).toThrow(
      /statement Same: got "Same"; Sids must be unique within a policy/,
    );
  });
});

describe("trust policies", () => {
  test("a service trust lets exactly that service assume the role", () => {
    expect(serviceTrustPolicy("ec2.amazonaws.com")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Action: "sts:AssumeRole",
          Effect: "Allow",
          Principal: { Service: "ec2.amazonaws.com" },
        },
      ],
    });
  });

  test("fails when the service is not a service principal", () => {
    expect(() => serviceTrustPolicy("ec2")).toThrow(
      /trust\.service: got "ec2"; a service principal looks like ec2\.amazonaws\.com/,
    );
  });

  test("a cross-account trust names one role and requires the External ID", () => {
    const trustedRoleArn = "arn:aws:iam::111111111111:role/app";
    expect(
      crossAccountTrustPolicy({ trustedRoleArn, externalId: "ext-1" }),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Action: "sts:AssumeRole",
          Effect: "Allow",
          Principal: { AWS: trustedRoleArn },
          Condition: { StringEquals: { "sts:ExternalId": "ext-1" } },
        },
      ],
    });
  });

  test("fails when the trusted principal is an account root, not a role", () => {
    expect(() =>
      crossAccountTrustPolicy({
        trustedRoleArn: "arn:aws:iam::111111111111:root",
        externalId: "ext-1",
      }),
    ).toThrow(
      /trust\.trustedRoleArn: got "arn:aws:iam::111111111111:root"; a role ARN looks like/,
    );
  });

  test("fails when the External ID is too short or has a forbidden character", () => {
    const trustedRoleArn = "arn:aws:iam::111111111111:role/app";
    expect(() =>
      crossAccountTrustPolicy({ trustedRoleArn, externalId: "x" }),
    ).toThrow(/trust\.externalId: got "x"/);
    expect(() =>
      crossAccountTrustPolicy({ trustedRoleArn, externalId: "a b" }),
    ).toThrow(/trust\.externalId: got "a b"/);
  });
});

describe("identity policies", () => {
  test("application data: objects and listing of one bucket, three item actions on one table", () => {
    const document = applicationDataPolicy({
      bucketArn: "arn:aws:s3:::data",
      tableArn: "arn:aws:dynamodb:us-east-1:111111111111:table/t",
    });
    expect(document.Statement).toEqual([
      {
        Sid: "S3Access",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
        Resource: ["arn:aws:s3:::data", "arn:aws:s3:::data/*"],
      },
      {
        Sid: "DynamoDBAccess",
        Effect: "Allow",
        Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
        Resource: "arn:aws:dynamodb:us-east-1:111111111111:table/t",
      },
    ]);
  });

  test("assume role: sts:AssumeRole on that one role", () => {
    expect(
      assumeRolePolicy(["arn:aws:iam::222222222222:role/x"]).Statement,
    ).toEqual([
      {
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Resource: "arn:aws:iam::222222222222:role/x",
      },
    ]);
  });

  test("bucket policy: denies non-TLS requests to the bucket and its objects", () => {
    const [statement] = tlsOnlyBucketPolicy("arn:aws:s3:::data").Statement;
    expect(statement).toMatchObject({
      Effect: "Deny",
      Resource: ["arn:aws:s3:::data", "arn:aws:s3:::data/*"],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });
});

describe("ARNs", () => {
  test("a role ARN per partition", () => {
    expect(
      roleArn({ partition: "aws", accountId: "111111111111", roleName: "r" }),
    ).toBe("arn:aws:iam::111111111111:role/r");
    expect(
      roleArn({
        partition: "aws-cn",
        accountId: "111111111111",
        roleName: "r",
      }),
    ).toBe("arn:aws-cn:iam::111111111111:role/r");
    expect(awsManagedPolicyArn("aws", "ReadOnlyAccess")).toBe(
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
    );
  });

  test("fails when the account ID or role name breaks IAM's rules", () => {
    expect(() =>
      roleArn({ partition: "aws", accountId: "1", roleName: "r" }),
    ).toThrow(/roleArn\.accountId: got "1"/);
    expect(() =>
      roleArn({ partition: "aws", accountId: "111111111111", roleName: "a b" }),
    ).toThrow(/roleArn\.roleName: got "a b"/);
  });

  test("asList treats one value as a list of one", () => {
    expect(asList("a")).toEqual(["a"]);
    expect(asList(["a", "b"])).toEqual(["a", "b"]);
  });
});
