import { EC2_SERVICE_PRINCIPAL } from "../../constructs/ec2-instance-role";
import { SecurityRule, resourcesOf } from "../rule";
import { trustStatements } from "./trust-helpers";

/** A role made for one service should not be assumable by others. */
export const TRUST_SERVICE_SCOPED: SecurityRule = {
  id: "Trust-ServiceScoped",
  level: "error",
  requirement:
    "A service trust names only the service that uses the role (ec2.amazonaws.com for a role in an instance profile)",
  explanation:
    "Every extra service principal is another way to obtain the role's credentials. Keep one role per service.",
  check: (context) => {
    const inProfiles = new Set(
      resourcesOf(context, "aws_iam_instance_profile")
        .map(
          (p) =>
            /^\$\{(aws_iam_role\.[A-Za-z0-9_-]+)\.(name|id)\}$/.exec(
              String(p.attributes.role),
            )?.[1],
        )
        .filter((a): a is string => a !== undefined),
    );
    return trustStatements(context).flatMap((t) => {
      const expected = inProfiles.has(t.policy.address)
        ? [EC2_SERVICE_PRINCIPAL]
        : t.services.slice(0, 1);
      const extra = t.services.filter((s) => !expected.includes(s));
      const mixed = inProfiles.has(t.policy.address)
        ? t.aws.map((p) => `Principal::AWS::${p}`)
        : [];
      return [...extra.map((s) => `Principal::Service::${s}`), ...mixed].map(
        (finding) => ({ address: t.policy.address, finding }),
      );
    });
  },
};
