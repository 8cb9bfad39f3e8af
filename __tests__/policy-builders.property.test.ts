// Property tests of the policy builders: whatever they accept is a valid IAM
// document that renders and reads back unchanged; whatever they reject fails
// with an InputError that quotes the bad value, and nothing is rendered.
import fc from "fast-check";
import { Fn, Testing, TerraformStack } from "cdktf";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { InputError } from "../lib/errors";
import { validatePolicy } from "../lib/iam/validate-policy";
import {
  PolicyDocument,
  allowStatement,
  policyDocument,
} from "../lib/policy/document";
import {
  crossAccountTrustPolicy,
  serviceTrustPolicy,
} from "../lib/policy/trust";
import { decodeJsonencode } from "../lib/terraform-expression";
import { StackJson } from "../test-support/synth";

const RUNS = { numRuns: 200 };

/** Renders a document the way the stacks do and reads it back. */
function roundTrip(document: PolicyDocument): unknown {
  const stack = new TerraformStack(Testing.app(), "p");
  new AwsProvider(stack, "aws", {});
  new IamPolicy(stack, "p", { policy: Fn.jsonencode(document) });
  const json = JSON.parse(Testing.synth(stack)) as StackJson;
  return decodeJsonencode(json.resource.aws_iam_policy.p.policy as string);
}

/** Calls `build`; returns its result, or undefined after checking it threw an InputError quoting a value and a rule. */
function acceptedOrRejected<T>(build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/: got .+; \S/);
    return undefined;
  }
}

const name = fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/);
const sid = fc.oneof(
  fc.constant(undefined),
  fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
  fc.string({ maxLength: 8 }),
);
const bucketAction = fc.constantFrom(
  "s3:ListBucket",
  "s3:GetBucketLocation",
  "s3:GetObject",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:GetObjects",
  "s3:List*",
  "s3:Nope*",
  "s3 GetObject",
);
const resource = fc.oneof(
  fc.constant("*"),
  name.map((n) => `arn:aws:s3:::${n.toLowerCase()}`),
  fc.tuple(name, name).map(([b, k]) => `arn:aws:s3:::${b.toLowerCase()}/${k}`),
  fc.string({ maxLength: 12 }),
);

/** Inputs that should be accepted: actions with resources of the types they apply to. */
const validInput = fc
  .record({
    sid: fc.oneof(
      fc.constant(undefined),
      fc.stringMatching(/^[A-Za-z0-9]{1,12}$/),
    ),
    target: fc.oneof(
      fc.record({
        actions: fc.subarray(["s3:ListBucket", "s3:GetBucketLocation"], {
          minLength: 1,
        }),
        resources: fc.array(
          name.map((n) => `arn:aws:s3:::${n.toLowerCase()}`),
          { minLength: 1, maxLength: 2 },
        ),
      }),
      fc.record({
        actions: fc.subarray(
          ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
          { minLength: 1 },
        ),
        resources: fc.array(
          fc
            .tuple(name, name)
            .map(([b, k]) => `arn:aws:s3:::${b.toLowerCase()}/${k}`),
          { minLength: 1, maxLength: 2 },
        ),
      }),
      fc.record({
        actions: fc.subarray(
          ["s3:ListAllMyBuckets", "s3:GetObject", "s3:List*", "dynamodb:Query"],
          { minLength: 1 },
        ),
        resources: fc.constant(["*"]),
      }),
    ),
  })
  .map(({ sid: statementSid, target }) => ({ sid: statementSid, ...target }));

/** Anything at all, mostly invalid. */
const anyInput = fc.record({
  sid,
  actions: fc.array(bucketAction, { minLength: 0, maxLength: 3 }),
  resources: fc.array(resource, { minLength: 0, maxLength: 3 }),
});

describe("policy builders (property)", () => {
  test("an identity statement is either a valid document that round-trips, or a rejection that quotes the input", () => {
    const seen = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.oneof(validInput, anyInput), (input) => {
        const document = acceptedOrRejected(() =>
          policyDocument([allowStatement(input)]),
        );
        if (document === undefined) {
          seen.rejected++;
          return;
        }
        seen.accepted++;
        expect(validatePolicy(document, "identity")).toEqual([]);
        expect(roundTrip(document)).toEqual(document);
      }),
      { numRuns: 150 },
    );
    // Both branches must have been exercised for the property to mean anything.
    expect(seen.accepted).toBeGreaterThan(5);
    expect(seen.rejected).toBeGreaterThan(5);
  });

  test("a cross-account trust is valid and within quota for every External ID IAM accepts", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[\w+=,.@:/-]{2,1224}$/),
        fc.stringMatching(/^\d{12}$/),
        (externalId, account) => {
          const document = crossAccountTrustPolicy({
            trustedRoleArn: `arn:aws:iam::${account}:role/app`,
            externalId,
          });
          expect(validatePolicy(document, "trust")).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  test("an External ID outside IAM's rules is rejected with the value quoted, never rendered", () => {
    const invalid = fc.oneof(
      fc.string({ maxLength: 1 }),
      fc
        .string({ minLength: 1, maxLength: 40 })
        .filter((s) => /[^\w+=,.@:/-]/.test(s)),
      fc.stringMatching(/^[a-z]{1225,1300}$/),
    );
    fc.assert(
      fc.property(invalid, (externalId) => {
        expect(() =>
          crossAccountTrustPolicy({
            trustedRoleArn: "arn:aws:iam::111111111111:role/app",
            externalId,
          }),
        ).toThrow(InputError);
        expect(() =>
          crossAccountTrustPolicy({
            trustedRoleArn: "arn:aws:iam::111111111111:role/app",
            externalId,
          }),
        ).toThrow(/trust\.externalId: got /);
      }),
      RUNS,
    );
  });

  test("a service trust accepts service principals and rejects anything else", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^[a-z0-9]{1,12}\.amazonaws\.com$/),
          fc.string({ maxLength: 20 }),
        ),
        (service) => {
          const document = acceptedOrRejected(() =>
            serviceTrustPolicy(service),
          );
          if (document) expect(validatePolicy(document, "trust")).toEqual([]);
          else
            expect(service).not.toMatch(
              /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$/,
            );
        },
      ),
      RUNS,
    );
  });
});
