/**
 * Session.get(), getOne(), refresh(), expire(), expireAll() and load(): reading objects by
 * identity, and making the session read them again.
 */
import type { Result } from "../../engine/result.js";
import { ArgumentError, InvalidRequestError, NoResultFound, ObjectDeletedError } from "../../errors.js";
import { bindparam } from "../../sql/elements.js";
import type { Node } from "../../sql/node.js";
import { type Select, select } from "../../sql/select.js";
import { executeOrmSelect, selectFirstEntity } from "../loading/execute.js";
import { loadOnly } from "../loading/options.js";
import { loadRelationship } from "../loading/relationship-loader.js";
import type { Mapper } from "../mapper/mapper.js";
import { className, mapperFor } from "../mapper/mapping.js";
import type { InstanceState } from "../state/instance-state.js";
import { cascadeTargets, expireState } from "../state/lifecycle.js";
import type { UnitOfWorkContext } from "../unitofwork/context.js";
import { ownedState } from "./lifecycle.js";

/** What get() takes besides the key. */
export interface GetOptions {
  populateExisting?: boolean;
  options?: readonly Node[];
}

/** get() without options (a shared object, not one per call). */
export const NO_GET_OPTIONS: GetOptions = Object.freeze({});

/** Session.get(): never throws, rejects instead. */
export function getObject(
  session: UnitOfWorkContext,
  model: abstract new (...args: any) => unknown,
  pk: unknown,
  opts: GetOptions,
): Promise<unknown> {
  // Not an async function: a lookup answered without waiting costs one settled promise.
  try {
    session.checkUsable();
    const found = getByIdentity(session, mapperFor(model), pk, opts);
    return found instanceof Promise ? found : Promise.resolve(found);
  } catch (e) {
    return Promise.reject(e);
  }
}

/** Session.getOne(): get(), raising NoResultFound when there is no such row. */
export async function getOneObject(
  session: UnitOfWorkContext,
  model: abstract new (...args: any) => unknown,
  pk: unknown,
  opts: GetOptions,
): Promise<unknown> {
  const obj = await getObject(session, model, pk, opts);
  if (obj === null) {
    throw new NoResultFound(
      `No ${className(model)} with primary key ${JSON.stringify(pk, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))}; use get() to receive null instead`,
    );
  }
  return obj;
}

/** Primary key values in key-column order, from a scalar, an array or an object. */
export function primaryKeyValues(mapper: Mapper, pk: unknown): unknown[] {
  const cols = mapper.pk;
  if (Array.isArray(pk)) {
    if (pk.length !== cols.length)
      throw new ArgumentError(
        `${mapper.name} has a ${cols.length}-column primary key (${mapper.pkKeys.join(", ")}); got ${pk.length} value(s)`,
      );
    return pk;
  }
  if (pk !== null && typeof pk === "object" && !(pk instanceof Date) && !(pk instanceof Uint8Array)) {
    return cols.map((c) => {
      const v = (pk as Record<string, unknown>)[c.key];
      if (v === undefined) throw new ArgumentError(`Primary key object for ${mapper.name} lacks '${c.key}'`);
      return v;
    });
  }
  if (cols.length !== 1)
    throw new ArgumentError(
      `${mapper.name} has a composite primary key (${mapper.pkKeys.join(", ")}); pass an array or an object of values`,
    );
  return [pk];
}

/** `SELECT ... WHERE pk = :pk_0 [AND ...]`, built once per mapper and reused. */
function getStatement(mapper: Mapper): Select<any> {
  let stmt = mapper.memo.get("getStatement") as Select<any> | undefined;
  if (!stmt) {
    stmt = select(mapper.cls as never).where(
      ...mapper.pk.map((c, i) => c.column.eq(bindparam(`pk_${i}`, undefined, c.column.type) as never)),
    );
    mapper.memo.set("getStatement", stmt);
  }
  return stmt;
}

/**
 * Session.get(): the identity map first, then one SELECT by primary key; on a synchronous
 * driver with a connection at hand the whole lookup finishes without waiting.
 */
export function getByIdentity(
  session: UnitOfWorkContext,
  mapper: Mapper,
  pk: unknown,
  opts: GetOptions,
): object | null | Promise<object | null> {
  if (mapper.registry.needsConfigure) mapper.registry.configure();
  let key: unknown;
  let params: Record<string, unknown>;
  if (mapper.pk.length === 1 && (typeof pk === "number" || typeof pk === "string")) {
    // The common case, one key column and its value: no array of values.
    key = pk;
    params = { pk_0: pk };
  } else {
    const values = primaryKeyValues(mapper, pk);
    for (const v of values) if (v === null || v === undefined) return null;
    key = mapper.identityKey(values);
    params = pkParams(values);
  }
  if (!opts.populateExisting) {
    const st = session.identityMap.get(mapper, key);
    if (st && !st.expiredKeys?.size) return st.obj;
  }
  let stmt = getStatement(mapper);
  if (opts.options?.length) stmt = stmt.options(...opts.options);
  if (opts.populateExisting) stmt = stmt.executionOptions({ populateExisting: true });
  const found = selectFirstEntity(session, stmt, params);
  return found === undefined ? executeOrmSelect(session, stmt, params).then(firstObject) : found;
}

