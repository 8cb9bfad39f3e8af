import { SecurityRule, resourcesOf, statementsOf, valuesOf } from "../rule";

/** No role here needs to administer IAM or the account. */
export const NO_ADMIN_ACCESS: SecurityRule = {
  id: "IAM-NoAdminAccess",
  level: "error",
  requirement: "No role gets AdministratorAccess, IAMFullAccess or iam:*",
  explanation:
    "Administrative IAM rights let a compromised instance grant itself anything. Grant the specific IAM actions needed, if any.",
  checkov: "CKV_AWS_274",
  check: (context) => [
    ...resourcesOf(
      context,
      "aws_iam_role_policy_attachment",
      "aws_iam_policy_attachment",
    )
      .filter((r) =>
        /:policy\/(AdministratorAccess|IAMFullAccess)$/.test(
          String(r.attributes.policy_arn),
        ),
      )
      .map((r) => ({
        address: r.address,
        finding: `ManagedPolicy::${String(r.attributes.policy_arn).split("/").pop()}`,
      })),
    ...context.policies
      .filter((p) => p.kind === "identity")
      .flatMap((p) =>
        statementsOf(p.document)
          .filter((s) => s.Effect === "Allow")
          .flatMap((s) => valuesOf(s.Action).filter((a) => /^iam:\*$/i.test(a)))
          .map((a) => ({ address: p.address, finding: `Action::${a}` })),
      ),
  ],
};
