import { PolicyKind, validatePolicy } from "../lib/iam/validate-policy";

const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const allow = (Action: unknown, Resource: unknown, extra: object = {}) => ({
  Effect: "Allow",
  Action,
  Resource,
  ...extra,
});
const trust = (extra: object = {}) => ({
  Effect: "Allow",
  Action: "sts:AssumeRole",
  Principal: { AWS: "arn:aws:iam::111111111111:role/app" },
  ...extra,
});

/** The rules of the problems found, for matching. */
const rules = (document: unknown, kind: PolicyKind = "identity") =>
  validatePolicy(document, kind).map(
    (p) => `${p.where}: ${JSON.stringify(p.value)}: ${p.rule}`,
  );

// Each rule: a document that breaks it (and the message it must give), and a near twin that passes.
const cases: [string, PolicyKind, unknown, RegExp, unknown][] = [
  [
    "an action that does not exist",
    "identity",
    doc(allow("s3:GetObjects", "arn:aws:s3:::b/*")),
    /"s3:GetObjects": IAM has no such action; did you mean s3:GetObject\?/,
    doc(allow("s3:GetObject", "arn:aws:s3:::b/*")),
  ],
  [
    "an action wildcard that matches nothing",
    "identity",
    doc(allow("s3:Fetch*", "*")),
    /"s3:Fetch\*": the wildcard matches no s3 action/,
    doc(allow("s3:Get*", "*")),
  ],
  [
    "an unknown service",
    "identity",
    doc(allow("s4:GetObject", "*")),
    /"s4" is not an AWS service prefix/,
    doc(allow("s3:GetObject", "*")),
  ],
  [
    "a malformed action",
    "identity",
    doc(allow("s3 GetObject", "*")),
    /an action is service:Name/,
    doc(allow("s3:GetObject", "*")),
  ],
  [
    "s3:ListBucket on objects (the classic mistake)",
    "identity",
    doc(allow("s3:ListBucket", "arn:aws:s3:::b/*")),
    /s3:ListBucket applies to none of these; it takes .*arn:\$\{Partition\}:s3:::\$\{BucketName\}/,
    doc(allow("s3:ListBucket", "arn:aws:s3:::b")),
  ],
  [
    "s3:GetObject on the bucket",
    "identity",
    doc(allow("s3:GetObject", "arn:aws:s3:::b")),
    /s3:GetObject applies to none of these/,
    doc(allow("s3:GetObject", "arn:aws:s3:::b/*")),
  ],
  [
    "a resource no action of the statement applies to",
    "identity",
    doc(
      allow(
        ["s3:GetObject", "s3:ListBucket"],
        [
          "arn:aws:s3:::b",
          "arn:aws:s3:::b/*",
          "arn:aws:dynamodb:us-east-1:111111111111:table/t",
        ],
      ),
    ),
    /"arn:aws:dynamodb:us-east-1:111111111111:table\/t": no action of the statement/,
    doc(
      allow(
        ["s3:GetObject", "s3:ListBucket"],
        ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
      ),
    ),
  ],
  [
    "an ARN on an action that accepts only *",
    "identity",
    doc(allow("s3:ListAllMyBuckets", "arn:aws:s3:::b")),
    /s3:ListAllMyBuckets accepts only "\*" as its resource/,
    doc(allow("s3:ListAllMyBuckets", "*")),
  ],
  [
    "a wrong Version",
    "identity",
    { Version: "2008-10-17", Statement: [allow("s3:GetObject", "*")] },
    /Version must be "2012-10-17"/,
    doc(allow("s3:GetObject", "*")),
  ],
  [
    "no statements",
    "identity",
    doc(),
    /a policy needs at least one statement/,
    doc(allow("s3:GetObject", "*")),
  ],
  [
    "an Effect other than Allow or Deny",
    "identity",
    doc({ ...allow("s3:GetObject", "*"), Effect: "Permit" }),
    /"Permit": Effect must be "Allow" or "Deny"/,
    doc({ ...allow("s3:GetObject", "*"), Effect: "Deny" }),
  ],
  [
    "both Action and NotAction",
    "identity",
    doc({ ...allow("s3:GetObject", "*"), NotAction: "s3:PutObject" }),
    /exactly one of Action and NotAction/,
    doc({ Effect: "Allow", NotAction: "s3:PutObject", Resource: "*" }),
  ],
  [
    "neither Resource nor NotResource in an identity policy",
    "identity",
    doc({ Effect: "Allow", Action: "s3:GetObject" }),
    /exactly one of Resource and NotResource/,
    doc({
      Effect: "Allow",
      Action: "s3:GetObject",
      NotResource: "arn:aws:s3:::b/*",
    }),
  ],
  [
    "a Principal in an identity policy",
    "identity",
    doc(allow("s3:GetObject", "*", { Principal: { AWS: "*" } })),
    /Principal belongs in trust and resource policies/,
    doc(allow("s3:GetObject", "*")),
  ],
  [
    "a trust policy without a Principal",
    "trust",
    doc({ Effect: "Allow", Action: "sts:AssumeRole" }),
    /exactly one of Principal and NotPrincipal/,
    doc(trust()),
  ],
  [
    "a Resource in a trust policy",
    "trust",
    doc(trust({ Resource: "*" })),
    /a trust policy has no Resource/,
    doc(trust()),
  ],
  [
    "a trust policy granting more than assuming the role",
    "trust",
    doc(trust({ Action: ["sts:AssumeRole", "s3:GetObject"] })),
    /"s3:GetObject": a trust policy grants only sts:AssumeRole/,
    doc(trust({ Action: ["sts:AssumeRole", "sts:TagSession"] })),
  ],
  [
    "an unknown principal type",
    "trust",
    doc(trust({ Principal: { Role: "x" } })),
    /a principal's keys are AWS, Service, Federated and CanonicalUser/,
    doc(trust({ Principal: { Service: "ec2.amazonaws.com" } })),
  ],
  [
    "an unknown condition operator",
    "trust",
    doc(trust({ Condition: { StringEqual: { "sts:ExternalId": "x1" } } })),
    /"StringEqual": not an IAM condition operator/,
    doc(trust({ Condition: { StringEquals: { "sts:ExternalId": "x1" } } })),
  ],
  [
    "a condition key of another service",
    "trust",
    doc(trust({ Condition: { StringEquals: { "s3:prefix": "x" } } })),
    /"s3:prefix": not a global condition key nor one of the statement's actions' keys/,
    doc(trust({ Condition: { StringEquals: { "sts:RoleSessionName": "x" } } })),
  ],
  [
    "a misspelt global condition key",
    "resource",
    doc({
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "s3:*",
      Resource: "arn:aws:s3:::b/*",
      Condition: { Bool: { "aws:SecureTransports": "false" } },
    }),
    /"aws:SecureTransports": not a global condition key/,
    doc({
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "s3:*",
      Resource: "arn:aws:s3:::b/*",
      Condition: { BoolIfExists: { "aws:SecureTransport": "false" } },
    }),
  ],
  [
    "an unknown statement element",
    "identity",
    doc({
      Effect: "Allow",
      Actions: "s3:GetObject",
      Action: "s3:GetObject",
      Resource: "*",
    }),
    /"Actions" is not a statement element/,
    doc(allow("s3:GetObject", "*")),
  ],
  [
    "a Sid with a dash",
    "identity",
    doc(allow("s3:GetObject", "*", { Sid: "read-objects" })),
    /a Sid is letters and digits only/,
    doc(allow("s3:GetObject", "*", { Sid: "ReadObjects" })),
  ],
  [
    "two statements with one Sid",
    "identity",
    doc(
      allow("s3:GetObject", "*", { Sid: "A" }),
      allow("s3:PutObject", "*", { Sid: "A" }),
    ),
    /Sids must be unique/,
    doc(
      allow("s3:GetObject", "*", { Sid: "A" }),
      allow("s3:PutObject", "*", { Sid: "B" }),
    ),
  ],
  [
    "a trust policy over 2,048 characters",
    "trust",
    doc(
      trust({
        Condition: { StringEquals: { "sts:ExternalId": "e".repeat(2100) } },
      }),
    ),
    /a trust policy may hold at most 2048 characters/,
    doc(
      trust({
        Condition: { StringEquals: { "sts:ExternalId": "e".repeat(1224) } },
      }),
    ),
  ],
  [
    "an identity policy over 10,240 characters",
    "identity",
    doc(
      ...Array.from({ length: 120 }, (_, i) =>
        allow(
          "s3:GetObject",
          `arn:aws:s3:::bucket-number-${i}-with-a-long-name/*`,
          { Sid: `S${i}` },
        ),
      ),
    ),
    /an identity policy may hold at most 10240 characters/,
    doc(
      ...Array.from({ length: 60 }, (_, i) =>
        allow(
          "s3:GetObject",
          `arn:aws:s3:::bucket-number-${i}-with-a-long-name/*`,
          { Sid: `S${i}` },
        ),
      ),
    ),
  ],
];

describe("validatePolicy", () => {
  describe.each(cases)("%s", (_name, kind, bad, message, good) => {
    test("fails with the value and the rule", () => {
      expect(rules(bad, kind).join("\n")).toMatch(message);
    });
    test("passes once fixed", () => {
      expect(rules(good, kind)).toEqual([]);
    });
  });

  test("accepts the condition operator modifiers IAM defines", () => {
    const condition = {
      "ForAnyValue:StringLike": { "aws:PrincipalTag/team": "data*" },
      StringEqualsIfExists: { "sts:ExternalId": "x1" },
      Null: { "aws:SourceIp": "true" },
    };
    expect(rules(doc(trust({ Condition: condition })), "trust")).toEqual([]);
  });

  test("names a statement by its Sid, or by its position when it has none", () => {
    const problems = validatePolicy(
      doc(allow("s3:GetObject", "*", { Sid: "Ok" }), allow("s3:Nope", "*")),
      "identity",
    );
    expect(problems.map((p) => p.where)).toEqual(["statement 2"]);
  });
});