/**
 * The parameters of getStatement(): object literals for one and two key columns, whose hidden
 * classes V8 keeps for good (a map built up key by key dies at a full GC, and the code with it).
 */
function pkParams(values: readonly unknown[]): Record<string, unknown> {
  if (values.length === 1) return { pk_0: values[0] };
  if (values.length === 2) return { pk_0: values[0], pk_1: values[1] };
  const params: Record<string, unknown> = {};
  values.forEach((v, i) => {
    params[`pk_${i}`] = v;
  });
  return params;
}

function firstObject(res: Result<any>): object | null {
  return res.scalar() as object | null;
}

/** Session.expire(): expires the object's attributes and, wholly, its `refresh-expire` cascade. */
export function expireObject(
  session: UnitOfWorkContext,
  obj: object,
  attributes: readonly string[] | null,
): void {
  const st = ownedState(session, obj, "expire");
  const related = refreshExpireTargets(session, st);
  expireState(st, attributes);
  for (const r of related) expireState(r, null);
}

/** Session.expireAll(). */
export function expireAllObjects(session: UnitOfWorkContext): void {
  for (const st of session.identityMap.states()) expireState(st, null);
}

/** Session.refresh(): reloads the object; its `refresh-expire` cascade is expired, not reloaded (as SQLAlchemy). */
export async function refresh(
  session: UnitOfWorkContext,
  obj: object,
  attributes: readonly string[] | null,
): Promise<void> {
  const st = ownedState(session, obj, "refresh");
  if (st.key === null)
    throw new InvalidRequestError(`${st.describe()} is not persisted yet; flush or commit before refresh()`);
  await session._autoflush();
  const related = refreshExpireTargets(session, st);
  await refreshObject(session, st, attributes);
  for (const r of related) expireState(r, null);
}

/** Session.load(): loads one relationship of an attached object. */
export async function loadAttribute(session: UnitOfWorkContext, obj: object, key: string): Promise<void> {
  const st = ownedState(session, obj, "load");
  await session._autoflush();
  await loadRelationship(session, [st], st.mapper.relationship(key));
}

/** Loaded objects of this session reachable from `st` through `refresh-expire` cascades (as SQLAlchemy's). */
function refreshExpireTargets(session: UnitOfWorkContext, st: InstanceState): InstanceState[] {
  const seen = new Set<InstanceState>([st]);
  const out: InstanceState[] = [];
  const todo = [st];
  while (todo.length) {
    for (const child of cascadeTargets(todo.pop()!, "refresh-expire")) {
      if (seen.has(child)) continue;
      seen.add(child);
      if (child.session === session && child.key !== null) out.push(child);
      todo.push(child);
    }
  }
  return out;
}

/** Reloads an object's columns (all, or `attributes`) and resets its relationships. */
async function refreshObject(
  session: UnitOfWorkContext,
  st: InstanceState,
  attributes: readonly string[] | null,
): Promise<void> {
  const mapper = st.mapper;
  const colKeys = attributes ? attributes.filter((k) => mapper.byKey.has(k)) : null;
  const relKeys = attributes
    ? attributes.filter((k) => mapper.relationships.has(k))
    : [...mapper.relationships.keys()];
  if (attributes) {
    const unknown = attributes.filter((k) => !mapper.byKey.has(k) && !mapper.relationships.has(k));
    if (unknown.length)
      throw new ArgumentError(
        `refresh(): ${mapper.name} has no attribute ${unknown.map((k) => `'${k}'`).join(", ")}`,
      );
  }
  for (const k of relKeys) {
    if (st.rel) delete st.rel[k];
    if (st.relCommitted) delete st.relCommitted[k];
  }
  if (colKeys && colKeys.length === 0) {
    for (const k of relKeys) await loadRelationship(session, [st], mapper.relationship(k));
    return;
  }
  let stmt = getStatement(mapper).executionOptions({ populateExisting: true });
  if (colKeys) stmt = stmt.options(loadOnly(...colKeys.map((k) => mapper.byKey.get(k)!.column)));
  const keyValues =
    typeof st.key === "string" && mapper.pk.length > 1 ? (JSON.parse(st.key) as unknown[]) : [st.key];
  const res = await executeOrmSelect(session, stmt, pkParams(keyValues));
  if (!res.rawRows().length) {
    throw new ObjectDeletedError(
      `${st.describe()} has been deleted, or its row is otherwise not present (refresh found no row).`,
    );
  }
  if (attributes) {
    for (const k of relKeys) await loadRelationship(session, [st], mapper.relationship(k));
  }
}
