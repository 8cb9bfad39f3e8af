/**
 * The synth-time check of every IAM policy in a stack, on the Terraform the
 * stack will hand to Terraform: references resolved to the ARNs they will
 * have, quotas measured on the rendered JSON.
 */
import { TerraformStack } from "cdktf";
import { IValidation } from "constructs";
import { policyProblem } from "../errors";
import { TerraformJson, stackPolicies } from "./stack-policies";
import { POLICY_SIZE_QUOTAS, validatePolicy } from "./validate-policy";

/** Fails synthesis with one line per problem, naming the stack, address, statement, value and fix. */
export class PolicyValidation implements IValidation {
  public constructor(private readonly stack: TerraformStack) {}

  public validate(): string[] {
    const synthesized = this.stack.toTerraform() as TerraformJson;
    const policies = stackPolicies(synthesized);
    const problems = policies.flatMap((policy) => {
      const location = `${this.stack.node.id} ${policy.address} (${policy.attribute})`;
      const unresolved = policy.unresolved.map((ref) =>
        policyProblem(
          location,
          "policy",
          `\${${ref}}`,
          "this check cannot tell which ARN the reference is; refer to the arn of an aws_s3_bucket, aws_dynamodb_table or aws_iam_role, or write the ARN",
        ),
      );
      const found = validatePolicy(policy.document, policy.kind).map((p) =>
        policyProblem(location, p.where, p.value, p.rule),
      );
      return [...unresolved, ...found];
    });

    const inlineSizes = new Map<string, number>();
    for (const policy of policies.filter(
      (p) =>
        p.kind === "identity" &&
        p.role &&
        p.address.startsWith("aws_iam_role_policy."),
    )) {
      const role = policy.role as string;
      inlineSizes.set(
        role,
        (inlineSizes.get(role) ?? 0) + JSON.stringify(policy.document).length,
      );
    }
    for (const [role, size] of inlineSizes) {
      if (size > POLICY_SIZE_QUOTAS.identity) {
        problems.push(
          policyProblem(
            `${this.stack.node.id} ${role}`,
            "inline policies",
            `${size} characters`,
            `a role's inline policies together may hold at most ${POLICY_SIZE_QUOTAS.identity} characters; move some into a managed policy`,
          ),
        );
      }
    }
    return problems;
  }
}
