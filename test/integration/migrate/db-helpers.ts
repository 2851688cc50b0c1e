/** Per-database suites for in-process migration tests: a private database, an engine, and schema probes. */
import { afterAll, beforeAll, describe } from "vitest";
import { tableExists } from "../../../src/dialects/catalog.js";
import { createEngine, type Engine } from "../../../src/index.js";
import {
  configuredDatabases,
  type DatabaseName,
  type MigrationDatabase,
  migrationDatabase,
} from "./support.js";

/** A database under test, with its engine. */
export interface MigrateTestDb {
  readonly name: DatabaseName;
  readonly url: string;
  readonly engine: Engine;
  /** Whether the table exists. */
  hasTable(name: string): Promise<boolean>;
  /** Whether the table has the column. */
  hasColumn(table: string, column: string): Promise<boolean>;
  /** Rows of a query, as arrays. */
  rows(sql: string): Promise<unknown[][]>;
  /** Rows of the version table. */
  versions(table?: string): Promise<string[]>;
}

/** Declares `suite` once per configured database (SQLite and PGlite in memory, servers when configured). */
export function forEachMigrateDatabase(title: string, suite: (db: MigrateTestDb) => void): void {
  for (const name of configuredDatabases()) {
    describe(`${title} [${name}]`, () => {
      let provisioned: MigrationDatabase | null = null;
      const handle = {
        name,
        url: "",
        engine: undefined as unknown as Engine,
        async hasTable(table: string) {
          const conn = await handle.engine.connect();
          try {
            return await tableExists(
              conn.dialect.name,
              (sql, params) => conn.executeDriverSql(sql, params ?? []).then((r) => r.rawRows()),
              table,
              null,
            );
          } finally {
            await conn.close();
          }
        },
        async hasColumn(table: string, column: string) {
          const conn = await handle.engine.connect();
          try {
            const q = (n: string) => conn.dialect.quoteIdentifier(n);
            await conn.executeDriverSql(`SELECT ${q(column)} FROM ${q(table)} WHERE 1 = 0`);
            return true;
          } catch {
            return false;
          } finally {
            await conn.rollback().catch(() => undefined);
            await conn.close();
          }
        },
        async rows(sql: string) {
          const conn = await handle.engine.connect();
          try {
            const rows = (await conn.executeDriverSql(sql)).rawRows();
            await conn.commit();
            return rows;
          } catch (e) {
            await conn.rollback().catch(() => undefined);
            throw e;
          } finally {
            await conn.close();
          }
        },
        async versions(table = "athanor_version") {
          if (!(await handle.hasTable(table))) return [];
          return (await handle.rows(`SELECT version_num FROM ${table}`)).map((r) => String(r[0])).sort();
        },
      };
      beforeAll(async () => {
        if (name === "sqlite") handle.url = "sqlite://";
        else if (name === "pglite") handle.url = "postgresql+pglite://";
        else {
          provisioned = await migrationDatabase(name);
          handle.url = provisioned.url;
        }
        handle.engine = createEngine(handle.url);
      });
      afterAll(async () => {
        await handle.engine?.dispose();
        await provisioned?.cleanup();
      });
      suite(handle);
    });
  }
}
