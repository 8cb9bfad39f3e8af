import { SecurityRule, resourcesOf } from "../rule";

/** Anything launched without a group lands in the default one; it must allow nothing. */
export const DEFAULT_SECURITY_GROUP_CLOSED: SecurityRule = {
  id: "VPC-DefaultSecurityGroupClosed",
  level: "error",
  requirement: "Each VPC's default security group allows no traffic",
  explanation:
    "Add an aws_default_security_group for the VPC with no ingress and no egress blocks; Terraform then removes AWS's default rules.",
  checkov: "CKV2_AWS_12",
  check: (context) => {
    const groups = resourcesOf(context, "aws_default_security_group");
    return resourcesOf(context, "aws_vpc").flatMap((vpc) => {
      const group = groups.find(
        (g) => g.attributes.vpc_id === `\${${vpc.address}.id}`,
      );
      if (!group)
        return [
          { address: vpc.address, finding: "DefaultSecurityGroup::unmanaged" },
        ];
      return ["ingress", "egress"]
        .filter(
          (key) =>
            Array.isArray(group.attributes[key]) &&
            (group.attributes[key] as unknown[]).length > 0,
        )
        .map((key) => ({
          address: group.address,
          finding: `DefaultSecurityGroup::${key}`,
        }));
    });
  },
};
