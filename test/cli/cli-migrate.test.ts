/**
 * The CLI as a child process against each database (SQLite file, PGlite folder, PostgreSQL and
 * MariaDB when configured): upgrade / downgrade with every identifier form, current, history
 * --indicate-current, stamp (--purge), offline --sql with ranges, --json, --url.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  configuredDatabases,
  type MigrationDatabase,
  migrationDatabase,
} from "../integration/migrate/support.js";
import { cliProject, runCli } from "./support.js";

/** What `current` prints for a database without any revision applied. */
const NO_REVISION = "(none: no revision applied to this database; `athanor upgrade head` applies them)\n";

const IMPORTS = ["column", "Integer", "MetaData", "String", "Table"];
// In --sql mode SQLite's batch recreation cannot reflect the table: the revision passes its definition.
const KITS_V2 = `new Table("kits", new MetaData(), {
    id: column(Integer).primaryKey(),
    code: column(String(20)),
    owner: column(String(40)).nullable(),
  })`;
const R1 = "a1a1a1a1a1a1";
const R2 = "b2b2b2b2b2b2";
const R3 = "c3c3c3c3c3c3";

function revisions(project: ReturnType<typeof cliProject>): void {
  project.revision({
    id: R1,
    down: null,
    message: "create kits",
    imports: IMPORTS,
    up: '  await op.createTable("kits", { id: column(Integer).primaryKey(), code: column(String(20)) });',
    downgrade: '  await op.dropTable("kits");',
  });
  project.revision({
    id: R2,
    down: R1,
    message: "add owner",
    imports: IMPORTS,
    up: '  await op.addColumn("kits", "owner", column(String(40)).nullable());',
    downgrade: `  await op.batchAlterTable("kits", async (batch) => batch.dropColumn("owner"), { copyFrom: ${KITS_V2} });`,
  });
  project.revision({
    id: R3,
    down: R2,
    message: "create tags",
    imports: IMPORTS,
    up: '  await op.createTable("tags", { id: column(Integer).primaryKey() });',
    downgrade: '  await op.dropTable("tags");',
  });
}

// Every PGlite process re-opens its data folder (several seconds each), so PGlite gets a short scenario.
describe.runIf(configuredDatabases().includes("pglite"))("athanor CLI: migrating [pglite folder]", () => {
  let db: MigrationDatabase;
  const project = cliProject();
  const cli = (...args: string[]) => runCli(args, { cwd: project.dir, env: { DATABASE_URL: db.url } });
  beforeAll(async () => {
    db = await migrationDatabase("pglite");
    revisions(project);
  });
  afterAll(async () => {
    project.remove();
    await db?.cleanup();
  });

  it("upgrades, downgrades, and reports the current revision", async () => {
    const up = await cli("upgrade", "+2");
    expect(up.stdout).toBe(`Upgraded: 2 migrations applied; the database is at ${R2}.\n`);
    const down = await cli("downgrade", "-1", "--json");
    expect(JSON.parse(down.stdout)).toMatchObject({ before: [R2], after: [R1] });
    const history = await cli("history", "-i");
    expect(history.stdout).toContain(`<base> -> ${R1} (current), create kits`);
  });
});

