/**
 * `npm run docs` writes the generated docs; `npm run docs:check` renders
 * them afresh and fails, naming each stale file, when docs/ differs.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import {
  DOCS_DIR,
  RenderOptions,
  isGenerated,
  renderDocs,
} from "./docs/render";
import { hasTerraform } from "./docs/terraform";

/** Files under `dir`, as paths relative to it. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? listFiles(path).map((p) => `${name}/${p}`)
      : [name];
  });
}

/** Differences between the rendered docs and `docsDir`, one line each. */
export async function staleDocs(
  docsDir: string,
  options: RenderOptions,
): Promise<string[]> {
  const { withHcl } = options;
  const { files } = await renderDocs(options);
  const problems: string[] = [];
  for (const [path, content] of files) {
    const onDisk = join(docsDir, path);
    if (!existsSync(onDisk)) problems.push(`missing: ${join(DOCS_DIR, path)}`);
    else if (readFileSync(onDisk, "utf8") !== content)
      problems.push(`stale: ${join(DOCS_DIR, path)}`);
  }
  for (const path of listFiles(docsDir).filter(isGenerated)) {
    const skipped = !withHcl && path.endsWith(".tf");
    if (!files.has(path) && !skipped)
      problems.push(`not generated any more: ${join(DOCS_DIR, path)}`);
  }
  return problems;
}

/** Writes the docs into `docsDir`, removing generated files the code no longer makes. */
export async function writeDocs(
  docsDir: string,
  options: RenderOptions = { withHcl: true },
): Promise<string[]> {
  const { files } = await renderDocs(options);
  for (const path of listFiles(docsDir).filter(isGenerated)) {
    if (!files.has(path)) rmSync(join(docsDir, path));
  }
  for (const [path, content] of files) {
    mkdirSync(dirname(join(docsDir, path)), { recursive: true });
    writeFileSync(join(docsDir, path), content);
  }
  return [...files.keys()];
}

async function main(): Promise<void> {
  const docsDir = resolve(
    process.env.EC2AR_DOCS_DIR ?? join(__dirname, "..", DOCS_DIR),
  );
  const terraform = hasTerraform();
  if (process.argv.includes("--check")) {
    const problems = await staleDocs(docsDir, { withHcl: terraform });
    if (!terraform)
      console.log(
        "terraform not found: checked the JSON, README, diagrams and access matrix; the main.tf (HCL) check was skipped.",
      );
    if (problems.length > 0) {
      console.error(
        `Generated docs differ from what the code synthesizes:\n${problems.map((p) => `  - ${p}`).join("\n")}\nRun \`npm run docs\` and commit the result.`,
      );
      process.exitCode = 1;
      return;
    }
    console.log(
      `docs are up to date (${relative(process.cwd(), docsDir) || "."})`,
    );
    return;
  }
  if (!terraform) {
    console.error(
      "npm run docs needs terraform on the PATH to format main.tf (terraform fmt works offline); nothing was written.",
    );
    process.exitCode = 1;
    return;
  }
  const written = await writeDocs(docsDir);
  console.log(
    `wrote ${written.length} files under ${relative(process.cwd(), docsDir) || "."}`,
  );
}

if (require.main === module) void main();
