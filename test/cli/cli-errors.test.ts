/**
 * Bad input to the CLI: a missing or broken config, a URL that cannot connect, a failing
 * migration, and a process killed in the middle of a run. Each ends with a clear message and a
 * non-zero exit code; a killed run leaves the database at the last good revision.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/index.js";
import {
  configuredDatabases,
  type MigrationDatabase,
  makeProject,
  migrationDatabase,
} from "../integration/migrate/support.js";
import { cliProject, runCli, startCli } from "./support.js";

describe("athanor CLI: configs and connections that fail", () => {
  const project = makeProject("athanor-cli-bad-");
  afterAll(() => project.remove());
  const cli = (...args: string[]) => runCli(args, { cwd: project.dir });

  it("says when there is no config", async () => {
    const r = await cli("current");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: No athanor.config.ts in ${project.dir}; run \`athanor init\` to create one, or pass --config <file>.\n`,
    );
    const missing = await cli("heads", "-c", "nope.ts");
    expect(missing.stderr).toContain(`Config file ${join(project.dir, "nope.ts")} does not exist`);
  });

  it("says when the config cannot be loaded (syntax error, throwing, no default export)", async () => {
    writeFileSync(join(project.dir, "broken.ts"), "export default { url: ;\n");
    const syntax = await cli("heads", "--config", "broken.ts");
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(
      /^error: .*broken\.ts:1:\d+: .*\n {2}while loading the config file .*broken\.ts: fix it/,
    );
    expect(syntax.stderr.split("\n")).toHaveLength(3);
    writeFileSync(
      join(project.dir, "throws.ts"),
      'throw new Error("no secrets here");\nexport default {};\n',
    );
    const throws = await cli("heads", "--config", "throws.ts");
    // The user's own error comes first, with the line that threw; no loader internals.
    expect(throws.stderr).toMatch(
      /^error: no secrets here \(at .*throws\.ts:1:\d+\)\n {2}while loading the config file /,
    );
    expect(throws.stderr).not.toContain("data:");
    const verbose = await cli("heads", "--config", "throws.ts", "--verbose");
    expect(verbose.stderr).toContain("caused by: Error: no secrets here");
    expect(verbose.stderr).toMatch(/\n\s+at /);
    writeFileSync(join(project.dir, "empty.ts"), "export const x = 1;\n");
    const empty = await cli("heads", "--config", "empty.ts");
    expect(empty.stderr).toContain("has no default export; write `export default defineConfig(");
  });

  it("says when the URL is missing, malformed or cannot connect", async () => {
    writeFileSync(join(project.dir, "athanor.config.ts"), 'export default { migrations: "migrations" };\n');
    const none = await cli("current");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(
      "No database URL: set `url` in athanor.config.ts, set the DATABASE_URL environment variable, or pass --url.",
    );
    const badPort = await cli("current", "--url", "postgresql://u:secret@db:notaport/app");
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toMatch(/^error: The port in database URL .* is "notaport", not a number/);
    expect(badPort.stderr).not.toContain("secret");
    // Colour on the label only when forced (stderr is a pipe here), never with NO_COLOR.
    const forced = await runCli(["current", "--url", "oracle://x/y"], {
      cwd: project.dir,
      env: { FORCE_COLOR: "1", NO_COLOR: undefined },
    });
    expect(forced.stderr.startsWith("\u001b[1;31merror:\u001b[0m ")).toBe(true);
    const plain = await runCli(["current", "--url", "oracle://x/y"], {
      cwd: project.dir,
      env: { FORCE_COLOR: "1", NO_COLOR: "1" },
    });
    expect(plain.stderr.startsWith("error: ")).toBe(true);
    const scheme = await cli("current", "--url", "oracle://x/y");
    expect(scheme.code).toBe(1);
    expect(scheme.stderr).toContain("Can't load a dialect for 'oracle'");
    const refused = await cli("current", "--url", "postgresql://someone:secret@127.0.0.1:1/nowhere");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: Could not connect to postgresql:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nowhere: .*Check the URL/,
    );
    expect(refused.stderr).not.toContain("secret");
    const sqliteDir = await cli("upgrade", "head", "--url", "sqlite:////no/such/dir/app.db");
    expect(sqliteDir.code).toBe(1);
    expect(sqliteDir.stderr).toContain("Could not connect to sqlite:////no/such/dir/app.db");
  });
});

const killable = configuredDatabases().filter((n) => n !== "pglite");

for (const name of killable) {
  describe(`athanor CLI: a run that fails or is killed [${name}]`, () => {
    let db: MigrationDatabase;
    const project = cliProject();
    beforeAll(async () => {
      db = await migrationDatabase(name);
      project.revision({
        id: "e1e1e1e1e1e1",
        down: null,
        message: "good",
        imports: ["column", "Integer"],
        up: '  await op.createTable("good", { id: column(Integer).primaryKey() });',
      });
      project.revision({
        id: "e2e2e2e2e2e2",
        down: "e1e1e1e1e1e1",
        message: "slow",
        imports: ["column", "Integer"],
        up: `  await op.createTable("slow", { id: column(Integer).primaryKey() });
  if (process.env.FAIL_WITH_SQL) await op.execute("INSERT INTO slow (nope) VALUES (1)");
  await new Promise((resolve) => setTimeout(resolve, 20_000));`,
      });
    });
    afterAll(async () => {
      project.remove();
      await db?.cleanup();
    });

    async function state(): Promise<{ versions: unknown[][]; slow: boolean }> {
      const engine = createEngine(db.url);
      try {
        return await engine.begin(async (conn) => {
          const versions = (await conn.executeDriverSql("SELECT version_num FROM athanor_version")).rawRows();
          const slow =
            name === "sqlite"
              ? (await conn.executeDriverSql("SELECT name FROM sqlite_master WHERE name = 'slow'")).rawRows()
                  .length > 0
              : name === "mysql"
                ? (
                    await conn.executeDriverSql(
                      "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'slow'",
                    )
                  ).rawRows().length > 0
                : (await conn.executeDriverSql("SELECT to_regclass('slow') IS NOT NULL")).rawRows()[0]![0] ===
                  true;
          return { versions, slow };
        });
      } finally {
        await engine.dispose();
      }
    }

    it("reports a bad statement with its revision, operation and SQL", async () => {
      const r = await runCli(["upgrade", "head", "-x", "perMigration=1"], {
        cwd: project.dir,
        env: { DATABASE_URL: db.url, FAIL_WITH_SQL: "1" },
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        'error: Migration e2e2e2e2e2e2 ("slow") failed during upgrade, in operation 2 (execute INSERT INTO slow (nope) VALUES (1))',
      );
      expect(r.stderr).toContain("SQL: INSERT INTO slow (nope) VALUES (1)");
      expect((await state()).versions).toEqual([["e1e1e1e1e1e1"]]);
      if (name === "mysql") {
        expect(r.stderr).toContain(
          "MySQL cannot roll back DDL. These operations of e2e2e2e2e2e2 were applied and remain:\n    1. create table slow",
        );
        const engine = createEngine(db.url);
        await engine.begin((c) => c.executeDriverSql("DROP TABLE slow")).finally(() => engine.dispose());
      } else {
        expect(r.stderr).toContain(
          "The transaction was rolled back: the database and its version table stay at e1e1e1e1e1e1.",
        );
        expect((await state()).slow).toBe(false);
      }
    });

    it("leaves the database at the last good revision when the process is killed mid-migration", async () => {
      const { child, finished } = startCli(["upgrade", "head", "-x", "perMigration=1"], {
        cwd: project.dir,
        env: { DATABASE_URL: db.url },
      });
      let stderr = "";
      await new Promise<void>((resolve, reject) => {
        child.stderr!.on("data", (d) => {
          stderr += d;
          if (stderr.includes("Running upgrade e1e1e1e1e1e1 -> e2e2e2e2e2e2")) resolve();
        });
        child.on("close", () => reject(new Error(`the CLI ended before the slow migration: ${stderr}`)));
      });
      // Give the slow migration time to create its table, then kill the process outright.
      await new Promise((r) => setTimeout(r, 500));
      child.kill("SIGKILL");
      const end = await finished;
      expect(end.code).not.toBe(0);
      // The server notices the dropped connection (SQLite rolls its journal back on next open).
      await new Promise((r) => setTimeout(r, 300));
      const after = await state();
      expect(after.versions).toEqual([["e1e1e1e1e1e1"]]);
      if (name !== "mysql") expect(after.slow).toBe(false);
      const current = await runCli(["current"], { cwd: project.dir, env: { DATABASE_URL: db.url } });
      expect(current.stdout).toBe("e1e1e1e1e1e1, good\n");
    });
  });
}
