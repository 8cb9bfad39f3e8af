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

/**
 * Characters the list of role ARNs may take before the policy switches to the
 * compact form: a role's inline policies share 10,240 characters.
 */
export const EXACT_ROLE_LIST_BUDGET = 4_096;

/**
 * Allows `sts:AssumeRole` on exactly the given roles (the cross-account roles
 * it chains into). One role stays a string, as the article writes it; several
 * are sorted, so config order changes nothing. A list too long for IAM's
 * quota becomes one statement per role name, `arn:<partition>:iam::*:role/<name>`
 * limited to the listed accounts by `aws:ResourceAccount`: the same roles.
 */
export function assumeRolePolicy(roleArns: readonly string[]): PolicyDocument {
  const sorted = [...roleArns].sort();
  if (JSON.stringify(sorted).length <= EXACT_ROLE_LIST_BUDGET) {
    return policyDocument([
      allowStatement({
        actions: ASSUME_ROLE_ACTION,
        resources: sorted.length === 1 ? sorted[0] : sorted,
      }),
    ]);
  }
  const accountsByRole = new Map<string, string[]>();
  for (const arn of sorted) {
    const [, partition, , , account, resource] = arn.split(":");
    const key = `arn:${partition}:iam::*:${resource}`;
    accountsByRole.set(key, [...(accountsByRole.get(key) ?? []), account]);
  }
  return policyDocument(
    [...accountsByRole].map(([resource, accounts]) => ({
      ...allowStatement({ actions: ASSUME_ROLE_ACTION, resources: resource }),
      Condition: { StringEquals: { "aws:ResourceAccount": accounts } },
    })),
  );
}
