import { SecurityRule } from "../rule";
import { trustStatements } from "./trust-helpers";

/** A role anyone can assume is a role anyone can use. */
export const TRUST_NO_WILDCARD_PRINCIPAL: SecurityRule = {
  id: "Trust-NoWildcardPrincipal",
  level: "error",
  requirement: 'Trust policies name their principals; no "*"',
  explanation:
    'A "*" principal lets any AWS account assume the role (conditions aside). Name the role or service that needs it.',
  checkov: "CKV_AWS_60",
  check: (context) =>
    trustStatements(context)
      .filter((t) => t.anyone)
      .map((t) => ({ address: t.policy.address, finding: "Principal::*" })),
};
