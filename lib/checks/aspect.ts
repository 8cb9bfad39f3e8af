/**
 * Applies the security rule pack to a stack at synthesis: errors become
 * error annotations (synthesis stops), warnings become warnings. Each
 * message names the rule, the address, the construct path, the finding and
 * what to change; suppressed findings are skipped.
 */
import {
  Annotations,
  IAspect,
  TerraformElement,
  TerraformProvider,
  TerraformStack,
} from "cdktf";
import { IConstruct } from "constructs";
import { securityFinding } from "../errors";
import {
  stackLocation,
  stackPolicies,
  TerraformJson,
} from "../iam/stack-policies";
import { ResourceView, RuleContext, SecurityRule } from "./rule";
import { SECURITY_RULES } from "./rules";
import { covers, suppressionsFor } from "./suppressions";

/** A finding with its rule and the construct it belongs to. */
export interface LocatedFinding {
  /** The rule. */
  readonly rule: SecurityRule;
  /** Terraform address. */
  readonly address: string;
  /** The finding id. */
  readonly finding: string;
  /** The construct that synthesizes the address. */
  readonly construct: IConstruct;
  /** Why it is accepted, when a suppression covers it. */
  readonly suppressedBecause?: string;
}

/** What the rules see of a synthesized stack. */
export function ruleContext(synthesized: TerraformJson): RuleContext {
  const resources: ResourceView[] = Object.entries(
    synthesized.resource ?? {},
  ).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, attributes]) => ({
      type,
      address: `${type}.${name}`,
      attributes: withoutMetadata(attributes),
    })),
  );
  return {
    stack: synthesized,
    resources,
    policies: stackPolicies(synthesized),
    accountId: stackLocation(synthesized).accountId,
  };
}

/** Runs `rules` on the stack's synthesized Terraform and locates each finding. */
export function evaluateRules(
  stack: TerraformStack,
  rules: readonly SecurityRule[] = SECURITY_RULES,
): LocatedFinding[] {
  const context = ruleContext(stack.toTerraform() as TerraformJson);
  const byAddress = constructsByAddress(stack);
  return rules.flatMap((rule) =>
    rule.check(context).map(({ address, finding }) => {
      const construct = byAddress.get(address) ?? stack;
      const suppression = suppressionsFor(construct).find((s) =>
        covers(s.suppression, rule.id, finding),
      );
      return {
        rule,
        address,
        finding,
        construct,
        suppressedBecause: suppression?.suppression.reason,
      };
    }),
  );
}

/** The aspect every account stack carries. */
export class SecurityChecks implements IAspect {
  private readonly checked = new Set<TerraformStack>();

  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.checked.has(node)) return;
    this.checked.add(node);
    for (const located of evaluateRules(node)) {
      if (located.suppressedBecause !== undefined) continue;
      const message = securityFinding(
        located.rule,
        located.address,
        located.construct.node.path,
        located.finding,
      );
      if (located.rule.level === "error")
        Annotations.of(located.construct).addError(message);
      else Annotations.of(located.construct).addWarning(message);
    }
  }
}

function withoutMetadata(
  attributes: Record<string, unknown>,
): Record<string, unknown> {
  const { ["//"]: _metadata, ...rest } = attributes;
  return rest;
}

/** Terraform address -> the construct that synthesizes it (`provider.aws` -> the AWS provider). */
function constructsByAddress(stack: TerraformStack): Map<string, IConstruct> {
  const map = new Map<string, IConstruct>();
  for (const node of stack.node.findAll()) {
    if (TerraformProvider.isTerraformProvider(node))
      map.set(`provider.${node.terraformResourceType}`, node);
    else if (
      node instanceof TerraformElement &&
      "terraformResourceType" in node
    ) {
      map.set(
        `${String((node as unknown as { terraformResourceType: string }).terraformResourceType)}.${node.friendlyUniqueId}`,
        node,
      );
    }
  }
  return map;
}
