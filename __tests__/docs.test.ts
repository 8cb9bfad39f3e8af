import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SECURITY_RULES } from "../lib/checks/rules";
import { ARTICLE_BLOCKS } from "../scripts/docs/article-blocks";
import { credentialChain, resourceGraph } from "../scripts/docs/diagrams";
import { readableHcl } from "../scripts/docs/hcl";
import { renderDocs } from "../scripts/docs/render";
import { synthesizeStacks } from "../scripts/synthesized";
import { staleDocs, writeDocs } from "../scripts/docs";
import { testConfig, targetB } from "../test-support/synth";
import { testWithTerraform } from "../test-support/terraform";

const root = resolve(__dirname, "..");

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else out[path] = readFileSync(join(dir, path), "utf8");
    }
  };
  walk("");
  return out;
}

describe("generated docs", () => {
  const work: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "ec2ar-docs-test-"));
    work.push(dir);
    return dir;
  };
  afterAll(() =>
    work.forEach((dir) => rmSync(dir, { recursive: true, force: true })),
  );

  test("the JSON, README and diagrams are the same bytes from two generations in different directories", async () => {
    const [first, second] = [tempDir(), join(tempDir(), "nested", "deeper")];
    await writeDocs(first, { withHcl: false });
    await writeDocs(second, { withHcl: false });
    expect(filesOf(second)).toEqual(filesOf(first));
    expect(Object.keys(filesOf(first)).sort()).toEqual([
      "README.md",
      "access-matrix.md",
      "architecture.md",
      "security.md",
      "stacks/account-a/cdk.tf.json",
      "stacks/account-b/cdk.tf.json",
    ]);
  });

  testWithTerraform(
    "main.tf is the same bytes from two generations in different directories",
    async () => {
      const [first, second] = [tempDir(), tempDir()];
      await writeDocs(first);
      await writeDocs(second);
      expect(filesOf(second)).toEqual(filesOf(first));
      expect(filesOf(first)["stacks/account-a/main.tf"]).toMatch(
        /resource "aws_iam_role" "app_role"/,
      );
    },
  );

  test("hold no path of this machine", async () => {
    const { files } = await renderDocs({ withHcl: false });
    for (const [path, content] of files) {
      for (const machinePath of [root, tmpdir(), process.env.HOME ?? "/root"]) {
        expect({ path, hasMachinePath: content.includes(machinePath) }).toEqual(
          { path, hasMachinePath: false },
        );
      }
    }
  });

  describe("drift check", () => {
    test("passes on freshly generated docs", async () => {
      const dir = tempDir();
      await writeDocs(dir, { withHcl: false });
      expect(await staleDocs(dir, { withHcl: false })).toEqual([]);
    });

    test("fails, naming each stale file, when the docs were made from another default", async () => {
      const dir = tempDir();
      await writeDocs(dir, {
        withHcl: false,
        config: testConfig({
          ...targetB({ externalId: "another-external-id" }),
        }),
      });
      expect(await staleDocs(dir, { withHcl: false })).toEqual([
        "stale: docs/stacks/account-b/cdk.tf.json",
        "stale: docs/architecture.md",
        "stale: docs/access-matrix.md",
      ]);
    });

    test("fails on a missing file and on a generated file the code no longer makes", async () => {
      const dir = tempDir();
      await writeDocs(dir, { withHcl: false });
      rmSync(join(dir, "README.md"));
      writeFileSync(join(dir, "stacks/account-a/old.json"), "{}");
      expect(await staleDocs(dir, { withHcl: false })).toEqual([
        "missing: docs/README.md",
        "not generated any more: docs/stacks/account-a/old.json",
      ]);
    });

    test("npm run docs:check exits 1 and names the file and the fix", () => {
      const dir = tempDir();
      cpSync(join(root, "docs"), dir, { recursive: true });
      writeFileSync(join(dir, "stacks/account-a/cdk.tf.json"), "{}\n");
      const run = spawnSync(
        "node",
        ["--import", "tsx", "scripts/docs.ts", "--check"],
        {
          cwd: root,
          env: { ...process.env, EC2AR_DOCS_DIR: dir },
          encoding: "utf8",
        },
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(
        /stale: docs\/stacks\/account-a\/cdk\.tf\.json/,
      );
      expect(run.stderr).toMatch(/Run `npm run docs` and commit the result/);
    });

    test("the checked-in docs are up to date", async () => {
      expect(await staleDocs(join(root, "docs"), { withHcl: false })).toEqual(
        [],
      );
    });

    testWithTerraform(
      "the checked-in main.tf files are up to date",
      async () => {
        expect(await staleDocs(join(root, "docs"), { withHcl: true })).toEqual(
          [],
        );
      },
    );
  });

  testWithTerraform(
    "every generated .tf file passes terraform fmt -check",
    async () => {
      const dir = tempDir();
      await writeDocs(dir);
      const run = spawnSync("terraform", ["fmt", "-check", "-recursive", dir], {
        env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" },
        encoding: "utf8",
      });
      expect({ status: run.status, unformatted: run.stdout }).toEqual({
        status: 0,
        unformatted: "",
      });
    },
  );

  testWithTerraform(
    "the README's line numbers point at each block's header in main.tf",
    async () => {
      const { files } = await renderDocs({ withHcl: true });
      const readme = files.get("README.md") ?? "";
      for (const block of ARTICLE_BLOCKS) {
        const link = new RegExp(
          `\\| \`${block.address}\` \\| \\[\`main.tf\` line (\\d+)\\]\\(stacks/${block.stack}/main.tf#L\\1\\)`,
        );
        const line = Number(link.exec(readme)?.[1]);
        const mainTf = (files.get(`stacks/${block.stack}/main.tf`) ?? "").split(
          "\n",
        );
        const [kind, ...rest] = block.address.startsWith("data.")
          ? ["data", ...block.address.split(".").slice(1)]
          : ["resource", ...block.address.split(".")];
        expect(mainTf[line - 1]).toBe(`${kind} "${rest[0]}" "${rest[1]}" {`);
      }
    },
  );

  test("main.tf lays policies out as jsonencode blocks, not escaped strings", () => {
    const hcl = synthesizeStacks(testConfig())[0].hcl;
    expect(hcl).toMatch(/"\$\{jsonencode\(/);
    const readable = readableHcl(hcl);
    expect(readable).not.toMatch(/"\$\{jsonencode/);
    expect(readable).toMatch(
      /assume_role_policy = jsonencode\(\{\n\s+Version = "2012-10-17"/,
    );
  });

  describe("diagrams", () => {
    test("the credential chain names the configured roles, accounts and External ID", () => {
      const chain = credentialChain(
        testConfig({
          accountA: { accountId: "333333333333", roleName: "worker" },
          ...targetB({
            accountId: "444444444444",
            roleName: "reader",
            externalId: "tenant-7",
          }),
        }),
      );
      expect(chain).toMatch(/^flowchart LR/);
      expect(chain).toContain('accountA["Account A 333333333333"]');
      expect(chain).toContain("Role worker<br/>trusts ec2.amazonaws.com");
      expect(chain).toContain(
        "sts:AssumeRole arn:aws:iam::444444444444:role/reader<br/>ExternalId tenant-7",
      );
      expect(chain).toContain(
        "Principal arn:aws:iam::333333333333:role/worker<br/>StringEquals sts:ExternalId = tenant-7",
      );
      expect(chain).toContain("tokens required, hop limit 1");
    });

    test("the resource graph draws references within a stack and role ARNs across accounts", () => {
      const config = testConfig();
      const graph = resourceGraph(config, synthesizeStacks(config));
      expect(graph).toContain(
        "account_a_aws_iam_role_policy_app_policy --> account_a_aws_s3_bucket_app_bucket",
      );
      expect(graph).toContain(
        "account_a_aws_instance_app --> account_a_data_aws_ami_amazon_linux",
      );
      expect(graph).toContain(
        'account_b_aws_iam_role_cross_account_role -. "arn:aws:iam::111111111111:role/application-ec2-role" .-> account_a_aws_iam_role_app_role',
      );
      expect(graph).toContain(
        'account_a_aws_iam_role_policy_assume_cross_account -. "arn:aws:iam::222222222222:role/cross-account-access-role" .-> account_b_aws_iam_role_cross_account_role',
      );
    });
  });
});

describe("docs/security.md", () => {
  test("lists every rule and says no suppression is in force by default", async () => {
    const { files } = await renderDocs({ withHcl: false });
    const security = files.get("security.md") ?? "";
    for (const rule of SECURITY_RULES)
      expect(security).toContain(`| \`${rule.id}\` | ${rule.level} |`);
    expect(security).toMatch(
      /## Suppressions in force\n\nNone: the default stacks comply with every rule\./,
    );
  });
});
