/**
 * Every operation online, upgrade then downgrade, on every database: tables, columns (add, drop,
 * rename, type / nullability / default changes), indexes, constraints, comments, renames,
 * execute, bulkInsert, the seeds' data migration through op.getBind(), batch "move and copy"
 * (no row lost), ifExists / ifNotExists, and PostgreSQL's ALTER TYPE in an autocommit block.
 */
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type AthanorConfig, downgrade, upgrade } from "../../../src/migrate/index.js";
import { forEachMigrateDatabase } from "./db-helpers.js";
import { makeProject, type TestProject } from "./support.js";

const IMPORTS = ["column", "Enum", "Integer", "Numeric", "String", "table", "text", "UniqueConstraint"];

const SCHEMA_UP = `
  await op.createTable(
    "users",
    {
      id: column(Integer).primaryKey(),
      first_name: column(String(50)),
      last_name: column(String(50)),
      email: column(String(100)).unique("uq_users_email"),
      status: column(Enum(["active", "blocked"], { name: "user_status" })).serverDefault("active"),
    },
    { comment: "people" },
  );
  await op.createTable("kits", {
    id: column(Integer).primaryKey(),
    code: column(String(20)),
    owner_id: column(Integer).nullable(),
    price: column(Numeric(10, 2)).nullable(),
  }, UniqueConstraint("code", "owner_id", { name: "uq_kits_code_owner" }));
  await op.createTable("kits", { id: column(Integer).primaryKey() }, { ifNotExists: true });
  await op.createIndex("ix_kits_code", "kits", ["code"]);
  await op.createIndex("ix_kits_code", "kits", ["code"], { ifNotExists: true });
  await op.batchAlterTable("kits", async (batch) => {
    batch.createForeignKey("fk_kits_owner", "users", ["owner_id"], ["id"], { ondelete: "SET NULL" });
    batch.createCheckConstraint("ck_kits_price", "price >= 0");
  });
  await op.bulkInsert(table("users", column("id", Integer), column("first_name", String()), column("last_name", String()), column("email", String())), [
    { id: 1, first_name: "Thomas", last_name: "Anderson", email: "neo@matrix.com" },
    { id: 2, first_name: "Trinity", last_name: "X", email: "trinity@matrix.com" },
  ]);
  await op.bulkInsert(table("kits", column("id", Integer), column("code", String()), column("owner_id", Integer), column("price", Numeric())), [
    { id: 1, code: "KIT-1", owner_id: 1, price: "10.50" },
    { id: 2, code: "KIT-2", owner_id: null, price: null },
    { id: 3, code: "KIT-3", owner_id: 2, price: 3 },
  ]);
  await op.renameTable("kits", "gear");
  await op.alterColumn("gear", "code", { newColumnName: "tag", existingType: String(20), existingNullable: false });
  await op.createTableComment("gear", "kit gear", { existingComment: null });
  await op.dropTable("no_such_table", { ifExists: true });
  await op.dropIndex("ix_no_such_index", "gear", { ifExists: true });
`;

const SCHEMA_DOWN = `
  await op.dropTableComment("gear", { existingComment: "kit gear" });
  await op.alterColumn("gear", "tag", { newColumnName: "code", existingType: String(20), existingNullable: false });
  await op.renameTable("gear", "kits");
  await op.dropIndex("ix_kits_code", "kits");
  await op.dropTable("kits");
  await op.dropTable("users");
  if (op.dialect.name === "postgresql") await op.dropEnum("user_status");
`;

const DATA_UP = `
  await op.addColumn("users", "full_name", column(String(100)).nullable());
  const users = table("users", column("id", Integer), column("first_name", String()), column("last_name", String()), column("full_name", String()));
  await op.getBind().execute(users.update().values({ full_name: users.c.first_name.concat(" ").concat(users.c.last_name) }));
  await op.execute(text("UPDATE users SET last_name = 'A' WHERE id = 1"));
`;

const DATA_DOWN = `
  await op.execute("UPDATE users SET last_name = 'Anderson' WHERE id = 1");
  await op.batchAlterTable("users", async (batch) => batch.dropColumn("full_name"));
`;

const ALTER_UP = `
  await op.batchAlterTable("users", async (batch) => {
    batch.alterColumn("email", { type: String(200), existingType: String(100), existingNullable: false });
    batch.alterColumn("last_name", { nullable: true, existingType: String(50) });
    batch.alterColumn("first_name", { serverDefault: "anon", existingType: String(50), existingNullable: false });
    batch.addColumn("age", column(Integer).nullable());
    batch.createIndex("ix_users_age", ["age"]);
  });
`;

const ALTER_DOWN = `
  await op.batchAlterTable("users", async (batch) => {
    batch.dropIndex("ix_users_age");
    batch.dropColumn("age");
    batch.alterColumn("first_name", { serverDefault: null, existingType: String(50), existingNullable: false });
    batch.alterColumn("last_name", { nullable: false, existingType: String(50) });
    batch.alterColumn("email", { type: String(100), existingType: String(200), existingNullable: false });
  });
`;

// PostgreSQL cannot use an enum value in the transaction that added it: the autocommit block commits it first.
const ENUM_UP = `
  if (op.dialect.name !== "postgresql") return;
  await op.autocommitBlock(async () => {
    await op.addEnumValue("user_status", "archived", { ifNotExists: true });
  });
  await op.execute("UPDATE users SET status = 'archived' WHERE id = 2");
`;

