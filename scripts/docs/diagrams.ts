/**
 * Mermaid diagrams GitHub renders: the credential chain with the configured
 * names, and each stack's resources with the references between them.
 */
import { roleArn } from "../../lib/arn";
import { AppConfig } from "../../lib/config/schema";
import { IMDSV2_METADATA_OPTIONS } from "../../lib/constructs/hardened-instance";
import { EC2_SERVICE_PRINCIPAL } from "../../lib/constructs/ec2-instance-role";
import { ACCOUNT_A_STACK, targetStackName } from "../../main";
import { SynthesizedStack } from "../synthesized";

/** Instance -> IMDSv2 -> STS -> role A -> (External ID) -> STS -> each target's role -> what it may do. */
export function credentialChain(config: AppConfig): string {
  const a = config.accountA;
  const arnA = roleArn({ partition: config.partition, ...a });
  const lines = [
    "flowchart LR",
    `  subgraph accountA["Account A ${a.accountId}"]`,
    `    instance["EC2 instance ${a.instance.name}<br/>profile ${a.instanceProfileName}"]`,
    `    imds["IMDSv2<br/>tokens ${IMDSV2_METADATA_OPTIONS.httpTokens}, hop limit ${IMDSV2_METADATA_OPTIONS.httpPutResponseHopLimit}"]`,
    `    roleA["Role ${a.roleName}<br/>trusts ${EC2_SERVICE_PRINCIPAL}"]`,
    "  end",
    `  sts["AWS STS"]`,
    `  instance -- "1 PUT token, GET role credentials" --> imds`,
    `  imds -- "2 temporary credentials" --> roleA`,
  ];
  for (const target of config.targets) {
    const id = target.name.replace(/[^A-Za-z0-9]/g, "_");
    const arn = roleArn({ partition: config.partition, ...target });
    const grants = target.permissions.flatMap((p) => p.actions).join(", ") || "no permissions";
    lines.push(
      `  subgraph target_${id}["${targetStackName(target.name)}: account ${target.accountId}"]`,
      `    role_${id}["Role ${target.roleName}<br/>sessions up to ${target.maxSessionDurationSeconds} s"]`,
      `    grants_${id}["${grants}"]`,
      "  end",
      `  roleA -- "3 sts:AssumeRole ${arn}<br/>ExternalId ${target.externalId}" --> sts`,
      `  sts -- "4 trust: Principal ${arnA}<br/>StringEquals sts:ExternalId = ${target.externalId}" --> role_${id}`,
      `  role_${id} -- "5 temporary credentials, then" --> grants_${id}`,
    );
  }
  return lines.join("\n");
}

const REFERENCE = /\b(data\.)?(aws_[a-z0-9_]+)\.([a-z0-9_]+)\b/g;

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

/** One subgraph per stack, a node per resource or data source, an edge per reference; cross-account ARNs dashed. */
export function resourceGraph(
  config: AppConfig,
  stacks: readonly SynthesizedStack[],
): string {
  const roleArns = new Map([
    [roleArn({ partition: config.partition, ...config.accountA }), `${ACCOUNT_A_STACK}/aws_iam_role.app_role`],
    ...config.targets.map((t): [string, string] => [roleArn({ partition: config.partition, ...t }), `${targetStackName(t.name)}/aws_iam_role.cross_account_role`]),
  ]);
  const nodeId = (key: string) => key.replace(/[^A-Za-z0-9]/g, "_");
  const lines = ["flowchart LR"];
  const edges: string[] = [];
  for (const stack of stacks) {
    const parsed = JSON.parse(stack.json) as {
      resource?: Blocks;
      data?: Blocks;
    };
    const blocks = [
      ...Object.entries(parsed.resource ?? {}).flatMap(([type, byName]) =>
        Object.entries(byName).map(([name, body]) => ({
          address: `${type}.${name}`,
          body,
        })),
      ),
      ...Object.entries(parsed.data ?? {}).flatMap(([type, byName]) =>
        Object.entries(byName).map(([name, body]) => ({
          address: `data.${type}.${name}`,
          body,
        })),
      ),
    ];
    lines.push(`  subgraph ${nodeId(stack.name)}["${stack.name}"]`);
    for (const { address, body } of blocks) {
      const from = nodeId(`${stack.name}/${address}`);
      lines.push(`    ${from}["${address}"]`);
      const { ["//"]: _metadata, ...attributes } = body;
      const text = JSON.stringify(attributes);
      const targets = new Set(
        [...text.matchAll(REFERENCE)].map(
          (m) => `${m[1] ?? ""}${m[2]}.${m[3]}`,
        ),
      );
      for (const target of [...targets].sort()) {
        if (target !== address)
          edges.push(`  ${from} --> ${nodeId(`${stack.name}/${target}`)}`);
      }
      for (const [arn, role] of roleArns) {
        if (text.includes(`"${arn}"`) || text.includes(`\\"${arn}\\"`))
          edges.push(`  ${from} -. "${arn}" .-> ${nodeId(role)}`);
      }
    }
    lines.push("  end");
  }
  return [...lines, ...edges].join("\n");
}
