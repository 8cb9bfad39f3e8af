/** Reading trust policies, for the trust rules. */
import { StackPolicy } from "../../iam/stack-policies";
import { RuleContext, statementsOf, valuesOf } from "../rule";

/** An Allow statement of a trust policy, with its principals listed. */
export interface TrustStatement {
  /** The trust policy it belongs to. */
  readonly policy: StackPolicy;
  /** The statement itself. */
  readonly statement: Readonly<Record<string, unknown>>;
  /** `Principal: "*"` or `AWS: "*"`. */
  readonly anyone: boolean;
  /** AWS principals (ARNs or account IDs). */
  readonly aws: readonly string[];
  /** Service principals. */
  readonly services: readonly string[];
}

/** Every Allow statement of every trust policy in the stack. */
export function trustStatements(context: RuleContext): TrustStatement[] {
  return context.policies
    .filter((p) => p.kind === "trust")
    .flatMap((policy) =>
      statementsOf(policy.document)
        .filter((s) => s.Effect === "Allow")
        .map((statement) => {
          const principal = statement.Principal as
            Record<string, unknown> | string | undefined;
          const field = (key: string) =>
            typeof principal === "object" && principal !== null
              ? valuesOf(principal[key])
              : [];
          const aws = field("AWS");
          return {
            policy,
            statement,
            anyone: principal === "*" || aws.includes("*"),
            aws,
            services: field("Service"),
          };
        }),
    );
}

/** The account of an AWS principal (ARN or bare account ID), if it names one. */
export function principalAccount(principal: string): string | undefined {
  return /^\d{12}$/.test(principal)
    ? principal
    : /^arn:[^:]+:(iam|sts)::(\d{12}):/.exec(principal)?.[2];
}
