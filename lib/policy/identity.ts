/** Identity policies of the workload role: what the instance's code may do. */
import { PolicyDocument, allowStatement, policyDocument } from "./document";
import { ASSUME_ROLE_ACTION } from "./trust";

/** ARNs of the data the application reads and writes. */
export interface ApplicationDataProps {
  /** ARN of the application's bucket (a Terraform reference is fine). */
  readonly bucketArn: string;
  /** ARN of the application's DynamoDB table. */
  readonly tableArn: string;
}

/**
 * Read and write objects in one bucket (and list it), and get, put and query
 * items of one table; nothing else, no deletes.
 */
export function applicationDataPolicy(
  props: ApplicationDataProps,
): PolicyDocument {
  return policyDocument([
    allowStatement({
      sid: "S3Access",
      actions: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
      resources: [props.bucketArn, `${props.bucketArn}/*`],
    }),
    allowStatement({
      sid: "DynamoDBAccess",
      actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
      resources: props.tableArn,
    }),
  ]);
}

/** Allows `sts:AssumeRole` on exactly the given roles (the cross-account roles it chains into). */
export function assumeRolePolicy(roleArns: readonly string[]): PolicyDocument {
  // One role stays a string, as the article writes it; several are sorted, so config order changes nothing.
  const resources = roleArns.length === 1 ? roleArns[0] : [...roleArns].sort();
  return policyDocument([
    allowStatement({ actions: ASSUME_ROLE_ACTION, resources }),
  ]);
}
