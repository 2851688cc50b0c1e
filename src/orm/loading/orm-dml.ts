import type { ExecutionOptions, Params } from "../../engine/connection.js";
import { createRowFactory, Result } from "../../engine/result.js";
import { ArgumentError } from "../../errors.js";
import { type Delete, type Insert, Update } from "../../sql/dml.js";
import { BindParameter, type ColumnElement } from "../../sql/elements.js";
import { kEntity } from "../../sql/protocols.js";
import { select } from "../../sql/select.js";
import type { Mapper } from "../mapper/mapper.js";
import { mapperFor } from "../mapper/mapping.js";
import { expireColumns } from "../state/attributes.js";
import type { InstanceState } from "../state/instance-state.js";
import { bulkUpdateMappings } from "../unitofwork/bulk.js";
import { snapshotValue } from "../unitofwork/changes.js";
import type { UnitOfWorkContext } from "../unitofwork/context.js";
import { evaluator } from "./evaluate.js";
import { mapperClassOf } from "./plan.js";

/** How a bulk UPDATE / DELETE updates the session's objects: "auto", "evaluate", "fetch" or false. */
export type SynchronizeSession = "auto" | "evaluate" | "fetch" | false;

function targetMapper(target: unknown): Mapper {
  return mapperFor(mapperClassOf((target as Record<symbol, { entity: unknown }>)[kEntity]!.entity));
}

/** Objects of `mapper` in the session that the statement's criteria match (in memory), or null. */
function evaluateMatches(
  session: UnitOfWorkContext,
  mapper: Mapper,
  where: readonly ColumnElement<any, any>[],
): InstanceState[] | null {
  const ev = evaluator(where, mapper);
  if (!ev) return null;
  const out: InstanceState[] = [];
  for (const st of session.identityMap.forMapper(mapper).values()) {
    // An object whose criteria attributes are expired can't be evaluated in memory.
    if (st.expiredKeys?.size) for (const k of ev.keys) if (st.expiredKeys.has(k)) return null;
    if (ev.test(st.obj)) out.push(st);
  }
  return out;
}

/** Primary keys of rows the statement will touch, selected first (synchronizeSession "fetch"). */
async function fetchMatches(
  session: UnitOfWorkContext,
  mapper: Mapper,
  where: readonly ColumnElement<any, any>[],
): Promise<InstanceState[]> {
  const conn = await session.connection();
  const pkCols = mapper.pk.map((c) => c.column);
  return statesOf(session, mapper, (await conn.execute(select(...pkCols).where(...where))).rawRows());
}

/** The session's objects among rows of primary-key values. */
function statesOf(
  session: UnitOfWorkContext,
  mapper: Mapper,
  rows: readonly (readonly unknown[])[],
): InstanceState[] {
  const identity = session.identityMap.forMapper(mapper);
  const out: InstanceState[] = [];
  for (const r of rows) {
    const st = identity.get(mapper.identityKey(r));
    if (st) out.push(st);
  }
  return out;
}

/**
 * ORM-enabled INSERT / UPDATE / DELETE of a mapped class. A list of parameter sets is a bulk
 * operation (INSERT: batched rows; UPDATE: by primary key). UPDATE / DELETE with criteria keep
 * the session in step (`synchronizeSession`: "auto" evaluates the criteria in memory when it can,
 * else fetches the matched keys; "fetch"; "evaluate"; false).
 */
export async function executeOrmDml(
  session: UnitOfWorkContext,
  stmt: Insert<any, any> | Update<any, any> | Delete<any, any>,
  params: Params | readonly Params[] | undefined,
  opts?: ExecutionOptions,
): Promise<Result<any>> {
  const mapper = targetMapper(stmt.state.target);
  if (stmt.kind === "insert") {
    const conn = await session.connection();
    return conn.execute(stmt, params as never, opts);
  }
  if (Array.isArray(params)) {
    if (stmt.kind !== "update")
      throw new ArgumentError(
        "delete() with a list of parameter sets is not supported; delete with criteria, or db.delete(obj) each object",
      );
    await bulkUpdateMappings(session, mapper, params as readonly Record<string, unknown>[]);
    return new Result([], createRowFactory([], []), params.length, null, false);
  }
  if (session._needsAutoflush()) await session._autoflush();
  const conn = await session.connection();
  const where = stmt.state.where;
  const sync = (stmt.state.executionOptions.synchronizeSession ??
    opts?.synchronizeSession ??
    "auto") as SynchronizeSession;
  let matched: InstanceState[] | null = null;
  if (sync === "evaluate" || sync === "auto") {
    matched = evaluateMatches(session, mapper, where);
    if (matched === null && sync === "evaluate") {
      throw new ArgumentError(
        `synchronizeSession: "evaluate" can't evaluate this ${stmt.kind.toUpperCase()}'s criteria in memory; use "fetch" (or "auto")`,
      );
    }
  }
  const fetch = sync === "fetch" || (sync === "auto" && matched === null);
  const dialect = conn.dialect;
  let res: Result<any>;
  if (
    fetch &&
    stmt.state.returning.length === 0 &&
    (stmt.kind === "update" ? dialect.supportsUpdateReturning : dialect.supportsDeleteReturning)
  ) {
    // One statement, as SQLAlchemy does: the rows it changed say which objects to update, and
    // a row that starts matching between a SELECT and the UPDATE cannot be missed.
    const pkCols = mapper.pk.map((c) => c.column);
    const withKeys = (stmt as Update<any, any>).returning(...pkCols);
    const returned = await conn.execute(withKeys, params as Params | undefined, opts);
    matched = statesOf(session, mapper, returned.rawRows());
    res = new Result([], createRowFactory([], []), returned.rowCount, null, false);
  } else {
    if (fetch) matched = await fetchMatches(session, mapper, where);
    res = await conn.execute(stmt, params as Params | undefined, opts);
  }
  if (!matched) return res;
  if (stmt instanceof Update) {
    const literal = new Map<string, unknown>();
    const computed: string[] = [];
    for (const [col, v] of stmt.state.values) {
      const mc = mapper.byColumn.get(col as never);
      if (!mc) continue;
      if (v instanceof BindParameter && !v.key) literal.set(mc.key, v.value);
      else computed.push(mc.key);
    }
    for (const mc of mapper.columns)
      if (mc.column.onUpdate && !literal.has(mc.key) && !computed.includes(mc.key)) computed.push(mc.key);
    for (const st of matched) {
      for (const [k, v] of literal) {
        if (st.expiredKeys?.has(k)) continue;
        st.obj[k] = v;
        if (st.committed) st.committed[mapper.byKey.get(k)!.index] = snapshotValue(mapper.byKey.get(k)!, v);
      }
      const toExpire = computed.filter((k) => !st.expiredKeys?.has(k));
      if (toExpire.length) expireColumns(st, toExpire, "expired");
    }
  } else {
    for (const st of matched) {
      session.identityMap.remove(st);
      st.deletedFlushed = true;
      session.transaction?.deleted.add(st);
    }
  }
  return res;
}
