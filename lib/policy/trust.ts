/**
 * Trust (assume-role) policies: who may call `sts:AssumeRole` on a role.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html
 */
import { EXTERNAL_ID, ROLE_ARN, SERVICE_PRINCIPAL, check } from "../rules";
import { PolicyDocument, policyDocument } from "./document";

/** The action every trust policy here grants. */
export const ASSUME_ROLE_ACTION = "sts:AssumeRole";

/** A trust policy that lets one AWS service (e.g. `ec2.amazonaws.com`) assume the role. */
export function serviceTrustPolicy(service: string): PolicyDocument {
  check(SERVICE_PRINCIPAL, "trust.service", service);
  return policyDocument(
    [
      {
        Action: ASSUME_ROLE_ACTION,
        Effect: "Allow",
        Principal: { Service: service },
      },
    ],
    "trust",
  );
}

/** Inputs of {@link crossAccountTrustPolicy}. */
export interface CrossAccountTrustProps {
  /** ARN of the one role (in another account) allowed to assume this one. */
  readonly trustedRoleArn: string;
  /**
   * The External ID the caller must pass; guards against the confused deputy.
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html
   */
  readonly externalId: string;
}

/** A trust policy for one role ARN that requires `sts:ExternalId` to equal the given value. */
export function crossAccountTrustPolicy(
  props: CrossAccountTrustProps,
): PolicyDocument {
  check(ROLE_ARN, "trust.trustedRoleArn", props.trustedRoleArn);
  check(EXTERNAL_ID, "trust.externalId", props.externalId);
  return policyDocument(
    [
      {
        Action: ASSUME_ROLE_ACTION,
        Effect: "Allow",
        Principal: { AWS: props.trustedRoleArn },
        Condition: { StringEquals: { "sts:ExternalId": props.externalId } },
      },
    ],
    "trust",
  );
}
