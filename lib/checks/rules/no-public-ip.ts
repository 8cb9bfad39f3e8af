import { SecurityRule, resourcesOf, shown } from "../rule";

/** The instance is reached through Session Manager, never from the internet. */
export const NO_PUBLIC_IP: SecurityRule = {
  id: "EC2-NoPublicIp",
  level: "error",
  requirement: "Instances have no public IP address",
  explanation:
    "Set associate_public_ip_address = false (a subnet's default may otherwise assign one); reach the instance with Session Manager.",
  checkov: "CKV_AWS_88",
  check: (context) =>
    resourcesOf(context, "aws_instance")
      .filter((r) => r.attributes.associate_public_ip_address !== false)
      .map((r) => ({
        address: r.address,
        finding: `AssociatePublicIpAddress::${shown(r.attributes.associate_public_ip_address)}`,
      })),
};
