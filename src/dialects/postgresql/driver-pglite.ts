import type { PGlite } from "@electric-sql/pglite";
import type { ConnectionUrl } from "../dialect.js";
import { type DriverConnection, type DriverResult, loadDriverModule } from "../driver.js";
import { PG_TEXT_PARSERS } from "./type-parsers.js";

type PgliteModule = typeof import("@electric-sql/pglite");

class PgliteConnection implements DriverConnection {
  readonly raw: PGlite;
  constructor(db: PGlite) {
    this.raw = db;
  }

  async execute(sql: string, params: readonly unknown[]): Promise<DriverResult> {
    const res = await this.raw.query<unknown[]>(sql, params as unknown[], {
      rowMode: "array",
      parsers: PG_TEXT_PARSERS as never,
    });
    const isSelectLike = res.fields.length > 0;
    return {
      rows: res.rows,
      fields: isSelectLike ? res.fields.map((f) => f.name) : null,
      rowCount: isSelectLike ? res.rows.length : (res.affectedRows ?? 0),
    };
  }

  async executeMany(sql: string, paramSets: readonly (readonly unknown[])[]): Promise<number> {
    let total = 0;
    for (const params of paramSets) total += (await this.execute(sql, params)).rowCount;
    return total;
  }

  /** PGlite runs in-process: the result is materialised in its memory anyway, then yielded in batches. */
  async *stream(
    sql: string,
    params: readonly unknown[],
    batchSize: number,
  ): AsyncIterable<{ fields: readonly string[]; rows: unknown[][] }> {
    const res = await this.execute(sql, params);
    for (let i = 0; i < res.rows.length; i += batchSize)
      yield { fields: res.fields ?? [], rows: res.rows.slice(i, i + batchSize) };
  }

  async close(): Promise<void> {
    // The database lives as long as the engine; Engine.dispose() closes it.
  }
}

/** Opens an embedded PGlite database: `postgresql+pglite://` (memory) or `postgresql+pglite:///path`. */
export async function openPglite(
  url: ConnectionUrl,
  connectArgs: Readonly<Record<string, unknown>> = {},
): Promise<{ db: PGlite; connect(): DriverConnection }> {
  const mod = await loadDriverModule<PgliteModule>("@electric-sql/pglite", String(url));
  const dataDir = url.database ? url.database : undefined;
  // connectArgs are PGlite options (extensions, debug, ...), as createEngine documents. In
  // memory they go first: PGlite ignores the options after an undefined data directory.
  const db = dataDir ? new mod.PGlite(dataDir, connectArgs as never) : new mod.PGlite(connectArgs as never);
  await db.waitReady;
  await db.exec("SET TIME ZONE 'UTC'");
  return { db, connect: () => new PgliteConnection(db) };
}
