import type { Dialect, IsolationLevel } from "../dialects/dialect.js";
import type { DriverConnection } from "../dialects/driver.js";
import { MysqlDialect } from "../dialects/mysql/dialect.js";
import { PgDialect } from "../dialects/postgresql/dialect.js";
import { kPreparedStatements } from "../dialects/postgresql/driver-pg.js";
import { SqliteDialect } from "../dialects/sqlite/dialect.js";
import { ArgumentError, AthanorError } from "../errors.js";
import { kDdlRunner } from "../schema/protocols.js";
import { checkTimeout } from "./cancel.js";
import { Connection, type ExecutionOptions } from "./connection.js";
import { EventHub, type EventName, type Listener } from "./events.js";
import {
  NullPool,
  type Pool,
  type PooledConnection,
  type PoolHooks,
  type PoolOptions,
  QueuePool,
  StaticPool,
} from "./pool.js";
import type { ReplicaOptions } from "./replicas/options.js";
import { ReplicaSet } from "./replicas/replica-set.js";
import { type RetrySetting, retrying } from "./retry.js";
import { schemaRunner } from "./schema-runner.js";
import { type DatabaseUrl, makeUrl, SUPPORTED_URLS } from "./url.js";

/** Where `echo` and `echoPool` lines go (the `logger` engine option); console by default. */
export interface Logger {
  info(message: string): void;
  debug?(message: string): void;
}

export interface EngineOptions extends PoolOptions, ReplicaOptions {
  /** "queue" (default for servers and SQLite files), "null" (no pooling) or "static" (one shared connection). */
  poolClass?: "queue" | "null" | "static";
  /** Isolation level of every connection ("READ COMMITTED", ..., or "AUTOCOMMIT"). */
  isolationLevel?: IsolationLevel;
  /** Log every statement with its parameters and duration (true), or also rows and pool events ("debug"). */
  echo?: boolean | "debug";
  /** Log pool events: connections opened, closed and invalidated (true), also checkouts and check-ins ("debug"). */
  echoPool?: boolean | "debug";
  /** Where echo output goes (console by default). */
  logger?: Logger;
  /** Options passed to the driver's connect (pg ClientConfig, mysql2 ConnectionOptions, ...). */
  connectArgs?: Record<string, unknown>;
  /** Default execution options of every connection. */
  executionOptions?: ExecutionOptions;
  /** Keep parameter values out of logs and error messages. */
  hideParameters?: boolean;
  /**
   * Milliseconds any statement may run before it is cancelled on the server (PostgreSQL cancel
   * request, MySQL KILL QUERY) and fails with StatementCancelledError; per call, execute(...,
   * { timeout }) narrows it. SQLite and PGlite run in-process and cannot stop a running
   * statement: there the limit is checked before each statement.
   */
  statementTimeout?: number;
  /**
   * PostgreSQL (node-pg): whether statements are sent named, so the server keeps them prepared.
   * Leave it out to have it detected: off behind a pooler (PgBouncer answers with a cancel key of
   * its own), on otherwise. false for a pooler in transaction mode that cannot keep prepared
   * statements (PgBouncer before 1.21, or without max_prepared_statements); true only where it can.
   * MySQL / MariaDB (mysql2): compiled statements run prepared (binary protocol) unless false.
   */
  preparedStatements?: boolean;
  /**
   * Whether work that needs no waiting is done without awaiting (default true): a session takes
   * an idle pooled connection, runs a query on better-sqlite3 and closes in the same turn. false
   * sends everything through the asynchronous path, as attaching an execute listener does: for
   * tests that must cover that path, or to rule the fast path out when debugging.
   */
  syncFastPath?: boolean;
}

/** Creates the dialect object for a URL; an explicit registry, no import side effects. */
function dialectFor(url: DatabaseUrl): Dialect {
  const backend = url.backend;
  const driver = url.driver;
  if (
    (backend === "postgresql" || backend === "postgres") &&
    (driver === null || driver === "pg" || driver === "psycopg2" || driver === "psycopg")
  ) {
    return new PgDialect("pg");
  }
  if ((backend === "postgresql" || backend === "postgres") && driver === "pglite")
    return new PgDialect("pglite");
  if (backend === "sqlite" && (driver === null || driver === "better-sqlite3" || driver === "pysqlite")) {
    const d = new SqliteDialect();
    d.configureForUrl(url);
    return d;
  }
  if (
    (backend === "mysql" || backend === "mariadb") &&
    (driver === null || driver === "mysql2" || driver === "pymysql" || driver === "mysqldb")
  ) {
    return new MysqlDialect();
  }
  throw new ArgumentError(
    `Can't load a dialect for '${url.drivername}' (in ${url}). Supported URLs:\n  ${SUPPORTED_URLS.join("\n  ")}`,
  );
}

