/**
 * Bad input at run time, on every database: a revision that throws, a bad SQL statement, a
 * connection killed mid-migration. The database stays at the last good revision, the version
 * table agrees with the schema (on MySQL, the error lists what DDL stayed), and the message says
 * which revision, operation and SQL failed.
 */
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type AthanorConfig, MigrationFailedError, upgrade } from "../../../src/migrate/index.js";
import { forEachMigrateDatabase } from "./db-helpers.js";
import { makeProject, type TestProject } from "./support.js";

const IMPORTS = ["column", "Integer"];

async function failure(p: Promise<unknown>): Promise<MigrationFailedError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(MigrationFailedError);
    return e as MigrationFailedError;
  }
  throw new Error("expected the upgrade to fail");
}

forEachMigrateDatabase("migration failures", (db) => {
  let project: TestProject;
  let config: AthanorConfig;
  const transactional = () => db.name !== "mysql";

  beforeAll(() => {
    project = makeProject();
    project.revision({
      id: "f001",
      down: null,
      message: "good",
      imports: IMPORTS,
      up: '  await op.createTable("good", { id: column(Integer).primaryKey() });',
      downgrade: '  await op.dropTable("good");',
    });
    project.revision({
      id: "f002",
      down: "f001",
      message: "throws",
      imports: IMPORTS,
      up: `  await op.createTable("half", { id: column(Integer).primaryKey() });
  if (!process.env.ATHANOR_FIXED) throw new Error("forgot something");`,
      downgrade: '  await op.dropTable("half");',
    });
    config = { engine: db.engine, migrations: join(project.dir, "migrations") };
  });
  afterAll(() => project.remove());

  it("rolls back a revision that throws, and names it (per-run transaction: the whole run)", async () => {
    const e = await failure(upgrade(config, "head"));
    expect(e.revision).toBe("f002");
    expect(e.operation).toBeNull();
    expect(e.appliedOperations).toEqual(["create table half"]);
    expect(e.message).toContain('Migration f002 ("throws") failed during upgrade');
    expect(e.message).toContain("Error: forgot something");
    if (transactional()) {
      expect(e.rolledBack).toBe(true);
      expect(e.message).toContain("earlier migration(s) of this run's transaction (f001)");
      expect(await db.versions()).toEqual([]);
      expect(await db.hasTable("good")).toBe(false);
      expect(await db.hasTable("half")).toBe(false);
    } else {
      // MySQL commits each migration: f001 stays, f002's DDL stays and the message lists it.
      expect(e.rolledBack).toBe(false);
      expect(e.message).toMatch(
        /cannot roll back DDL[\s\S]*1\. create table half[\s\S]*version table still says f001/,
      );
      expect(await db.versions()).toEqual(["f001"]);
      await db.rows("DROP TABLE half");
    }
  });

  it("with transactionPerMigration keeps the migrations before the failing one", async () => {
    const e = await failure(upgrade({ ...config, transactionPerMigration: true }, "head"));
    expect(e.versionRows).toEqual(["f001"]);
    expect(await db.versions()).toEqual(["f001"]);
    expect(await db.hasTable("good")).toBe(true);
    expect(await db.hasTable("half")).toBe(!transactional());
    if (!transactional()) await db.rows("DROP TABLE half");
  });

  it("names the operation and the SQL of a bad statement", async () => {
    // A project of its own: the test runner caches revision modules by path.
    const copy = makeProject();
    copy.revision({
      id: "f001",
      down: null,
      imports: IMPORTS,
      up: '  await op.createTable("good2", { id: column(Integer).primaryKey() });',
    });
    copy.revision({
      id: "f002",
      down: "f001",
      message: "bad sql",
      imports: IMPORTS,
      up: `  await op.createTable("half2", { id: column(Integer).primaryKey() });
  await op.execute("UPDATE half2 SET nothing = 1 WHERE id = 0");`,
    });
    try {
      const cfg = {
        engine: db.engine,
        migrations: join(copy.dir, "migrations"),
        versionTable: "other_version",
        transactionPerMigration: true,
      };
      const e = await failure(upgrade(cfg, "head"));
      expect(e.operation).toBe("execute UPDATE half2 SET nothing = 1 WHERE id = 0");
      expect(e.sql).toBe("UPDATE half2 SET nothing = 1 WHERE id = 0");
      expect(e.message).toContain("in operation 2 (execute UPDATE half2 SET nothing = 1 WHERE id = 0)");
      expect(e.message).toContain("SQL: UPDATE half2 SET nothing = 1 WHERE id = 0");
      expect(await db.versions("other_version")).toEqual(["f001"]);
      expect(await db.hasTable("good2")).toBe(true);
      expect(await db.hasTable("half2")).toBe(!transactional());
      await db.rows("DROP TABLE good2");
      if (!transactional()) await db.rows("DROP TABLE half2");
      await db.rows("DROP TABLE other_version");
    } finally {
      copy.remove();
    }
  });

  it("checks foreign keys after a SQLite table recreation, and rolls back a violation", async () => {
    if (db.name !== "sqlite") return;
    const copy = makeProject();
    copy.revision({
      id: "b001",
      down: null,
      imports: ["column", "Integer", "String"],
      up: `  await op.createTable("owners", { id: column(Integer).primaryKey() });
  await op.createTable("pets", { id: column(Integer).primaryKey(), owner_id: column(Integer).references("owners.id") });
  await op.execute("INSERT INTO owners (id) VALUES (1)");
  await op.execute("INSERT INTO pets (id, owner_id) VALUES (1, 1)");`,
    });
    copy.revision({
      id: "b002",
      down: "b001",
      message: "orphans",
      imports: ["column", "String"],
      up: `  await op.batchAlterTable("owners", async (batch) => batch.addColumn("name", column(String(10)).serverDefault("x").unique()));
  await op.execute("DELETE FROM owners");`,
    });
    try {
      const cfg = {
        engine: db.engine,
        migrations: join(copy.dir, "migrations"),
        versionTable: "b_version",
        transactionPerMigration: true,
      };
      const e = await failure(upgrade(cfg, "head"));
      expect(e.revision).toBe("b002");
      expect(e.message).toContain("PRAGMA foreign_key_check found 1 row(s)");
      expect(await db.versions("b_version")).toEqual(["b001"]);
      expect(await db.rows("SELECT id FROM owners")).toEqual([[1]]);
      expect(await db.hasColumn("owners", "name")).toBe(false);
      // Foreign keys are enforced again afterwards.
      await expect(db.rows("INSERT INTO pets (id, owner_id) VALUES (2, 99)")).rejects.toThrow();
    } finally {
      copy.remove();
    }
  });

  it("survives a connection killed mid-migration (servers): the database stays at the last good revision", async () => {
    if (db.name !== "postgresql" && db.name !== "mysql") return;
    const kill =
      db.name === "postgresql"
        ? 'await op.execute("SELECT pg_terminate_backend(pg_backend_pid())");'
        : `const id = (await op.getBind().executeDriverSql("SELECT CONNECTION_ID()")).scalar();
  await op.execute(\`KILL \${id}\`);`;
    const copy = makeProject();
    copy.revision({
      id: "k001",
      down: null,
      imports: IMPORTS,
      up: '  await op.createTable("k_good", { id: column(Integer).primaryKey() });',
    });
    copy.revision({
      id: "k002",
      down: "k001",
      message: "killed",
      imports: IMPORTS,
      up: `  await op.createTable("k_half", { id: column(Integer).primaryKey() });\n  ${kill}`,
    });
    try {
      const cfg = {
        engine: db.engine,
        migrations: join(copy.dir, "migrations"),
        versionTable: "k_version",
        transactionPerMigration: true,
      };
      const e = await failure(upgrade(cfg, "head"));
      expect(e.revision).toBe("k002");
      expect(e.message).toMatch(/connection was lost|cannot roll back DDL/);
      expect(e.versionRows).toEqual(["k001"]);
      expect(await db.versions("k_version")).toEqual(["k001"]);
      expect(await db.hasTable("k_good")).toBe(true);
      if (db.name === "postgresql") {
        expect(e.message).toContain("The database connection was lost mid-migration");
        expect(await db.hasTable("k_half")).toBe(false);
      }
    } finally {
      copy.remove();
    }
  });
});
