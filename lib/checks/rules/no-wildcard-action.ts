import { SecurityRule, statementsOf, valuesOf } from "../rule";

/** Least privilege: name the actions, not a whole service. */
export const NO_WILDCARD_ACTION: SecurityRule = {
  id: "IAM-NoWildcardAction",
  level: "error",
  requirement:
    "Identity policies allow no * action and no service-wide service:* action",
  explanation:
    "A wildcard grants every action the service has now and will add later. List the actions the code calls.",
  checkov: "CKV_AWS_63",
  check: (context) =>
    context.policies
      .filter((p) => p.kind === "identity")
      .flatMap((p) =>
        statementsOf(p.document)
          .filter((s) => s.Effect === "Allow")
          .flatMap((s) =>
            valuesOf(s.Action).filter(
              (a) => a === "*" || /^[a-z0-9-]+:\*$/.test(a),
            ),
          )
          .map((a) => ({ address: p.address, finding: `Action::${a}` })),
      ),
};