const NO_OPTIONS: ExecutionOptions = Object.freeze({});

const consoleLogger: Logger = { info: (m) => console.log(m), debug: (m) => console.debug(m) };

/**
 * A database and its connection pool: `createEngine("postgresql://...", { poolSize: 5 })`.
 * Create one per database per process and share it.
 */
export class Engine {
  readonly url: DatabaseUrl;
  readonly dialect: Dialect;
  readonly pool: Pool;
  readonly options: EngineOptions;
  readonly events = new EventHub();
  /** The echo logger, or null when echo is off. */
  readonly logger: Logger | null;
  #initialized: Promise<void> | null = null;
  #disposed = false;
  /** The syncFastPath option (see _syncAllowed). */
  readonly #syncFastPath: boolean;
  /** What the driver's connect receives: connectArgs, and the preparedStatements setting. */
  readonly #connectArgs: Readonly<Record<string | symbol, unknown>>;
  /** @internal The read replicas, or null without `replicas`. */
  readonly _replicas: ReplicaSet | null;
  /** createAll / dropAll / reflect through this engine (each in a transaction of its own). */
  readonly [kDdlRunner] = schemaRunner((fn) => this.begin(fn));

  constructor(url: DatabaseUrl, dialect: Dialect, options: EngineOptions) {
    this.url = url;
    this.dialect = dialect;
    this.options = options;
    checkTimeout(options.statementTimeout, "createEngine({ statementTimeout })");
    this.#connectArgs =
      options.preparedStatements === undefined
        ? (options.connectArgs ?? {})
        : { ...options.connectArgs, [kPreparedStatements]: options.preparedStatements };
    this._replicas = options.replicas?.length ? this.#replicaSet(options) : null;
    this.logger = options.echo ? (options.logger ?? consoleLogger) : null;
    this.#syncFastPath = options.syncFastPath !== false;
    const poolLogger = options.echoPool ? (options.logger ?? consoleLogger) : null;
    const poolDebug =
      poolLogger && options.echoPool === "debug"
        ? (m: string) => (poolLogger.debug ?? poolLogger.info).call(poolLogger, `[athanor.pool] ${m}`)
        : null;
    const hooks: PoolHooks = {
      create: () => this.#openDriverConnection(),
      ping: (conn) => dialect.ping(conn),
      reset: async (conn) => {
        if (!conn.inTransaction) return;
        const reset = options.poolResetOnReturn === undefined ? "rollback" : options.poolResetOnReturn;
        if (reset !== null) await conn.driver.execute(reset === "commit" ? "COMMIT" : "ROLLBACK", []);
        conn.inTransaction = false;
      },
      onConnect: (conn) => this.events.emit("connect", { raw: conn.driver.raw }),
      // Every checkout and checkin: no event object unless someone listens.
      onCheckout: (conn) => {
        if (poolDebug) poolDebug(`pool: connection #${conn.id} checked out`);
        if (this.events.has("checkout")) this.events.emit("checkout", { raw: conn.driver.raw });
      },
      onCheckin: (conn) => {
        if (poolDebug) poolDebug(`pool: connection #${conn.id} checked in`);
        if (this.events.has("checkin")) this.events.emit("checkin", { raw: conn.driver.raw });
      },
      log: poolLogger ? (m) => poolLogger.info(`[athanor.pool] ${m}`) : undefined,
    };
    const poolClass = options.poolClass ?? dialect.defaultPool;
    this.pool =
      poolClass === "null"
        ? new NullPool(hooks)
        : poolClass === "static"
          ? new StaticPool(hooks, options)
          : new QueuePool(hooks, options);
  }

