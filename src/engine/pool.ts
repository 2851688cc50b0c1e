import type { DriverConnection } from "../dialects/driver.js";
import { TimeoutError } from "../errors.js";

/** A driver connection as the pool tracks it. */
export interface PooledConnection {
  readonly driver: DriverConnection;
  readonly id: number;
  readonly createdAt: number;
  /** Whether a transaction is open on it (the pool rolls it back on return). */
  inTransaction: boolean;
  /** Per-connection state the engine keeps (isolation level set, ...). */
  readonly info: Map<string, unknown>;
}

export interface PoolHooks {
  /** Opens a new driver connection (and runs session setup). */
  create(): Promise<DriverConnection>;
  /** Checks a connection is alive (pre-ping); throws if not. */
  ping(conn: DriverConnection): Promise<void>;
  /** Resets a returned connection (rollback of an open transaction). */
  reset(conn: PooledConnection): Promise<void>;
  onConnect?(conn: PooledConnection): void;
  onCheckout?(conn: PooledConnection): void;
  onCheckin?(conn: PooledConnection): void;
  log?(message: string): void;
}

/** Connection pool settings of `createEngine()`: size, overflow, timeout, recycle, pre-ping, LIFO, reset. */
export interface PoolOptions {
  /** Connections kept open in the pool (default 5). */
  poolSize?: number;
  /** Connections allowed beyond poolSize when all are busy (default 10); closed when returned. */
  maxOverflow?: number;
  /** Seconds to wait for a connection before TimeoutError (default 30). */
  poolTimeout?: number;
  /** Seconds after which a connection is replaced at checkout (-1: never). */
  poolRecycle?: number;
  /** Test each connection at checkout and replace it if dead. */
  poolPrePing?: boolean;
  /** Hand out the most recently returned connection first. */
  poolUseLifo?: boolean;
  /**
   * What to do with a returned connection: "rollback" (default), "commit" or null (nothing). With null,
   * a MySQL connection under REPEATABLE READ (autocommit off) keeps the transaction its last statement
   * opened, and with it that transaction's snapshot, for its next user: null is for callers that end
   * every transaction themselves.
   */
  poolResetOnReturn?: "rollback" | "commit" | null;
}

let nextId = 0;

/** The pool interface: QueuePool, NullPool and StaticPool implement it. */
export abstract class Pool {
  protected readonly hooks: PoolHooks;
  /** Connections created at or before this time are discarded at checkout (soft invalidation). */
  protected invalidatedBefore = -1;
  #checkedOut = 0;
  /** Connections returned with releaseAfter() whose last statement is still running. */
  readonly #returning = new Set<Promise<void>>();

  constructor(hooks: PoolHooks) {
    this.hooks = hooks;
  }

  /** How many connections are lent out right now. */
  get checkedOut(): number {
    return this.#checkedOut;
  }

  abstract get size(): number;
  /** A one-line summary, as SQLAlchemy's pool.status(). */
  abstract status(): string;
  protected abstract acquire(): Promise<PooledConnection>;
  protected abstract putBack(conn: PooledConnection, discard: boolean): Promise<void>;
  abstract dispose(): Promise<void>;

  /** Takes a connection, replacing dead, stale or invalidated ones. */
  async connect(): Promise<PooledConnection> {
    const conn = await this.acquire();
    this.#checkedOut++;
    this.hooks.onCheckout?.(conn);
    return conn;
  }

  /**
   * A checkout that needs no I/O and no waiting (an idle connection, no pre-ping, not stale),
   * or null: the hot path of short sessions skips the asynchronous machinery.
   */
  tryConnectSync(): PooledConnection | null {
    const conn = this.takeIdleSync();
    if (!conn) return null;
    this.#checkedOut++;
    this.hooks.onCheckout?.(conn);
    return conn;
  }

  /** A check-in that needs no I/O (nothing to roll back, nobody waiting); false when it does. */
  tryReleaseSync(conn: PooledConnection): boolean {
    if (conn.inTransaction || !this.putIdleSync(conn)) return false;
    this.#checkedOut--;
    this.hooks.onCheckin?.(conn);
    return true;
  }

  /** An idle connection usable as it is, or null. */
  protected takeIdleSync(): PooledConnection | null {
    return null;
  }

  /** Keeps a returned connection when that needs no I/O; false otherwise. */
  protected putIdleSync(_conn: PooledConnection): boolean {
    return false;
  }

  /** Returns a connection; `invalidate` closes it (after a disconnect, say) instead of keeping it. */
  async release(conn: PooledConnection, opts: { invalidate?: boolean } = {}): Promise<void> {
    this.#checkedOut--;
    await this.#checkIn(conn, opts.invalidate ?? false);
  }

