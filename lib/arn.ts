/**
 * ARNs computed from configuration. The two accounts' stacks refer to each
 * other's roles by ARN, so neither needs the other's state.
 */
import { ACCOUNT_ID, IAM_ROLE_NAME, check } from "./rules";

/** The AWS partitions this project can deploy to. */
export const PARTITIONS = ["aws", "aws-cn", "aws-us-gov"] as const;

/** An AWS partition. */
export type Partition = (typeof PARTITIONS)[number];

/** Where a role lives and what it is called. */
export interface RoleLocation {
  /** Partition of the account. */
  readonly partition: Partition;
  /** Twelve-digit account ID. */
  readonly accountId: string;
  /** Role name, without path. */
  readonly roleName: string;
}

/** The ARN of an IAM role (no path), e.g. `arn:aws:iam::222222222222:role/cross-account-access-role`. */
export function roleArn(role: RoleLocation): string {
  check(ACCOUNT_ID, "roleArn.accountId", role.accountId);
  check(IAM_ROLE_NAME, "roleArn.roleName", role.roleName);
  return `arn:${role.partition}:iam::${role.accountId}:role/${role.roleName}`;
}

/** The ARN of an AWS managed policy, e.g. `arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore`. */
export function awsManagedPolicyArn(
  partition: Partition,
  policyName: string,
): string {
  return `arn:${partition}:iam::aws:policy/${policyName}`;
}
