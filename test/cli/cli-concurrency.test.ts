/**
 * Four processes of the real CLI running `upgrade head` at once on one database: the migration
 * lock (PostgreSQL advisory lock, MariaDB GET_LOCK, SQLite BEGIN EXCLUSIVE) makes every migration
 * run exactly once. Each migration records itself in a log table and sleeps, so the runs overlap.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/index.js";
import {
  configuredDatabases,
  type MigrationDatabase,
  migrationDatabase,
} from "../integration/migrate/support.js";
import { cliProject, startCli } from "./support.js";

const REVISIONS = ["c0c0c0c0c001", "c0c0c0c0c002", "c0c0c0c0c003"];

function logStep(id: string): string {
  return `  await op.execute("INSERT INTO applied_log (revision) VALUES ('${id}')");
  await new Promise((resolve) => setTimeout(resolve, 300));`;
}

const scenarios = [
  ...configuredDatabases()
    .filter((n) => n !== "pglite")
    .map((name) => ({ name, perMigration: false })),
  // With a transaction per migration SQLite releases its lock between migrations: the runs re-plan.
  ...(configuredDatabases().includes("sqlite") ? [{ name: "sqlite" as const, perMigration: true }] : []),
];

for (const { name, perMigration } of scenarios) {
  describe(`athanor CLI: four concurrent upgrades [${name}${perMigration ? ", transaction per migration" : ""}]`, () => {
    let db: MigrationDatabase;
    const project = cliProject();

    beforeAll(async () => {
      db = await migrationDatabase(name);
      project.revision({
        id: REVISIONS[0]!,
        down: null,
        imports: ["column", "Integer", "String"],
        up: `  await op.createTable("applied_log", { id: column(Integer).primaryKey(), revision: column(String(20)) });\n${logStep(REVISIONS[0]!)}`,
      });
      project.revision({
        id: REVISIONS[1]!,
        down: REVISIONS[0]!,
        imports: ["column", "Integer"],
        up: `  await op.createTable("second", { id: column(Integer).primaryKey() });\n${logStep(REVISIONS[1]!)}`,
      });
      project.revision({ id: REVISIONS[2]!, down: REVISIONS[1]!, up: logStep(REVISIONS[2]!) });
    });
    afterAll(async () => {
      project.remove();
      await db?.cleanup();
    });

    it("applies every migration exactly once", async () => {
      const args = ["upgrade", "head", ...(perMigration ? ["-x", "perMigration=1"] : [])];
      const runs = await Promise.all(
        [1, 2, 3, 4].map(() => startCli(args, { cwd: project.dir, env: { DATABASE_URL: db.url } }).finished),
      );
      for (const run of runs) expect(run.stderr.replace(/^(Running| {2}done|Waiting).*\n/gm, "")).toBe("");
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
      // The runs did overlap: the servers' lock made some of them wait.
      if (name !== "sqlite")
        expect(runs.some((r) => r.stderr.includes("Waiting for another migration run"))).toBe(true);
      const applied = runs.flatMap((r) =>
        [...r.stderr.matchAll(/^Running upgrade .* -> (\w+)/gm)].map((m) => m[1]),
      );
      expect(applied.sort()).toEqual(REVISIONS);
      const engine = createEngine(db.url);
      try {
        await engine.begin(async (conn) => {
          const log = (await conn.executeDriverSql("SELECT revision FROM applied_log ORDER BY id")).rawRows();
          expect(log.map((r) => r[0])).toEqual(REVISIONS);
          const version = (await conn.executeDriverSql("SELECT version_num FROM athanor_version")).rawRows();
          expect(version).toEqual([[REVISIONS[2]]]);
        });
      } finally {
        await engine.dispose();
      }
    });
  });
}
