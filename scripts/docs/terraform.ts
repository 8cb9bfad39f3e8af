/** The Terraform CLI, where this machine has one: only `terraform fmt` is used, which works offline. */
import { spawnSync } from "node:child_process";

const ENV = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  TF_CLI_CONFIG_FILE: "/dev/null",
};

/** True when `terraform` is on the PATH and answers. */
export function hasTerraform(): boolean {
  return (
    spawnSync("terraform", ["version"], { env: ENV, encoding: "utf8" })
      .status === 0
  );
}

/** `text` formatted by `terraform fmt`; throws with Terraform's message when it is not valid HCL. */
export function terraformFmt(text: string): string {
  const run = spawnSync("terraform", ["fmt", "-no-color", "-"], {
    env: ENV,
    input: text,
    encoding: "utf8",
  });
  if (run.error) throw run.error;
  if (run.status !== 0)
    throw new Error(`terraform fmt rejected the HCL:\n${run.stderr}`);
  return run.stdout;
}
