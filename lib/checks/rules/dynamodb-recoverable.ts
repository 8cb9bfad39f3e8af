import { SecurityRule, attributeAt, resourcesOf } from "../rule";

/** Point-in-time recovery undoes a bad write or delete, to the second, for 35 days. */
export const DYNAMODB_POINT_IN_TIME_RECOVERY: SecurityRule = {
  id: "DynamoDB-PointInTimeRecovery",
  level: "error",
  requirement: "Tables have point-in-time recovery",
  explanation: "Set point_in_time_recovery { enabled = true }.",
  checkov: "CKV_AWS_28",
  check: (context) =>
    resourcesOf(context, "aws_dynamodb_table")
      .filter(
        (r) =>
          attributeAt(r.attributes, "point_in_time_recovery", "enabled") !==
          true,
      )
      .map((r) => ({
        address: r.address,
        finding: "PointInTimeRecovery::disabled",
      })),
};
