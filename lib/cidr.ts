/** IPv4 CIDR blocks: parsing and containment, for the VPC and subnet settings. */
import { isIPv4 } from "node:net";

/** An IPv4 block as integers, so containment is two comparisons. */
export interface Ipv4Block {
  /** First address of the block. */
  readonly first: number;
  /** Last address of the block. */
  readonly last: number;
  /** Prefix length, 0-32. */
  readonly prefix: number;
}

/** The rule a VPC or subnet CIDR must follow, as a user reads it. */
export const CIDR_RULE =
  "a CIDR is an IPv4 network address with a prefix from /16 to /28, such as 10.0.0.0/16, " +
  "with no host bits set";

/** Parses `a.b.c.d/n` with a prefix AWS accepts for a VPC or subnet (/16-/28); undefined if it is not one. */
export function parseVpcCidr(text: string): Ipv4Block | undefined {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(text);
  if (!match || !isIPv4(match[1])) return undefined;
  const prefix = Number(match[2]);
  if (prefix < 16 || prefix > 28) return undefined;
  const address = match[1]
    .split(".")
    .reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return undefined;
  return { first: address, last: address + size - 1, prefix };
}

/** True when every address of `inner` lies in `outer`. */
export function contains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}
