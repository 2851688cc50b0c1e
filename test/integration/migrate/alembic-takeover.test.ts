/**
 * Taking over from Alembic: the seeds' Custody Manager schema created by real SQLAlchemy and
 * Alembic (Debian's python3-sqlalchemy and python3-alembic; scripts/ci/python-tools.sh installs
 * them), then pulled into models, baselined, stamped, extended by an Athanor revision and upgraded,
 * with `alembic_version` untouched and the Python side still reading its tables. SQLite (a file),
 * PostgreSQL and MariaDB: the databases Python can open too.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, createEngine, ForeignKey, Integer, Table, Text } from "../../../src/index.js";
import {
  type AthanorConfig,
  autogenerate,
  MigrateOperation,
  pull,
  resolveConfig,
  revision,
  upgrade,
} from "../../../src/migrate/index.js";
import {
  configuredDatabases,
  type MigrationDatabase,
  makeProject,
  migrationDatabase,
  type TestProject,
} from "./support.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const PYTHON = "/usr/bin/python3";
const CUSTODY = join(ROOT, "test/fixtures/alembic-custody/custody.py");
const MODELS = join(ROOT, ".athanor-test", `alembic-${process.pid}`);
const ALEMBIC_HEAD = "7a8b9c0d1e2f";

/** Runs the Python side (custody.py): Alembic and SQLAlchemy's ORM on the same database. */
function python(action: string, url: string): unknown {
  const r = spawnSync(PYTHON, [CUSTODY, action, url], { encoding: "utf8" });
  if (r.error || r.status !== 0)
    throw new Error(
      `custody.py ${action} failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr}\nIf SQLAlchemy or Alembic is missing, run scripts/ci/python-tools.sh.`,
    );
  return JSON.parse(r.stdout);
}

/** Runs an offline SQL script with the database's own client (SQLite: the driver's exec). */
async function runScript(url: string, name: string, sql: string, dir: string): Promise<void> {
  const file = join(dir, "baseline.sql");
  writeFileSync(file, sql);
  if (name === "postgresql") {
    execFileSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", file], { encoding: "utf8" });
  } else if (name === "mysql") {
    const u = new URL(url);
    execFileSync("mysql", [
      "-h",
      u.hostname,
      "-P",
      u.port || "3306",
      "-u",
      u.username,
      u.pathname.slice(1),
      "-e",
      `source ${file}`,
    ]);
  } else {
    const engine = createEngine(url);
    try {
      const conn = await engine.connect();
      (conn.driverConnection as { exec(sql: string): void }).exec(sql);
      await conn.close();
    } finally {
      await engine.dispose();
    }
  }
}

/** What autogenerate would do to bring the database to the models. */
async function differences(config: AthanorConfig): Promise<string[]> {
  const engine = createEngine(config.url!);
  try {
    const conn = await engine.connect();
    try {
      const r = await autogenerate(resolveConfig(config), { connection: conn, renames: [] });
      return r.upgradeOps.filter((o) => o instanceof MigrateOperation).map((o) => o.describe());
    } finally {
      await conn.rollback();
      await conn.close();
    }
  } finally {
    await engine.dispose();
  }
}

async function rows(url: string, sql: string): Promise<unknown[][]> {
  const engine = createEngine(url);
  try {
    return await engine.begin(async (c) => (await c.executeDriverSql(sql)).rawRows());
  } finally {
    await engine.dispose();
  }
}

