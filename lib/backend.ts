/**
 * State backends: where each stack keeps its Terraform state. One key (S3)
 * or workspace (HCP Terraform) per stack, named after the stack, so stacks
 * never share state.
 */
import {
  CloudBackend,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  TerraformStack,
} from "cdktf";
import { BackendConfig } from "./config/schema";

/** Adds the configured backend to `stack`. */
export function addStateBackend(
  stack: TerraformStack,
  backend: BackendConfig,
): void {
  const name = stack.node.id;
  switch (backend.type) {
    case "local":
      // Relative to the stack's working directory (<outdir>/stacks/<stack>): the project root, on any machine.
      new LocalBackend(stack, { path: `../../../terraform.${name}.tfstate` });
      return;
    case "s3":
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: `${backend.keyPrefix}/${name}.tfstate`,
        region: backend.region,
        encrypt: true,
        profile: backend.profile,
        assumeRole: backend.roleArn
          ? { roleArn: backend.roleArn, sessionName: `cdktf-state-${name}` }
          : undefined,
      });
      // S3-native locking (Terraform 1.10+); cdktf 0.21's S3Backend has no property for it yet.
      stack.addOverride("terraform.backend.s3.use_lockfile", true);
      return;
    case "hcp":
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(
          `${backend.workspacePrefix}-${name}`,
          backend.project,
        ),
      });
      return;
  }
}
