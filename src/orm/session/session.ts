import type { StatementLimits } from "../../engine/cancel.js";
import type { Connection, ExecutionOptions, ItemsOf, Params } from "../../engine/connection.js";
import type { Engine } from "../../engine/engine.js";
import { newRoute, type ReplicaRoute } from "../../engine/replicas/route.js";
import type { Result, ScalarResult } from "../../engine/result.js";
import { ArgumentError, InvalidRequestError, NoResultFound, PendingRollbackError } from "../../errors.js";
import type { Node } from "../../sql/node.js";
import type { CheckedEntities, ScalarOf, SelectItem } from "../../sql/typing.js";
import type {
  AttributeKeys,
  MappedInstance,
  PrimaryKeyOf,
  RelationshipKeys,
} from "../declarative/model-types.js";
import { executeOrm, streamOrm } from "../loading/execute.js";
import { getByIdentity, refreshObject } from "./get-refresh.js";
import { loadRelationship } from "../loading/relationship-loader.js";
import type { Mapper } from "../mapper/mapper.js";
import { className, mapperFor } from "../mapper/mapping.js";
import { newestOf } from "../newest.js";
import { Query } from "../query/query.js";
import { type InstanceState, stateOf } from "../state/instance-state.js";
import { cascadeTargets, expireState, expungeState } from "../state/lifecycle.js";
import { bulkInsertMappings, bulkUpdateMappings } from "./bulk-ops.js";
import { isModified } from "../unitofwork/changes.js";
import { flushSession } from "../unitofwork/flush.js";
import { IdentityMap } from "./identity-map.js";
import { mergeObject } from "./merge.js";
import { SessionTransaction } from "./session-transaction.js";

/** Options of `sessionmaker()` and `new Session()`: bind, autoflush, expireOnCommit, autobegin, ... */
export interface SessionOptions {
  /** The Engine (or a Connection) the session talks to. */
  bind: Engine | Connection;
  /** Flush pending changes before queries (default true). */
  autoflush?: boolean;
  /** Expire every object at commit so the next read sees fresh data (default true). */
  expireOnCommit?: boolean;
  /** Begin a transaction on first use (default true); when false, call begin() first. */
  autobegin?: boolean;
  /** Free-form data attached to the session. */
  info?: Record<string, unknown>;
  /** With read replicas (createEngine's `replicas`): every statement of this session goes to the primary. */
  usePrimary?: boolean;
}

type ModelClass<T> = abstract new (...args: any) => T;

const newest = newestOf<Session>();

/** get() without options (a shared object, not one per call). */
const NO_GET_OPTIONS: { populateExisting?: boolean; options?: readonly Node[] } = Object.freeze({});

/** What close() returns when nothing was left to wait for. */
const DONE: Promise<void> = Promise.resolve();

/** A primary key: the value, or an array / object of values for composite keys. */
/** What get() takes as the primary key of `T` (see PrimaryKeyOf); anything for an unknown `T`. */
export type PrimaryKey<T = unknown> = unknown extends T ? unknown : PrimaryKeyOf<T>;

/**
 * A unit of work: objects added, changed and deleted are written at flush (before queries when
 * autoflush is on, and at commit), in dependency order, in batches. One object per primary key
 * (the identity map). Use `await using db = SessionLocal()`, or `SessionLocal.begin(async (db) => ...)`.
 */
export class Session implements AsyncDisposable {
  readonly bind: Engine | Connection;
  readonly autoflush: boolean;
  readonly expireOnCommit: boolean;
  readonly autobegin: boolean;
  #info: Record<string, unknown> | null;
  /** @internal Replaced by an empty one at close(): what keeps the newest session alive (newest.ts) keeps none of its objects. */
  identityMap = new IdentityMap();
  #pending: Set<InstanceState> | null = null;
  #markedDeleted: Set<InstanceState> | null = null;
  /** @internal */ transaction: SessionTransaction | null = null;
  #conn: Connection | null = null;
  #ownsConnection = false;
  #pendingRollback: Error | null = null;
  #noAutoflush = 0;
  #flushing = false;
  #insertCounter = 0;
  /** With read replicas: this session's last commit position, shared by its connections. */
  #route: ReplicaRoute | null;

