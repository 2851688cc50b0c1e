/**
 * Offline SQL is the same migration as the online run: `upgrade base:head --sql`, applied with
 * the database's own client (psql, mysql) or driver (SQLite), gives the schema and version table
 * that `upgrade head` gives (compared with pg_dump --schema-only, SHOW CREATE TABLE, sqlite_master).
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/index.js";
import {
  configuredDatabases,
  type MigrationDatabase,
  migrationDatabase,
} from "../integration/migrate/support.js";
import { cliProject, runCli } from "./support.js";

const IMPORTS = [
  "Boolean",
  "CheckConstraint",
  "column",
  "DateTime",
  "Enum",
  "func",
  "Index",
  "Integer",
  "Numeric",
  "String",
  "table",
  "Text",
  "UniqueConstraint",
];

const R1 = `
  await op.createTable(
    "users",
    {
      id: column(Integer).primaryKey(),
      email: column(String(100)),
      status: column(Enum(["active", "blocked"], { name: "user_status" })).serverDefault("active"),
      created_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
      bio: column(Text()).nullable().comment("about the user"),
    },
    UniqueConstraint("email", { name: "uq_users_email" }),
    { comment: "people" },
  );
  await op.createTable(
    "kits",
    {
      id: column(Integer).primaryKey(),
      code: column(String(20)).index("ix_kits_code"),
      owner_id: column(Integer).references("users.id", { ondelete: "CASCADE", name: "fk_kits_owner" }).nullable(),
      price: column(Numeric(10, 2)).nullable(),
      flag: column(Boolean).serverDefault(false),
    },
    CheckConstraint("price >= 0", { name: "ck_kits_price" }),
    Index("ix_kits_owner_code", "owner_id", "code"),
  );
  await op.bulkInsert(table("users", column("id", Integer), column("email", String())), [{ id: 1, email: "neo@matrix.com" }]);
`;

const R2 = `
  await op.addColumn("kits", "serial", column(String(100)).nullable());
  await op.createTable("tags", { id: column(Integer).primaryKey(), kit_id: column(Integer), name: column(String(30)) });
  if (op.dialect.name !== "sqlite") {
    await op.createForeignKey("fk_tags_kit", "tags", "kits", ["kit_id"], ["id"]);
    await op.createUniqueConstraint("uq_tags_name", "tags", ["kit_id", "name"]);
    await op.createCheckConstraint("ck_tags_name", "tags", "name <> ''");
    await op.alterColumn("users", "email", { type: String(200), existingType: String(100), existingNullable: false });
    await op.alterColumn("kits", "price", { serverDefault: "0", existingType: Numeric(10, 2), existingNullable: true });
    await op.createTableComment("kits", "the kits", { existingComment: null });
  }
  await op.alterColumn("tags", "name", { newColumnName: "label", existingType: String(30), existingNullable: false });
  const users = table("users", column("email", String()));
  await op.getBind().execute(users.update().values({ email: users.c.email.concat(".org") }));
`;

const R3 = `
  await op.dropIndex("ix_kits_code", "kits");
  await op.createIndex("ix_tags_label", "tags", ["label"], { unique: true });
  if (op.dialect.name === "postgresql") {
    await op.autocommitBlock(async () => {
      await op.addEnumValue("user_status", "archived");
    });
    await op.createEnum("mood", ["happy", "sad"]);
    await op.addColumn("users", "mood", column(Enum(["happy", "sad"], { name: "mood" })).nullable());
  }
  if (op.dialect.name !== "sqlite") await op.dropConstraint("ck_tags_name", "tags", { type: "check" });
  await op.renameTable("tags", "labels");
`;

const names = configuredDatabases().filter((n) => n !== "pglite");

for (const name of names) {
  describe(`offline SQL equals the online upgrade [${name}]`, () => {
    const project = cliProject();
    let offline: MigrationDatabase;
    let online: MigrationDatabase;

    beforeAll(async () => {
      [offline, online] = await Promise.all([migrationDatabase(name), migrationDatabase(name)]);
      project.revision({ id: "0ff1", down: null, message: "schema", imports: IMPORTS, up: R1 });
      project.revision({ id: "0ff2", down: "0ff1", message: "changes", imports: IMPORTS, up: R2 });
      project.revision({ id: "0ff3", down: "0ff2", message: "more", imports: IMPORTS, up: R3 });
    });
    afterAll(async () => {
      project.remove();
      await offline?.cleanup();
      await online?.cleanup();
    });

    async function dump(url: string): Promise<string> {
      if (name === "postgresql") {
        const text = execFileSync("pg_dump", ["--schema-only", "--no-owner", "--no-privileges", url], {
          encoding: "utf8",
        });
        return text
          .split("\n")
          .filter(
            (l) =>
              l.trim() &&
              !l.startsWith("--") &&
              !l.startsWith("SET ") &&
              !l.startsWith("\\") &&
              !l.includes("set_config"),
          )
          .join("\n");
      }
      const engine = createEngine(url);
      try {
        return await engine.begin(async (conn) => {
          if (name === "sqlite") {
            const rows = (
              await conn.executeDriverSql("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            ).rawRows();
            return rows.map((r) => r.join(" | ")).join("\n");
          }
          const tables = (await conn.executeDriverSql("SHOW TABLES"))
            .rawRows()
            .map((r) => String(r[0]))
            .sort();
          const out: string[] = [];
          for (const t of tables) {
            const create = (
              await conn.executeDriverSql(`SHOW CREATE TABLE \`${t}\``)
            ).rawRows()[0]![1] as string;
            out.push(create.replace(/ AUTO_INCREMENT=\d+/, ""));
          }
          return out.join("\n\n");
        });
      } finally {
        await engine.dispose();
      }
    }

    async function data(url: string): Promise<unknown[][]> {
      const engine = createEngine(url);
      try {
        return await engine.begin(async (conn) => [
          ...(await conn.executeDriverSql("SELECT version_num FROM athanor_version")).rawRows(),
          ...(await conn.executeDriverSql("SELECT id, email FROM users ORDER BY id")).rawRows(),
        ]);
      } finally {
        await engine.dispose();
      }
    }

    it("produces the same schema, data and version table", async () => {
      const sql = await runCli(["upgrade", "base:head", "--sql"], {
        cwd: project.dir,
        env: { DATABASE_URL: offline.url },
      });
      expect(sql.stderr).toBe("");
      expect(sql.code).toBe(0);
      const file = join(project.dir, "upgrade.sql");
      writeFileSync(file, sql.stdout);
      if (name === "postgresql") {
        execFileSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", offline.url, "-f", file], {
          encoding: "utf8",
        });
      } else if (name === "mysql") {
        const u = new URL(offline.url);
        execFileSync(
          "mysql",
          [
            "-h",
            u.hostname,
            "-P",
            u.port || "3306",
            "-u",
            u.username,
            u.pathname.slice(1),
            "-e",
            `source ${file}`,
          ],
          {
            encoding: "utf8",
          },
        );
      } else {
        const engine = createEngine(offline.url);
        await engine
          .connect()
          .then(async (conn) => {
            (conn.driverConnection as { exec(sql: string): void }).exec(sql.stdout);
            await conn.close();
          })
          .finally(() => engine.dispose());
      }
      const run = await runCli(["upgrade", "head"], { cwd: project.dir, env: { DATABASE_URL: online.url } });
      expect(run.stderr).not.toContain("error");
      expect(run.code).toBe(0);
      const [a, b] = [await dump(offline.url), await dump(online.url)];
      expect(a.length).toBeGreaterThan(200);
      expect(a).toBe(b);
      expect(await data(offline.url)).toEqual(await data(online.url));
      expect(await data(online.url)).toEqual([["0ff3"], [1, "neo@matrix.com.org"]]);
    });
  });
}
