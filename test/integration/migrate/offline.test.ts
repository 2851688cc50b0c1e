/**
 * Offline mode in process (no database is contacted): transactions per run or per migration,
 * autocommit blocks, op.getBind() writing statements to the script, SQLite batch recreation
 * from `copyFrom` with foreign keys off around the script, and the errors of what needs a database.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MigrationFailedError, upgrade } from "../../../src/migrate/index.js";
import { makeProject, type TestProject } from "./support.js";

describe("offline SQL", () => {
  let project: TestProject;
  const config = (url: string, extra: object = {}) => ({
    url,
    migrations: join(project.dir, "migrations"),
    ...extra,
  });

  beforeAll(() => {
    project = makeProject();
    project.revision({
      id: "0a01",
      down: null,
      message: "first",
      imports: ["column", "Integer", "String", "table"],
      up: `  await op.createTable("kits", { id: column(Integer).primaryKey(), code: column(String(10)) });
  const kits = table("kits", column("code", String()));
  await op.getBind().execute(kits.update().values({ code: "x" }));
  await op.autocommitBlock(async () => {
    await op.execute("VACUUM");
  });`,
    });
    project.revision({
      id: "0a02",
      down: "0a01",
      message: "second",
      imports: ["column", "Integer", "MetaData", "String", "Table"],
      up: `  await op.batchAlterTable("kits", async (batch) => batch.alterColumn("code", { nullable: true }), {
    copyFrom: new Table("kits", new MetaData(), { id: column(Integer).primaryKey(), code: column(String(10)) }),
  });`,
    });
  });
  afterAll(() => project.remove());

  it("writes one transaction per run, with autocommit blocks outside it", async () => {
    const r = await upgrade(config("sqlite:///never-opened.db"), "head", { sql: true });
    expect(r.offline).toBe(true);
    expect(r.after).toEqual(["0a02"]);
    const sql = r.sql!;
    expect(sql.startsWith("PRAGMA foreign_keys = OFF;\n\nBEGIN;\n\nCREATE TABLE athanor_version")).toBe(true);
    expect(sql).toContain("UPDATE kits SET code = 'x';\n\nCOMMIT;\n\nVACUUM;\n\nBEGIN;\n\n");
    expect(sql).toContain("CREATE TABLE _athanor_tmp_kits");
    expect(sql).toContain("INSERT INTO _athanor_tmp_kits (id, code) SELECT id, code FROM kits;");
    expect(sql.trimEnd().endsWith("COMMIT;\n\nPRAGMA foreign_keys = ON;")).toBe(true);
  });

  it("writes a transaction per migration when asked", async () => {
    const r = await upgrade(config("postgresql+pglite://", { transactionPerMigration: true }), "0a01", {
      sql: true,
    });
    const sql = r.sql!;
    expect(sql.match(/^BEGIN;$/gm)).toHaveLength(2);
    expect(sql.match(/^COMMIT;$/gm)).toHaveLength(2);
    expect(sql).toContain("CREATE TABLE kits (\n\tid SERIAL NOT NULL");
  });

  it("fails clearly on what needs a database", async () => {
    const p = makeProject();
    try {
      p.revision({ id: "0b01", down: null, up: "  await op.getBind().scalar(null as never);" });
      const e = await upgrade(
        { url: "mysql://x@127.0.0.1:1/none", migrations: join(p.dir, "migrations") },
        "head",
        { sql: true },
      ).catch((x) => x);
      expect(e).toBeInstanceOf(MigrationFailedError);
      expect(e.message).toContain("op.getBind().scalar() needs a live database");
      expect(e.message).toContain("Nothing was run: this was --sql mode");
    } finally {
      p.remove();
    }
  });
});

describe("offline SQL: PostgreSQL enum types", () => {
  let project: TestProject;
  beforeAll(() => {
    project = makeProject();
    project.revision({
      id: "0e01",
      down: null,
      message: "enums",
      imports: ["column", "Enum", "Integer"],
      up: `  await op.createEnum("kit_status", ["a", "b"]);
  await op.createTable("kits", { id: column(Integer).primaryKey(), status: column(Enum(["a", "b"], { name: "kit_status" })) });
  await op.createTable("kits2", { id: column(Integer).primaryKey(), status: column(Enum(["a", "b"], { name: "kit_status" })) });
  await op.createTable("tags", { id: column(Integer).primaryKey(), mood: column(Enum(["x"], { name: "tag_mood" })) });
  await op.createTable("tags2", { id: column(Integer).primaryKey(), mood: column(Enum(["x"], { name: "tag_mood" })) });`,
    });
  });
  afterAll(() => project.remove());

  it("creates each enum type once, however many tables use it", async () => {
    const r = await upgrade(
      { url: "postgresql+pglite://", migrations: join(project.dir, "migrations") },
      "head",
      { sql: true },
    );
    const sql = r.sql!;
    const creates = (name: string) =>
      sql.split("\n").filter((l) => l.includes(`CREATE TYPE ${name} `)).length;
    // op.createEnum writes a plain CREATE TYPE; the tables using the type add nothing.
    expect(creates("kit_status")).toBe(1);
    expect(sql).toContain("CREATE TYPE kit_status AS ENUM ('a', 'b');");
    // A type only the tables create comes once, idempotent (it may exist already).
    expect(creates("tag_mood")).toBe(1);
    expect(sql).toContain("IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'tag_mood')");
  });
});
