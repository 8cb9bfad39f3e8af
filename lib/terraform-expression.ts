/**
 * Reads and writes the HCL object expressions inside `jsonencode(...)`.
 * cdktf renders `Fn.jsonencode(obj)` as `${jsonencode({"Key" = value, ...})}`;
 * decoding turns that into the plain object again, with each Terraform
 * reference kept as an interpolation string (`"${aws_s3_bucket.b.arn}"`), so
 * tests and checks can compare policies as IAM documents. Formatting writes
 * such an object back as multi-line HCL for people to read.
 */

/** A Terraform reference such as `aws_s3_bucket.b.arn` or `data.aws_ami.x.id`. */
const REFERENCE =
  /^(data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+(\.[A-Za-z0-9_]+|\[\d+\])*$/;

/** Decodes a `${jsonencode(...)}` attribute value; throws on anything else. */
export function decodeJsonencode(expression: string): unknown {
  const match = /^\$\{jsonencode\(([\s\S]*)\)\}$/.exec(expression);
  if (!match)
    throw new Error(`not a jsonencode expression: ${expression.slice(0, 80)}`);
  const parser = new Parser(match[1]);
  const value = parser.value();
  parser.end();
  return value;
}

class Parser {
  private pos = 0;

  public constructor(private readonly text: string) {}

  public value(): unknown {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === "{") return this.object();
    if (c === "[") return this.tuple();
    if (c === '"') return this.string();
    const bare = /^[A-Za-z0-9_.\-[\]]+/.exec(this.text.slice(this.pos));
    if (!bare) this.fail("a value");
    this.pos += bare[0].length;
    const word = bare[0];
    if (word === "true" || word === "false") return word === "true";
    if (word === "null") return null;
    if (/^-?\d+(\.\d+)?$/.test(word)) return Number(word);
    return `\${${word}}`;
  }

  public end(): void {
    this.skipSpace();
    if (this.pos !== this.text.length) this.fail("the end of the expression");
  }

  private object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.list("{", "}", () => {
      this.skipSpace();
      const bareKey = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(
        this.text.slice(this.pos),
      );
      if (bareKey) this.pos += bareKey[0].length;
      const key = bareKey ? bareKey[0] : this.string();
      this.expect("=");
      result[key] = this.value();
    });
    return result;
  }

  private tuple(): unknown[] {
    const result: unknown[] = [];
    this.list("[", "]", () => result.push(this.value()));
    return result;
  }

  /** Items separated by commas or line breaks (HCL allows either, and a trailing one). */
  private list(open: string, close: string, item: () => void): void {
    this.expect(open);
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) break;
      item();
      while (this.text[this.pos] === " " || this.text[this.pos] === "\t")
        this.pos++;
      const next = this.text[this.pos];
      if (next === "," || next === "\n") this.pos++;
      else if (next !== close) this.fail(`"," or "${close}"`);
    }
    this.pos++;
  }

  private string(): string {
    this.skipSpace();
    this.expect('"');
    let out = "";
    for (;;) {
      const c = this.text[this.pos++];
      if (c === undefined) this.fail("a closing quote");
      if (c === '"') return out;
      if (c === "\\") {
        const escaped = this.text[this.pos++];
        out += escaped === "n" ? "\n" : escaped === "t" ? "\t" : escaped;
      } else if (c === "$" && this.text.startsWith("${", this.pos)) {
        out += "${";
        this.pos += 2;
      } else if (c === "$" && this.text[this.pos] === "{") {
        const close = this.text.indexOf("}", this.pos);
        if (close < 0) this.fail("the end of an interpolation");
        out += this.text.slice(this.pos - 1, close + 1);
        this.pos = close + 1;
      } else {
        out += c;
      }
    }
  }

  private expect(token: string): void {
    this.skipSpace();
    if (!this.text.startsWith(token, this.pos)) this.fail(`"${token}"`);
    this.pos += token.length;
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  private fail(expected: string): never {
    throw new Error(
      `jsonencode expression: expected ${expected} at offset ${this.pos}: ${this.text.slice(this.pos, this.pos + 40)}`,
    );
  }
}

/**
 * Writes a decoded value as multi-line HCL, one key per line, as a person
 * would write a `jsonencode` policy: identifier keys bare, interpolations of
 * Terraform references as bare references, other `${` escaped.
 */
export function formatHcl(value: unknown, indent = ""): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => `${inner}${formatHcl(item, inner)},\n`).join("")}${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const lines = entries.map(([key, item]) => {
      const name = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)
        ? key
        : JSON.stringify(key);
      return `${inner}${name} = ${formatHcl(item, inner)}\n`;
    });
    return `{\n${lines.join("")}${indent}}`;
  }
  if (typeof value === "string") {
    const whole = /^\$\{([^}]*)\}$/.exec(value);
    if (whole && REFERENCE.test(whole[1])) return whole[1];
    const escaped = JSON.stringify(value).replace(
      /\$\{([^}]*)\}/g,
      (match, inside: string) => (REFERENCE.test(inside) ? match : `$${match}`),
    );
    return escaped;
  }
  return JSON.stringify(value);
}
