import { SecurityRule } from "../rule";
import { buckets, configuring } from "./bucket-helpers";

const FLAGS = [
  "block_public_acls",
  "block_public_policy",
  "ignore_public_acls",
  "restrict_public_buckets",
];

/** A bucket that may never become public, whatever a later policy or ACL says. */
export const S3_PUBLIC_ACCESS_BLOCKED: SecurityRule = {
  id: "S3-PublicAccessBlocked",
  level: "error",
  requirement: "Buckets block all public access (all four settings)",
  explanation:
    "Add an aws_s3_bucket_public_access_block for the bucket with all four flags true.",
  checkov: "CKV2_AWS_6",
  check: (context) =>
    buckets(context).flatMap((bucket) => {
      const [block] = configuring(
        context,
        "aws_s3_bucket_public_access_block",
        bucket,
      );
      if (!block)
        return [
          { address: bucket.address, finding: "PublicAccessBlock::missing" },
        ];
      return FLAGS.filter((flag) => block.attributes[flag] !== true).map(
        (flag) => ({
          address: bucket.address,
          finding: `PublicAccessBlock::${flag}`,
        }),
      );
    }),
};
