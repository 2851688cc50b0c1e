import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { createEngine, type Engine, type EngineOptions, makeUrl } from "../../src/index.js";

/**
 * "pgbouncer" is the PostgreSQL server reached through PgBouncer in transaction pooling mode
 * (ATHANOR_TEST_PGBOUNCER_URL); only suites that opt in with `{ pgbouncer: true }` get it.
 */
export type DatabaseName = "sqlite" | "pglite" | "postgresql" | "mysql" | "pgbouncer";

/** A database under test: a fresh, empty database of its own for one test file. */
export interface TestDatabase {
  readonly name: DatabaseName;
  /** The URL of this file's private database. */
  readonly url: string;
  /** The shared engine of this file (created in beforeAll). */
  readonly engine: Engine;
  /** Another engine on the same database (its own pool and options). */
  newEngine(options?: EngineOptions): Engine;
}

/**
 * The databases this run tests: SQLite and PGlite always; servers when their URLs are set.
 * PgBouncer in transaction mode only with `pgbouncer: true`: a suite that keeps no session state
 * across transactions (no SET, advisory locks, LISTEN or temporary tables) may opt in.
 */
export function configuredDatabases(opts: { pgbouncer?: boolean } = {}): DatabaseName[] {
  const list: DatabaseName[] = ["sqlite", "pglite"];
  if (process.env.ATHANOR_TEST_POSTGRES_URL) list.push("postgresql");
  if (process.env.ATHANOR_TEST_MYSQL_URL) list.push("mysql");
  if (opts.pgbouncer && process.env.ATHANOR_TEST_PGBOUNCER_URL) {
    if (!process.env.ATHANOR_TEST_POSTGRES_URL)
      throw new Error(
        "ATHANOR_TEST_PGBOUNCER_URL is set but ATHANOR_TEST_POSTGRES_URL is not: test databases are created on the primary PgBouncer fronts; set both",
      );
    list.push("pgbouncer");
  }
  const only = process.env.ATHANOR_TEST_ONLY?.split(",");
  return only ? list.filter((d) => only.includes(d)) : list;
}

/** A private database and how to remove it. */
export interface Provisioned {
  url: string;
  cleanup(): Promise<void>;
}

