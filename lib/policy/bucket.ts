/** Resource policies for S3 buckets. */
import { PolicyDocument, policyDocument } from "./document";

/**
 * Denies every request to the bucket or its objects that is not made over TLS.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 */
export function tlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
  return policyDocument(
    [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: { AWS: "*" },
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
    "resource",
  );
}
