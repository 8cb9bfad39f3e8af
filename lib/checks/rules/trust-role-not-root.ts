import { SecurityRule } from "../rule";
import { trustStatements } from "./trust-helpers";

/** Trusting an account root delegates the decision to every administrator of that account. */
export const TRUST_ROLE_NOT_ROOT: SecurityRule = {
  id: "Trust-RoleNotRoot",
  level: "error",
  requirement: "A trust policy names a role ARN, not an account or its root",
  explanation:
    "Trusting arn:aws:iam::<account>:root (or a bare account ID) lets any principal of that account that its own policies allow assume the role. Name the one role that needs it.",
  checkov: "CKV_AWS_61",
  check: (context) =>
    trustStatements(context).flatMap((t) =>
      t.aws
        .filter((p) => /^\d{12}$/.test(p) || /:root$/.test(p))
        .map((p) => ({
          address: t.policy.address,
          finding: `Principal::${p}`,
        })),
    ),
};
