/**
 * main.tf for reviewers: cdktf's HCL with each `jsonencode` policy laid out
 * one key per line (as the article writes them) and a blank line between
 * blocks, then `terraform fmt`. Nothing else is changed.
 */
import { decodeJsonencode, formatHcl } from "../../lib/terraform-expression";

const JSONENCODE_ATTRIBUTE =
  /^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"(\$\{jsonencode\(.*\)\})"$/;

/** cdktf's HCL with policies expanded and blocks separated; not yet formatted. */
export function readableHcl(cdktfHcl: string): string {
  const lines = cdktfHcl.split("\n").map((line) => {
    const match = JSONENCODE_ATTRIBUTE.exec(line);
    if (!match) return line;
    const [, indent, name, expression] = match;
    return `${indent}${name} = jsonencode(${formatHcl(decodeJsonencode(expression), indent)})`;
  });
  return lines
    .join("\n")
    .replace(
      /^}\n(?=(resource|data|output|provider|variable|locals|module) )/gm,
      "}\n\n",
    )
    .replace(/\n{3,}/g, "\n\n");
}

/** 1-based line of the block that declares `address` (`aws_iam_role.app_role`, `data.aws_ami.x`). */
export function lineOfBlock(hcl: string, address: string): number | undefined {
  const parts = address.split(".");
  const header =
    parts[0] === "data"
      ? `data "${parts[1]}" "${parts[2]}" {`
      : `resource "${parts[0]}" "${parts[1]}" {`;
  const index = hcl.split("\n").findIndex((line) => line.trim() === header);
  return index < 0 ? undefined : index + 1;
}
