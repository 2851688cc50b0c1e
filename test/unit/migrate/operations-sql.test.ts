/** The statements each operation produces, per dialect, pinned as SQL (no database). */
import { describe, expect, it } from "vitest";
import { MysqlDialect } from "../../../src/dialects/mysql/dialect.js";
import { PgDialect } from "../../../src/dialects/postgresql/dialect.js";
import { SqliteDialect } from "../../../src/dialects/sqlite/dialect.js";
import { column, Enum, Index, Integer, MetaData, String, Table, table, text } from "../../../src/index.js";
import {
  AddColumnOp,
  AddEnumValueOp,
  AlterColumnOp,
  BatchAlterTableOp,
  BulkInsertOp,
  CreateCheckConstraintOp,
  CreateEnumOp,
  CreateForeignKeyOp,
  CreateIndexOp,
  CreatePrimaryKeyOp,
  CreateTableCommentOp,
  CreateTableOp,
  CreateUniqueConstraintOp,
  DropColumnOp,
  DropConstraintOp,
  DropIndexOp,
  DropTableOp,
  ExecuteOp,
  type MigrateOperation,
  OperationNotSupportedError,
  RenameTableOp,
} from "../../../src/migrate/index.js";

const pg = new PgDialect("pg");
const sqlite = new SqliteDialect();
const mysql = new MysqlDialect();

function sql(op: MigrateOperation, dialect: PgDialect | SqliteDialect | MysqlDialect): string[] {
  return op
    .toStatements({ dialect })
    .flatMap((s) => (typeof s === "string" ? [s] : dialect.renderLiteral(s)))
    .map((s) => s.replace(/\n\t/g, " ").replace(/\n/g, " "));
}

