/** Every Terraform block of the article, and where this project builds it. */
import { ACCOUNT_A_STACK, targetStackName } from "../../main";

/** One block of the article and its counterpart here. */
export interface ArticleBlock {
  /** The article's section heading. */
  readonly section: string;
  /** The block's address in the article. */
  readonly articleAddress: string;
  /** The stack that builds it. */
  readonly stack: string;
  /** Its address in that stack. */
  readonly address: string;
  /** How the two differ, if they do. */
  readonly note?: string;
}

const A = ACCOUNT_A_STACK;
/** The article's account B: the default configuration's one target. */
const B = targetStackName("b");

/** The article's blocks, section by section, in the article's order. */
export const ARTICLE_BLOCKS: readonly ArticleBlock[] = [
  {
    section: "The Components Involved",
    articleAddress: "aws_iam_role.ec2_role",
    stack: A,
    address: "aws_iam_role.app_role",
    note: "an illustration; built as the Complete configuration's role",
  },
  {
    section: "The Components Involved",
    articleAddress: "aws_iam_role_policy.ec2_policy",
    stack: A,
    address: "aws_iam_role_policy.app_policy",
    note: "an illustration (a placeholder bucket and a Secrets Manager path); built as the Complete configuration's policy",
  },
  {
    section: "The Components Involved",
    articleAddress: "aws_iam_instance_profile.ec2_profile",
    stack: A,
    address: "aws_iam_instance_profile.app_profile",
    note: "an illustration; built as the Complete configuration's profile",
  },
  {
    section: "The Components Involved",
    articleAddress: "aws_instance.app_server",
    stack: A,
    address: "aws_instance.app",
    note: "an illustration; built as the Complete configuration's instance",
  },
  {
    section: "Complete Terraform Configuration",
    articleAddress: "aws_iam_role.app_role",
    stack: A,
    address: "aws_iam_role.app_role",
  },
  {
    section: "Complete Terraform Configuration",
    articleAddress: "aws_iam_role_policy_attachment.ssm_policy",
    stack: A,
    address: "aws_iam_role_policy_attachment.ssm_policy",
  },
  {
    section: "Complete Terraform Configuration",
    articleAddress: "aws_iam_role_policy.app_policy",
    stack: A,
    address: "aws_iam_role_policy.app_policy",
  },
  {
    section: "Complete Terraform Configuration",
    articleAddress: "aws_iam_instance_profile.app_profile",
    stack: A,
    address: "aws_iam_instance_profile.app_profile",
  },
  {
    section: "Complete Terraform Configuration",
    articleAddress: "aws_instance.app",
    stack: A,
    address: "aws_instance.app",
    note: "adds IMDSv2, an encrypted gp3 root volume, no public IP, its own security group",
  },
  {
    section: "Complete Terraform Configuration",
    articleAddress: "data.aws_ami.amazon_linux",
    stack: A,
    address: "data.aws_ami.amazon_linux",
    note: "Amazon Linux 2023 instead of end-of-life Amazon Linux 2",
  },
  {
    section: "Complete Terraform Configuration (referenced, not defined)",
    articleAddress: "aws_s3_bucket.app_bucket",
    stack: A,
    address: "aws_s3_bucket.app_bucket",
    note: "defined here, with its protections",
  },
  {
    section: "Complete Terraform Configuration (referenced, not defined)",
    articleAddress: "aws_dynamodb_table.app_table",
    stack: A,
    address: "aws_dynamodb_table.app_table",
    note: "defined here, with its protections",
  },
  {
    section: "Complete Terraform Configuration (referenced, not defined)",
    articleAddress: "aws_subnet.private",
    stack: A,
    address: "aws_subnet.private",
    note: "defined here, in a VPC with endpoints (or an existing subnet from config)",
  },
  {
    section: "Cross-Account AssumeRole",
    articleAddress: "aws_iam_role.cross_account_role",
    stack: B,
    address: "aws_iam_role.cross_account_role",
    note: "plus a permissions policy from config",
  },
  {
    section: "Cross-Account AssumeRole",
    articleAddress: "aws_iam_role_policy.assume_cross_account",
    stack: A,
    address: "aws_iam_role_policy.assume_cross_account",
  },
  {
    section: "Enforcing IMDSv2",
    articleAddress: "aws_instance.secure_app",
    stack: A,
    address: "aws_instance.app",
    note: "the same settings on the one instance, not a second one",
  },
];
