/**
 * The naming and format rules of AWS and Terraform that this project checks,
 * each with the sentence shown when a value breaks it. Config validation and
 * the policy builders both use these, so a rule is written once.
 */
import { invalidValue } from "./errors";

/** A named check on a string, with the rule as a user reads it. */
export interface TextRule {
  /** True when the value follows the rule. */
  readonly test: (value: string) => boolean;
  /** The rule, phrased to complete "got X; ...". */
  readonly description: string;
}

function pattern(regex: RegExp, description: string): TextRule {
  return { test: (value) => regex.test(value), description };
}

/** Throws an {@link InputError} naming `field` when `value` breaks `rule`. */
export function check(rule: TextRule, field: string, value: string): string {
  if (!rule.test(value)) {
    throw invalidValue(field, value, rule.description);
  }
  return value;
}

/**
 * An AWS account ID.
 * @see https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html
 */
export const ACCOUNT_ID = pattern(
  /^\d{12}$/,
  "an AWS account ID is exactly 12 digits",
);

/** A commercial, China or GovCloud region name such as us-east-1. */
export const REGION = pattern(
  /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/,
  "a region looks like us-east-1 (two letters, a direction, a number)",
);

/**
 * An IAM role name.
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 */
export const IAM_ROLE_NAME = pattern(
  /^[\w+=,.@-]{1,64}$/,
  "an IAM role name is 1-64 characters of letters, digits and _+=,.@-",
);

/**
 * An IAM inline policy name or instance profile name.
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html
 */
export const IAM_NAME = pattern(
  /^[\w+=,.@-]{1,128}$/,
  "an IAM policy or instance profile name is 1-128 characters of letters, digits and _+=,.@-",
);

/**
 * The External ID a cross-account trust requires.
 * @see https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
export const EXTERNAL_ID = pattern(
  /^[\w+=,.@:/-]{2,1224}$/,
  "an External ID is 2-1224 characters of letters, digits and _+=,.@:/-",
);

/** An AWS service principal such as ec2.amazonaws.com. */
export const SERVICE_PRINCIPAL = pattern(
  /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/,
  "a service principal looks like ec2.amazonaws.com",
);

/** The ARN of an IAM role, with or without a path. */
export const ROLE_ARN = pattern(
  /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
  "a role ARN looks like arn:aws:iam::111111111111:role/name",
);

/** An IAM action (`service:Name`), optionally with `*` and `?` wildcards in the name. */
export const IAM_ACTION = pattern(
  /^[a-z0-9-]+:[A-Za-z0-9*?]+$/,
  "an IAM action is service:Name, such as s3:GetObject (wildcards * and ? allowed in the name)",
);

/**
 * A resource in a policy: `*` or an ARN (Terraform references allowed). No
 * quote or backslash: cdktf does not escape them inside `Fn.jsonencode`, so
 * they would synthesize to broken HCL.
 */
export const POLICY_RESOURCE = pattern(
  /^(\*|arn:[^"\\\s]+|\$\{[^"\\\s]+)$/,
  "a policy resource is * or an ARN (no spaces, quotes or backslashes)",
);

/** A statement id: IAM accepts only letters and digits. */
export const STATEMENT_ID = pattern(
  /^[A-Za-z0-9]+$/,
  "a statement Sid is letters and digits only",
);

/** A DynamoDB table name. */
export const DYNAMODB_TABLE_NAME = pattern(
  /^[A-Za-z0-9_.-]{3,255}$/,
  "a DynamoDB table name is 3-255 characters of letters, digits and _.-",
);

/** A DynamoDB key attribute name. */
export const DYNAMODB_ATTRIBUTE_NAME = pattern(
  /^.{1,255}$/,
  "a DynamoDB key attribute name is 1-255 characters",
);

/** An EC2 instance type such as t3.micro. */
export const INSTANCE_TYPE = pattern(
  /^[a-z][a-z0-9-]*\.[a-z0-9]+$/,
  "an instance type looks like t3.micro",
);

/** A value of an AWS tag. */
export const TAG_VALUE = pattern(
  /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u,
  "a tag value is 1-256 letters, digits, spaces and _.:/=+-@",
);

/** The id of an existing VPC or subnet. */
export const VPC_ID = pattern(
  /^vpc-[0-9a-f]{8,17}$/,
  "a VPC id looks like vpc-0123456789abcdef0",
);

/** The id of an existing subnet. */
export const SUBNET_ID = pattern(
  /^subnet-[0-9a-f]{8,17}$/,
  "a subnet id looks like subnet-0123456789abcdef0",
);

/** A target account's short name: it names the stack (`account-<name>`) and its environment variables. */
export const TARGET_NAME: TextRule = {
  test: (name) =>
    /^[a-z][a-z0-9-]{0,30}$/.test(name) && name !== "a" && !name.endsWith("-"),
  description:
    'a target name is 1-31 lowercase letters, digits and hyphens, starting with a letter; "a" is taken by account-a',
};

/** The prefix of the S3 state keys (`<prefix>/<stack>.tfstate`). */
export const STATE_KEY_PREFIX = pattern(
  /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/,
  "a state key prefix is path segments of letters, digits and !_.*'()- separated by /",
);

/** An HCP Terraform organization name. */
export const HCP_ORGANIZATION = pattern(
  /^[A-Za-z0-9_-]{3,40}$/,
  "an HCP Terraform organization name is 3-40 letters, digits, _ and -",
);

/** The prefix of HCP Terraform workspace names (`<prefix>-<stack>`). */
export const HCP_WORKSPACE_PREFIX = pattern(
  /^[A-Za-z0-9_-]{1,60}$/,
  "a workspace prefix is 1-60 letters, digits, _ and -",
);

/** An AWS CLI named profile. */
export const PROFILE_NAME = pattern(
  /^[\w.@+-]{1,128}$/,
  "a profile name is 1-128 characters of letters, digits and _.@+-",
);

/**
 * A general purpose S3 bucket name.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export const S3_BUCKET_NAME: TextRule = {
  test: (name) =>
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes("..") &&
    !/^\d{1,3}(\.\d{1,3}){3}$/.test(name) &&
    !/^(xn--|sthree-|amzn-s3-demo-)/.test(name) &&
    !/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name),
  description:
    "an S3 bucket name is 3-63 lowercase letters, digits, dots and hyphens, starts and ends " +
    "with a letter or digit, has no '..', is not an IP address, and has no reserved prefix " +
    "(xn--, sthree-, amzn-s3-demo-) or suffix (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)",
};