  constructor(opts: SessionOptions) {
    this.bind = opts.bind;
    this.autoflush = opts.autoflush ?? true;
    this.expireOnCommit = opts.expireOnCommit ?? true;
    this.autobegin = opts.autobegin ?? true;
    this.#info = opts.info ?? null;
    this.#route = opts.usePrimary ? newRoute(true) : null;
    newest.current = this;
  }

  // ---------------------------------------------------------------- connection and transactions

  /** @internal Raises if a failed flush is waiting for rollback(). */
  checkUsable(): void {
    if (this.#pendingRollback) {
      throw new PendingRollbackError(
        `This session's transaction has been rolled back due to a previous exception during flush (${this.#pendingRollback.message.split("\n")[0]}). ` +
          `Call \`await db.rollback()\` before using the session again.`,
        { cause: this.#pendingRollback },
      );
    }
  }

  /** The connection of the current transaction (begun on first use). */
  async connection(): Promise<Connection> {
    this.checkUsable();
    const ready = this._connectionSync();
    if (ready !== null) return ready;
    // Only two reasons bring us here: no transaction may begin, or the engine's pool must open,
    // ping or wait (or Engine._syncAllowed() says no).
    if (!this.transaction) {
      if (!this.autobegin)
        throw new InvalidRequestError(
          "This session has autobegin: false and no transaction; call `await db.begin()` first",
        );
      this.transaction = new SessionTransaction(this, null, null);
    }
    const conn = await (this.bind as Engine).connect();
    this.#take(conn);
    return conn;
  }

  /**
   * @internal connection() when it needs no waiting (the session holds a connection, or the pool
   * has an idle one ready); null otherwise, and nothing was done. The caller checks usability.
   */
  _connectionSync(): Connection | null {
    if (this.transaction === null && !this.autobegin) return null;
    if (this.#conn === null) {
      const conn = "connect" in this.bind ? this.bind._connectSync() : this.bind;
      if (conn === null) return null;
      this.#take(conn);
    }
    this.transaction ??= new SessionTransaction(this, null, null);
    return this.#conn;
  }

  /** Makes `conn` the session's connection: its own unless it is the session's bind. */
  #take(conn: Connection): void {
    this.#conn = conn;
    this.#ownsConnection = conn !== this.bind;
    if (this.#ownsConnection) this.#adoptRoute(conn);
  }

  /** Reads after this session's commits see them, across the connections it takes (read replicas). */
  #adoptRoute(conn: Connection): void {
    if (conn.engine._replicas !== null) conn._route = this.#route ??= newRoute();
  }

