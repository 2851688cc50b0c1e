import type { Dialect, IsolationLevel, PreparedStatement } from "../dialects/dialect.js";
import type { DriverConnection, DriverResult, ExecuteOptions } from "../dialects/driver.js";
import {
  ArgumentError,
  InvalidRequestError,
  ResourceClosedError,
  StatementCancelledError,
} from "../errors.js";
import { isDdl } from "../schema/ddl.js";
import { kDdlRunner } from "../schema/protocols.js";
import type { BindValues, CompiledStatement } from "../sql/compiler/compiled.js";
import { Insert } from "../sql/dml.js";
import type { Node } from "../sql/node.js";
import type { kItems } from "../sql/protocols.js";
import type { UntypedItems } from "../sql/typing.js";
import { checkTimeout, mergeLimits, runLimited, type StatementLimits } from "./cancel.js";
import { driverOptions, plainRead, rowFactoryFor } from "./compiled-memo.js";
import type { Engine } from "./engine.js";
import type { ExecutionOptions, Params } from "./execution-options.js";
import { insertManyValues } from "./insert-many.js";
import { restoreIsolation } from "./isolation.js";
import type { PooledConnection } from "./pool.js";
import { newRoute, type ReplicaRoute } from "./replicas/route.js";
import { AsyncResult, createRowFactory, Result, type ScalarResult } from "./result.js";
import { schemaRunner } from "./schema-runner.js";
import { busyStreamingError, mappedDriverError, observed, type StatementCall } from "./statement-events.js";
import { NestedTransaction, Transaction } from "./transaction.js";

/** The row types a statement yields, from its phantom `[kItems]`. */
export type ItemsOf<S> = S extends { readonly [kItems]: infer I extends readonly unknown[] }
  ? I
  : UntypedItems;

export type { ExecutionOptions, Params } from "./execution-options.js";

type TxState = "none" | "deferred" | "active" | "invalid";

/** A driver that runs statements without waiting (better-sqlite3). */
type SyncDriver = Required<Pick<DriverConnection, "executeSync">>;

/** The newest connection, kept alive for V8's optimized code (see the newest Transaction in transaction.ts). */
const newest: { current: Connection | null } = { current: null };

/**
 * A database connection checked out of the engine's pool. Like SQLAlchemy 2.0's Connection it
 * begins a transaction on first use; `commit()` makes the work permanent and `close()` rolls
 * back whatever was not committed. Use `await using conn = await engine.connect()`.
 */
export class Connection implements AsyncDisposable {
  readonly engine: Engine;
  readonly dialect: Dialect;
  #pooled: PooledConnection | null;
  #closed = false;
  #tx: TxState = "none";
  /** Whether the open transaction has only run plain reads (read-only.ts): no write, no lock. */
  #readsOnly = false;
  #savepoints = 0;
  #isolation: IsolationLevel | null = null;
  #executionOptions: ExecutionOptions;
  /** Streams being read on this connection (`for await` over stream()); statements must wait for them. */
  #streaming = 0;
  /** Timeout and signal of the statements running now (engine's statementTimeout by default). */
  #limits: StatementLimits | null;
  /**
   * @internal With read replicas: this connection's (or its session's) last commit position and
   * pinning, made on first use; a Session hands every connection it takes the same one.
   */
  _route: ReplicaRoute | null = null;
  /** Whether a pooled connection was ever held (with read replicas it is taken at the first primary statement). */
  #checkedOut: boolean;
  /** createAll / dropAll / reflect on this connection, inside its current transaction. */
  get [kDdlRunner]() {
    return schemaRunner((fn) => fn(this));
  }

  /** `pooled` null: taken from the pool at the first statement that needs the primary (read replicas). */
  constructor(engine: Engine, pooled: PooledConnection | null, executionOptions: ExecutionOptions) {
    this.engine = engine;
    this.dialect = engine.dialect;
    this.#pooled = pooled;
    this.#checkedOut = pooled !== null;
    this.#executionOptions = executionOptions;
    const timeout = engine.options.statementTimeout;
    this.#limits = timeout === undefined ? null : { timeout };
    newest.current = this;
  }