/** Creates a private, empty database (a server database, or a SQLite file with `file`). */
export async function provision(name: DatabaseName, opts: { file?: boolean }): Promise<Provisioned> {
  const suffix = `athanor_t_${randomBytes(5).toString("hex")}`;
  switch (name) {
    case "sqlite": {
      if (!opts.file) return { url: "sqlite://", cleanup: async () => {} };
      const dir = mkdtempSync(join(tmpdir(), "athanor-"));
      return {
        url: `sqlite:///${join(dir, "test.db")}`,
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
      };
    }
    case "pglite":
      return { url: "postgresql+pglite://", cleanup: async () => {} };
    case "postgresql":
    case "pgbouncer": {
      const admin = createEngine(process.env.ATHANOR_TEST_POSTGRES_URL!, {
        poolClass: "null",
        isolationLevel: "AUTOCOMMIT",
      });
      await admin.begin(async (c) => {
        await c.executeDriverSql(`CREATE DATABASE ${suffix}`);
      });
      // Created on the primary, reached through PgBouncer (its `*` entry serves every database);
      // FORCE drops it although PgBouncer still holds server connections to it.
      const server =
        name === "pgbouncer"
          ? process.env.ATHANOR_TEST_PGBOUNCER_URL!
          : process.env.ATHANOR_TEST_POSTGRES_URL!;
      const url = makeUrl(server).set({ database: suffix }).render(false);
      return {
        url,
        cleanup: async () => {
          await admin.begin(async (c) => {
            await c.executeDriverSql(`DROP DATABASE IF EXISTS ${suffix} WITH (FORCE)`);
          });
          await admin.dispose();
        },
      };
    }
    case "mysql": {
      const admin = createEngine(process.env.ATHANOR_TEST_MYSQL_URL!, { poolClass: "null" });
      await admin.begin(async (c) => {
        await c.executeDriverSql(`CREATE DATABASE ${suffix} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
      });
      const url = makeUrl(process.env.ATHANOR_TEST_MYSQL_URL!).set({ database: suffix }).render(false);
      return {
        url,
        cleanup: async () => {
          await admin.begin(async (c) => {
            await c.executeDriverSql(`DROP DATABASE IF EXISTS ${suffix}`);
          });
          await admin.dispose();
        },
      };
    }
  }
}

/**
 * The suites one database is tested as: PgBouncer twice, with `preparedStatements` detected (the
 * default, which must see the pooler and turn named statements off) and with it false; with
 * `asyncPath`, SQLite twice: as it runs by default (synchronous fast path, better-sqlite3 called
 * in the same turn) and as "sqlite-async" with `syncFastPath: false`, through the asynchronous
 * path every other database and every engine with an execute listener takes (Engine._syncAllowed).
 */
function settingsFor(name: DatabaseName, asyncPath: boolean): { label: string; engine: EngineOptions }[] {
  if (name === "sqlite" && asyncPath)
    return [
      { label: "sqlite", engine: {} },
      { label: "sqlite-async", engine: { syncFastPath: false } },
    ];
  if (name !== "pgbouncer") return [{ label: name, engine: {} }];
  return [
    { label: "pgbouncer", engine: {} },
    { label: "pgbouncer, preparedStatements: false", engine: { preparedStatements: false } },
  ];
}

/** What node-pg's connection decided (see connectPg): whether it saw a pooler, and named statements. */
export async function driverFlags(
  engine: Engine,
): Promise<{ behindPooler: boolean; namedStatements: boolean }> {
  const pooled = await engine._checkout();
  try {
    const { behindPooler, namedStatements } = pooled.driver as unknown as {
      behindPooler: boolean;
      namedStatements: boolean;
    };
    return { behindPooler, namedStatements };
  } finally {
    await engine.pool.release(pooled);
  }
}

/**
 * Declares `suite` once per configured database, each with a private database and engine:
 *
 *   forEachDatabase("sessions", (db) => { it("...", async () => { db.engine ... }) })
 *
 * `pgbouncer: true` adds PgBouncer in transaction mode (see configuredDatabases), twice.
 */
export function forEachDatabase(
  title: string,
  suite: (db: TestDatabase) => void,
  opts: { file?: boolean; engine?: EngineOptions; pgbouncer?: boolean; asyncPath?: boolean } = {},
): void {
  for (const name of configuredDatabases(opts))
    for (const setting of settingsFor(name, opts.asyncPath ?? false)) {
      describe(`${title} [${setting.label}]`, () => {
        let provisioned: Provisioned;
        const engines: Engine[] = [];
        const handle = {
          name,
          url: "",
          engine: undefined as unknown as Engine,
          newEngine(options?: EngineOptions): Engine {
            const e = createEngine(handle.url, { ...setting.engine, ...options });
            engines.push(e);
            return e;
          },
        };
        beforeAll(async () => {
          provisioned = await provision(name, opts);
          handle.url = provisioned.url;
          handle.engine = createEngine(provisioned.url, { ...opts.engine, ...setting.engine });
          engines.push(handle.engine);
          if (name === "pgbouncer" && setting.engine.preparedStatements === undefined) {
            const flags = await driverFlags(handle.engine);
            if (!flags.behindPooler || flags.namedStatements)
              throw new Error(`PgBouncer was not detected through ${handle.url}: ${JSON.stringify(flags)}`);
          }
        });
        afterAll(async () => {
          for (const e of engines) await e.dispose();
          await provisioned?.cleanup();
        });
        suite(handle);
      });
    }
}

/**
 * forEachDatabase plus PgBouncer in transaction mode, for suites that keep no session state across
 * transactions (the ORM's): each transaction may run on another server connection. SQLite runs
 * twice (see settingsFor): with its synchronous fast path and through the asynchronous path.
 */
export function forEachDatabaseAndPgBouncer(
  title: string,
  suite: (db: TestDatabase) => void,
  opts: { file?: boolean; engine?: EngineOptions } = {},
): void {
  forEachDatabase(title, suite, { ...opts, pgbouncer: true, asyncPath: true });
}
