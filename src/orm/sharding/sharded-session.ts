import type { StatementLimits } from "../../engine/cancel.js";
import type { Connection, ExecutionOptions, ItemsOf, Params } from "../../engine/connection.js";
import type { Engine } from "../../engine/engine.js";
import { Result, type ScalarResult } from "../../engine/result.js";
import { ArgumentError, InvalidRequestError } from "../../errors.js";
import type { Node } from "../../sql/node.js";
import type { CheckedEntity, ScalarOf } from "../../sql/typing.js";
import type { MappedInstance, RelationshipKeys } from "../declarative/model-types.js";
import type { Mapper } from "../mapper/mapper.js";
import { mapperFor } from "../mapper/mapping.js";
import { type PrimaryKey, Session, type SessionOptions } from "../session/session.js";
import { stateOf } from "../state/instance-state.js";

type ModelClass<T> = abstract new (...args: any) => T;

/** Picks the shard of a new object (SQLAlchemy's shard_chooser). */
export type ShardChooser = (mapper: Mapper, obj: object) => string;
/** The shards that may hold the row with this primary key, in the order to try (identity_chooser). */
export type IdentityChooser = (mapper: Mapper, primaryKey: PrimaryKey) => readonly string[];
/** The shards a statement runs on; the results are concatenated in this order (execute_chooser). */
export type QueryChooser = (
  stmt: Node,
  context: {
    readonly params: Params | readonly Params[] | undefined;
    readonly options: ExecutionOptions | undefined;
  },
) => readonly string[];

/** What shardedSessionmaker() takes: the shards, the three choosers and the sessions' options. */
export interface ShardedSessionOptions extends Omit<SessionOptions, "bind"> {
  /** One engine (or connection) per shard id: `{ eu: engineEu, us: engineUs }`. */
  shards: Readonly<Record<string, Engine | Connection>>;
  shardChooser: ShardChooser;
  identityChooser: IdentityChooser;
  queryChooser: QueryChooser;
}

/** Execution option naming the one shard a statement runs on (SQLAlchemy's set_shard / shard_id). */
export interface ShardExecutionOptions extends ExecutionOptions {
  readonly shardId?: string;
}

/**
 * A session over horizontally sharded databases, after SQLAlchemy's ext/horizontal_shard: one
 * unit of work per shard. New objects go to the shard `shardChooser` names (objects they cascade
 * to go with them); get() tries the shards `identityChooser` names; statements run on the shards
 * `queryChooser` names and their rows are concatenated (ORDER BY and LIMIT apply per shard). An
 * object's identity carries its shard: the same primary key may exist once per shard.
 *
 * commit() flushes every shard, then commits them one by one: there is no two-phase commit, so
 * a failure while committing a later shard leaves the earlier ones committed.
 */
export class ShardedSession implements AsyncDisposable {
  readonly #sessions: ReadonlyMap<string, Session>;
  readonly #options: ShardedSessionOptions;

  constructor(options: ShardedSessionOptions) {
    const { shards, shardChooser: _s, identityChooser: _i, queryChooser: _q, ...sessionOptions } = options;
    const ids = Object.keys(shards);
    if (ids.length === 0) throw new ArgumentError("shardedSessionmaker({ shards }) needs at least one shard");
    this.#options = options;
    this.#sessions = new Map(ids.map((id) => [id, new Session({ ...sessionOptions, bind: shards[id]! })]));
  }

