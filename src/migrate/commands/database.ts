/** Opening the config's database for a command, and the locked run every writing command uses. */
import type { Dialect } from "../../dialects/dialect.js";
import type { Connection } from "../../engine/connection.js";
import { createEngine, type Engine } from "../../engine/engine.js";
import { makeUrl } from "../../engine/url.js";
import type { ResolvedConfig } from "../config/config.js";
import { ConfigError, DatabaseConnectError } from "../errors.js";
import { acquireMigrationLock } from "../runtime/lock.js";
import { TransactionControl } from "../runtime/transactions.js";
import { VersionTable } from "../runtime/version-table.js";

/** An open connection to the config's database. */
export interface OpenDatabase {
  readonly engine: Engine;
  readonly conn: Connection;
  readonly versionTable: VersionTable;
  close(): Promise<void>;
}

function requireUrl(config: ResolvedConfig): string {
  if (config.url) return config.url;
  throw new ConfigError(
    "No database URL: set `url` in athanor.config.ts, set the DATABASE_URL environment variable, or pass --url.",
  );
}

/** The config's engine: its own `engine`, or one made from the URL (closed by the caller). */
export function engineFor(config: ResolvedConfig): { engine: Engine; owned: boolean } {
  if (config.engine) return { engine: config.engine, owned: false };
  return { engine: createEngine(requireUrl(config), config.engineOptions), owned: true };
}

/** The dialect of the config's database, without connecting (offline SQL). */
export function dialectFor(config: ResolvedConfig): Dialect {
  if (config.engine) return config.engine.dialect;
  const { engine } = engineFor(config);
  return engine.dialect;
}

/** The URL of the config's database with the password masked, for messages. */
export function describeDatabase(config: ResolvedConfig): string {
  if (config.engine) return String(config.engine.url);
  try {
    return String(makeUrl(requireUrl(config)));
  } catch {
    return "(unparseable URL)";
  }
}

/** Connects to the config's database; a failure says which URL and what to check. */
export async function openDatabase(config: ResolvedConfig): Promise<OpenDatabase> {
  const { engine, owned } = engineFor(config);
  let conn: Connection;
  try {
    conn = await engine.connect();
  } catch (e) {
    if (owned) await engine.dispose().catch(() => undefined);
    const reason = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new DatabaseConnectError(
      `Could not connect to ${engine.url}: ${reason}. Check the URL (athanor.config.ts, DATABASE_URL or --url) and that the database is running.`,
      { cause: e },
    );
  }
  return {
    engine,
    conn,
    versionTable: new VersionTable(config.versionTable, config.versionTableSchema),
    close: async () => {
      await conn.close().catch(() => undefined);
      if (owned) await engine.dispose().catch(() => undefined);
    },
  };
}

/** What a locked run gets. */
export interface LockedRun {
  readonly conn: Connection;
  readonly transactions: TransactionControl;
  readonly versionTable: VersionTable;
}

/** Opens the database, takes the migration lock, runs `fn`, and releases everything. */
export async function withLockedRun<T>(
  config: ResolvedConfig,
  log: (line: string) => void,
  fn: (run: LockedRun) => Promise<T>,
): Promise<T> {
  const db = await openDatabase(config);
  try {
    const transactions = new TransactionControl(db.conn);
    await transactions.setUp(config.lockTimeout);
    const lock = await acquireMigrationLock(db.conn, {
      versionTable: config.versionTable,
      schema: config.versionTableSchema,
      timeoutSeconds: config.lockTimeout,
      log,
    });
    try {
      return await fn({ conn: db.conn, transactions, versionTable: db.versionTable });
    } finally {
      await lock.release().catch(() => undefined);
    }
  } finally {
    await db.close();
  }
}

/** Reads the version table's rows (empty when the table does not exist yet). */
export async function readVersionRows(config: ResolvedConfig): Promise<string[]> {
  const db = await openDatabase(config);
  try {
    const rows = await db.versionTable.read(db.conn);
    await db.conn.rollback();
    return rows;
  } finally {
    await db.close();
  }
}