  /** Free-form data attached to the session. */
  get info(): Record<string, unknown> {
    return (this.#info ??= {});
  }

  /** @internal Pending objects, in the order added (made on first use: most sessions only read). */
  get pending(): Set<InstanceState> {
    return (this.#pending ??= new Set());
  }

  /** @internal Objects marked for deletion. */
  get markedDeleted(): Set<InstanceState> {
    return (this.#markedDeleted ??= new Set());
  }

  /** Whether objects are pending or marked for deletion (without making the sets). */
  #hasPendingWork(): boolean {
    return (
      (this.#pending !== null && this.#pending.size > 0) ||
      (this.#markedDeleted !== null && this.#markedDeleted.size > 0)
    );
  }

  /** The engine or connection statements go to. */
  getBind(): Engine | Connection {
    return this.bind;
  }

  /** Begins the session transaction explicitly (needed with autobegin: false). */
  async begin(): Promise<SessionTransaction> {
    if (this.transaction)
      throw new InvalidRequestError(
        "A transaction is already begun on this session; use beginNested() for a savepoint",
      );
    this.transaction = new SessionTransaction(this, null, null);
    return this.transaction;
  }

  /** Whether a transaction is in progress. */
  inTransaction(): boolean {
    return this.transaction !== null;
  }

  /** Whether a savepoint is in progress. */
  inNestedTransaction(): boolean {
    return this.transaction?.nested ?? false;
  }

  /**
   * Opens a SAVEPOINT: `const sp = await db.beginNested(); ... await sp.rollback()` undoes only
   * what happened since (objects it touched are expired; new ones become transient) and the outer
   * transaction goes on. Pending changes are flushed first.
   */
  async beginNested(): Promise<SessionTransaction> {
    await this.flush();
    const conn = await this.connection();
    const sp = await conn.beginNested();
    this.transaction = new SessionTransaction(this, this.transaction, sp);
    return this.transaction;
  }

  /** @internal */
  async _commitNested(tx: SessionTransaction): Promise<void> {
    this.#requireInnermost(tx);
    await this.flush();
    await tx.savepoint!.commit();
    tx.active = false;
    tx.mergeInto(tx.parent!);
    this.transaction = tx.parent;
  }

  /** @internal */
  async _rollbackNested(tx: SessionTransaction): Promise<void> {
    while (this.transaction && this.transaction !== tx && this.transaction.nested)
      await this._rollbackNested(this.transaction);
    this.#requireInnermost(tx);
    await tx.savepoint!.rollback();
    tx.active = false;
    this.transaction = tx.parent;
    this.#restoreAfterRollback(tx, true);
    this.#pendingRollback = null;
  }

  #requireInnermost(tx: SessionTransaction): void {
    if (this.transaction !== tx)
      throw new InvalidRequestError(
        "Only the innermost savepoint can be committed; release or roll back the inner ones first",
      );
  }

  /**
   * Flushes, commits, and (expireOnCommit) expires every object so the next read is fresh.
   * `limits`: a timeout per statement of the flush and an AbortSignal (checked up to COMMIT,
   * which once sent runs to the end).
   */
  async commit(limits?: StatementLimits): Promise<void> {
    if (
      limits !== undefined &&
      this.#conn === null &&
      (this.transaction || this.#hasPendingWork() || this.#hasDirty())
    )
      await this.connection();
    if (limits !== undefined && this.#conn !== null) {
      const conn = this.#conn;
      return conn._withLimits(limits, () => this.commit());
    }
    this.checkUsable();
    if (!this.transaction) {
      if (!this.#hasPendingWork() && !this.#hasDirty()) return;
      await this.connection();
    }
    await this.flush();
    while (this.transaction?.nested) await this._commitNested(this.transaction);
    const root = this.transaction!;
    if (this.#conn) await this.#conn.commit();
    root.active = false;
    this.transaction = null;
    if (root.hasDeleted) for (const st of root.deleted) this.#detachDeleted(st);
    if (this.expireOnCommit) this.identityMap.forEach(expireAll);
    await this.#releaseConnection();
  }

  #hasDirty(): boolean {
    return this.identityMap.some(isModified);
  }

  #detachDeleted(st: InstanceState): void {
    this.identityMap.remove(st);
    st.session = null;
    st.deletedFlushed = false;
    st.markedDeleted = false;
  }

  /** Rolls back the transaction (every savepoint too); objects return to their state before it. */
  async rollback(): Promise<void> {
    const root = this.#root();
    this.#pendingRollback = null;
    if (!root) return;
    if (this.#conn) await this.#conn.rollback();
    for (let tx: SessionTransaction | null = this.transaction; tx; tx = tx.parent) tx.active = false;
    this.transaction = null;
    this.#restoreAfterRollback(root, false);
    await this.#releaseConnection();
  }

  #root(): SessionTransaction | null {
    let tx = this.transaction;
    while (tx?.parent) tx = tx.parent;
    return tx;
  }

  /** Puts objects back in step with a database that forgot the rolled-back work. */
  #restoreAfterRollback(tx: SessionTransaction, nested: boolean): void {
    const collect = (
      t: SessionTransaction,
      into: { ins: Set<InstanceState>; upd: Set<InstanceState>; del: Set<InstanceState> },
    ) => {
      for (const s of t.inserted) into.ins.add(s);
      for (const s of t.updated) into.upd.add(s);
      for (const s of t.deleted) into.del.add(s);
    };
    const sets = {
      ins: new Set<InstanceState>(),
      upd: new Set<InstanceState>(),
      del: new Set<InstanceState>(),
    };
    collect(tx, sets);
    // Rows inserted by the rolled-back work no longer exist: those objects become transient.
    for (const st of sets.ins) {
      this.identityMap.remove(st);
      this.pending.delete(st);
      st.key = null;
      st.committed = null;
      st.session = null;
      st.deletedFlushed = false;
    }
    for (const st of sets.del) {
      st.deletedFlushed = false;
      st.markedDeleted = false;
      this.identityMap.add(st);
      expireState(st, null);
    }
    for (const st of sets.upd) if (st.session === this) expireState(st, null);
    if (!nested) {
      for (const st of this.pending) {
        st.session = null;
      }
      this.pending.clear();
      for (const st of this.markedDeleted) st.markedDeleted = false;
      this.markedDeleted.clear();
      for (const st of this.identityMap.states()) expireState(st, null);
    } else {
      // As SQLAlchemy: objects added since the savepoint began (beginNested flushed the earlier
      // ones) leave the session, and changes not flushed yet are expired with the rest.
      for (const st of this.pending) st.session = null;
      this.pending.clear();
      for (const st of this.markedDeleted) st.markedDeleted = false;
      this.markedDeleted.clear();
      for (const st of this.identityMap.states()) if (isModified(st)) expireState(st, null);
    }
  }

  async #releaseConnection(): Promise<void> {
    const conn = this.#conn;
    this.#conn = null;
    if (conn && this.#ownsConnection) await conn.close();
  }

  /** Rolls back what is not committed, empties the session and releases the connection. */
  close(): Promise<void> {
    // Without I/O to wait for (no transaction on the server, the pool takes the connection back
    // at once) the session closes now: one request, one session, the common case.
    const conn = this.#conn;
    if (conn === null || (conn._rollbackSync() && (!this.#ownsConnection || conn._closeSync()))) {
      this.#detachAll();
      return DONE;
    }
    return this.#closeAsync(conn);
  }

  async #closeAsync(conn: Connection): Promise<void> {
    try {
      if (!conn._rollbackSync()) await conn.rollback().catch(() => undefined);
    } finally {
      this.#detachAll();
      if (this.#ownsConnection && !conn._closeSync()) await conn.close();
    }
  }

  #detachAll(): void {
    this.transaction = null;
    this.#pendingRollback = null;
    this.expungeAll();
    this.identityMap = new IdentityMap();
    this.#conn = null;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ---------------------------------------------------------------- object state

  /** Adds an object (and objects its relationships cascade save-update to) to the session. */
  add(obj: MappedInstance): void {
    const st = stateOf(obj);
    if (!st) throw new ArgumentError(`db.add() takes an instance of a mapped class; got ${describe(obj)}`);
    this.#attach(st);
  }

  /** add() for each object. */
  addAll(objs: Iterable<MappedInstance>): void {
    for (const o of objs) this.add(o);
  }

  #attach(st: InstanceState): void {
    if (st.session === this) {
      if (st.markedDeleted && !st.deletedFlushed) {
        st.markedDeleted = false;
        this.markedDeleted.delete(st);
      }
      return;
    }
    if (st.session !== null) {
      throw new InvalidRequestError(
        `${st.describe()} is already attached to another session; expunge it there first, or use merge()`,
      );
    }
    st.session = this;
    if (st.key === null) {
      st.insertOrder = ++this.#insertCounter;
      this.pending.add(st);
    } else {
      const existing = this.identityMap.get(st.mapper, st.key);
      if (existing && existing !== st) {
        st.session = null;
        throw new InvalidRequestError(
          `Can't attach ${st.describe()}: another object with the same identity is already in this session; use merge() to copy its state`,
        );
      }
      this.identityMap.add(st);
    }
    if (st.rel !== null) for (const child of cascadeTargets(st, "save-update")) this.#attach(child);
  }

  /** Marks an object for deletion at the next flush (cascading `delete` to related objects). */
  delete(obj: MappedInstance): void {
    const st = stateOf(obj);
    if (!st) throw new ArgumentError(`db.delete() takes an instance of a mapped class; got ${describe(obj)}`);
    if (st.key === null) {
      if (st.session === this) this.expunge(obj);
      throw new InvalidRequestError(
        `${st.describe()} is not persisted, so it cannot be deleted; it has been removed from the session instead`,
      );
    }
    if (st.session !== this) this.#attach(st);
    st.markedDeleted = true;
    this.markedDeleted.add(st);
  }

  /** Removes an object from the session (and cascade `expunge` targets); it becomes detached. */
  expunge(obj: MappedInstance): void {
    const st = stateOf(obj);
    if (!st || st.session !== this)
      throw new InvalidRequestError(`${st ? st.describe() : describe(obj)} is not in this session`);
    expungeState(this, st);
  }

  /** Detaches every object. */
  expungeAll(): void {
    this.identityMap.forEach(detach);
    this.#pending?.forEach(detach);
    this.identityMap.clear();
    this.#pending = null;
    this.#markedDeleted = null;
  }

  /**
   * Expires an object's attributes (all, or those named): they must be reloaded before reading.
   * Related objects reached through `refresh-expire` cascades are expired too.
   */
  expire<T extends MappedInstance>(obj: T, attributes?: readonly AttributeKeys<T>[]): void {
    const st = this.#own(obj, "expire");
    const related = this.#refreshExpireTargets(st);
    expireState(st, attributes ?? null);
    for (const r of related) expireState(r, null);
  }

  /** Loaded objects reachable from `st` through `refresh-expire` cascades (as SQLAlchemy's). */
  #refreshExpireTargets(st: InstanceState): InstanceState[] {
    const seen = new Set<InstanceState>([st]);
    const out: InstanceState[] = [];
    const todo = [st];
    while (todo.length) {
      for (const child of cascadeTargets(todo.pop()!, "refresh-expire")) {
        if (seen.has(child)) continue;
        seen.add(child);
        if (child.session === this && child.key !== null) out.push(child);
        todo.push(child);
      }
    }
    return out;
  }

  /** Expires every object in the session. */
  expireAll(): void {
    for (const st of this.identityMap.states()) expireState(st, null);
  }

  /** Reloads an object's attributes (all, or those named) from the database (see expire for cascades). */
  async refresh<T extends MappedInstance>(obj: T, attributes?: readonly AttributeKeys<T>[]): Promise<void> {
    const st = this.#own(obj, "refresh");
    if (st.key === null)
      throw new InvalidRequestError(
        `${st.describe()} is not persisted yet; flush or commit before refresh()`,
      );
    await this.#autoflush();
    // As SQLAlchemy: objects the refresh-expire cascade reaches are expired, not reloaded.
    const related = this.#refreshExpireTargets(st);
    await refreshObject(this, st, attributes ?? null);
    for (const r of related) expireState(r, null);
  }

  /** Loads a relationship explicitly: `await db.load(kit, "custodyEvents")`. */
  async load<T extends MappedInstance>(obj: T, key: RelationshipKeys<T>): Promise<void> {
    const st = this.#own(obj, "load");
    await this.#autoflush();
    await loadRelationship(this, [st], st.mapper.relationship(key));
  }

  /** Copies an object's state into the session's object of the same identity (loading it if needed). */
  async merge<T extends MappedInstance>(obj: T, opts: { load?: boolean } = {}): Promise<T> {
    return mergeObject(this, obj, opts.load ?? true) as Promise<T>;
  }

  #own(obj: object, what: string): InstanceState {
    const st = stateOf(obj);
    if (!st)
      throw new ArgumentError(`db.${what}() takes an instance of a mapped class; got ${describe(obj)}`);
    if (st.session !== this)
      throw new InvalidRequestError(
        `${st.describe()} is not in this session (it is ${st.status}); ${what}() needs an attached object — use merge() or add() first`,
      );
    return st;
  }

  /** Whether the object is in this session (a flushed deletion is not: it left with its row). */
  contains(obj: object): boolean {
    const st = stateOf(obj);
    return st !== null && st.session === this && !st.deletedFlushed;
  }

  /** Objects added and not yet flushed. */
  get new(): object[] {
    return [...this.pending].map((s) => s.obj);
  }

  /** Persistent objects with changes not yet flushed. */
  get dirty(): object[] {
    const out: object[] = [];
    for (const st of this.identityMap.states()) if (!st.markedDeleted && isModified(st)) out.push(st.obj);
    return out;
  }

  /** Objects marked for deletion and not yet flushed. */
  get deleted(): object[] {
    return [...this.markedDeleted].map((s) => s.obj);
  }

  /** Whether an object has changes not yet flushed. */
  isModified(obj: MappedInstance): boolean {
    const st = stateOf(obj);
    if (!st)
      throw new ArgumentError(`isModified() takes an instance of a mapped class; got ${describe(obj)}`);
    return st.key === null ? st.session === this : isModified(st);
  }

  // ---------------------------------------------------------------- flush

  /**
   * Writes pending changes now (inside the current transaction). `limits`: a timeout per
   * statement and an AbortSignal, which cancel the running statement on the server.
   */
  async flush(limits?: StatementLimits): Promise<void> {
    if (limits !== undefined) {
      this.checkUsable();
      if (!this.#hasPendingWork() && !this.#hasDirty()) return;
      const conn = await this.connection();
      return conn._withLimits(limits, () => this.flush());
    }
    this.checkUsable();
    if (this.#flushing) return;
    // Nothing new, deleted or changed: no flush (one comparison per loaded object, as cheap as
    // SQLAlchemy's check of its modified set for the autoflush before every query).
    if (!this.#hasPendingWork() && !this.#hasDirty()) return;
    this.#flushing = true;
    try {
      const conn = await this.connection();
      await flushSession(this, conn, this.transaction!);
    } catch (e) {
      this.#pendingRollback = e as Error;
      throw e;
    } finally {
      this.#flushing = false;
    }
  }

  async #autoflush(): Promise<void> {
    if (this.autoflush && this.#noAutoflush === 0) await this.flush();
  }

  /** @internal Called before queries. */
  async _autoflush(): Promise<void> {
    await this.#autoflush();
  }

  /** @internal Whether an autoflush would write anything (checked without waiting, to save an await). */
  _needsAutoflush(): boolean {
    return (
      this.autoflush &&
      this.#noAutoflush === 0 &&
      !this.#flushing &&
      (this.#hasPendingWork() || this.#hasDirty())
    );
  }

  /** Runs `fn` with autoflush turned off (as SQLAlchemy's `no_autoflush`). */
  async noAutoflush<T>(fn: () => Promise<T>): Promise<T> {
    this.#noAutoflush++;
    try {
      return await fn();
    } finally {
      this.#noAutoflush--;
    }
  }

  // ---------------------------------------------------------------- queries

  /** Runs a statement: ORM-aware for select(Model), insert/update/delete of models; Core otherwise. */
  execute<S extends Node>(
    stmt: S,
    params?: Params | readonly Params[],
    opts?: ExecutionOptions,
  ): Promise<Result<ItemsOf<S>>> {
    // Not an async function: a query answered without waiting settles one promise, not three.
    try {
      this.checkUsable();
      if (opts !== undefined && (opts.timeout !== undefined || opts.signal !== undefined)) {
        const { timeout, signal, ...rest } = opts;
        return this.connection().then((conn) =>
          conn._withLimits({ timeout, signal }, () => executeOrm(this, stmt, params, rest)),
        ) as Promise<Result<ItemsOf<S>>>;
      }
      return executeOrm(this, stmt, params, opts) as Promise<Result<ItemsOf<S>>>;
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** The first column (or entity) of each row: `(await db.scalars(select(User))).all()`. */
  scalars<S extends Node>(
    stmt: S,
    params?: Params,
    opts?: ExecutionOptions,
  ): Promise<ScalarResult<ScalarOf<ItemsOf<S>>>> {
    return this.execute(stmt, params, opts).then(toScalars) as Promise<ScalarResult<ScalarOf<ItemsOf<S>>>>;
  }

  /** The first column (or entity) of the first row, or null. */
  scalar<S extends Node>(
    stmt: S,
    params?: Params,
    opts?: ExecutionOptions,
  ): Promise<ScalarOf<ItemsOf<S>> | null> {
    return this.execute(stmt, params, opts).then(firstScalar) as Promise<ScalarOf<ItemsOf<S>> | null>;
  }

  /** Streams ORM results in chunks (yieldPer rows at a time) for large sets. */
  stream<S extends Node>(
    stmt: S,
    params?: Params,
    opts?: { yieldPer?: number },
  ): AsyncIterable<
    ItemsOf<S> extends readonly [infer F]
      ? import("../../sql/typing.js").ItemValue<F>
      : import("../../sql/typing.js").Row<ItemsOf<S>>
  > {
    return streamOrm(this, stmt, params, opts?.yieldPer ?? 1000) as never;
  }

  /** The object with this primary key: from the identity map, or loaded (null if there is none). */
  get<T>(
    model: ModelClass<T>,
    pk: PrimaryKey<T>,
    opts: { populateExisting?: boolean; options?: readonly Node[] } = NO_GET_OPTIONS,
  ): Promise<T | null> {
    // Not an async function: a lookup answered without waiting costs one settled promise.
    try {
      this.checkUsable();
      const found = getByIdentity(this, mapperFor(model), pk, opts);
      return (found instanceof Promise ? found : Promise.resolve(found)) as Promise<T | null>;
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** get() (same options), raising NoResultFound when there is no such row: a web back end's 404. */
  async getOne<T>(
    model: ModelClass<T>,
    pk: PrimaryKey<T>,
    opts: { populateExisting?: boolean; options?: readonly Node[] } = NO_GET_OPTIONS,
  ): Promise<T> {
    const obj = await this.get(model, pk, opts);
    if (obj === null) {
      throw new NoResultFound(
        `No ${className(model)} with primary key ${JSON.stringify(pk, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))}; use get() to receive null instead`,
      );
    }
    return obj;
  }

  /** The legacy Query API: `db.query(User).filter(...).all()`. */
  query<const Items extends readonly SelectItem[]>(...items: Items & CheckedEntities<Items>): Query<Items> {
    return new Query<Items>(this, items);
  }

  // ---------------------------------------------------------------- bulk

  /** INSERTs plain objects as rows of a model, in batches (no identity map, no relationships). */
  async bulkInsertMappings<T>(
    model: ModelClass<T>,
    rows: readonly Partial<T>[],
    opts: { returnDefaults?: boolean } = {},
  ): Promise<void> {
    await bulkInsertMappings(this, mapperFor(model), rows as readonly Record<string, unknown>[], opts);
  }

  /** UPDATEs rows of a model from plain objects that include the primary key, in batches. */
  async bulkUpdateMappings<T>(model: ModelClass<T>, rows: readonly Partial<T>[]): Promise<void> {
    await bulkUpdateMappings(this, mapperFor(model), rows as readonly Record<string, unknown>[]);
  }

  /** Saves objects in batches like a flush would (new ones inserted, changed ones updated). */
  async bulkSaveObjects(objs: Iterable<MappedInstance>): Promise<void> {
    this.addAll(objs);
    await this.flush();
  }

  /** @internal The mapper of a model class. */
  mapperOf(model: ModelClass<unknown>): Mapper {
    return mapperFor(model);
  }

  toString(): string {
    return `Session(${this.identityMap.size} objects, ${this.pending.size} pending)`;
  }
}

function expireAll(st: InstanceState): void {
  expireState(st, null);
}

function toScalars<Items extends readonly unknown[]>(res: Result<Items>): ScalarResult<unknown> {
  return res.scalars();
}

function firstScalar<Items extends readonly unknown[]>(res: Result<Items>): unknown {
  return res.scalar();
}

function detach(st: InstanceState): void {
  st.session = null;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === "object")
    return `an object of class ${v.constructor ? className(v.constructor as new () => unknown) : "Object"}`;
  return typeof v;
}
