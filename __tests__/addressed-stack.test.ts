import { Testing, TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { AddressedStack } from "../lib/addressed-stack";
import { StackJson } from "../test-support/synth";

/** The synthesized JSON of `stack`. */
function synthJson(stack: AddressedStack): StackJson {
  return JSON.parse(Testing.synth(stack)) as StackJson;
}

function stackWith(build: (stack: AddressedStack) => void): AddressedStack {
  const stack = new AddressedStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", {});
  build(stack);
  return stack;
}

describe("AddressedStack", () => {
  test("addresses a nested resource by its own snake_case id, not its path", () => {
    const stack = stackWith(
      (s) => new S3Bucket(new Construct(s, "storage"), "logs", {}),
    );
    expect(Object.keys(synthJson(stack).resource.aws_s3_bucket)).toEqual([
      "logs",
    ]);
  });

  test("gives a PascalCase part the address of its nearest snake_case ancestor", () => {
    const stack = stackWith((s) => {
      const bucket = new Construct(s, "app_bucket");
      const resource = new S3Bucket(bucket, "Default", {});
      new S3BucketVersioningA(new Construct(bucket, "Settings"), "Versioning", {
        bucket: resource.id,
        versioningConfiguration: { status: "Enabled" },
      });
    });
    const synthesized = synthJson(stack);
    expect(Object.keys(synthesized.resource.aws_s3_bucket)).toEqual([
      "app_bucket",
    ]);
    expect(
      synthesized.resource.aws_s3_bucket_versioning.app_bucket.bucket,
    ).toBe("${aws_s3_bucket.app_bucket.id}");
  });

  test("addresses outputs by id too", () => {
    const stack = stackWith(
      (s) =>
        new TerraformOutput(new Construct(s, "group"), "bucket_name", {
          value: "x",
        }),
    );
    expect(Object.keys(synthJson(stack).output ?? {})).toEqual(["bucket_name"]);
  });

  test("fails when two resources of one type would share an address", () => {
    const stack = stackWith((s) => {
      new S3Bucket(new Construct(s, "one"), "logs", {});
      new S3Bucket(new Construct(s, "two"), "logs", {});
    });
    expect(() => Testing.synth(stack, true)).toThrow(
      /Terraform address aws_s3_bucket\.logs is used by more than one construct \(test\/one\/logs, test\/two\/logs\)/,
    );
  });

  test("lets resources of different types share a name", () => {
    const stack = stackWith((s) => {
      const bucket = new S3Bucket(s, "logs", {});
      new S3BucketVersioningA(s, "Versioning", {
        bucket: bucket.id,
        versioningConfiguration: { status: "Enabled" },
      });
    });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test("fails when an id is neither snake_case nor PascalCase", () => {
    const stack = stackWith((s) => new S3Bucket(s, "app-bucket", {}));
    expect(() => Testing.synth(stack, true)).toThrow(
      /construct test\/app-bucket: id "app-bucket" is neither a snake_case Terraform name/,
    );
  });
});