  /**
   * Returns a connection whose last statement (`ending`, a read-only transaction's ROLLBACK) is
   * still running, without the caller waiting for it: the connection counts as returned at once,
   * is lent to nobody before `ending` settles, is discarded if it fails, and dispose() waits for it.
   */
  releaseAfter(conn: PooledConnection, ending: Promise<unknown>): void {
    this.#checkedOut--;
    const back: Promise<void> = ending
      .then(
        () => this.#checkIn(conn, false),
        () => this.#checkIn(conn, true),
      )
      .catch(() => undefined)
      .finally(() => this.#returning.delete(back));
    this.#returning.add(back);
  }

  /** Connections given to releaseAfter() and not back yet. */
  protected get returning(): number {
    return this.#returning.size;
  }

  /** status()'s note of the connections still ending a read-only transaction ("" for none). */
  protected get endingStatus(): string {
    return this.returning > 0 ? ` Ending a read-only transaction: ${this.returning}` : "";
  }

  /** Resolves once every connection given to releaseAfter() is back in the pool (or discarded). */
  async returned(): Promise<void> {
    while (this.#returning.size > 0) await Promise.all(this.#returning);
  }

  async #checkIn(conn: PooledConnection, discard: boolean): Promise<void> {
    if (!discard) {
      try {
        await this.hooks.reset(conn);
      } catch {
        discard = true;
      }
    }
    this.hooks.onCheckin?.(conn);
    await this.putBack(conn, discard);
  }

  /** After a disconnect: every connection created up to now is replaced at its next checkout. */
  invalidateAll(): void {
    this.invalidatedBefore = performance.now();
    this.hooks.log?.("pool: invalidating all connections created before now");
  }

  protected async open(): Promise<PooledConnection> {
    const driver = await this.hooks.create();
    const conn: PooledConnection = {
      driver,
      id: ++nextId,
      createdAt: performance.now(),
      inTransaction: false,
      info: new Map(),
    };
    this.hooks.onConnect?.(conn);
    this.hooks.log?.(`pool: created connection #${conn.id}`);
    return conn;
  }

  protected async close(conn: PooledConnection): Promise<void> {
    this.hooks.log?.(`pool: closing connection #${conn.id}`);
    await conn.driver.close().catch(() => undefined);
  }
}

interface Waiter {
  resolve(conn: PooledConnection | null): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * SQLAlchemy's QueuePool: up to poolSize idle connections kept, up to maxOverflow more opened
 * under load, waiters served in order, TimeoutError after poolTimeout.
 */
export class QueuePool extends Pool {
  readonly poolSize: number;
  readonly maxOverflow: number;
  readonly timeoutMs: number;
  readonly recycleMs: number;
  readonly prePing: boolean;
  readonly lifo: boolean;
  readonly #idle: PooledConnection[] = [];
  readonly #waiters: Waiter[] = [];
  /** Open connections (idle + lent out + being opened). */
  #open = 0;
  #disposed = false;

  constructor(hooks: PoolHooks, opts: PoolOptions = {}) {
    super(hooks);
    this.poolSize = opts.poolSize ?? 5;
    this.maxOverflow = opts.maxOverflow ?? 10;
    this.timeoutMs = (opts.poolTimeout ?? 30) * 1000;
    this.recycleMs = opts.poolRecycle === undefined || opts.poolRecycle < 0 ? -1 : opts.poolRecycle * 1000;
    this.prePing = opts.poolPrePing ?? false;
    this.lifo = opts.poolUseLifo ?? false;
  }

  get size(): number {
    return this.poolSize;
  }

  /** Connections open beyond poolSize. */
  get overflow(): number {
    return this.#open - this.poolSize;
  }

  status(): string {
    return `Pool size: ${this.poolSize}  Connections in pool: ${this.#idle.length} Current Overflow: ${this.overflow} Current Checked out connections: ${this.checkedOut}${this.endingStatus}`;
  }