const ENUM_DOWN = `
  if (op.dialect.name !== "postgresql") return;
  await op.execute("UPDATE users SET status = 'active' WHERE id = 2");
`;

forEachMigrateDatabase("operations online", (db) => {
  let project: TestProject;
  let config: AthanorConfig;

  beforeAll(() => {
    project = makeProject();
    project.revision({
      id: "aa01",
      down: null,
      message: "schema",
      imports: IMPORTS,
      up: SCHEMA_UP,
      downgrade: SCHEMA_DOWN,
    });
    project.revision({
      id: "aa02",
      down: "aa01",
      message: "data",
      imports: IMPORTS,
      up: DATA_UP,
      downgrade: DATA_DOWN,
    });
    project.revision({
      id: "aa03",
      down: "aa02",
      message: "alter",
      imports: IMPORTS,
      up: ALTER_UP,
      downgrade: ALTER_DOWN,
    });
    project.revision({
      id: "aa04",
      down: "aa03",
      message: "enum",
      imports: IMPORTS,
      up: ENUM_UP,
      downgrade: ENUM_DOWN,
    });
    config = {
      engine: db.engine,
      migrations: join(project.dir, "migrations"),
      transactionPerMigration: true,
    };
  });
  afterAll(() => project.remove());

  it("creates tables, constraints, indexes, rows, and renames", async () => {
    const r = await upgrade(config, "aa01");
    expect(r.steps[0]!.operations).toContain("rename table kits to gear");
    expect(await db.hasTable("gear")).toBe(true);
    expect(await db.hasTable("kits")).toBe(false);
    expect(await db.hasColumn("gear", "tag")).toBe(true);
    expect(await db.rows("SELECT id, tag, owner_id FROM gear ORDER BY id")).toEqual([
      [1, "KIT-1", 1],
      [2, "KIT-2", null],
      [3, "KIT-3", 2],
    ]);
    // The constraints added through the batch are enforced.
    await expect(db.rows("INSERT INTO gear (id, tag, owner_id) VALUES (9, 'X', 999)")).rejects.toThrow();
    await expect(db.rows("INSERT INTO gear (id, tag, price) VALUES (9, 'X', -1)")).rejects.toThrow();
    await expect(
      db.rows("INSERT INTO users (id, first_name, last_name, email) VALUES (9, 'a', 'b', 'neo@matrix.com')"),
    ).rejects.toThrow();
    if (db.name !== "sqlite") {
      const comment =
        db.name === "mysql"
          ? await db.rows(
              "SELECT table_comment FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'gear'",
            )
          : await db.rows("SELECT obj_description('gear'::regclass, 'pg_class')");
      expect(comment).toEqual([["kit gear"]]);
    }
  });

  it("runs the seeds' data migration through op.getBind()", async () => {
    await upgrade(config, "+1");
    expect(await db.rows("SELECT id, full_name, last_name FROM users ORDER BY id")).toEqual([
      [1, "Thomas Anderson", "A"],
      [2, "Trinity X", "X"],
    ]);
  });

  it("alters columns in a batch (SQLite recreates the table) and keeps every row", async () => {
    await upgrade(config, "aa03");
    expect(await db.hasColumn("users", "age")).toBe(true);
    expect(
      await db.rows("SELECT id, first_name, last_name, email, full_name FROM users ORDER BY id"),
    ).toEqual([
      [1, "Thomas", "A", "neo@matrix.com", "Thomas Anderson"],
      [2, "Trinity", "X", "trinity@matrix.com", "Trinity X"],
    ]);
    await db.rows("INSERT INTO users (id, last_name, email) VALUES (3, NULL, 'x@y.z')");
    expect(await db.rows("SELECT first_name, last_name FROM users WHERE id = 3")).toEqual([["anon", null]]);
    await db.rows("DELETE FROM users WHERE id = 3");
    // The foreign key from gear to users survived the recreation of users (SQLite).
    await expect(db.rows("INSERT INTO gear (id, tag, owner_id) VALUES (9, 'X', 999)")).rejects.toThrow();
    expect(await db.rows("SELECT id, owner_id FROM gear ORDER BY id")).toEqual([
      [1, 1],
      [2, null],
      [3, 2],
    ]);
  });

  it("adds an enum value outside the transaction (PostgreSQL) and uses it", async () => {
    await upgrade(config, "head");
    expect(await db.versions()).toEqual(["aa04"]);
    if (db.name === "postgresql" || db.name === "pglite")
      expect(await db.rows("SELECT status::text FROM users WHERE id = 2")).toEqual([["archived"]]);
  });

  it("downgrades every operation back to an empty database", async () => {
    await downgrade(config, "aa02");
    expect(await db.hasColumn("users", "age")).toBe(false);
    expect((await db.rows("SELECT id FROM users ORDER BY id")).map((r) => Number(r[0]))).toEqual([1, 2]);
    await downgrade(config, "-1");
    expect(await db.hasColumn("users", "full_name")).toBe(false);
    expect(await db.rows("SELECT last_name FROM users WHERE id = 1")).toEqual([["Anderson"]]);
    await downgrade(config, "base");
    expect(await db.hasTable("users")).toBe(false);
    expect(await db.hasTable("kits")).toBe(false);
    expect(await db.hasTable("gear")).toBe(false);
    expect(await db.versions()).toEqual([]);
    // And up again: nothing was left behind (the enum type was dropped on PostgreSQL).
    await upgrade(config, "head");
    await downgrade(config, "base");
  });
});
