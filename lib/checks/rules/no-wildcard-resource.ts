import { findAction, actionsMatching } from "../../iam/catalog";
import { SecurityRule, statementsOf, valuesOf } from "../rule";

/** True when every action a pattern covers accepts only `*` as its resource (per the IAM catalog). */
function onlyWildcardResources(pattern: string): boolean {
  const actions = /[*?]/.test(pattern)
    ? actionsMatching(pattern).map(findAction)
    : [findAction(pattern)];
  return (
    actions.length > 0 &&
    actions.every((a) => a !== undefined && a.resourceTypes.length === 0)
  );
}

/** Least privilege: scope each action to the resources it needs. */
export const NO_WILDCARD_RESOURCE: SecurityRule = {
  id: "IAM-NoWildcardResource",
  level: "error",
  requirement:
    'Identity policies allow "*" resources only for actions that accept nothing else',
  explanation:
    'Some actions (s3:ListAllMyBuckets, sts:GetCallerIdentity) take only "*"; every other action can name its resources. Which actions take only "*" comes from the IAM catalog.',
  checkov: "CKV_AWS_355",
  check: (context) =>
    context.policies
      .filter((p) => p.kind === "identity")
      .flatMap((p) =>
        statementsOf(p.document)
          .filter(
            (s) => s.Effect === "Allow" && valuesOf(s.Resource).includes("*"),
          )
          .flatMap((s) =>
            valuesOf(s.Action).filter(
              (a) => a !== "*" && !onlyWildcardResources(a),
            ),
          )
          .map((a) => ({ address: p.address, finding: `Resource::*::${a}` })),
      ),
};
