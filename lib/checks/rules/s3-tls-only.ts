import { SecurityRule, statementsOf, valuesOf } from "../rule";
import { buckets, configuring } from "./bucket-helpers";

/** Plain HTTP would expose data and credentials-signed requests in transit. */
export const S3_TLS_ONLY: SecurityRule = {
  id: "S3-TlsOnly",
  level: "error",
  requirement:
    "Bucket policies deny every request not made over TLS, to the bucket and its objects",
  explanation:
    'Add a Deny statement for s3:* on the bucket ARN and bucket/* with Condition { Bool = { "aws:SecureTransport" = "false" } }.',
  checkov: "none (AWS Config has it: s3-bucket-ssl-requests-only)",
  check: (context) =>
    buckets(context)
      .filter((bucket) => {
        const policies = configuring(
          context,
          "aws_s3_bucket_policy",
          bucket,
        ).map((r) => context.policies.find((p) => p.address === r.address));
        return !policies.some((policy) =>
          statementsOf(policy?.document ?? {}).some((s) => {
            const condition = s.Condition as
              Record<string, Record<string, unknown>> | undefined;
            const resources = valuesOf(s.Resource);
            return (
              s.Effect === "Deny" &&
              valuesOf(s.Action).some((a) => a === "s3:*" || a === "*") &&
              String(condition?.Bool?.["aws:SecureTransport"]) === "false" &&
              resources.some((r) => !r.includes("/")) &&
              resources.some((r) => r.endsWith("/*"))
            );
          }),
        );
      })
      .map((bucket) => ({
        address: bucket.address,
        finding: "BucketPolicy::aws:SecureTransport",
      })),
};
