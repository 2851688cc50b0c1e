/**
 * The driver adapter contract: a thin, uniform face over pg, PGlite, better-sqlite3 and mysql2.
 * Rows always come back as arrays (positional), which the Result and the ORM's generated
 * hydrators read without building intermediate objects.
 */
import { ArgumentError } from "../errors.js";

export interface DriverResult {
  /** Rows as arrays, in column order ([] for statements that return none). */
  readonly rows: unknown[][];
  /** Column names, or null when the statement returns no rows. */
  readonly fields: readonly string[] | null;
  /** Rows affected (INSERT / UPDATE / DELETE) or returned. */
  readonly rowCount: number;
  /** The generated key of the last inserted row (SQLite rowid, MySQL insertId). */
  readonly lastInsertId?: number | bigint | null;
  /**
   * The first column's values, one per row, when the caller asked for `column` and the driver
   * could answer that way (rows is then empty): no array per row.
   */
  readonly column?: unknown[];
}

export interface ExecuteOptions {
  /** A stable statement name: the driver may keep it prepared server-side (node-pg). */
  readonly name?: string;
  /** Read integers as bigint (better-sqlite3 safeIntegers) for exact 64-bit values. */
  readonly bigint?: boolean;
  /** Whether the statement is known to return rows (lets synchronous drivers pick all() vs run()). */
  readonly returnsRows?: boolean;
  /** The statement returns one row at most (a primary-key lookup): a driver may fetch just that. */
  readonly single?: boolean;
  /**
   * The caller reads the first column only (the keys an INSERT ... RETURNING generated): a driver
   * may answer with DriverResult.column instead of rows (better-sqlite3's pluck mode).
   */
  readonly column?: boolean;
}

export interface DriverConnection {
  execute(sql: string, params: readonly unknown[], opts?: ExecuteOptions): Promise<DriverResult>;
  /** The same, synchronously, for in-process drivers (better-sqlite3): saves the async hop. */
  executeSync?(sql: string, params: readonly unknown[], opts?: ExecuteOptions): DriverResult;

  /** Runs one statement once per parameter set; returns the total rows affected. */
  executeMany(
    sql: string,
    paramSets: readonly (readonly unknown[])[],
    opts?: ExecuteOptions,
  ): Promise<number>;
  /** Streams a large result in batches (server-side cursor where the database has one). */
  stream(
    sql: string,
    params: readonly unknown[],
    batchSize: number,
    opts?: ExecuteOptions,
  ): AsyncIterable<{ fields: readonly string[]; rows: unknown[][] }>;
  /**
   * Asks the server to stop the statement running on this connection (PostgreSQL's cancel
   * request, MySQL's KILL QUERY from a second connection); the running call then rejects.
   * Absent where a running statement cannot be interrupted (SQLite and PGlite run in-process).
   */
  cancel?(): Promise<void>;
  /** True once the connection cannot take another statement (a driver gave up on one still running). */
  readonly unusable?: boolean;
  /** Whether the connection reports an open transaction (where the driver can tell). */
  readonly inTransaction?: boolean;
  close(): Promise<void>;
  /** The underlying driver connection (pg.Client, PGlite, better-sqlite3 Database, mysql2 Connection). */
  readonly raw: unknown;
}

/** Loads an optional peer dependency, or says exactly which package to install. */
export async function loadDriverModule<T>(pkg: string, url: string): Promise<T> {
  try {
    return (await import(pkg)) as T;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      // The package to install, not the module path inside it ("mysql2", not "mysql2/promise").
      const name = pkg
        .split("/")
        .slice(0, pkg.startsWith("@") ? 2 : 1)
        .join("/");
      throw new ArgumentError(
        `The URL ${url} needs the driver package '${name}', which is not installed. Run: npm install ${name}`,
        { cause: e },
      );
    }
    throw e;
  }
}
