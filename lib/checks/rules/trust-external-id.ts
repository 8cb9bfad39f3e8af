import { SecurityRule, valuesOf } from "../rule";
import { principalAccount, trustStatements } from "./trust-helpers";

/** The confused-deputy guard: another account must also know the External ID. */
export const TRUST_EXTERNAL_ID: SecurityRule = {
  id: "Trust-ExternalIdRequired",
  level: "error",
  requirement:
    "Every statement trusting another account requires sts:ExternalId with StringEquals",
  explanation:
    'Without an External ID, anyone who can make the trusted principal act for them (a confused deputy) can reach this role. Add Condition { StringEquals = { "sts:ExternalId" = "..." } } to each such statement.',
  check: (context) =>
    trustStatements(context)
      .filter((t) =>
        t.aws.some((p) => principalAccount(p) !== context.accountId),
      )
      .filter((t) => {
        const condition = t.statement.Condition as
          Record<string, Record<string, unknown>> | undefined;
        const value = condition?.StringEquals?.["sts:ExternalId"];
        return (
          valuesOf(value).length === 0 ||
          valuesOf(value).some((v) => v.length < 2)
        );
      })
      .map((t) => ({
        address: t.policy.address,
        finding: "Condition::StringEquals::sts:ExternalId",
      })),
};