for (const name of configuredDatabases().filter((d) => d !== "pglite")) {
  describe(`taking over from Alembic [${name}]`, () => {
    let db: MigrationDatabase;
    let project: TestProject;
    let models: { Base: { metadata: import("../../../src/index.js").MetaData } };
    let baselineId = "";
    const file = join(MODELS, name, "models.ts");
    const config = (): AthanorConfig => ({
      url: db.url,
      migrations: join(project.dir, "migrations"),
      metadata: models.Base.metadata,
    });
    const alembicRows = async () =>
      (await rows(db.url, "SELECT version_num FROM alembic_version")).map((r) => String(r[0]));

    beforeAll(async () => {
      db = await migrationDatabase(name);
      project = makeProject("athanor-alembic-");
      mkdirSync(join(MODELS, name), { recursive: true });
      python("upgrade", db.url);
      python("seed", db.url);
    }, 120_000);
    afterAll(async () => {
      project?.remove();
      await db?.cleanup();
    });

    it("Alembic made the schema", () => {
      expect(python("current", db.url)).toEqual([ALEMBIC_HEAD]);
    });

    it("pull says Alembic manages the database and writes models that match it", async () => {
      const lines: string[] = [];
      const r = await pull({ url: db.url }, { output: file, log: (l) => lines.push(l) });
      expect(r.alembicRevisions).toEqual([ALEMBIC_HEAD]);
      expect(lines.join("\n")).toContain(`alembic_version at ${ALEMBIC_HEAD}`);
      expect(Object.keys(r.tables).sort()).toEqual(["custody_events", "kits", "maintenance_events", "users"]);
      const text = readFileSync(file, "utf8");
      expect(text).toMatch(
        /export class BaseModel extends Base\.abstract\(\{\n {2}id: column\(Integer\)\.primaryKey\(\)\.index\(\),\n {2}createdAt: /,
      );
      expect(text).toMatch(
        /export class Kit extends BaseModel\.table\("kits", \{\n {2}code: column\(VARCHAR\(50\)\)\.unique\(\)\.index\(\),/,
      );
      expect(text).toMatch(/static custodyEvents = relationship\(\(\) => CustodyEvent, \{/);
      expect(text).toContain('static kit = relationship(() => Kit, { backPopulates: "custodyEvents" });');
      expect(text).toContain('Index("ix_kit_created", "kitId", "createdAt")');
      if (name !== "sqlite") {
        // SQLAlchemy 1.4 stores Enum on SQLite as VARCHAR without a CHECK: nothing says it is one.
        expect(text).toMatch(
          /export const KitStatus = \{\n {2}available: "available",\n {2}checkedOut: "checked_out",/,
        );
      }
      expect(text).not.toContain("alembic_version");
      models = await import(file);
      expect(await differences(config())).toEqual([]);
    });

    it("revision --autogenerate on the empty history offers a baseline", async () => {
      const r = await revision(config(), { autogenerate: true, message: "first" });
      expect(r.path).toBeNull();
      expect(r.warnings.join("\n")).toContain('athanor revision --baseline -m "baseline"');
      expect(r.warnings.join("\n")).toContain(`Alembic manages it: alembic_version at ${ALEMBIC_HEAD}`);
    });

    it("revision --baseline writes the current schema and stamps it, leaving alembic_version alone", async () => {
      const r = await revision(config(), { baseline: true });
      baselineId = r.revision;
      expect(r.message).toBe(`baseline from alembic ${ALEMBIC_HEAD}`);
      const text = readFileSync(r.path!, "utf8");
      for (const table of ["users", "kits", "custody_events", "maintenance_events"])
        expect(text).toContain(`op.createTable(\n    "${table}",`);
      expect(text).not.toContain("alembic_version");
      const athanor = await rows(db.url, "SELECT version_num FROM athanor_version");
      expect(athanor.map((x) => String(x[0]))).toEqual([baselineId]);
      expect(await alembicRows()).toEqual([ALEMBIC_HEAD]);
      // Stamped, not run: the seeded rows are still there.
      expect((await rows(db.url, "SELECT COUNT(*) FROM custody_events"))[0]!.map(Number)).toEqual([2]);
    });

    it("offline SQL of the baseline recreates the schema elsewhere", async () => {
      const off = await upgrade(config(), `base:${baselineId}`, { sql: true });
      const elsewhere = await migrationDatabase(name);
      try {
        await runScript(elsewhere.url, name, off.sql!, project.dir);
        expect(await differences({ ...config(), url: elsewhere.url })).toEqual([]);
        const stamped = await rows(elsewhere.url, "SELECT version_num FROM athanor_version");
        expect(stamped.map((x) => String(x[0]))).toEqual([baselineId]);
      } finally {
        await elsewhere.cleanup();
      }
    }, 60_000);

    it("an Athanor revision upgrades beside Alembic, and Python still reads its tables", async () => {
      new Table("kit_photos", models.Base.metadata, {
        id: column(Integer).primaryKey(),
        kit_id: column(Integer, ForeignKey("kits.id")),
        caption: column(Text).nullable(),
      });
      const r = await revision(config(), { autogenerate: true, message: "kit photos" });
      expect(r.operations).toEqual(["create table kit_photos"]);
      await upgrade(config(), "head");
      const athanor = await rows(db.url, "SELECT version_num FROM athanor_version");
      expect(athanor.map((x) => String(x[0]))).toEqual([r.revision]);
      expect(await alembicRows()).toEqual([ALEMBIC_HEAD]);
      expect(await differences(config())).toEqual([]);
      expect(python("current", db.url)).toEqual([ALEMBIC_HEAD]);
      expect(python("read", db.url)).toEqual([
        { code: "KIT-001", status: "checked_out", events: ["check_out", "check_in"] },
        { code: "KIT-002", status: "available", events: [] },
      ]);
    }, 60_000);
  });
}

afterAll(() => rmSync(MODELS, { recursive: true, force: true }));
