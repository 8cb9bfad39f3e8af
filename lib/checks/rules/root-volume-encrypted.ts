import { SecurityRule, attributeAt, resourcesOf } from "../rule";

/** An unencrypted root volume leaks data through snapshots and AMIs. */
export const ROOT_VOLUME_ENCRYPTED: SecurityRule = {
  id: "EC2-RootVolumeEncrypted",
  level: "error",
  requirement: "Instances encrypt their root volume",
  explanation:
    "Set root_block_device { encrypted = true }; snapshots and AMIs made from the volume inherit it.",
  checkov: "CKV_AWS_8",
  check: (context) =>
    resourcesOf(context, "aws_instance")
      .filter(
        (r) =>
          attributeAt(r.attributes, "root_block_device", "encrypted") !== true,
      )
      .map((r) => ({
        address: r.address,
        finding: "RootBlockDevice::encrypted",
      })),
};
