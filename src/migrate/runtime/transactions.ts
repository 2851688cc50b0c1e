/**
 * Transaction control for a migration run. PostgreSQL and MySQL use the Connection's own
 * transactions. SQLite runs the connection in autocommit mode and sends BEGIN EXCLUSIVE itself:
 * the exclusive lock is what serialises concurrent runs there, and PRAGMA foreign_keys can only
 * change outside a transaction.
 */
import type { Connection } from "../../engine/connection.js";

/** Begins, commits and rolls back the run's transactions on one connection. */
export class TransactionControl {
  readonly conn: Connection;
  readonly #sqlite: boolean;
  #open = false;

  /** Wraps `conn`; call setUp() before the first begin(). */
  constructor(conn: Connection) {
    this.conn = conn;
    this.#sqlite = conn.dialect.name === "sqlite";
  }

  /** Whether a transaction is open. */
  get open(): boolean {
    return this.#open;
  }

  /** Prepares the connection (SQLite: autocommit mode, and a busy timeout as long as the lock timeout). */
  async setUp(lockTimeoutSeconds: number): Promise<void> {
    if (!this.#sqlite) return;
    await this.conn.executionOptions({ isolationLevel: "AUTOCOMMIT" });
    await this.conn.executeDriverSql(
      `PRAGMA busy_timeout = ${Math.max(1, Math.round(lockTimeoutSeconds * 1000))}`,
    );
  }

  async begin(): Promise<void> {
    if (this.#sqlite) await this.conn.executeDriverSql("BEGIN EXCLUSIVE");
    else await this.conn.begin();
    this.#open = true;
  }

  async commit(): Promise<void> {
    this.#open = false;
    if (this.#sqlite) await this.conn.executeDriverSql("COMMIT");
    else await this.conn.commit();
  }

  async rollback(): Promise<void> {
    this.#open = false;
    if (this.#sqlite) {
      // SQLite may already have rolled back on its own (after SQLITE_FULL, for instance).
      const raw = this.conn.driverConnection as { inTransaction?: boolean };
      if (raw.inTransaction !== false) await this.conn.executeDriverSql("ROLLBACK");
    } else await this.conn.rollback();
  }

  /** Runs `fn` outside any transaction (commits first, begins again after): `autocommitBlock`. */
  async outside<T>(fn: () => Promise<T>): Promise<T> {
    const wasOpen = this.#open;
    if (wasOpen) await this.commit();
    try {
      if (this.#sqlite) return await fn();
      const previous = this.conn.isolationLevel ?? this.conn.dialect.defaultIsolationLevel;
      await this.conn.executionOptions({ isolationLevel: "AUTOCOMMIT" });
      try {
        return await fn();
      } finally {
        await this.conn.executionOptions({ isolationLevel: previous });
      }
    } finally {
      if (wasOpen) await this.begin();
    }
  }
}
