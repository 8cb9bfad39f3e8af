import { SecurityRule, attributeAt } from "../rule";
import { buckets, configuring } from "./bucket-helpers";

/** Encryption at rest, stated explicitly rather than left to the account default. */
export const S3_ENCRYPTED: SecurityRule = {
  id: "S3-Encrypted",
  level: "error",
  requirement: "Buckets declare server-side encryption",
  explanation:
    "Add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm AES256 or aws:kms.",
  checkov: "CKV_AWS_19",
  check: (context) =>
    buckets(context)
      .filter((bucket) => {
        const [config] = configuring(
          context,
          "aws_s3_bucket_server_side_encryption_configuration",
          bucket,
        );
        const algorithm =
          config &&
          attributeAt(
            config.attributes,
            "rule",
            "apply_server_side_encryption_by_default",
            "sse_algorithm",
          );
        return !["AES256", "aws:kms", "aws:kms:dsse"].includes(
          String(algorithm),
        );
      })
      .map((bucket) => ({
        address: bucket.address,
        finding: "Encryption::missing",
      })),
};
