/**
 * `athanor revision --autogenerate` and `athanor check` as a user runs them: the config imports
 * the models; warnings are printed; no changes writes nothing; `check` exits 1 listing the
 * differences; a bad rename hint exits 1 with the reason.
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../cli/support.js";
import { makeProject, type TestProject } from "./support.js";

function models(extra: string): string {
  return `import { column, Integer, MetaData, String, Table } from "athanor";

export const metadata = new MetaData();
new Table("kits", metadata, {
  id: column(Integer).primaryKey(),
  code: column(String(50)),${extra}
});
`;
}

describe("athanor CLI: autogenerate", () => {
  let project: TestProject;
  const cli = (...args: string[]) =>
    runCli(args, { cwd: project.dir, env: { DATABASE_URL: `sqlite:///${join(project.dir, "app.db")}` } });

  beforeAll(() => {
    project = makeProject("athanor-autogen-cli-");
    writeFileSync(join(project.dir, "models.ts"), models(""));
    writeFileSync(
      join(project.dir, "athanor.config.ts"),
      `import { defineConfig } from "athanor/migrate";
import { metadata } from "./models.js";

export default defineConfig({ url: process.env.DATABASE_URL, migrations: "migrations", metadata });
`,
    );
  });
  afterAll(() => project.remove());

  it("generates, applies, finds nothing more, then reports and refuses what is wrong", async () => {
    const first = await cli("revision", "--autogenerate", "-m", "create kits");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Generated .*_create_kits\.ts\n$/);
    expect((await cli("upgrade", "head")).code).toBe(0);
    const clean = await cli("check");
    expect([clean.code, clean.stdout]).toEqual([0, "No new upgrade operations detected.\n"]);
    const none = await cli("revision", "--autogenerate", "-m", "nothing");
    expect([none.code, none.stdout]).toEqual([
      0,
      "No changes in schema detected; no revision file written.\n",
    ]);
    expect(readdirSync(project.versions)).toHaveLength(1);

    writeFileSync(
      join(project.dir, "models.ts"),
      models("\n  tag: column(String(20)).nullable(),").replace("  code: column(String(50)),\n", ""),
    );
    const dirty = await cli("check");
    expect(dirty.code).toBe(1);
    expect(dirty.stderr).toContain("New upgrade operations detected:");
    expect(dirty.stderr).toContain("- batch alter table kits (drop column kits.code; add column kits.tag)");
    const badHint = await cli("revision", "--autogenerate", "-m", "rename", "--rename", "kits.cod:tag");
    expect(badHint.code).toBe(1);
    expect(badHint.stderr).toContain(
      "--rename kits.cod:tag: table 'kits' has no column 'cod' in the database (its columns: code, id).",
    );
    const warned = await cli("revision", "--autogenerate", "-m", "swap code for tag");
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(
      "warning: column kits.code is dropped and 'tag' added. If it was renamed, autogenerate cannot tell: generate again with --rename kits.code:tag",
    );
    expect(warned.stderr).toContain("warning: destructive: drops column kits.code and its data");
    expect(readdirSync(project.versions)).toHaveLength(2);
  }, 120_000);
});