  /** The driver's own connection object (pg.Client, better-sqlite3 Database, ...), for legacy code. */
  get driverConnection(): unknown {
    const pooled = this.#ensurePooled();
    // MySQL with autocommit off: what the caller runs may open a transaction; close ends it.
    if (this.dialect.driverSqlMayOpenTransaction) pooled.inTransaction = true;
    this.#readsOnly = false;
    return pooled.driver.raw;
  }

  /** Whether the underlying connection was discarded (lost); the next statement reconnects. */
  get invalidated(): boolean {
    return !this.#closed && this.#pooled === null && this.#checkedOut;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Whether a transaction is open (begun, or pending its first statement). */
  inTransaction(): boolean {
    return this.#tx !== "none";
  }

  /** Whether a transaction has actually been started on the server. */
  get transactionStarted(): boolean {
    return this.#tx === "active";
  }

  /** Whether a SAVEPOINT is open. */
  inNestedTransaction(): boolean {
    return this.#savepoints > 0;
  }

  /** Sets options for this connection (isolationLevel applies from the next transaction). */
  async executionOptions(opts: ExecutionOptions): Promise<this> {
    if (opts.isolationLevel !== undefined) {
      if (this.#tx === "active")
        throw new InvalidRequestError(
          "Set the isolation level before the transaction begins (commit or roll back first)",
        );
      this.#isolation = opts.isolationLevel;
      await this.#applyIsolation(await this.#connection(), opts.isolationLevel);
    }
    this.#executionOptions = { ...this.#executionOptions, ...opts };
    return this;
  }

  /** Sets the session's isolation level; close() restores the engine's. */
  async #applyIsolation(pooled: PooledConnection, level: IsolationLevel): Promise<void> {
    for (const sql of this.dialect.isolationLevelSql(level)) await this.#driverCall(sql, [], pooled);
    pooled.info.set("isolationChanged", true);
  }

  /** The isolation level this connection's transactions use. */
  get isolationLevel(): IsolationLevel | null {
    return this.#isolation ?? this.engine.options.isolationLevel ?? null;
  }

  #ensurePooled(): PooledConnection {
    if (this.#closed)
      throw new ResourceClosedError("This connection is closed; get a new one with engine.connect()");
    if (!this.#pooled && !this.#checkedOut)
      throw new InvalidRequestError(
        "This connection has not reached the primary yet (with read replicas it does at its first statement that needs it); run a statement first, or use engine.rawConnection()",
      );
    if (!this.#pooled)
      throw new ResourceClosedError(
        "This connection was invalidated (the database connection was lost); run a statement to reconnect, " +
          "after rollback() if a transaction was open",
      );
    return this.#pooled;
  }

  /**
   * The pooled connection. After an invalidation it is replaced here, lazily: a failed
   * statement never waits on the pool, and the caller reconnects by simply going on.
   */
  async #connection(): Promise<PooledConnection> {
    if (this.#pooled) return this.#pooled;
    if (this.#closed)
      throw new ResourceClosedError("This connection is closed; get a new one with engine.connect()");
    if (this.#tx === "invalid")
      throw new InvalidRequestError(
        "The connection was lost during a transaction; call rollback() before using it again.",
      );
    const pooled = await this.engine._checkout();
    this.#pooled = pooled;
    this.#checkedOut = true;
    if (this.#isolation !== null) {
      try {
        await this.#applyIsolation(pooled, this.#isolation);
      } catch (e) {
        this.#pooled = null;
        await this.engine.pool.release(pooled, { invalidate: true });
        throw e;
      }
    }
    return pooled;
  }

  /** Whether BEGIN may wait for the first write (Dialect.mayDeferBegin; plain reads: read-only.ts). */
  #mayDeferBegin(): boolean {
    return this.dialect.mayDeferBegin(this.isolationLevel);
  }

  /**
   * Whether the transaction begins with its first statement, no BEGIN sent: MySQL / MariaDB under
   * REPEATABLE READ or SERIALIZABLE run with autocommit off (Dialect.beginsImplicitly), which
   * saves START TRANSACTION's round trip (a read-only session sends SELECT + ROLLBACK).
   */
  #beginsImplicitly(): boolean {
    const dialect = this.dialect;
    return dialect.beginsImplicitly(this.isolationLevel ?? dialect.defaultIsolationLevel);
  }

  #autobegin(): void {
    if (this.#tx !== "none") return;
    if (this.isolationLevel === "AUTOCOMMIT") return;
    this.#tx = "deferred";
  }

  /** Sends BEGIN if the transaction has not reached the server yet (none when it begins implicitly). */
  async #beginOnServer(): Promise<void> {
    if (this.#tx !== "deferred") return;
    const pooled = await this.#connection();
    if (!this.#beginsImplicitly()) await this.#driverCall(this.dialect.beginSql(), [], pooled);
    this.#begun(pooled);
  }

  /** The transaction has begun on `pooled` (BEGIN sent, or its next statement opens it). */
  #begun(pooled: PooledConnection): void {
    pooled.inTransaction = true;
    this.#tx = "active";
    this.#readsOnly = true;
    if (this.engine.events.has("begin")) this.engine.events.emit("begin", { raw: pooled.driver.raw });
  }

  /** Begins a transaction explicitly; returns it (commit / rollback, or `await using`). */
  async begin(): Promise<Transaction> {
    if (this.#tx !== "none") {
      throw new InvalidRequestError(
        "A transaction is already begun on this connection; use beginNested() for a SAVEPOINT, or commit first",
      );
    }
    this.#autobegin();
    if (!this.#mayDeferBegin() && !this.#beginsImplicitly()) await this.#beginOnServer();
    return new Transaction(this);
  }

  /** Opens a SAVEPOINT (beginning the outer transaction if needed); returns it. */
  async beginNested(): Promise<NestedTransaction> {
    this.#autobegin();
    await this.#beginOnServer();
    const name = `sa_savepoint_${++this.#savepoints}`;
    await this.#driverCall(this.dialect.savepointSql(name), [], this.#ensurePooled());
    if (this.engine.events.has("savepoint")) this.engine.events.emit("savepoint", { name });
    return new NestedTransaction(this, name);
  }

  /** @internal Used by NestedTransaction. */
  async _endSavepoint(name: string, action: "release" | "rollback"): Promise<void> {
    if (this.#tx === "invalid") return;
    const sql =
      action === "release"
        ? this.dialect.releaseSavepointSql(name)
        : this.dialect.rollbackToSavepointSql(name);
    const pooled = this.#ensurePooled();
    await this.#driverCall(sql, [], pooled);
    if (action === "rollback")
      await this.#driverCall(this.dialect.releaseSavepointSql(name), [], pooled).catch(() => undefined);
    this.#savepoints--;
    this.engine.events.emit(action === "release" ? "releaseSavepoint" : "rollbackSavepoint", { name });
  }

  /** Commits the current transaction (nothing to do if none began). */
  async commit(): Promise<void> {
    if (this.#tx === "invalid") {
      throw new InvalidRequestError(
        "The connection was lost during this transaction, so it cannot commit. Call rollback() and retry the work.",
      );
    }
    const signal = this.#limits?.signal;
    if (signal?.aborted)
      throw new StatementCancelledError(
        "The commit was aborted by its AbortSignal before COMMIT was sent; the transaction is still open: roll back or commit again.",
        { reason: "aborted", orig: signal.reason, statement: "COMMIT" },
      );
    const wasActive = this.#tx === "active";
    this.#tx = "none";
    this.#savepoints = 0;
    if (!wasActive) return;
    const pooled = this.#ensurePooled();
    pooled.inTransaction = false;
    // A COMMIT cancelled half-way leaves its outcome unknown: once sent, it runs to the end.
    await this.#unlimited(() => this.#driverCall("COMMIT", [], pooled));
    // With replicas, where the commit ends in the WAL: later reads wait for a replica to reach it.
    const replicas = this.engine._replicas;
    if (replicas !== null) await replicas.recordCommit(pooled.driver, (this._route ??= newRoute()));
    if (this.engine.events.has("commit")) this.engine.events.emit("commit", { raw: pooled.driver.raw });
  }

  /** @internal rollback() when it sends nothing and Engine._syncAllowed(); false otherwise (nothing done). */
  _rollbackSync(): boolean {
    return this.engine._syncAllowed() && this.#endUnbegun();
  }

  /** Ends a transaction that never reached the server or was lost (nothing to send); false when it did. */
  #endUnbegun(): boolean {
    if (this.#tx === "active") return false;
    this.#tx = "none";
    this.#savepoints = 0;
    return true;
  }

  /** Rolls back the current transaction (nothing to do if none began). */
  async rollback(): Promise<void> {
    if (this.#endUnbegun()) return;
    this.#tx = "none";
    this.#savepoints = 0;
    const pooled = this.#ensurePooled();
    pooled.inTransaction = false;
    await this.#sendRollback(pooled);
  }

  async #sendRollback(pooled: PooledConnection): Promise<void> {
    // After a cancel the signal has fired: the ROLLBACK that follows must still run.
    await this.#unlimited(() => this.#driverCall("ROLLBACK", [], pooled));
    if (this.engine.events.has("rollback")) this.engine.events.emit("rollback", { raw: pooled.driver.raw });
  }

  /**
   * @internal Runs `fn` with `limits` on every statement it sends here (narrowing the ones in
   * force): what execute({ timeout, signal }) and the Session's flush / commit use.
   */
  async _withLimits<T>(limits: StatementLimits, fn: () => Promise<T>): Promise<T> {
    checkTimeout(limits.timeout, "execute");
    const saved = this.#limits;
    this.#limits = mergeLimits(saved, limits);
    try {
      return await fn();
    } finally {
      this.#limits = saved;
    }
  }

  /** Runs `fn` with no timeout or signal (ROLLBACK after a cancel, COMMIT once sent). */
  async #unlimited<T>(fn: () => Promise<T>): Promise<T> {
    const saved = this.#limits;
    this.#limits = null;
    try {
      return await fn();
    } finally {
      this.#limits = saved;
    }
  }

  /**
   * Compiles (or reuses) and runs a statement. A list of parameter sets runs it for each
   * (executemany). `opts.timeout` (ms) and `opts.signal` cancel it on the server (PostgreSQL,
   * MySQL/MariaDB) and reject with StatementCancelledError.
   */
  async execute<S extends Node>(
    stmt: S,
    params?: Params | readonly Params[],
    opts?: ExecutionOptions,
  ): Promise<Result<ItemsOf<S>>> {
    if (opts !== undefined && (opts.timeout !== undefined || opts.signal !== undefined)) {
      const { timeout, signal, ...rest } = opts;
      return this._withLimits({ timeout, signal }, () => this.execute(stmt, params, rest));
    }
    if (Array.isArray(params))
      return this.#executeMany(stmt, params as readonly Params[]) as Promise<Result<ItemsOf<S>>>;
    if (isDdl(stmt)) {
      const lines = this.dialect.ddlCompiler().compile(stmt as never);
      let last: Result<any> | null = null;
      for (const sql of lines) last = await this.executeDriverSql(sql);
      return (last ?? new Result([], createRowFactory([], []), 0, null, false)) as Result<ItemsOf<S>>;
    }
    const prepared = this.dialect.prepare(stmt);
    return this.runPrepared(prepared, stmt, params as Params | undefined, opts) as Promise<
      Result<ItemsOf<S>>
    >;
  }

  /** The first column of the first row. */
  async scalar<S extends Node>(
    stmt: S,
    params?: Params,
    opts?: ExecutionOptions,
  ): Promise<
    ItemsOf<S> extends readonly [infer F, ...unknown[]]
      ? import("../sql/typing.js").ItemValue<F> | null
      : unknown
  > {
    return (await this.execute(stmt, params, opts)).scalar() as never;
  }

  /** The first column of every row. */
  async scalars<S extends Node>(
    stmt: S,
    params?: Params,
    opts?: ExecutionOptions,
  ): Promise<ScalarResult<import("../sql/typing.js").ScalarOf<ItemsOf<S>>>> {
    return (await this.execute(stmt, params, opts)).scalars();
  }

  /** @internal Runs an already prepared statement (the ORM prepares its own). */
  async runPrepared(
    prepared: PreparedStatement,
    stmt: Node | null,
    params?: Params,
    opts?: ExecutionOptions,
  ): Promise<Result<any>> {
    const res = await this._runPreparedRaw(prepared, stmt, params, opts);
    return new Result(
      res.rows,
      rowFactoryFor(prepared.compiled, res.fields),
      res.rowCount,
      res.lastInsertId ?? null,
      res.fields !== null,
    );
  }

  /** @internal runPrepared(), returning the driver's result as it is (rows unprocessed). */
  _runPreparedRaw(
    prepared: PreparedStatement,
    stmt: Node | null,
    params?: BindValues,
    _opts?: ExecutionOptions,
  ): Promise<DriverResult> {
    const { sql, values } = prepared.compiled.bind(prepared.binds, params);
    return this._runBoundRaw(prepared, stmt, sql, values, false, _opts?.usePrimary === true);
  }

  /**
   * @internal Runs a prepared statement with the driver's values already bound (see bind()).
   * `firstColumn`: the caller reads the first column only, which the driver may return as
   * DriverResult.column.
   */
  async _runBoundRaw(
    prepared: PreparedStatement,
    stmt: Node | null,
    sql: string,
    values: unknown[],
    firstColumn = false,
    usePrimary = false,
  ): Promise<DriverResult> {
    const { compiled, cached } = prepared;
    const opts = driverOptions(compiled, firstColumn ? "column" : "rows");
    const syncDriver = this.#syncDriver(stmt, compiled);
    if (syncDriver !== null) return this.#runNow(syncDriver, sql, values, opts);
    if (this.#streaming > 0) throw busyStreamingError(sql);
    // Plain reads under a deferred BEGIN need no await (one microtask hop less per query).
    if (!this.#transactionReady(stmt, compiled)) await this.#prepareTransaction(stmt, compiled);
    // A read before the transaction's first write (no BEGIN sent) may go to a read replica.
    const replicas = this.engine._replicas;
    if (
      replicas !== null &&
      stmt !== null &&
      this.#tx !== "active" &&
      !usePrimary &&
      this.#executionOptions.usePrimary !== true &&
      plainRead(stmt, compiled)
    ) {
      const limits = this.#limits;
      const routed = await replicas.read(
        (this._route ??= newRoute()),
        limits === null
          ? (replica) => replica._runBoundRaw(prepared, stmt, sql, values, firstColumn)
          : (replica) =>
              replica._withLimits(limits, () =>
                replica._runBoundRaw(prepared, stmt, sql, values, firstColumn),
              ),
      );
      if (routed !== null) return routed.value;
    }
    const pooled = this.#pooled ?? (await this.#connection());
    let res: DriverResult;
    if (this.engine._syncAllowed()) {
      // Nothing observes statements: the driver is called directly, with the limits in force.
      const driver = pooled.driver;
      const limits = this.#limits;
      try {
        res = await (limits === null
          ? driver.execute(sql, values, opts)
          : runLimited(driver, limits, sql, () => driver.execute(sql, values, opts)));
      } catch (e) {
        throw await this.#handleError(e, sql, values);
      }
    } else res = await this.#driverCall(sql, values, pooled, stmt, cached, opts);

    if (this.engine.options.echo === "debug")
      this.engine.logRows(res.column ? res.column.map((v) => [v]) : res.rows);
    return res;
  }

  /**
   * @internal runPrepared() without waiting, for the ORM's hot read paths: the driver's result
   * when a connection is checked out, nothing observes statements, no BEGIN has to reach the
   * server and the driver is synchronous (better-sqlite3); null when any of that does not hold,
   * and then nothing was done. A driver error comes back as a promise rejected with the error
   * runPrepared() would throw. `single`: the statement returns one row at most.
   */
  _runPreparedSync(
    prepared: PreparedStatement,
    stmt: Node,
    params?: Params,
    single = false,
  ): DriverResult | Promise<never> | null {
    const { compiled, binds } = prepared;
    const driver = this.#syncDriver(stmt, compiled);
    if (driver === null) return null;
    const { sql, values } = compiled.bind(binds, params);
    return this.#runNow(driver, sql, values, driverOptions(compiled, single ? "single" : "rows"));
  }

  /**
   * The synchronous driver that may run the statement now, or null (none, limits in force, a
   * stream being read, replicas, BEGIN to send first, or Engine._syncAllowed() says no).
   */
  #syncDriver(stmt: Node | null, compiled: CompiledStatement): SyncDriver | null {
    const driver = this.#pooled?.driver;
    if (
      driver?.executeSync === undefined ||
      this.#limits !== null ||
      this.#streaming > 0 ||
      this.engine._replicas !== null ||
      !this.engine._syncAllowed() ||
      !this.#transactionReady(stmt, compiled)
    )
      return null;
    return driver as SyncDriver;
  }

  /** The driver's result, or a promise rejected with the mapped driver error. */
  #runNow(
    driver: SyncDriver,
    sql: string,
    values: unknown[],
    opts: ExecuteOptions,
  ): DriverResult | Promise<never> {
    try {
      return driver.executeSync(sql, values, opts);
    } catch (e) {
      return this.#handleError(e, sql, values).then((err) => {
        throw err;
      });
    }
  }

  /**
   * Whether a statement may run with no BEGIN sent first (BEGIN waits for the first write, see
   * #mayDeferBegin, or is never sent, see #beginsImplicitly: then the transaction begins here).
   */
  #transactionReady(stmt: Node | null, compiled: CompiledStatement | null): boolean {
    if (this.#tx === "active") return this.#noteRead(stmt, compiled);
    if (this.#tx === "invalid") return false;
    this.#autobegin();
    if (this.#tx !== "deferred") return true;
    if (stmt !== null && compiled !== null && this.#mayDeferBegin() && plainRead(stmt, compiled)) return true;
    const pooled = this.#pooled;
    if (pooled === null || !this.#beginsImplicitly()) return false;
    this.#begun(pooled);
    return this.#noteRead(stmt, compiled);
  }

  /** Clears #readsOnly unless the statement about to run in the transaction is a plain read; true. */
  #noteRead(stmt: Node | null, compiled: CompiledStatement | null): true {
    if (this.#readsOnly && (stmt === null || compiled === null || !plainRead(stmt, compiled)))
      this.#readsOnly = false;
    return true;
  }

  /** Sends BEGIN first where #transactionReady says so; refuses after a connection lost in a transaction. */
  async #prepareTransaction(stmt: Node | null, compiled: CompiledStatement | null): Promise<void> {
    if (this.#transactionReady(stmt, compiled)) return;
    if (this.#tx === "invalid") {
      throw new InvalidRequestError(
        "The connection was lost during a transaction; call rollback() before using it again.",
      );
    }
    await this.#beginOnServer();
    this.#noteRead(stmt, compiled);
  }

  /** Runs SQL text as the driver takes it (placeholders in the driver's style), as exec_driver_sql. */
  async executeDriverSql(
    sql: string,
    params: readonly unknown[] = [],
    opts?: ExecuteOptions,
  ): Promise<Result<UntypedItems>> {
    await this.#prepareTransaction(null, null);
    const res = await this.#driverCall(sql, params, await this.#connection(), null, null, opts);
    return new Result(
      res.rows,
      createRowFactory(
        res.fields ?? [],
        (res.fields ?? []).map(() => null),
      ),
      res.rowCount,
      res.lastInsertId ?? null,
      res.fields !== null,
    );
  }

  /** executemany: INSERTs become multi-row VALUES in batches; other statements run per parameter set. */
  async #executeMany(stmt: Node, paramSets: readonly Params[]): Promise<Result<any>> {
    if (paramSets.length === 0) throw new ArgumentError("execute(stmt, []) needs at least one parameter set");
    if (stmt instanceof Insert && stmt.state.rows === null && stmt.state.fromSelect === null) {
      return insertManyValues(this, stmt, paramSets);
    }
    const prepared = this.dialect.prepare(stmt);
    await this.#prepareTransaction(stmt, prepared.compiled);
    const bound = paramSets.map((p) => prepared.compiled.bind(prepared.binds, p));
    const sql = bound[0]!.sql;
    const valueSets = bound.map((b) => b.values);
    const pooled = await this.#connection();
    const rowCount = await this.#instrumented(
      { sql, params: valueSets, stmt, cached: prepared.cached, executemany: true },
      (driver) => driver.executeMany(sql, valueSets),
      (n) => n,
      pooled,
    );
    return new Result([], createRowFactory([], []), rowCount, null, false);
  }

  /** Streams a SELECT through a server-side cursor, `yieldPer` rows at a time. */
  async stream<S extends Node>(
    stmt: S,
    params?: Params,
    opts?: { yieldPer?: number },
  ): Promise<AsyncResult<ItemsOf<S>>> {
    const prepared = this.dialect.prepare(stmt);
    const { compiled, binds } = prepared;
    const { sql, values } = compiled.bind(binds, params);
    await this.#prepareTransaction(stmt, compiled);
    const batchSize = opts?.yieldPer ?? (this.#executionOptions.yieldPer as number | undefined) ?? 1000;
    const driver = (await this.#connection()).driver;
    let fields: readonly string[] | null = null;
    const self = this;
    const engine = this.engine;
    const events = engine.events;
    async function* batches(): AsyncIterable<unknown[][]> {
      const call = { sql, params: values, statement: stmt, cached: prepared.cached, executemany: false };
      if (events.has("beforeExecute")) events.emit("beforeExecute", call);
      const start = performance.now();
      let rowCount = 0;
      self.#streaming++;
      try {
        for await (const b of driver.stream(sql, values, batchSize, { bigint: compiled.needsBigInt })) {
          fields = b.fields;
          rowCount += b.rows.length;
          yield b.rows;
        }
      } catch (e) {
        throw await self.#handleError(e, sql, values);
      } finally {
        self.#streaming--;
      }
      const durationMs = performance.now() - start;
      engine.logStatement(sql, values, durationMs, prepared.cached);
      if (events.has("afterExecute")) events.emit("afterExecute", { ...call, rowCount, durationMs });
    }
    return new AsyncResult<ItemsOf<S>>(batches(), () => rowFactoryFor(compiled, fields));
  }

  /** Runs one statement on the driver: events, echo and error mapping around it. */
  #driverCall(
    sql: string,
    values: readonly unknown[],
    pooled: PooledConnection,
    stmt: Node | null = null,
    cached: boolean | null = null,
    opts?: { name?: string; bigint?: boolean; returnsRows?: boolean },
  ) {
    if (this.#streaming > 0) return Promise.reject(busyStreamingError(sql));
    return this.#instrumented(
      { sql, params: values, stmt, cached, executemany: false },
      (driver) => driver.execute(sql, values, opts),
      (res) => res.rowCount,
      pooled,
    );
  }

  /** The driver call with the limits in force and its errors mapped, observed by events and echo. */
  #instrumented<T>(
    call: StatementCall,
    run: (driver: DriverConnection) => Promise<T>,
    rowCountOf: (result: T) => number,
    pooled: PooledConnection,
  ): Promise<T> {
    const limits = this.#limits;
    return observed(
      this.engine,
      call,
      () =>
        this.#guard(
          limits === null
            ? () => run(pooled.driver)
            : () => runLimited(pooled.driver, limits, call.sql, () => run(pooled.driver)),
          call.sql,
          call.params,
        ),
      rowCountOf,
    );
  }

  async #guard<T>(fn: () => Promise<T>, sql: string, values: readonly unknown[]): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw await this.#handleError(e, sql, values);
    }
  }

  /** Maps a driver error; on a lost connection, discards it (and every older pooled one). */
  async #handleError(e: unknown, sql: string, values: readonly unknown[]): Promise<Error> {
    const mapped = mappedDriverError(this.engine, this.dialect, e, sql, values);
    if (mapped instanceof StatementCancelledError) {
      // A cancel the server did not confirm: this connection alone is discarded (never lent busy).
      if (mapped.connectionInvalidated) await this.#invalidate(false);
    } else if ((mapped as { connectionInvalidated?: boolean }).connectionInvalidated) {
      // A lost connection: discard it, and every pooled one opened before (the server went away).
      await this.#invalidate(true);
    } else if (this.#pooled?.driver.unusable) {
      // The driver gave up on a statement still running (node-pg's query_timeout): discard it.
      (mapped as { connectionInvalidated?: boolean }).connectionInvalidated = true;
      await this.#invalidate(false);
    }
    const replaced = this.engine.events.emit("handleError", { error: mapped, sql, params: values });
    return replaced ?? mapped;
  }

