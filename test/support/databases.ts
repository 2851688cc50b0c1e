import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { createEngine, type Engine, type EngineOptions, makeUrl } from "../../src/index.js";

export type DatabaseName = "sqlite" | "pglite" | "postgresql" | "mysql";

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

/** The databases this run tests: SQLite and PGlite always; servers when their URLs are set. */
export function configuredDatabases(): DatabaseName[] {
  const list: DatabaseName[] = ["sqlite", "pglite"];
  if (process.env.ATHANOR_TEST_POSTGRES_URL) list.push("postgresql");
  if (process.env.ATHANOR_TEST_MYSQL_URL) list.push("mysql");
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
    case "postgresql": {
      const admin = createEngine(process.env.ATHANOR_TEST_POSTGRES_URL!, {
        poolClass: "null",
        isolationLevel: "AUTOCOMMIT",
      });
      await admin.begin(async (c) => {
        await c.executeDriverSql(`CREATE DATABASE ${suffix}`);
      });
      const url = makeUrl(process.env.ATHANOR_TEST_POSTGRES_URL!).set({ database: suffix }).render(false);
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
 * Declares `suite` once per configured database, each with a private database and engine:
 *
 *   forEachDatabase("sessions", (db) => { it("...", async () => { db.engine ... }) })
 */
export function forEachDatabase(
  title: string,
  suite: (db: TestDatabase) => void,
  opts: { file?: boolean; engine?: EngineOptions } = {},
): void {
  for (const name of configuredDatabases()) {
    describe(`${title} [${name}]`, () => {
      let provisioned: Provisioned;
      const engines: Engine[] = [];
      const handle = {
        name,
        url: "",
        engine: undefined as unknown as Engine,
        newEngine(options?: EngineOptions): Engine {
          const e = createEngine(handle.url, options);
          engines.push(e);
          return e;
        },
      };
      beforeAll(async () => {
        provisioned = await provision(name, opts);
        handle.url = provisioned.url;
        handle.engine = createEngine(provisioned.url, opts.engine);
        engines.push(handle.engine);
      });
      afterAll(async () => {
        for (const e of engines) await e.dispose();
        await provisioned?.cleanup();
      });
      suite(handle);
    });
  }
}
