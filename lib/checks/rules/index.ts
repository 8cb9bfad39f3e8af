/** The security rule pack, in the order rules are reported and documented. */
import { SecurityRule } from "../rule";
import { DEFAULT_SECURITY_GROUP_CLOSED } from "./default-security-group-closed";
import { DEFAULT_TAGS } from "./default-tags";
import { DYNAMODB_ENCRYPTED } from "./dynamodb-encrypted";
import { DYNAMODB_POINT_IN_TIME_RECOVERY } from "./dynamodb-recoverable";
import { IMDSV2_REQUIRED } from "./imdsv2-required";
import { NO_ADMIN_ACCESS } from "./no-admin-access";
import { NO_PUBLIC_IP } from "./no-public-ip";
import { NO_WILDCARD_ACTION } from "./no-wildcard-action";
import { NO_WILDCARD_RESOURCE } from "./no-wildcard-resource";
import { ROOT_VOLUME_ENCRYPTED } from "./root-volume-encrypted";
import { S3_ENCRYPTED } from "./s3-encrypted";
import { S3_PUBLIC_ACCESS_BLOCKED } from "./s3-public-access-blocked";
import { S3_TLS_ONLY } from "./s3-tls-only";
import { S3_VERSIONED } from "./s3-versioned";
import { TRUST_EXTERNAL_ID } from "./trust-external-id";
import { TRUST_NO_WILDCARD_PRINCIPAL } from "./trust-no-wildcard-principal";
import { TRUST_ROLE_NOT_ROOT } from "./trust-role-not-root";
import { TRUST_SERVICE_SCOPED } from "./trust-service-scoped";

/** Every rule applied to every stack. */
export const SECURITY_RULES: readonly SecurityRule[] = [
  IMDSV2_REQUIRED,
  ROOT_VOLUME_ENCRYPTED,
  NO_PUBLIC_IP,
  NO_WILDCARD_ACTION,
  NO_WILDCARD_RESOURCE,
  NO_ADMIN_ACCESS,
  TRUST_NO_WILDCARD_PRINCIPAL,
  TRUST_ROLE_NOT_ROOT,
  TRUST_EXTERNAL_ID,
  TRUST_SERVICE_SCOPED,
  S3_PUBLIC_ACCESS_BLOCKED,
  S3_ENCRYPTED,
  S3_VERSIONED,
  S3_TLS_ONLY,
  DYNAMODB_POINT_IN_TIME_RECOVERY,
  DYNAMODB_ENCRYPTED,
  DEFAULT_SECURITY_GROUP_CLOSED,
  DEFAULT_TAGS,
];
