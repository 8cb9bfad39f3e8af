import { SecurityRule, attributeAt } from "../rule";
import { buckets, configuring } from "./bucket-helpers";

/** Versions let an overwrite or delete by the application be undone. */
export const S3_VERSIONED: SecurityRule = {
  id: "S3-Versioned",
  level: "error",
  requirement: "Buckets keep versions",
  explanation:
    'Add an aws_s3_bucket_versioning with versioning_configuration { status = "Enabled" }.',
  checkov: "CKV_AWS_21",
  check: (context) =>
    buckets(context)
      .filter((bucket) => {
        const [config] = configuring(
          context,
          "aws_s3_bucket_versioning",
          bucket,
        );
        return (
          !config ||
          attributeAt(
            config.attributes,
            "versioning_configuration",
            "status",
          ) !== "Enabled"
        );
      })
      .map((bucket) => ({
        address: bucket.address,
        finding: "Versioning::disabled",
      })),
};
