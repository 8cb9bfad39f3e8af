/**
 * Both stacks synthesized in-process, as JSON (what cdktf deploys) and as
 * cdktf's own HCL rendering, from a given configuration.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { App } from "cdktf";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppConfig } from "../lib/config/schema";
import { synthesizeInto } from "../lib/synth";
import { buildApp, stackNames } from "../main";

/** One stack's synthesized files. */
export interface SynthesizedStack {
  /** Stack name, e.g. `account-a`. */
  readonly name: string;
  /** `cdk.tf.json`, byte for byte as cdktf writes it. */
  readonly json: string;
  /** `cdk.tf`, cdktf's HCL rendering, unformatted. */
  readonly hcl: string;
}

/**
 * Synthesizes every stack of the app twice (JSON, then HCL) into temporary
 * directories; `inspect` sees each built app before it synthesizes.
 */
export function synthesizeStacks(
  config: AppConfig,
  inspect: (app: App) => void = () => undefined,
): SynthesizedStack[] {
  const work = mkdtempSync(join(tmpdir(), "ec2ar-docs-"));
  try {
    const read = (hclOutput: boolean, name: string) => {
      const outdir = join(work, hclOutput ? "hcl" : "json");
      return readFileSync(
        join(outdir, "stacks", name, hclOutput ? "cdk.tf" : "cdk.tf.json"),
        "utf8",
      );
    };
    for (const hclOutput of [false, true]) {
      withHclOutput(hclOutput, () =>
        synthesizeInto(join(work, hclOutput ? "hcl" : "json"), (app) => {
          buildApp(app, config);
          inspect(app);
        }),
      );
    }
    return stackNames(config).map((name) => ({
      name,
      json: read(false, name),
      hcl: read(true, name),
    }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Runs `synth` with cdktf's SYNTH_HCL_OUTPUT set as asked. cdktf 0.21 reads
 * it in each stack's constructor; `new App({ hclOutput })` alone only renames
 * the manifest's file and still writes JSON.
 */
function withHclOutput(hclOutput: boolean, synth: () => void): void {
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = String(hclOutput);
  try {
    synth();
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
}