describe("operation statements", () => {
  it("createTable: enum types first (PostgreSQL), constraints inline, comments and indexes after", () => {
    const op = new CreateTableOp(
      "kits",
      {
        id: column(Integer).primaryKey(),
        code: column(String(20)).unique(),
        owner_id: column(Integer).references("users.id", { ondelete: "CASCADE" }).nullable(),
        status: column(Enum(["a", "b"], { name: "kit_status" })),
      },
      [Index("ix_kits_owner", "owner_id")],
      { comment: "kits" },
    );
    expect(sql(op, pg)).toEqual([
      "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'kit_status') THEN CREATE TYPE kit_status AS ENUM ('a', 'b'); END IF; END $$",
      "CREATE TABLE kits ( id SERIAL NOT NULL,  code VARCHAR(20) NOT NULL,  owner_id INTEGER,  status kit_status NOT NULL,  PRIMARY KEY (id),  FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE,  UNIQUE (code) )",
      "COMMENT ON TABLE kits IS 'kits'",
      "CREATE INDEX ix_kits_owner ON kits (owner_id)",
    ]);
    expect(sql(op, sqlite)[0]).toContain("CONSTRAINT kit_status CHECK (status IN ('a', 'b'))");
    expect(sql(op, mysql)[0]).toContain("status ENUM('a', 'b') NOT NULL");
    expect(sql(op, mysql)[0]).toMatch(/ENGINE=InnoDB COMMENT='kits'$/);
    // The referenced table is a stub: its definition is not needed.
    expect(op.toTable().metadata.tables.has("users")).toBe(true);
  });

  it("columns: add (with its index), drop, alter (type and nullability, rename)", () => {
    const add = new AddColumnOp("kits", "serial", column(String(100)).nullable().index());
    expect(sql(add, pg)).toEqual([
      "ALTER TABLE kits ADD COLUMN serial VARCHAR(100)",
      "CREATE INDEX ix_kits_serial ON kits (serial)",
    ]);
    expect(sql(new DropColumnOp("kits", "serial"), sqlite)).toEqual(["ALTER TABLE kits DROP COLUMN serial"]);
    const alter = new AlterColumnOp("users", "email", {
      type: String(200),
      nullable: true,
      existingType: String(100),
    });
    expect(sql(alter, pg)).toEqual([
      "ALTER TABLE users ALTER COLUMN email TYPE VARCHAR(200)",
      "ALTER TABLE users ALTER COLUMN email DROP NOT NULL",
    ]);
    expect(sql(alter, mysql)).toEqual(["ALTER TABLE users MODIFY email VARCHAR(200) NULL"]);
    expect(() => sql(alter, sqlite)).toThrow(/use batchAlterTable\(\)/);
    const rename = new AlterColumnOp("users", "old", { newColumnName: "new" });
    for (const d of [pg, sqlite, mysql])
      expect(sql(rename, d)).toEqual(["ALTER TABLE users RENAME COLUMN old TO new"]);
  });

  it("indexes and constraints", () => {
    const ix = new CreateIndexOp("ix_a", "kits", ["code", text("lower(code)")], {
      unique: true,
      ifNotExists: true,
    });
    expect(sql(ix, pg)).toEqual(["CREATE UNIQUE INDEX IF NOT EXISTS ix_a ON kits (code, lower(code))"]);
    expect(sql(new DropIndexOp("ix_a", "kits"), mysql)).toEqual(["DROP INDEX ix_a ON kits"]);
    expect(() => sql(new DropIndexOp("ix_a"), mysql)).toThrow(OperationNotSupportedError);
    const fk = new CreateForeignKeyOp("fk_a", "kits", "users", ["owner_id"], ["id"], {
      ondelete: "SET NULL",
    });
    expect(sql(fk, pg)).toEqual([
      "ALTER TABLE kits ADD CONSTRAINT fk_a FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE SET NULL",
    ]);
    const selfRef = new CreateForeignKeyOp("fk_parent", "nodes", "nodes", ["parent_id"], ["id"]);
    expect(sql(selfRef, pg)).toEqual([
      "ALTER TABLE nodes ADD CONSTRAINT fk_parent FOREIGN KEY(parent_id) REFERENCES nodes (id)",
    ]);
    expect(sql(new CreateUniqueConstraintOp("uq_a", "kits", ["code", "owner_id"]), mysql)).toEqual([
      "ALTER TABLE kits ADD CONSTRAINT uq_a UNIQUE (code, owner_id)",
    ]);
    expect(sql(new CreateCheckConstraintOp("ck_a", "kits", "price >= 0"), pg)).toEqual([
      "ALTER TABLE kits ADD CONSTRAINT ck_a CHECK (price >= 0)",
    ]);
    expect(sql(new CreatePrimaryKeyOp("pk_a", "t", ["a", "b"]), pg)).toEqual([
      "ALTER TABLE t ADD CONSTRAINT pk_a PRIMARY KEY (a, b)",
    ]);
    const drop = new DropConstraintOp("fk_a", "kits", { type: "foreignkey" });
    expect(sql(drop, pg)).toEqual(["ALTER TABLE kits DROP CONSTRAINT fk_a"]);
    expect(sql(drop, mysql)).toEqual(["ALTER TABLE kits DROP FOREIGN KEY fk_a"]);
    expect(() => sql(drop, sqlite)).toThrow(/batchAlterTable/);
  });

  it("tables, comments, enums, SQL text and rows", () => {
    expect(sql(new RenameTableOp("kits", "gear"), sqlite)).toEqual(["ALTER TABLE kits RENAME TO gear"]);
    expect(sql(new DropTableOp("gear", { ifExists: true }), mysql)).toEqual(["DROP TABLE IF EXISTS gear"]);
    const comment = new CreateTableCommentOp("gear", "it's", { existingComment: null });
    expect(sql(comment, pg)).toEqual(["COMMENT ON TABLE gear IS 'it''s'"]);
    expect(sql(comment, mysql)).toEqual([`ALTER TABLE gear COMMENT ${mysql.quoteString("it's")}`]);
    expect(sql(comment, sqlite)).toEqual([]);
    expect(sql(new CreateEnumOp("mood", ["happy", "sad"]), pg)).toEqual([
      "CREATE TYPE mood AS ENUM ('happy', 'sad')",
    ]);
    expect(sql(new CreateEnumOp("mood", ["happy"]), mysql)).toEqual([]);
    expect(sql(new AddEnumValueOp("mood", "meh", { after: "happy" }), pg)).toEqual([
      "ALTER TYPE mood ADD VALUE 'meh' AFTER 'happy'",
    ]);
    expect(sql(new ExecuteOp("UPDATE kits SET a = ':not_a_bind'"), pg)).toEqual([
      "UPDATE kits SET a = ':not_a_bind'",
    ]);
    const rows = new BulkInsertOp(table("t", column("a", Integer), column("b", String())), [
      { a: 1, b: "x" },
      { b: "y'z", a: 2 },
      { a: 3 },
    ]);
    expect(sql(rows, pg)).toEqual([
      "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y''z')",
      "INSERT INTO t (a) VALUES (3)",
    ]);
    expect(sql(rows, mysql)[0]).toBe(
      `INSERT INTO t (a, b) VALUES (1, 'x'), (2, ${mysql.quoteString("y'z")})`,
    );
  });

  it("batchAlterTable: ALTERs where the database can, move-and-copy on SQLite", () => {
    const copyFrom = new Table(
      "kits",
      new MetaData(),
      {
        id: column(Integer).primaryKey(),
        code: column(String(20)),
        legacy: column(String(5)).nullable(),
        owner_id: column(Integer).references("users.id").nullable(),
      },
      Index("ix_kits_code", "code"),
    );
    const batch = new BatchAlterTableOp(
      "kits",
      [
        new AlterColumnOp("kits", "code", { nullable: true, type: String(40), existingType: String(20) }),
        new DropColumnOp("kits", "legacy"),
        new AddColumnOp("kits", "serial", column(String(100)).nullable()),
        new CreateUniqueConstraintOp("uq_kits_serial", "kits", ["serial"]),
      ],
      { copyFrom },
    );
    expect(batch.recreates({ dialect: pg })).toBe(false);
    expect(sql(batch, pg)).toEqual([
      "ALTER TABLE kits ALTER COLUMN code TYPE VARCHAR(40)",
      "ALTER TABLE kits ALTER COLUMN code DROP NOT NULL",
      "ALTER TABLE kits DROP COLUMN legacy",
      "ALTER TABLE kits ADD COLUMN serial VARCHAR(100)",
      "ALTER TABLE kits ADD CONSTRAINT uq_kits_serial UNIQUE (serial)",
    ]);
    expect(batch.recreates({ dialect: sqlite })).toBe(true);
    expect(sql(batch, sqlite)).toEqual([
      "CREATE TABLE _athanor_tmp_kits ( id INTEGER NOT NULL,  code VARCHAR(40),  owner_id INTEGER,  serial VARCHAR(100),  PRIMARY KEY (id),  FOREIGN KEY(owner_id) REFERENCES users (id),  CONSTRAINT uq_kits_serial UNIQUE (serial) )",
      "INSERT INTO _athanor_tmp_kits (id, code, owner_id) SELECT id, code, owner_id FROM kits",
      "DROP TABLE kits",
      "ALTER TABLE _athanor_tmp_kits RENAME TO kits",
      "CREATE INDEX ix_kits_code ON kits (code)",
    ]);
    // Changes SQLite's ALTER TABLE can make run in place.
    const simple = new BatchAlterTableOp("kits", [
      new AddColumnOp("kits", "note", column(String(10)).nullable()),
    ]);
    expect(sql(simple, sqlite)).toEqual(["ALTER TABLE kits ADD COLUMN note VARCHAR(10)"]);
    expect(() => sql(new BatchAlterTableOp("kits", [new DropColumnOp("kits", "x")]), sqlite)).toThrow(
      /pass \{ copyFrom/,
    );
    expect(() =>
      sql(new BatchAlterTableOp("kits", [new DropColumnOp("kits", "nope")], { copyFrom }), sqlite),
    ).toThrow(/names column 'nope', which the table does not have/);
  });
});
