/**
 * The IAM policies in a synthesized stack, decoded into documents with every
 * Terraform reference replaced by the ARN it will have, so they can be
 * validated and simulated as AWS will see them.
 */
import { decodeJsonencode } from "../terraform-expression";
import { PolicyKind } from "./validate-policy";

/** Synthesized Terraform JSON, as far as this module reads it. */
export interface TerraformJson {
  /** Resources by type and name. */
  readonly resource?: Readonly<
    Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>
  >;
  /** Providers by name. */
  readonly provider?: Readonly<
    Record<string, readonly Readonly<Record<string, unknown>>[]>
  >;
}

/** A policy of the stack, ready to check. */
export interface StackPolicy {
  /** Address of the resource holding it, e.g. `aws_iam_role_policy.app_policy`. */
  readonly address: string;
  /** Attribute holding it, e.g. `policy`. */
  readonly attribute: string;
  /** How IAM uses it. */
  readonly kind: PolicyKind;
  /** For identity policies: the address of the role it is attached to. */
  readonly role?: string;
  /** The document, references replaced by ARNs. */
  readonly document: unknown;
  /** References that could not be turned into ARNs. */
  readonly unresolved: readonly string[];
}

/** Where the stack deploys, for the ARNs of its resources. */
export interface StackLocation {
  /** Partition. */
  readonly partition: string;
  /** Region of the provider. */
  readonly region: string;
  /** The account the provider may deploy to. */
  readonly accountId: string;
}

/** Attributes that hold policies, by resource type. */
const POLICY_ATTRIBUTES: Readonly<
  Record<string, { attribute: string; kind: PolicyKind }>
> = {
  aws_iam_role: { attribute: "assume_role_policy", kind: "trust" },
  aws_iam_role_policy: { attribute: "policy", kind: "identity" },
  aws_iam_policy: { attribute: "policy", kind: "identity" },
  aws_s3_bucket_policy: { attribute: "policy", kind: "resource" },
};

/**
 * How to compute the ARN of a resource this project creates from its synthesized attributes.
 * A policy that refers to the `arn` of any other type is reported as unresolved.
 */
const ARN_OF: Readonly<
  Record<
    string,
    (attributes: Readonly<Record<string, unknown>>, at: StackLocation) => string
  >
> = {
  aws_s3_bucket: (a, at) => `arn:${at.partition}:s3:::${String(a.bucket)}`,
  aws_dynamodb_table: (a, at) =>
    `arn:${at.partition}:dynamodb:${at.region}:${at.accountId}:table/${String(a.name)}`,
  aws_iam_role: (a, at) =>
    `arn:${at.partition}:iam::${at.accountId}:role/${String(a.name)}`,
};

/** The stack's partition, region and account, read from its AWS provider. */
export function stackLocation(stack: TerraformJson): StackLocation {
  const provider = stack.provider?.aws?.[0] ?? {};
  const region =
    typeof provider.region === "string" ? provider.region : "us-east-1";
  const accounts = provider.allowed_account_ids;
  const partition = region.startsWith("cn-")
    ? "aws-cn"
    : region.startsWith("us-gov-")
      ? "aws-us-gov"
      : "aws";
  return {
    partition,
    region,
    accountId: Array.isArray(accounts) ? String(accounts[0]) : "000000000000",
  };
}

/** Every policy of the stack, in address order. */
export function stackPolicies(stack: TerraformJson): StackPolicy[] {
  const at = stackLocation(stack);
  const resources = stack.resource ?? {};
  const policies: StackPolicy[] = [];
  for (const [type, { attribute, kind }] of Object.entries(POLICY_ATTRIBUTES)) {
    for (const [name, attributes] of Object.entries(resources[type] ?? {})) {
      const raw = attributes[attribute];
      if (typeof raw !== "string") continue;
      const unresolved: string[] = [];
      const document = replaceReferences(decodePolicy(raw), (reference) => {
        const [refType, refName, refAttribute] = reference.split(".");
        const target = resources[refType]?.[refName];
        const arnOf = ARN_OF[refType];
        if (refAttribute === "arn" && target && arnOf) return arnOf(target, at);
        unresolved.push(reference);
        return undefined;
      });
      const roleRef =
        typeof attributes.role === "string"
          ? /^\$\{aws_iam_role\.([A-Za-z0-9_-]+)\.(id|name)\}$/.exec(
              attributes.role,
            )
          : null;
      policies.push({
        address: `${type}.${name}`,
        attribute,
        kind,
        role: roleRef ? `aws_iam_role.${roleRef[1]}` : undefined,
        document,
        unresolved,
      });
    }
  }
  return policies.sort((a, b) => a.address.localeCompare(b.address));
}

/** A policy attribute: `${jsonencode(...)}` from cdktf, or a literal JSON string. */
function decodePolicy(raw: string): unknown {
  return raw.startsWith("${jsonencode(")
    ? decodeJsonencode(raw)
    : (JSON.parse(raw) as unknown);
}

/** Replaces `${type.name.attr}` in every string of `value` with what `resolve` returns for it (kept when undefined). */
function replaceReferences(
  value: unknown,
  resolve: (reference: string) => string | undefined,
): unknown {
  if (typeof value === "string") {
    return value.replace(
      /\$\{([a-z][a-z0-9_]*\.[A-Za-z0-9_-]+\.[a-z0-9_]+)\}/g,
      (whole, ref: string) => resolve(ref) ?? whole,
    );
  }
  if (Array.isArray(value))
    return value.map((item) => replaceReferences(item, resolve));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, replaceReferences(v, resolve)]),
    );
  }
  return value;
}
