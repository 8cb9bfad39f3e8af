import { SecurityRule, attributeAt, resourcesOf } from "../rule";

/** Encryption under a KMS key the account controls access to, not only the AWS-owned default. */
export const DYNAMODB_ENCRYPTED: SecurityRule = {
  id: "DynamoDB-Encrypted",
  level: "error",
  requirement:
    "Tables enable server-side encryption with a KMS key (AWS managed or customer managed)",
  explanation:
    "Set server_side_encryption { enabled = true } (add kms_key_arn for a customer managed key).",
  checkov: "CKV_AWS_119 (stricter: requires a customer managed key)",
  check: (context) =>
    resourcesOf(context, "aws_dynamodb_table")
      .filter(
        (r) =>
          attributeAt(r.attributes, "server_side_encryption", "enabled") !==
          true,
      )
      .map((r) => ({
        address: r.address,
        finding: "ServerSideEncryption::disabled",
      })),
};
