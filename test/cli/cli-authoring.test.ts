/**
 * The CLI as a child process, for the commands that work on files: help, init (with templates),
 * list-templates, revision (every flag), merge, history / heads / branches / show output, bad
 * usage. Generated files are checked with Biome's formatter and the TypeScript compiler.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkAthanor } from "../integration/migrate/support.js";
import { runCli } from "./support.js";

const ROOT = resolve(import.meta.dirname, "../..");

describe("athanor CLI: authoring revisions", () => {
  let dir: string;
  const cli = (...args: string[]) =>
    runCli(args, { cwd: dir, env: { DATABASE_URL: `sqlite:///${join(dir, "app.db")}` } });
  const versions = () => join(dir, "migrations", "versions");
  const file = (rev: string) => join(versions(), readdirSync(versions()).find((f) => f.startsWith(rev))!);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "athanor-cli-author-"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
    linkAthanor(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints help for the tool and for every command", async () => {
    const main = await cli("--help");
    expect(main.code).toBe(0);
    for (const name of [
      "init",
      "revision",
      "upgrade",
      "downgrade",
      "current",
      "history",
      "heads",
      "branches",
      "show",
      "stamp",
      "merge",
      "check",
    ])
      expect(main.stdout).toContain(`  ${name} `);
    const rev = await cli("revision", "--help");
    expect(rev.code).toBe(0);
    for (const flag of [
      "--message",
      "--autogenerate",
      "--head",
      "--splice",
      "--branch-label",
      "--rev-id",
      "--depends-on",
      "--rename",
      "--config",
      "--url",
      "--verbose",
    ])
      expect(rev.stdout).toContain(flag);
    const bad = await cli("upgrade", "head", "--nope");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("error: unknown option --nope");
    expect(bad.stderr).toContain("Usage: athanor upgrade REV [--sql]");
    const unknown = await cli("fly");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'fly'");
  });

  it("init writes the config and the migrations folder; refuses to overwrite", async () => {
    const list = await cli("list-templates");
    expect(list.stdout).toMatch(/^generic\s/m);
    expect(list.stdout).toMatch(/^orm\s/m);
    const r = await cli("init", "migrations", "--template", "generic");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("athanor.config.ts");
    expect(existsSync(join(dir, "migrations", "versions"))).toBe(true);
    expect(existsSync(join(dir, "migrations", "script.ts.template"))).toBe(true);
    expect(readFileSync(join(dir, "athanor.config.ts"), "utf8")).toContain('migrations: "migrations"');
    const again = await cli("init");
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: .*athanor\.config\.ts already exists/);
    const other = mkdtempSync(join(tmpdir(), "athanor-cli-init-"));
    try {
      // No package.json saying "type": "module": the config is an .mts file (an ES module anywhere).
      const orm = await runCli(["init", "db/migrations", "--template", "orm"], { cwd: other });
      expect(orm.code).toBe(0);
      expect(readFileSync(join(other, "athanor.config.mts"), "utf8")).toContain("metadata: Base.metadata");
      const badTemplate = await runCli(["init", "x", "--template", "nope"], { cwd: other });
      expect(badTemplate.stderr).toContain("Unknown template 'nope'");
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("revision: ids, messages, --head, --splice, --branch-label, --depends-on, --rev-id", async () => {
    const first = await cli("revision", "-m", "create kits", "--rev-id", "1a1a1a1a1a1a");
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`Generated ${join(versions(), "1a1a1a1a1a1a_create_kits.ts")}\n`);
    const second = await cli("revision", "-m", "Add serial # to kits");
    expect(second.code).toBe(0);
    const generated = /Generated .*\/([0-9a-f]{12})_add_serial_to_kits\.ts/.exec(second.stdout);
    expect(generated).not.toBeNull();
    const secondId = generated![1]!;
    expect(readFileSync(file(secondId), "utf8")).toContain(
      'export const downRevision: string | string[] | null = "1a1a1a1a1a1a";',
    );
    const notHead = await cli("revision", "-m", "fix", "--head", "1a1a");
    expect(notHead.code).toBe(1);
    expect(notHead.stderr).toContain("Revision 1a1a1a1a1a1a is not a head revision; pass --splice");
    const spliced = await cli(
      "revision",
      "-m",
      "hotfix",
      "--head",
      "1a1a",
      "--splice",
      "--branch-label",
      "hotfix",
      "--depends-on",
      secondId.slice(0, 6),
      "--rev-id",
      "3c3c3c3c3c3c",
    );
    expect(spliced.code).toBe(0);
    const text = readFileSync(file("3c3c3c3c3c3c"), "utf8");
    expect(text).toContain('export const branchLabels: string[] = ["hotfix"];');
    expect(text).toContain(`export const dependsOn: string[] = ["${secondId}"];`);
    const multiple = await cli("revision", "-m", "next");
    expect(multiple.code).toBe(1);
    expect(multiple.stderr).toContain("Multiple heads are present");
    const onBranch = await cli(
      "revision",
      "-m",
      "hotfix 2",
      "--head",
      "hotfix@head",
      "--rev-id",
      "4d4d4d4d4d4d",
    );
    expect(onBranch.code).toBe(0);
    expect(readFileSync(file("4d4d4d4d4d4d"), "utf8")).toContain('= "3c3c3c3c3c3c";');
    const rename = await cli("revision", "-m", "x", "--head", "hotfix@head", "--rename", "a:b");
    expect(rename.stderr).toContain("--rename is a hint for --autogenerate");
    const auto = await cli("revision", "--autogenerate", "-m", "auto", "--head", "hotfix@head");
    expect(auto.code).toBe(1);
    expect(auto.stderr).toContain("Target database is not up to date");
    expect(readdirSync(versions()).some((f) => f.includes("_auto"))).toBe(false);
    const check = await cli("check");
    expect(check.code).toBe(1);
  });

  it("history, heads, branches and show print Alembic's formats", async () => {
    const heads = await cli("heads");
    expect(heads.stdout.trim().split("\n")).toHaveLength(2);
    expect(heads.stdout).toMatch(/^4d4d4d4d4d4d \(hotfix\) \(head\), hotfix 2$/m);
    const history = await cli("history");
    expect(history.stdout).toMatch(/^<base> -> 1a1a1a1a1a1a \(branchpoint\), create kits$/m);
    expect(history.stdout).toMatch(/^3c3c3c3c3c3c -> 4d4d4d4d4d4d \(hotfix\) \(head\), hotfix 2$/m);
    // The range includes what the upper end needs: its dependency too.
    const ranged = await cli("history", "-r", "1a1a:hotfix@head");
    expect(ranged.stdout.trim().split("\n")).toHaveLength(4);
    const verbose = await cli("history", "-v", "-r", "-1:hotfix@head");
    expect(verbose.stdout).toContain("Rev: 4d4d4d4d4d4d (hotfix) (head)");
    expect(verbose.stdout).toContain("Parent: 3c3c3c3c3c3c");
    expect(verbose.stdout).toContain("Path: ");
    const branches = await cli("branches");
    expect(branches.stdout).toMatch(/^1a1a1a1a1a1a \(branchpoint\), create kits\n {13}-> /);
    const show = await cli("show", "hotfix@head");
    expect(show.stdout).toContain("Rev: 4d4d4d4d4d4d (hotfix) (head)");
    // secondId has a dependent (the hotfix branch depends on it): it is not a head once dependencies count.
    const resolved = await cli("heads", "--resolve-dependencies");
    expect(resolved.stdout).toBe("4d4d4d4d4d4d (hotfix) (head), hotfix 2\n");
    const version = await cli("--version");
    expect(version.stdout).toMatch(/^athanor \d+\.\d+\.\d+\n$/);
    const json = await cli("heads", "--json");
    expect(JSON.parse(json.stdout).heads.map((h: { revision: string }) => h.revision)).toHaveLength(2);
  });

  it("merge joins the heads into a revision with both parents", async () => {
    const heads = (await cli("heads", "--json")).stdout;
    const ids = (JSON.parse(heads).heads as { revision: string }[]).map((h) => h.revision.slice(0, 6));
    const r = await cli("merge", ...ids, "-m", "merge hotfix", "--rev-id", "5e5e5e5e5e5e");
    expect(r.code).toBe(0);
    const text = readFileSync(file("5e5e5e5e5e5e"), "utf8");
    expect(text).toMatch(
      /export const downRevision: string \| string\[\] \| null = \[\n {2}"[0-9a-f]{12}",\n {2}"[0-9a-f]{12}",\n\];/,
    );
    expect(text).toContain('"4d4d4d4d4d4d"');
    const after = await cli("heads");
    expect(after.stdout).toBe("5e5e5e5e5e5e (hotfix) (head) (mergepoint), merge hotfix\n");
  });

  it("generated files are formatted (Biome) and type-check (tsc)", () => {
    writeFileSync(
      join(dir, "biome.json"),
      JSON.stringify({ formatter: { indentStyle: "space", indentWidth: 2, lineWidth: 80 } }),
    );
    const biome = spawnSync(join(ROOT, "node_modules/.bin/biome"), ["format", versions()], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(biome.stderr + biome.stdout).toContain("Checked 5 files");
    expect(biome.status).toBe(0);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [join(ROOT, "node_modules/@types")],
          paths: {
            athanor: [join(ROOT, "src/index.ts")],
            "athanor/migrate": [join(ROOT, "src/migrate/index.ts")],
          },
        },
        include: ["migrations/versions/*.ts"],
      }),
    );
    const tsc = spawnSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", join(dir, "tsconfig.json")], {
      cwd: dir,
      encoding: "utf8",
    });
    // Only the generated files matter here (the library's own sources are checked by the project).
    expect(tsc.error).toBeUndefined();
    const own = tsc.stdout.split("\n").filter((l) => l.includes("migrations/versions"));
    expect(own).toEqual([]);
    // The check does see errors in the generated files.
    writeFileSync(join(versions(), "zz_broken.ts"), 'export const revision: number = "x";\n');
    const broken = spawnSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", join(dir, "tsconfig.json")], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(broken.stdout).toContain("zz_broken.ts");
    rmSync(join(versions(), "zz_broken.ts"));
  });
});
