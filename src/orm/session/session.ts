import type { StatementLimits } from "../../engine/cancel.js";
import type { Connection, ExecutionOptions, ItemsOf, Params } from "../../engine/connection.js";
import type { Engine } from "../../engine/engine.js";
import { newRoute, type ReplicaRoute } from "../../engine/replicas/route.js";
import type { Result, ScalarResult } from "../../engine/result.js";
import { PendingRollbackError } from "../../errors.js";
import type { Node } from "../../sql/node.js";
import type {
  CheckedEntities,
  CheckedEntity,
  ItemValue,
  Row,
  ScalarOf,
  SelectItem,
} from "../../sql/typing.js";
import type {
  AttributeKeys,
  MappedInstance,
  PrimaryKeyOf,
  RelationshipKeys,
} from "../declarative/model-types.js";
import { executeOrm, streamOrm } from "../loading/execute.js";
import type { Mapper } from "../mapper/mapper.js";
import { mapperFor } from "../mapper/mapping.js";
import { newestOf } from "../newest.js";
import { Query } from "../query/query.js";
import type { InstanceState } from "../state/instance-state.js";
import { isModified } from "../unitofwork/changes.js";
import { bulkInsert, bulkSaveObjects, bulkUpdate } from "./bulk-ops.js";
import {
  expireAllObjects,
  expireObject,
  type GetOptions,
  getObject,
  getOneObject,
  loadAttribute,
  NO_GET_OPTIONS,
  refresh,
} from "./get-refresh.js";
import { IdentityMap } from "./identity-map.js";
import {
  addObject,
  containsObject,
  deleteObject,
  dirtyObjects,
  expungeAll,
  expungeObject,
  isObjectModified,
} from "./lifecycle.js";
import { mergeObject } from "./merge.js";
import { SessionTransaction } from "./session-transaction.js";
import * as tx from "./transaction-ops.js";

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
  /** @internal Pending objects (null until the first add(): most sessions only read). */
  _pending: Set<InstanceState> | null = null;
  /** @internal Objects marked for deletion (null until the first delete()). */
  _markedDeleted: Set<InstanceState> | null = null;
  /** @internal */ transaction: SessionTransaction | null = null;
  /** @internal The connection of the current transaction, once taken. */
  _conn: Connection | null = null;
  /** @internal Whether _conn was taken from the engine (and goes back to its pool at release). */
  _ownsConnection = false;
  /** @internal The error of a failed flush, until rollback(). */
  _pendingRollback: Error | null = null;
  /** @internal The last insert order given to a pending object. */
  _insertCounter = 0;
  /** @internal Whether a flush is running (a flush inside it returns at once). */
  _flushing = false;
  #noAutoflush = 0;
  /** @internal With read replicas: this session's last commit position, shared by its connections. */
  _route: ReplicaRoute | null;

  constructor(opts: SessionOptions) {
    this.bind = opts.bind;
    this.autoflush = opts.autoflush ?? true;
    this.expireOnCommit = opts.expireOnCommit ?? true;
    this.autobegin = opts.autobegin ?? true;
    this.#info = opts.info ?? null;
    this._route = opts.usePrimary ? newRoute(true) : null;
    newest.current = this;
  }

  // ---------------------------------------------------------------- connection (transaction-ops.ts for the rest)

  /** @internal Raises if a failed flush is waiting for rollback(). */
  checkUsable(): void {
    if (this._pendingRollback) {
      throw new PendingRollbackError(
        `This session's transaction has been rolled back due to a previous exception during flush (${this._pendingRollback.message.split("\n")[0]}). ` +
          `Call \`await db.rollback()\` before using the session again.`,
        { cause: this._pendingRollback },
      );
    }
  }

  /** The connection of the current transaction (begun on first use). */
  connection(): Promise<Connection> {
    // Not an async function: one that returned tx.connect()'s promise would wait for it through
    // a promise of its own, and each session of an asynchronous driver comes through here once.
    try {
      this.checkUsable();
      const ready = this._connectionSync();
      return ready !== null ? Promise.resolve(ready) : tx.connect(this);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * @internal connection() when it needs no waiting (the session holds a connection, or the pool
   * has an idle one ready); null otherwise, and nothing was done. The caller checks usability.
   */
  _connectionSync(): Connection | null {
    if (this.transaction === null && !this.autobegin) return null;
    if (this._conn === null) {
      const conn = "connect" in this.bind ? this.bind._connectSync() : this.bind;
      if (conn === null) return null;
      tx.takeConnection(this, conn);
    }
    this.transaction ??= new SessionTransaction(this, null, null);
    return this._conn;
  }

  /** Free-form data attached to the session. */
  get info(): Record<string, unknown> {
    return (this.#info ??= {});
  }

  /** @internal Pending objects, in the order added (made on first use: most sessions only read). */
  get pending(): Set<InstanceState> {
    return (this._pending ??= new Set());
  }

  /** @internal Objects marked for deletion. */
  get markedDeleted(): Set<InstanceState> {
    return (this._markedDeleted ??= new Set());
  }

  /** @internal Whether anything is pending, marked for deletion or changed (without making the sets). */
  _hasChanges(): boolean {
    return (
      (this._pending !== null && this._pending.size > 0) ||
      (this._markedDeleted !== null && this._markedDeleted.size > 0) ||
      this.identityMap.some(isModified)
    );
  }

  /** The engine or connection statements go to. */
  getBind(): Engine | Connection {
    return this.bind;
  }

  // ---------------------------------------------------------------- transactions: transaction-ops.ts

  /** Begins the session transaction explicitly (needed with autobegin: false). */
  async begin(): Promise<SessionTransaction> {
    return tx.begin(this);
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
  beginNested(): Promise<SessionTransaction> {
    return tx.beginNested(this);
  }

  /** @internal */
  _commitNested(t: SessionTransaction): Promise<void> {
    return tx.commitNested(this, t);
  }

  /** @internal */
  _rollbackNested(t: SessionTransaction): Promise<void> {
    return tx.rollbackNested(this, t);
  }

  /**
   * Flushes, commits, and (expireOnCommit) expires every object so the next read is fresh.
   * `limits`: a timeout per statement of the flush and an AbortSignal (checked up to COMMIT,
   * which once sent runs to the end).
   */
  commit(limits?: StatementLimits): Promise<void> {
    return tx.commit(this, limits);
  }

  /** Rolls back the transaction (every savepoint too); objects return to their state before it. */
  rollback(): Promise<void> {
    return tx.rollback(this);
  }

  /** Rolls back what is not committed, empties the session and releases the connection. */
  close(): Promise<void> {
    return tx.close(this);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  // ---------------------------------------------------------------- object state: lifecycle.ts

  /** Adds an object (and objects its relationships cascade save-update to) to the session. */
  add(obj: MappedInstance): void {
    addObject(this, obj);
  }

  /** add() for each object. */
  addAll(objs: Iterable<MappedInstance>): void {
    for (const o of objs) this.add(o);
  }

  /** Marks an object for deletion at the next flush (cascading `delete` to related objects). */
  delete(obj: MappedInstance): void {
    deleteObject(this, obj);
  }

  /** Removes an object from the session (and cascade `expunge` targets); it becomes detached. */
  expunge(obj: MappedInstance): void {
    expungeObject(this, obj);
  }

  /** Detaches every object. */
  expungeAll(): void {
    expungeAll(this);
  }

  /** Whether the object is in this session (a flushed deletion is not: it left with its row). */
  contains(obj: object): boolean {
    return containsObject(this, obj);
  }

  /** Objects added and not yet flushed. */
  get new(): object[] {
    return [...this.pending].map((s) => s.obj);
  }

  /** Persistent objects with changes not yet flushed. */
  get dirty(): object[] {
    return dirtyObjects(this);
  }

  /** Objects marked for deletion and not yet flushed. */
  get deleted(): object[] {
    return [...this.markedDeleted].map((s) => s.obj);
  }

  /** Whether an object has changes not yet flushed. */
  isModified(obj: MappedInstance): boolean {
    return isObjectModified(this, obj);
  }

  /** Copies an object's state into the session's object of the same identity (loading it if needed): merge.ts. */
  async merge<T extends MappedInstance>(obj: T, opts: { load?: boolean } = {}): Promise<T> {
    return mergeObject(this, obj, opts.load ?? true) as Promise<T>;
  }

  // ---------------------------------------------------------------- reading by identity: get-refresh.ts

  /** The object with this primary key: from the identity map, or loaded (null if there is none). */
  get<M extends ModelClass<unknown>>(
    model: M & CheckedEntity<M>,
    pk: PrimaryKey<InstanceType<M>>,
    opts: GetOptions = NO_GET_OPTIONS,
  ): Promise<InstanceType<M> | null> {
    return getObject(this, model, pk, opts) as Promise<InstanceType<M> | null>;
  }

  /** get() (same options), raising NoResultFound when there is no such row: a web back end's 404. */
  getOne<M extends ModelClass<unknown>>(
    model: M & CheckedEntity<M>,
    pk: PrimaryKey<InstanceType<M>>,
    opts: GetOptions = NO_GET_OPTIONS,
  ): Promise<InstanceType<M>> {
    return getOneObject(this, model, pk, opts) as Promise<InstanceType<M>>;
  }

  /**
   * Expires an object's attributes (all, or those named): they must be reloaded before reading.
   * Related objects reached through `refresh-expire` cascades are expired too.
   */
  expire<T extends MappedInstance>(obj: T, attributes?: readonly AttributeKeys<T>[]): void {
    expireObject(this, obj, attributes ?? null);
  }

  /** Expires every object in the session. */
  expireAll(): void {
    expireAllObjects(this);
  }

  /** Reloads an object's attributes (all, or those named) from the database (see expire for cascades). */
  refresh<T extends MappedInstance>(obj: T, attributes?: readonly AttributeKeys<T>[]): Promise<void> {
    return refresh(this, obj, attributes ?? null);
  }

  /** Loads a relationship explicitly: `await db.load(kit, "custodyEvents")`. */
  load<T extends MappedInstance>(obj: T, key: RelationshipKeys<T>): Promise<void> {
    return loadAttribute(this, obj, key);
  }

  // ---------------------------------------------------------------- flush: transaction-ops.ts

  /**
   * Writes pending changes now (inside the current transaction). `limits`: a timeout per
   * statement and an AbortSignal, which cancel the running statement on the server.
   */
  flush(limits?: StatementLimits): Promise<void> {
    return tx.flush(this, limits);
  }

  /** @internal Called before queries. */
  async _autoflush(): Promise<void> {
    if (this.autoflush && this.#noAutoflush === 0) await this.flush();
  }

  /** @internal Whether an autoflush would write anything (checked without waiting, to save an await). */
  _needsAutoflush(): boolean {
    return this.autoflush && this.#noAutoflush === 0 && !this._flushing && this._hasChanges();
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

  // ---------------------------------------------------------------- queries: loading/execute.ts

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
  ): AsyncIterable<ItemsOf<S> extends readonly [infer F] ? ItemValue<F> : Row<ItemsOf<S>>> {
    return streamOrm(this, stmt, params, opts?.yieldPer ?? 1000) as never;
  }

  /** The legacy Query API: `db.query(User).filter(...).all()`. */
  query<const Items extends readonly SelectItem[]>(...items: Items & CheckedEntities<Items>): Query<Items> {
    return new Query<Items>(this, items);
  }

  // ---------------------------------------------------------------- bulk: bulk-ops.ts

  /** INSERTs plain objects as rows of a model, in batches (no identity map, no relationships). */
  async bulkInsertMappings<T>(
    model: ModelClass<T>,
    rows: readonly Partial<T>[],
    opts: { returnDefaults?: boolean } = {},
  ): Promise<void> {
    await bulkInsert(this, model, rows, opts);
  }

  /** UPDATEs rows of a model from plain objects that include the primary key, in batches. */
  async bulkUpdateMappings<T>(model: ModelClass<T>, rows: readonly Partial<T>[]): Promise<void> {
    await bulkUpdate(this, model, rows);
  }

  /** Saves objects in batches like a flush would (new ones inserted, changed ones updated). */
  async bulkSaveObjects(objs: Iterable<MappedInstance>): Promise<void> {
    await bulkSaveObjects(this, objs);
  }

  /** @internal The mapper of a model class. */
  mapperOf(model: ModelClass<unknown>): Mapper {
    return mapperFor(model);
  }

  toString(): string {
    return `Session(${this.identityMap.size} objects, ${this.pending.size} pending)`;
  }
}

function toScalars<Items extends readonly unknown[]>(res: Result<Items>): ScalarResult<unknown> {
  return res.scalars();
}

function firstScalar<Items extends readonly unknown[]>(res: Result<Items>): unknown {
  return res.scalar();
}