  async #openDriverConnection() {
    let conn: DriverConnection;
    try {
      conn = await this.dialect.connect(this.url, this.#connectArgs as Record<string, unknown>);
    } catch (e) {
      throw e instanceof AthanorError ? e : this.dialect.mapError(e, { connecting: String(this.url) });
    }
    try {
      this.#initialized ??= this.dialect.initialize(conn);
      await this.#initialized;
      await this.dialect.onConnect(conn);
      for (const sql of this.dialect.connectIsolationSql(this.options.isolationLevel || undefined))
        await conn.execute(sql, []);
    } catch (e) {
      this.#initialized = null;
      await conn.close().catch(() => undefined);
      throw e instanceof AthanorError ? e : this.dialect.mapError(e, { connecting: String(this.url) });
    }
    return conn;
  }

  /** One engine per replica URL, with this engine's options; PostgreSQL (node-pg) only. */
  #replicaSet(options: EngineOptions): ReplicaSet {
    if (!(this.dialect instanceof PgDialect) || this.dialect.driverName !== "pg")
      throw new ArgumentError(
        `createEngine({ replicas }) needs PostgreSQL through node-pg (postgresql://); ${this.url} is not: remove the replicas option`,
      );
    const own: EngineOptions = { ...options, replicas: undefined };
    const engines = options.replicas!.map((u) => {
      const parsed = makeUrl(u);
      const dialect = dialectFor(parsed);
      if (!(dialect instanceof PgDialect) || dialect.driverName !== "pg")
        throw new ArgumentError(
          `createEngine({ replicas }): replica ${parsed} is not a postgresql:// URL; replicas must be PostgreSQL streaming replicas of ${this.url}`,
        );
      return new Engine(parsed, dialect, own);
    });
    return new ReplicaSet(engines, options);
  }

  /** The engines of the read replicas (`replicas` option), in order; empty without. */
  get replicas(): readonly Engine[] {
    return this._replicas?.engines ?? [];
  }

  /**
   * @internal The one place that decides whether work that needs no waiting may skip the
   * asynchronous path (Engine._connectSync, Connection's _runPreparedSync, _rollbackSync,
   * _closeSync and the pool's synchronous check-out and check-in): not when the syncFastPath
   * option is false, and not while anything observes statements (execute listeners, echo), which
   * the asynchronous path reports to. Measured: 2,000 session.get() on SQLite, a fresh session
   * each, take 2.7 to 2.9 times as long without it (bench/micro/session-get.ts).
   */
  _syncAllowed(): boolean {
    const events = this.events;
    return (
      this.#syncFastPath &&
      this.logger === null &&
      !events.has("beforeExecute") &&
      !events.has("afterExecute")
    );
  }

  /** Checks out a connection; close it (or `await using`) to return it. */
  async connect(): Promise<Connection> {
    const ready = this._connectSync();
    if (ready !== null) return ready;
    const executionOptions = this.options.executionOptions ?? NO_OPTIONS;
    const conn = new Connection(this, await this._checkout(), executionOptions);
    if (executionOptions.isolationLevel !== undefined) {
      try {
        await conn.executionOptions({ isolationLevel: executionOptions.isolationLevel });
      } catch (e) {
        await conn.invalidate().catch(() => undefined);
        await conn.close();
        throw e;
      }
    }
    return conn;
  }

  /**
   * @internal connect() without waiting, or null (the pool must open, ping or wait, or an
   * isolation level must be set, or _syncAllowed() says no). With replicas a session that only
   * reads never needs the primary: its connection is taken from the pool at the first statement
   * that does (a write, or a read a replica cannot serve).
   */
  _connectSync(): Connection | null {
    if (this.#disposed) return null;
    const executionOptions = this.options.executionOptions ?? NO_OPTIONS;
    if (executionOptions.isolationLevel !== undefined) return null;
    if (this._replicas !== null) return new Connection(this, null, executionOptions);
    const pooled = this._syncAllowed() ? this.pool.tryConnectSync() : null;
    return pooled === null ? null : new Connection(this, pooled, executionOptions);
  }

  /** @internal A pooled connection, with connect errors mapped. */
  async _checkout(): Promise<PooledConnection> {
    if (this.#disposed) throw new ArgumentError("This engine was disposed; create a new one");
    try {
      return await this.pool.connect();
    } catch (e) {
      // Our own errors (pool TimeoutError, a missing driver package, an already mapped
      // driver error) keep their class and message; only raw driver errors are mapped.
      throw e instanceof AthanorError ? e : this.dialect.mapError(e, { connecting: String(this.url) });
    }
  }

  /**
   * Runs `fn` in a transaction on a fresh connection: committed when `fn` resolves, rolled back
   * when it throws; the connection always goes back to the pool.
   */
  async begin<T>(fn: (conn: Connection) => Promise<T>, opts?: { retry?: RetrySetting }): Promise<T> {
    // Each run is a whole transaction on a fresh connection: a serialization failure or deadlock
    // rolled the last one back.
    if (opts?.retry !== undefined && opts.retry !== false) return retrying(() => this.begin(fn), opts.retry);
    const conn = await this.connect();
    try {
      await conn.begin();
      const result = await fn(conn);
      await conn.commit();
      return result;
    } catch (e) {
      await conn.rollback().catch(() => undefined);
      throw e;
    } finally {
      await conn.close();
    }
  }

  /** A pooled driver connection for legacy code; call `release()` when done. */
  async rawConnection(): Promise<{ readonly raw: unknown; release(): Promise<void> }> {
    const pooled = await this._checkout();
    // MySQL with autocommit off: what the caller runs may open a transaction; release ends it.
    if (this.dialect.driverSqlMayOpenTransaction) pooled.inTransaction = true;
    return { raw: pooled.driver.raw, release: () => this.pool.release(pooled) };
  }

  on<E extends EventName>(name: E, listener: Listener<E>): this {
    this.events.on(name, listener);
    return this;
  }

  off<E extends EventName>(name: E, listener: Listener<E>): this {
    this.events.off(name, listener);
    return this;
  }

  /** Closes pooled connections; checked-out ones close when returned. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    await this._replicas?.dispose();
    await this.pool.dispose();
    await (this.dialect as { dispose?: () => Promise<void> }).dispose?.();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  /**
   * @internal Echo output for one statement: whether its SQL came from the compiled cache
   * (`cached`), was compiled now (`generated`) or was not compiled at all (`raw sql`: BEGIN,
   * driver SQL), and how long it ran.
   */
  logStatement(sql: string, params: readonly unknown[], durationMs: number, cached: boolean | null): void {
    if (!this.logger) return;
    const shown = this.options.hideParameters ? "[parameters hidden]" : formatParams(params);
    const origin = cached === null ? "raw sql" : cached ? "cached" : "generated";
    this.logger.info(
      `[athanor.engine] ${sql}\n[athanor.engine] [${origin} in ${durationMs.toFixed(2)}ms] ${shown}`,
    );
  }

  /** @internal echo: "debug" also logs the rows a statement returned. */
  logRows(rows: readonly (readonly unknown[])[]): void {
    if (!this.logger || this.options.hideParameters) return;
    const log = this.logger.debug ?? this.logger.info;
    for (const row of rows) log.call(this.logger, `[athanor.engine] Row ${formatParams(row)}`);
  }

  toString(): string {
    return `Engine(${this.url})`;
  }
}

function formatParams(params: readonly unknown[]): string {
  if (!params.length) return "()";
  const joined = params.map(formatValue).join(", ");
  return `(${joined.length > 500 ? `${joined.slice(0, 500)}...` : joined})`;
}

/** One parameter for echo; never throws (bigint and bytes have no JSON form). */
function formatValue(p: unknown): string {
  if (typeof p === "bigint") return `${p}n`;
  if (p instanceof Uint8Array) return `<${p.byteLength} bytes>`;
  if (Array.isArray(p)) return `[${p.map(formatValue).join(", ")}]`;
  try {
    return JSON.stringify(p) ?? String(p);
  } catch {
    return String(p);
  }
}

/**
 * `createEngine(url, options)`: a pool of connections to one database. URLs:
 * `postgresql://`, `postgresql+pglite://`, `sqlite://`, `mysql://` (see SUPPORTED_URLS).
 */
export function createEngine(url: string | DatabaseUrl, options: EngineOptions = {}): Engine {
  const parsed = makeUrl(url);
  return new Engine(parsed, dialectFor(parsed), options);
}