for (const name of configuredDatabases().filter((n) => n !== "pglite")) {
  describe(`athanor CLI: migrating [${name}]`, () => {
    let db: MigrationDatabase;
    const project = cliProject();
    const cli = (...args: string[]) => runCli(args, { cwd: project.dir, env: { DATABASE_URL: db.url } });

    beforeAll(async () => {
      db = await migrationDatabase(name);
      revisions(project);
    });
    afterAll(async () => {
      project.remove();
      await db?.cleanup();
    });

    it("upgrades by +1 and by a partial id +1, and reports progress with timing", async () => {
      const first = await cli("upgrade", "+1");
      expect(first.stderr).toMatch(
        new RegExp(`^Running upgrade  -> ${R1}, create kits \\.\\.\\.\\n {2}done in \\d+ ms\\n$`),
      );
      expect(first.stdout).toBe(`Upgraded: 1 migration applied; the database is at ${R1}.\n`);
      expect(first.code).toBe(0);
      const second = await cli("upgrade", "a1a1+1");
      expect(second.stdout).toBe(`Upgraded: 1 migration applied; the database is at ${R2}.\n`);
      const current = await cli("current");
      expect(current.stdout).toBe(`${R2}, add owner\n`);
      const verbose = await cli("current", "-v");
      expect(verbose.stdout).toContain("Current revision(s) for ");
      expect(verbose.stdout).toContain(`Rev: ${R2}`);
      const check = await cli("current", "--check-heads");
      expect(check.code).toBe(1);
      expect(check.stderr).toContain(
        `error: The database is not up to date: it is at ${R2}, the heads are ${R3}`,
      );
    });

    it("upgrades to head with --json, and marks the current revision in history", async () => {
      const r = await cli("upgrade", "head", "--json");
      expect(r.code).toBe(0);
      const result = JSON.parse(r.stdout);
      expect(result).toMatchObject({ command: "upgrade", offline: false, before: [R2], after: [R3] });
      expect(result.steps.map((s: { revision: string }) => s.revision)).toEqual([R3]);
      const history = await cli("history", "--indicate-current");
      expect(history.stdout).toBe(
        `${R2} -> ${R3} (head) (current), create tags\n${R1} -> ${R2}, add owner\n<base> -> ${R1}, create kits\n`,
      );
      const nothing = await cli("upgrade", "head");
      expect(nothing.stdout).toBe(`Nothing to do: the database is at ${R3}.\n`);
    });

    it("downgrades by -1 and stamps without running migrations", async () => {
      const down = await cli("downgrade", "-1");
      expect(down.stderr).toContain(`Running downgrade ${R3} -> ${R2}, create tags ...`);
      expect(down.stdout).toBe(`Downgraded: 1 migration applied; the database is at ${R2}.\n`);
      const stamped = await cli("stamp", "head");
      expect(stamped.stdout).toBe(`Stamped the database at ${R3} (it was at ${R2}).\n`);
      const purged = await cli("stamp", "--purge", R2);
      expect(purged.stdout).toBe(`Stamped the database at ${R2} (it was at ${R3}).\n`);
      // The --url option overrides the config (here with the same database).
      const byUrl = await runCli(["current", "--url", db.url], { cwd: project.dir });
      expect(byUrl.stdout).toBe(`${R2}, add owner\n`);
      const base = await cli("downgrade", "base");
      expect(base.stdout).toBe("Downgraded: 2 migrations applied; the database is at base.\n");
      expect((await cli("current")).stdout).toBe(NO_REVISION);
      // A full id, then every head.
      expect((await cli("upgrade", R1)).stdout).toBe(
        `Upgraded: 1 migration applied; the database is at ${R1}.\n`,
      );
      expect((await cli("upgrade", "heads")).stdout).toBe(
        `Upgraded: 2 migrations applied; the database is at ${R3}.\n`,
      );
      expect((await cli("downgrade", "base")).code).toBe(0);
    });

    it("prints offline SQL for ranges, version-table writes included", async () => {
      const up = await cli("upgrade", "base:head", "--sql");
      expect(up.code).toBe(0);
      const sql = up.stdout;
      const transactional = name !== "mysql";
      expect(
        sql.startsWith(
          transactional ? "BEGIN;\n\nCREATE TABLE athanor_version" : "CREATE TABLE athanor_version",
        ),
      ).toBe(true);
      expect(sql).toContain(`-- Running upgrade  -> ${R1}, create kits`);
      expect(sql).toContain(`INSERT INTO athanor_version (version_num) VALUES ('${R1}');`);
      expect(sql).toContain(
        `UPDATE athanor_version SET version_num = '${R3}' WHERE athanor_version.version_num = '${R2}';`,
      );
      expect(sql.trimEnd().endsWith(transactional ? "COMMIT;" : ";")).toBe(true);
      const partial = await cli("upgrade", `${R1}:${R2}`, "--sql");
      expect(partial.stdout).not.toContain("CREATE TABLE athanor_version");
      expect(partial.stdout).toContain("owner");
      const down = await cli("downgrade", "head:base", "--sql");
      expect(down.stdout).toContain(`-- Running downgrade ${R3} -> ${R2}, create tags`);
      expect(down.stdout).toContain(`-- Running downgrade ${R1} -> , create kits`);
      expect(down.stdout).toContain("DROP TABLE athanor_version;");
      const needsRange = await cli("downgrade", "base", "--sql");
      expect(needsRange.code).toBe(1);
      expect(needsRange.stderr).toContain("downgrade --sql needs a range 'from:to'");
      const stamp = await cli("stamp", "head", "--sql");
      expect(stamp.stdout).toContain(`INSERT INTO athanor_version (version_num) VALUES ('${R3}');`);
      // Offline mode needs no database: nothing was applied.
      expect((await cli("current")).stdout).toBe(NO_REVISION);
    });
  });
}