  /**
   * Discards the underlying connection (it will not return to the pool). An open transaction is
   * lost: call rollback(); the next statement then runs on a new connection.
   */
  async invalidate(): Promise<void> {
    await this.#invalidate(false);
  }

  async #invalidate(wholePool: boolean): Promise<void> {
    const pooled = this.#pooled;
    if (!pooled) return;
    this.#pooled = null;
    if (this.#tx !== "none") this.#tx = "invalid";
    this.#savepoints = 0;
    if (wholePool) this.engine.pool.invalidateAll();
    await this.engine.pool.release(pooled, { invalidate: true });
  }

  /** Rolls back what was not committed and returns the connection to the pool. */
  async close(): Promise<void> {
    if (this.#closed || this._closeSync() || this._closeAfterReads()) return;
    const active = this.#tx === "active";
    const pooled = this.#giveUp();
    if (!pooled) return;
    if (active) pooled.inTransaction = true;
    if (pooled.info.get("isolationChanged") && !(await restoreIsolation(this.engine, pooled))) {
      await this.engine.pool.release(pooled, { invalidate: true });
      return;
    }
    if (!(this.engine._syncAllowed() && this.engine.pool.tryReleaseSync(pooled)))
      await this.engine.pool.release(pooled);
  }

  /**
   * @internal close() of a transaction that has only read (read-only.ts), or false (nothing done):
   * its ROLLBACK, which only ends a snapshot, is sent and the pool takes the connection back when it
   * completes (Pool.releaseAfter), so the caller does not wait for that round trip.
   */
  _closeAfterReads(): boolean {
    const pooled = this.#pooled;
    if (this.#closed || this.#tx !== "active" || !this.#readsOnly || pooled === null) return false;
    if (pooled.info.has("isolationChanged")) return false;
    this.#giveUp();
    pooled.inTransaction = false;
    this.engine.pool.releaseAfter(pooled, this.#sendRollback(pooled));
    return true;
  }

  /** Marks this connection closed and hands back its pooled connection, for the caller to return. */
  #giveUp(): PooledConnection | null {
    const pooled = this.#pooled;
    this.#pooled = null;
    this.#closed = true;
    this.#tx = "none";
    this.#savepoints = 0;
    return pooled;
  }

  /**
   * @internal close() when it needs no I/O (no transaction on the server, the isolation level
   * untouched, the pool takes the connection back at once) and Engine._syncAllowed(); false
   * otherwise, and nothing was done.
   */
  _closeSync(): boolean {
    if (this.#closed) return true;
    const pooled = this.#pooled;
    if (pooled !== null) {
      if (this.#tx === "active" || pooled.info.has("isolationChanged") || !this.engine._syncAllowed())
        return false;
      if (!this.engine.pool.tryReleaseSync(pooled)) return false;
    }
    this.#giveUp();
    return true;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