  /** The shard ids, in the order given. */
  get shardIds(): string[] {
    return [...this.#sessions.keys()];
  }

  /** The plain Session of one shard (its own unit of work and transaction). */
  shard(id: string): Session {
    const s = this.#sessions.get(id);
    if (!s)
      throw new ArgumentError(
        `No shard '${id}'; the shards are ${this.shardIds.map((i) => `'${i}'`).join(", ")}`,
      );
    return s;
  }

  /** The shard an object belongs to (its identity token), or null when it is in none. */
  shardOf(obj: object): string | null {
    const session = stateOf(obj)?.session ?? null;
    if (session === null) return null;
    for (const [id, s] of this.#sessions) if (s === session) return id;
    return null;
  }

  /** The object's identity: model, primary key and shard (null key while not flushed). */
  identityKey(obj: object): { model: ModelClass<unknown>; key: unknown; shard: string | null } {
    const st = stateOf(obj);
    if (!st) throw new ArgumentError("identityKey() takes an instance of a mapped class");
    return { model: st.mapper.cls as ModelClass<unknown>, key: st.key, shard: this.shardOf(obj) };
  }

  #owner(obj: object, what: string): Session {
    const id = this.shardOf(obj);
    if (id === null)
      throw new InvalidRequestError(
        `${what}() takes an object of this sharded session; add() it first (or get() it from its shard)`,
      );
    return this.#sessions.get(id)!;
  }

  /** Adds an object to the shard shardChooser names (unless it already belongs to one). */
  add(obj: object): void {
    if (this.shardOf(obj) !== null) return;
    const mapper = mapperFor(obj.constructor as ModelClass<unknown>);
    this.shard(this.#options.shardChooser(mapper, obj)).add(obj);
  }

  /** add() for each object. */
  addAll(objs: Iterable<object>): void {
    for (const o of objs) this.add(o);
  }

  /** Marks an object of one of the shards for deletion. */
  delete(obj: object): void {
    this.#owner(obj, "delete").delete(obj);
  }

  /** Removes an object from its shard's session. */
  expunge(obj: object): void {
    this.#owner(obj, "expunge").expunge(obj);
  }

  /** Reloads an object from its own shard. */
  async refresh(obj: object, attributes?: readonly string[]): Promise<void> {
    await this.#owner(obj, "refresh").refresh(obj, attributes);
  }

  /** Loads a relationship of an object from its own shard. */
  async load<T extends MappedInstance>(obj: T, key: RelationshipKeys<T>): Promise<void> {
    await this.#owner(obj, "load").load(obj, key);
  }

  /** The object with this primary key from the first shard identityChooser names that has it. */
  async get<M extends ModelClass<unknown>>(
    model: M & CheckedEntity<M>,
    pk: PrimaryKey<InstanceType<M>>,
    opts?: { shardId?: string },
  ): Promise<InstanceType<M> | null> {
    const ids =
      opts?.shardId !== undefined ? [opts.shardId] : this.#options.identityChooser(mapperFor(model), pk);
    for (const id of ids) {
      const found = await this.shard(id).get(model, pk);
      if (found !== null) return found;
    }
    return null;
  }

  /**
   * Runs a statement on the shards queryChooser names (or the one `{ shardId }` names) and
   * concatenates their rows in that order; for writes, rowCount is the total.
   */
  async execute<S extends Node>(
    stmt: S,
    params?: Params | readonly Params[],
    opts?: ShardExecutionOptions,
  ): Promise<Result<ItemsOf<S>>> {
    const ids =
      opts?.shardId !== undefined
        ? [opts.shardId]
        : this.#options.queryChooser(stmt, { params, options: opts });
    if (ids.length === 0)
      throw new InvalidRequestError(
        "queryChooser named no shard for this statement; return at least one shard id",
      );
    const results: Result<ItemsOf<S>>[] = [];
    for (const id of ids) results.push(await this.shard(id).execute(stmt, params, opts));
    return results.length === 1 ? results[0]! : concatResults(results);
  }

  /** The first column (or entity) of each row, over the chosen shards. */
  async scalars<S extends Node>(
    stmt: S,
    params?: Params,
    opts?: ShardExecutionOptions,
  ): Promise<ScalarResult<ScalarOf<ItemsOf<S>>>> {
    return (await this.execute(stmt, params, opts)).scalars() as ScalarResult<ScalarOf<ItemsOf<S>>>;
  }

  /** The first column (or entity) of the first row over the chosen shards, or null. */
  async scalar<S extends Node>(
    stmt: S,
    params?: Params,
    opts?: ShardExecutionOptions,
  ): Promise<ScalarOf<ItemsOf<S>> | null> {
    return (await this.execute(stmt, params, opts)).scalar() as ScalarOf<ItemsOf<S>> | null;
  }

  /** Flushes every shard's pending changes (each in its own transaction). */
  async flush(limits?: StatementLimits): Promise<void> {
    for (const s of this.#sessions.values()) await s.flush(limits);
  }

  /**
   * Flushes every shard, then commits shard by shard, in the order of `shards`. Not atomic
   * across shards: no two-phase commit. A flush error leaves nothing committed; a failure
   * while committing shard n leaves shards before n committed (the error says which).
   */
  async commit(): Promise<void> {
    await this.flush();
    const done: string[] = [];
    for (const [id, s] of this.#sessions) {
      try {
        await s.commit();
      } catch (e) {
        if (done.length === 0) throw e;
        const err = e as Error;
        err.message += `\n[sharded commit: shard '${id}' failed after ${done.map((d) => `'${d}'`).join(", ")} committed; those changes stay]`;
        throw err;
      }
      done.push(id);
    }
  }

  /** Rolls back every shard's transaction. */
  async rollback(): Promise<void> {
    for (const s of this.#sessions.values()) await s.rollback();
  }

  /** Closes every shard's session. */
  async close(): Promise<void> {
    for (const s of this.#sessions.values()) await s.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** Objects added and not flushed yet, over all shards. */
  get new(): object[] {
    return [...this.#sessions.values()].flatMap((s) => s.new);
  }

  /** Changed objects not flushed yet, over all shards. */
  get dirty(): object[] {
    return [...this.#sessions.values()].flatMap((s) => s.dirty);
  }
}

/** One result of several shards' results: rows in order, write counts summed. */
function concatResults<Items extends readonly unknown[]>(results: readonly Result<Items>[]): Result<Items> {
  const first = results[0]!;
  const rows: unknown[][] = [];
  let rowCount = 0;
  for (const r of results) {
    rowCount += r.rowCount;
    if (r.returnsRows) for (const row of r.rawRowsUnprocessed()) rows.push(row);
  }
  return new Result<Items>(rows, first.factory, rowCount, null, first.returnsRows);
}
