// The CI workflows cannot run here; this checks that they cover exactly the
// app's stacks, in deploy order, each with its own account's OIDC role.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { loadAppConfig } from "../config/defaults";
import { stackNames } from "../main";

interface Step {
  uses?: string;
  with?: Record<string, string>;
  "working-directory"?: string;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  environment?: string;
  env?: Record<string, string>;
  steps?: Step[];
  strategy?: { matrix?: { include?: Record<string, string>[] } };
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const read = (name: string) =>
  parse(
    readFileSync(join(__dirname, "..", ".github", "workflows", name), "utf8"),
  ) as Workflow;
const plan = read("plan.yml");
const deploy = read("deploy.yml");
/** The stacks the app makes under the configuration the workflows use. */
const expected = (workflow: Workflow) =>
  stackNames(loadAppConfig({ ...workflow.env }));
const roleVariable = (prefix: string, stack: string) =>
  `${prefix}_${stack.toUpperCase().replace(/-/g, "_")}`;
const needsOf = (job: Job) =>
  Array.isArray(job.needs) ? job.needs : job.needs ? [job.needs] : [];

describe("plan workflow (pull requests)", () => {
  test("runs on pull requests with OIDC and permission to comment", () => {
    expect(Object.keys(plan.on)).toEqual(["pull_request"]);
    expect(plan.permissions).toMatchObject({
      "id-token": "write",
      "pull-requests": "write",
    });
  });

  test("plans exactly the app's stacks, in deploy order, each with its account's plan role", () => {
    const include = plan.jobs.plan.strategy?.matrix?.include ?? [];
    expect(include.map((entry) => entry.stack)).toEqual(expected(plan));
    for (const entry of include)
      expect(entry.role_variable).toBe(
        roleVariable("PLAN_ROLE_ARN", entry.stack),
      );
    const credentials = plan.jobs.plan.steps?.find((s) =>
      s.uses?.startsWith("aws-actions/configure-aws-credentials@"),
    );
    expect(credentials?.with?.["role-to-assume"]).toBe(
      "${{ vars[matrix.role_variable] }}",
    );
  });

  test("posts one comment with every stack's plan, in deploy order", () => {
    const script = plan.jobs.comment.steps?.find((s) =>
      s.uses?.startsWith("actions/github-script@"),
    );
    expect(script?.env?.STACKS.split(" ")).toEqual(expected(plan));
    expect(needsOf(plan.jobs.comment)).toEqual(["plan"]);
  });
});

describe("deploy workflow (main branch)", () => {
  const deployJobs = Object.entries(deploy.jobs).filter(
    ([, job]) => job.env?.STACK,
  );

  test("runs on pushes to main, never two at once", () => {
    expect(deploy.on).toEqual({ push: { branches: ["main"] } });
    expect(deploy.permissions).toMatchObject({ "id-token": "write" });
  });

  test("deploys exactly the app's stacks, account-a first, each behind the protected environment", () => {
    // Topological order of the deploy jobs by their needs.
    const order: string[] = [];
    const pending = new Map(deployJobs);
    while (pending.size > 0) {
      const ready = [...pending].filter(([, job]) =>
        needsOf(job).every((n) => !pending.has(n)),
      );
      expect(ready.length).toBeGreaterThan(0);
      for (const [id, job] of ready) {
        order.push(job.env?.STACK ?? id);
        pending.delete(id);
      }
    }
    expect(order).toEqual(expected(deploy));
    for (const [, job] of deployJobs)
      expect(job.environment).toBe("production");
  });

  test("every target waits for account-a; account-a waits for synthesis and tests", () => {
    for (const [id, job] of deployJobs) {
      expect(needsOf(job)).toEqual([
        job.env?.STACK === "account-a" ? "synth" : "deploy-account-a",
      ]);
      expect(id).toBe(`deploy-${job.env?.STACK}`);
    }
  });

  test("each job applies its own stack with its own account's deploy role", () => {
    for (const [, job] of deployJobs) {
      const stack = job.env?.STACK ?? "";
      const credentials = job.steps?.find((s) =>
        s.uses?.startsWith("aws-actions/configure-aws-credentials@"),
      );
      expect(credentials?.with?.["role-to-assume"]).toBe(
        `\${{ vars.${roleVariable("DEPLOY_ROLE_ARN", stack)} }}`,
      );
      const apply = job.steps?.find((s) => s["working-directory"]);
      expect(apply?.["working-directory"]).toBe(`cdktf.out/stacks/${stack}`);
    }
  });
});