  protected override takeIdleSync(): PooledConnection | null {
    if (this.prePing || this.#disposed) return null;
    const conn = this.lifo ? this.#idle.at(-1) : this.#idle[0];
    if (!conn) return null;
    const stale =
      conn.createdAt <= this.invalidatedBefore ||
      (this.recycleMs >= 0 && performance.now() - conn.createdAt > this.recycleMs);
    if (stale) return null;
    if (this.lifo) this.#idle.pop();
    else this.#idle.shift();
    return conn;
  }

  protected override putIdleSync(conn: PooledConnection): boolean {
    if (this.#disposed || this.#waiters.length || this.#idle.length >= this.poolSize) return false;
    this.#idle.push(conn);
    return true;
  }

  protected async acquire(): Promise<PooledConnection> {
    for (;;) {
      const idle = this.lifo ? this.#idle.pop() : this.#idle.shift();
      if (idle) {
        const usable = await this.#usable(idle);
        if (usable) return usable;
        continue;
      }
      // A connection finishing its ROLLBACK (releaseAfter) will serve one waiter: beyond
      // poolSize, waiting for it beats opening an overflow connection, for as many waiters as
      // there are such connections; the rest may open overflow connections as usual.
      const awaitReturning = this.#open >= this.poolSize && this.returning > this.#waiters.length;
      if (!awaitReturning && (this.#open < this.poolSize + this.maxOverflow || this.maxOverflow < 0)) {
        this.#open++;
        try {
          return await this.open();
        } catch (e) {
          this.#open--;
          this.#wakeOne();
          throw e;
        }
      }
      const conn = await this.#wait();
      if (conn) {
        const usable = await this.#usable(conn);
        if (usable) return usable;
      }
    }
  }

  /** The connection, or a fresh replacement when it is stale, invalidated or fails its ping. */
  async #usable(conn: PooledConnection): Promise<PooledConnection | null> {
    const now = performance.now();
    const stale =
      conn.createdAt <= this.invalidatedBefore ||
      (this.recycleMs >= 0 && now - conn.createdAt > this.recycleMs);
    if (!stale && this.prePing) {
      try {
        await this.hooks.ping(conn.driver);
        return conn;
      } catch {
        this.hooks.log?.(`pool: connection #${conn.id} failed pre-ping; replacing it`);
        // A dead connection means the server went away: older siblings are suspect too.
        this.invalidateAll();
      }
    } else if (!stale) return conn;
    await this.close(conn);
    try {
      return await this.open();
    } catch (e) {
      this.#open--;
      this.#wakeOne();
      throw e;
    }
  }

  #wait(): Promise<PooledConnection | null> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const i = this.#waiters.indexOf(waiter);
          if (i >= 0) this.#waiters.splice(i, 1);
          reject(new TimeoutError(this.timeoutMessage()));
        }, this.timeoutMs),
      };
      this.#waiters.push(waiter);
    });
  }

  /** Why a checkout timed out, and what to do about it. */
  protected timeoutMessage(): string {
    return (
      `QueuePool limit of size ${this.poolSize} overflow ${this.maxOverflow} reached, connection timed out, timeout ${(this.timeoutMs / 1000).toFixed(2)}s. ` +
      `Every connection is checked out: make sure sessions and connections are closed (await using, SessionLocal.begin(...)), ` +
      `or raise poolSize / maxOverflow. ${this.status()}`
    );
  }

  /** Tells one waiter to retry (a slot opened up). */
  #wakeOne(): void {
    const w = this.#waiters.shift();
    if (w) {
      clearTimeout(w.timer);
      w.resolve(null);
    }
  }

  protected async putBack(conn: PooledConnection, discard: boolean): Promise<void> {
    if (this.#disposed) {
      this.#open--;
      await this.close(conn);
      return;
    }
    const w = !discard ? this.#waiters.shift() : undefined;
    if (w) {
      clearTimeout(w.timer);
      w.resolve(conn);
      return;
    }
    if (discard || this.#idle.length >= this.poolSize) {
      this.#open--;
      await this.close(conn);
      this.#wakeOne();
      return;
    }
    this.#idle.push(conn);
  }

  async dispose(): Promise<void> {
    await this.returned();
    this.#disposed = true;
    const idle = this.#idle.splice(0);
    this.#open -= idle.length;
    await Promise.all(idle.map((c) => this.close(c)));
  }
}

/** A new connection for every checkout, closed on return. */
export class NullPool extends Pool {
  get size(): number {
    return 0;
  }
  status(): string {
    return `NullPool: ${this.checkedOut} checked out${this.endingStatus}`;
  }
  protected acquire(): Promise<PooledConnection> {
    return this.open();
  }
  protected async putBack(conn: PooledConnection): Promise<void> {
    await this.close(conn);
  }
  async dispose(): Promise<void> {
    await this.returned();
  }
}

/**
 * Exactly one connection, lent to one user at a time (others wait). For in-memory SQLite and
 * PGlite, where the database lives in that single connection.
 */
export class StaticPool extends QueuePool {
  constructor(hooks: PoolHooks, opts: PoolOptions = {}) {
    super(hooks, {
      ...opts,
      poolSize: 1,
      maxOverflow: 0,
      poolRecycle: -1,
      poolPrePing: false,
      poolTimeout: opts.poolTimeout ?? 30,
    });
  }
  override status(): string {
    return `StaticPool: ${this.checkedOut ? "in use" : "idle"}${this.endingStatus}`;
  }
  protected override timeoutMessage(): string {
    return (
      `StaticPool connection timed out, timeout ${(this.timeoutMs / 1000).toFixed(2)}s: this database (in-memory SQLite, PGlite) ` +
      `lives in a single connection, lent to one borrower at a time, and it is still checked out. ` +
      `Close the open connection or session first (a second engine.connect() while one is open in the same ` +
      `async flow waits forever), or raise poolTimeout for long transactions.`
    );
  }
  /** The one connection holds the data: never discard it for staleness. */
  override invalidateAll(): void {}
}
