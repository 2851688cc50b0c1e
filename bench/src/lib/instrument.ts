/**
 * Counts the statements every library sends, at the driver level, so the report can show that each peer
 * really does what the workload says (e.g. W1 with a fresh context per lookup: one query per lookup).
 *
 * Wrapped: `pg`'s Client#query (PostgreSQL), better-sqlite3's Statement#run/get/all/iterate and
 * Database#exec, sqlite3's Statement#run/get/all/each and Database#exec (Sequelize's SQLite driver), and
 * mysql2's Connection#query/execute (its promise API, pools and beginTransaction/commit all end there; the
 * PREPARE that execute() sends the first time for a statement is not counted, as pg's parse step is not).
 * The peers share bench's copy of each driver (package.json "overrides" make sure of it); Athanor, imported
 * from the repository root, resolves its drivers from the root's node_modules, so those copies are wrapped
 * too, and so are those of a second build's repository (BENCH_ATHANOR_BASELINE=<repo>/dist). The wrappers add one counter increment per statement and stay installed for the whole run, so every
 * system pays the same.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { BENCH_DIR } from "./config.ts";

let count = 0;

/** Statements sent since the last reset. */
export function statementCount(): number {
  return count;
}

export function resetStatementCount(): void {
  count = 0;
}

let installed = false;
const wrapped = new WeakSet<object>();

type Proto = Record<string, unknown>;

export function installStatementCounters(): void {
  if (installed) return;
  installed = true;
  const baseline = process.env.BENCH_ATHANOR_BASELINE;
  const roots = [
    join(BENCH_DIR, "package.json"),
    join(BENCH_DIR, "..", "package.json"),
    ...(baseline ? [join(resolve(baseline), "..", "package.json")] : []),
  ].filter(existsSync);
  for (const root of roots) {
    const require = createRequire(root);
    const load = (name: string): unknown => {
      try {
        return require(name);
      } catch {
        return undefined;
      }
    };

    const pg = load("pg") as { Client?: { prototype: Proto } } | undefined;
    if (pg?.Client) wrap(pg.Client.prototype, ["query"]);

    const Database = load("better-sqlite3") as (new (file: string) => BetterDb) | undefined;
    if (typeof Database === "function") {
      try {
        // better-sqlite3 does not export its Statement class: reach its prototype through a statement.
        const db = new Database(":memory:");
        const statementProto = Object.getPrototypeOf(db.prepare("SELECT 1")) as Proto;
        db.close();
        wrap(statementProto, ["run", "get", "all", "iterate"]);
        wrap(Database.prototype as Proto, ["exec"]);
      } catch {
        // Native module not built in this copy: nothing will use it.
      }
    }

    const sqlite3 = load("sqlite3") as
      | { Database?: { prototype: Proto }; Statement?: { prototype: Proto } }
      | undefined;
    // Database#run/get/all/each create a Statement and call the same method on it: count only there.
    if (sqlite3?.Statement) wrap(sqlite3.Statement.prototype, ["run", "get", "all", "each"]);
    if (sqlite3?.Database) wrap(sqlite3.Database.prototype, ["exec"]);

    // Pool connections extend Connection, so wrapping its prototype covers them too.
    const mysql2 = load("mysql2") as { Connection?: { prototype: Proto } } | undefined;
    if (mysql2?.Connection) wrap(mysql2.Connection.prototype, ["query", "execute"]);
  }
}

interface BetterDb {
  prepare(sql: string): object;
  close(): void;
}

function wrap(proto: Proto, methods: readonly string[]): void {
  if (wrapped.has(proto)) return;
  wrapped.add(proto);
  for (const name of methods) {
    const original = proto[name];
    if (typeof original !== "function") continue;
    const fn = original as (...args: unknown[]) => unknown;
    proto[name] = function counted(this: unknown, ...args: unknown[]) {
      count++;
      return fn.apply(this, args);
    };
  }
}
