/**
 * Synthesis that leaves nothing half-written: the app synthesizes into a
 * staging directory beside the output, which is copied over the output only
 * when every stack synthesized and validated.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { App, AppConfig } from "cdktf";

/** Builds an app's stacks; called once with a fresh `App`. */
export type AppBuilder = (app: App) => void;

/**
 * Runs `build` and `synth` against a staging directory, then copies the
 * result into `outdir` (files there that the app does not write, such as a
 * stack's `.terraform/`, are kept). On any error `outdir` is untouched.
 */
export function synthesizeInto(
  outdir: string,
  build: AppBuilder,
  config: Omit<AppConfig, "outdir"> = {},
): void {
  const target = resolve(outdir);
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(
    join(dirname(target), `.${basename(target)}.staging-`),
  );
  try {
    const app = new App({ ...config, outdir: staging });
    build(app);
    app.synth();
    cpSync(staging, target, { recursive: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
