/**
 * Checks the SQL the compiler tests pin against real servers, so an exact-SQL assertion cannot
 * pin SQL the database rejects. Not a test (it needs servers); run by hand:
 *
 *   ATHANOR_SQL_LOG=/tmp/sql.jsonl npx vitest run test/unit/compiler
 *   ATHANOR_TEST_POSTGRES_URL=postgresql://root@127.0.0.1:5432/test \
 *   ATHANOR_TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/test \
 *   npx tsx test/unit/compiler/check-on-servers.ts /tmp/sql.jsonl
 *
 * Each statement is prepared (DDL executed) after creating the tables it names: PostgreSQL inside
 * a transaction rolled back, SQLite in a fresh in-memory database, MySQL / MariaDB in a scratch
 * database. Failures the tests expect (invented function names, collations, schemas) are counted
 * apart. The default MySQL dialect writes MySQL 8 syntax, so MariaDB rejects a few statements.
 */
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import pg from "pg";

interface Entry {
  dialect: "pg" | "sqlite" | "mysql";
  kind: "sql" | "ddl" | "literal" | "error";
  sql: string | string[];
  setup?: string[];
}

const EXPECTED = /does not exist|no such function|collation|unknown database|does not match any PRIMARY KEY/i;

const entries: Entry[] = readFileSync(process.argv[2]!, "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as Entry)
  .filter((e) => e.kind !== "error");

// text() statements name the fixture tables without table objects: give them the fixtures' setup.
const fixtures: Partial<Record<Entry["dialect"], string[]>> = {};
for (const e of entries) {
  const has = (t: string) => e.setup?.some((s) => s.startsWith(`CREATE TABLE ${t} `));
  if (has("users") && has("posts") && has("comments")) fixtures[e.dialect] ??= e.setup;
}

const seen = new Set<string>();
const unique = entries.filter((e) => {
  const key = JSON.stringify([e.dialect, e.sql, e.setup]);
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
});

const pgClient = new pg.Client({ connectionString: process.env.ATHANOR_TEST_POSTGRES_URL });
await pgClient.connect();
const my = await mysql.createConnection(process.env.ATHANOR_TEST_MYSQL_URL!);
const failures: { entry: Entry; error: string }[] = [];
let n = 0;

for (const e of unique) {
  const statements = Array.isArray(e.sql) ? e.sql : [e.sql];
  const setup = e.setup?.length || e.kind === "ddl" ? (e.setup ?? []) : (fixtures[e.dialect] ?? []);
  const ddl = e.kind === "ddl";
  try {
    if (e.dialect === "pg") {
      await pgClient.query("BEGIN");
      try {
        for (const s of setup) await pgClient.query(s);
        // ADD VALUE needs its enum type, which no setup creates.
        for (const s of statements)
          if (!/ADD VALUE/.test(s)) await pgClient.query(ddl ? s : `PREPARE check_${n} AS ${s}`);
      } finally {
        await pgClient.query("ROLLBACK");
      }
    } else if (e.dialect === "sqlite") {
      const db = new Database(":memory:");
      try {
        for (const s of setup) db.exec(s);
        for (const s of statements) ddl ? db.exec(s) : db.prepare(s);
      } finally {
        db.close();
      }
    } else {
      await my.query("DROP DATABASE IF EXISTS athanor_check");
      await my.query("CREATE DATABASE athanor_check");
      await my.query("USE athanor_check");
      for (const s of setup) await my.query(s);
      for (const s of statements) {
        if (ddl) await my.query(s);
        else (await my.prepare(s)).close();
      }
    }
  } catch (err) {
    failures.push({ entry: e, error: String((err as Error).message).split("\n")[0]! });
  }
  n++;
}

await my.query("DROP DATABASE IF EXISTS athanor_check");
await my.end();
await pgClient.end();

const real = failures.filter((f) => !EXPECTED.test(f.error));
console.log(`${n} statements; ${failures.length - real.length} expected failures; ${real.length} others:`);
for (const { entry, error } of real) {
  console.log(`\n[${entry.dialect} ${entry.kind}] ${[entry.sql].flat().join(" ;; ")}\n  -> ${error}`);
}
