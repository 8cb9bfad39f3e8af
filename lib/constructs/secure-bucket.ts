/** An S3 bucket with the protections every bucket here needs, each at the bucket's address. */
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { tlsOnlyBucketPolicy } from "../policy/bucket";

/** Inputs of {@link SecureBucket}. */
export interface SecureBucketProps {
  /**
   * Globally unique bucket name.
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
   */
  readonly bucketName: string;
}

/**
 * A private bucket: public access blocked, ACLs disabled, SSE-S3 encryption,
 * versioning on, and a policy that denies requests not made over TLS.
 * Every part is addressed `<type>.<this construct's id>`.
 */
export class SecureBucket extends Construct {
  /** The underlying `aws_s3_bucket`. */
  public readonly resource: S3Bucket;

  public constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.resource = new S3Bucket(this, "Default", { bucket: props.bucketName });
    const bucket = this.resource.id;
    const publicAccessBlock = new S3BucketPublicAccessBlock(
      this,
      "PublicAccessBlock",
      {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
    );
    new S3BucketOwnershipControls(this, "Ownership", {
      bucket,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "Encryption", {
      bucket,
      rule: [
        { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
      ],
    });
    new S3BucketVersioningA(this, "Versioning", {
      bucket,
      versioningConfiguration: { status: "Enabled" },
    });
    new S3BucketPolicy(this, "Policy", {
      bucket,
      policy: Fn.jsonencode(tlsOnlyBucketPolicy(this.resource.arn)),
      // S3 rejects a bucket policy write that races the public access block.
      dependsOn: [publicAccessBlock],
    });
  }
}
