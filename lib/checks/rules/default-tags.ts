import { SecurityRule } from "../rule";

/** The tags every taggable resource carries, through the provider's default_tags. */
export const REQUIRED_TAGS = ["Project", "ManagedBy", "Environment"] as const;

/** Tags say which project and environment a role or instance belongs to, and that Terraform owns it. */
export const DEFAULT_TAGS: SecurityRule = {
  id: "Tags-Default",
  level: "warning",
  requirement: `Every taggable resource carries the default tags (${REQUIRED_TAGS.join(", ")})`,
  explanation:
    "Set them in the AWS provider's default_tags, which applies them to every taggable resource, and do not blank them on a resource.",
  checkov: "none (checkov leaves required tags to custom policies)",
  check: (context) => {
    const defaults =
      (
        context.stack.provider?.aws?.[0]?.default_tags as
          { tags?: Record<string, string> }[] | undefined
      )?.[0]?.tags ?? {};
    const missing = REQUIRED_TAGS.filter((tag) => !defaults[tag]).map(
      (tag) => ({ address: "provider.aws", finding: `DefaultTags::${tag}` }),
    );
    const blanked = context.resources.flatMap((r) => {
      const tags = (r.attributes.tags ?? {}) as Record<string, unknown>;
      return REQUIRED_TAGS.filter((tag) => tag in tags && !tags[tag]).map(
        (tag) => ({ address: r.address, finding: `Tags::${tag}` }),
      );
    });
    return [...missing, ...blanked];
  },
};
