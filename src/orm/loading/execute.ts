import type { ExecutionOptions, Params } from "../../engine/connection.js";
import { createRowFactory, Result, type RowFactory } from "../../engine/result.js";

import type { CompiledStatement } from "../../sql/compiler/compiled.js";
import { Delete, Insert, Update } from "../../sql/dml.js";
import type { Node } from "../../sql/node.js";
import { isEntityLike } from "../../sql/protocols.js";
import { Select } from "../../sql/select.js";
import { processed } from "../../sql/type-engine.js";
import { setLoadedRelationship } from "../state/attributes.js";
import { stateOf } from "../state/instance-state.js";
import type { UnitOfWorkContext } from "../unitofwork/context.js";
import { buildEntityReader, type EntityReader } from "./hydrate.js";
import { applyJsonLoads } from "./json-hydrate.js";
import { executeOrmDml } from "./orm-dml.js";
import {
  type EntityLayout,
  type LayoutItem,
  type LeanRead,
  type OrmSelectPlan,
  planOrmSelect,
} from "./plan.js";
import { runSelectinLoads } from "./relationship-loader.js";

/** The entity layouts of a plan, depth first: the same order for every plan of one compiled shape. */
function layoutsOf(plan: OrmSelectPlan): EntityLayout[] {
  const out: EntityLayout[] = [];
  const visit = (e: EntityLayout) => {
    out.push(e);
    for (const j of e.joined) visit(j.entity);
  };
  for (const item of plan.items) if (item.kind === "entity") visit(item.entity);
  return out;
}

/** Readers for every entity of a plan, generated once per compiled shape. */
function readersFor(compiled: CompiledStatement, plan: OrmSelectPlan): Map<EntityLayout, EntityReader> {
  const layouts = layoutsOf(plan);
  const readers = readerList(compiled, plan, layouts);
  return new Map(layouts.map((e, i) => [e, readers[i]!]));
}

/** The readers in depth-first layout order (the first is the first entity of the row). */
function readerList(
  compiled: CompiledStatement,
  plan: OrmSelectPlan,
  layouts?: readonly EntityLayout[],
): EntityReader[] {
  let readers = compiled.memo.get("ormReaders") as EntityReader[] | undefined;
  if (readers) return readers;
  const processors = compiled.resultColumns!.map((c) => c.processor);
  readers = (layouts ?? layoutsOf(plan)).map((e) =>
    buildEntityReader(
      e.node.mapper,
      e.node.columns,
      processors.slice(e.offset, e.offset + e.node.columns.length),
      e.offset,
    ),
  );
  compiled.memo.set("ormReaders", readers);
  return readers;
}

/**
 * The plan of a statement, made on its first execution and kept in the statement's executor cache
 * slot (statements are immutable). Only the ORM writes that slot on a Select, so the cast holds.
 */
function cachedPlan(stmt: Select<any>): OrmSelectPlan {
  let plan = stmt._executorCache as OrmSelectPlan | undefined;
  if (plan === undefined) {
    plan = planOrmSelect(stmt);
    stmt._executorCache = plan;
  }
  return plan;
}

function hasEntities(stmt: Select<any>): boolean {
  return stmt.state.items.some((i) => isEntityLike(i));
}

/**
 * Runs a statement for a session: ORM selects hydrate objects; ORM DML syncs the session. May
 * throw instead of rejecting (the session turns that into a rejection).
 */
export function executeOrm(
  session: UnitOfWorkContext,
  stmt: Node,
  params?: Params | readonly Params[],
  opts?: ExecutionOptions,
): Promise<Result<any>> {
  if (stmt instanceof Select && hasEntities(stmt) && !Array.isArray(params))
    return executeOrmSelect(session, stmt, params as Params | undefined, opts);
  return executeOther(session, stmt, params, opts);
}

async function executeOther(
  session: UnitOfWorkContext,
  stmt: Node,
  params?: Params | readonly Params[],
  opts?: ExecutionOptions,
): Promise<Result<any>> {
  if (stmt instanceof Insert || stmt instanceof Update || stmt instanceof Delete) {
    if (isEntityLike(stmt.state.target)) return executeOrmDml(session, stmt, params, opts);
  }
  if (
    stmt.kind === "select" ||
    stmt.kind === "compound_select" ||
    stmt.kind === "text" ||
    stmt.kind === "textual_select"
  )
    await session._autoflush();
  const conn = await session.connection();
  return conn.execute(stmt, params as Params, opts);
}

/**
 * Most rows hydrated in the turn that fetched them; larger results wait a turn first (on 10,000-row
 * results that spent 20% less time, less of it in the garbage collector; see fetchRows).
 */
const SAME_TURN_ROWS = 100;

/** Rows of an ORM select, hydrated, joined collections assembled, selectin relationships loaded. */
export function executeOrmSelect(
  session: UnitOfWorkContext,
  stmt: Select<any>,
  params?: Params,
  opts?: ExecutionOptions,
): Promise<Result<any>> {
  const plan = cachedPlan(stmt);
  const only = leanEntity(plan);
  // On a synchronous driver with a connection at hand, fetched and hydrated without waiting
  // (as session.get()).
  if (only !== null && !session._needsAutoflush()) {
    const fetched = fetchSync(session, plan, params, false);
    if (fetched instanceof Promise) return fetched;
    if (fetched !== null) {
      const { compiled, rows } = fetched;
      const finish = () =>
        Result.ofValues(
          hydrateSingle(session, compiled, plan, only, rows, populates(stmt, opts)),
          itemRowFactory(compiled, plan),
        );
      return rows.length <= SAME_TURN_ROWS ? Promise.resolve(finish()) : Promise.resolve().then(finish);
    }
  }
  return executeOrmSelectAsync(session, stmt, plan, params, opts);
}

async function executeOrmSelectAsync(
  session: UnitOfWorkContext,
  stmt: Select<any>,
  plan: OrmSelectPlan,
  params?: Params,
  opts?: ExecutionOptions,
): Promise<Result<any>> {
  const { compiled, rows } = await fetchRows(session, plan, params, opts);
  const items = await readRows(session, compiled, plan, rows, populates(stmt, opts));
  const factory = itemRowFactory(compiled, plan);
  return singleEntity(plan) !== null
    ? Result.ofValues(items, factory)
    : new Result(items as unknown[][], factory, items.length, null, true);
}

/**
 * The lean path of session.get(): a select of one entity with no loads after it, its first object
 * (or null) hydrated straight from the driver's rows (no Result, no array of objects), without
 * waiting at all on a synchronous driver with a connection at hand (see
 * Connection._runPreparedSync). Undefined when the statement needs the general path
 * (executeOrmSelect), and then nothing was done.
 */
export function selectFirstEntity(
  session: UnitOfWorkContext,
  stmt: Select<any>,
  params: Params,
): object | null | Promise<object | null> | undefined {
  const plan = cachedPlan(stmt);
  const lean = plan.lean === undefined ? leanRead(plan) : plan.lean;
  if (lean === null) return undefined;
  const populate = populates(stmt);
  if (!session._needsAutoflush()) {
    session.checkUsable();
    const conn = session._connectionSync();
    if (conn !== null) {
      const prepared = conn.dialect.prepare(plan.core);
      const res = conn._runPreparedSync(prepared, plan.core, params, true);
      if (res instanceof Promise) return res;
      if (res !== null) {
        const row = res.rows[0] as unknown[] | undefined;
        if (row === undefined) return null;
        const compiled = prepared.compiled;
        if (lean.compiled !== compiled) {
          lean.read = readerList(compiled, plan)[0]!;
          lean.compiled = compiled;
        }
        const identity = session.identityMap.forMapper(lean.entity.node.mapper);
        return lean.read!(row, session, identity, populate) ?? null;
      }
    }
  }
  return selectFirstAsync(session, plan, lean.entity, params, populate);
}

/**
 * The plan's LeanRead, made once (whether its statement is lean depends on the plan alone). Kept
 * with the reader of the last compiled shape, get() skips two lookups of the plan's entities and
 * one of the compiled statement's memo: measured, CPU time of 2,000 session.get() on SQLite (a
 * fresh session each) about 1% lower (0.988 -> 0.975 of the starting build, in-process A/B).
 */
function leanRead(plan: OrmSelectPlan): LeanRead | null {
  const entity = leanEntity(plan);
  plan.lean = entity === null ? null : { entity, compiled: null, read: null };
  return plan.lean;
}

async function selectFirstAsync(
  session: UnitOfWorkContext,
  plan: OrmSelectPlan,
  only: EntityLayout,
  params: Params,
  populate: boolean,
): Promise<object | null> {
  const { compiled, rows } = await fetchRows(session, plan, params);
  return (hydrateSingle(session, compiled, plan, only, rows, populate)[0] as object | undefined) ?? null;
}

/**
 * The raw rows of the plan's statement (after an autoflush). Awaited even on a synchronous driver:
 * measured on 10,000-row results, hydrating after the await took 20% less time (less of it in the
 * garbage collector) than in the same turn.
 */
async function fetchRows(
  session: UnitOfWorkContext,
  plan: OrmSelectPlan,
  params?: Params,
  opts?: ExecutionOptions,
): Promise<{ compiled: CompiledStatement; rows: unknown[][] }> {
  if (session._needsAutoflush()) await session._autoflush();
  session.checkUsable();
  const conn = session._connectionSync() ?? (await session.connection());
  const prepared = conn.dialect.prepare(plan.core);
  const res = await conn._runPreparedRaw(prepared, plan.core, params, opts);
  return { compiled: prepared.compiled, rows: res.rows as unknown[][] };
}

/**
 * The rows of the plan's statement fetched without waiting (`single`: its first row only, for a
 * lookup by primary key); null when that is not possible, and then nothing was done.
 */
function fetchSync(
  session: UnitOfWorkContext,
  plan: OrmSelectPlan,
  params: Params | undefined,
  single: boolean,
): { compiled: CompiledStatement; rows: unknown[][] } | Promise<never> | null {
  session.checkUsable();
  const conn = session._connectionSync();
  if (conn === null) return null;
  const prepared = conn.dialect.prepare(plan.core);
  const res = conn._runPreparedSync(prepared, plan.core, params, single);
  if (res === null || res instanceof Promise) return res;
  return { compiled: prepared.compiled, rows: res.rows as unknown[][] };
}

function populates(stmt: Select<any>, opts?: ExecutionOptions): boolean {
  return Boolean(stmt.state.executionOptions.populateExisting ?? opts?.populateExisting);
}

/** The row class of ORM result rows (entities and column values), made once per compiled shape. */
function itemRowFactory(compiled: CompiledStatement, plan: OrmSelectPlan): RowFactory {
  let f = compiled.memo.get("ormRowFactory") as RowFactory | undefined;
  if (!f) {
    const keys = plan.items.map((i) => (i.kind === "entity" ? i.entity.node.mapper.name : (i.key ?? "")));
    f = createRowFactory(
      keys,
      keys.map(() => null),
    );
    compiled.memo.set("ormRowFactory", f);
  }
  return f;
}

/**
 * Reads raw rows into items: for a plan of one entity (see singleEntity()) the objects
 * themselves, otherwise item rows (entities and processed column values).
 */
export async function readRows(
  session: UnitOfWorkContext,
  compiled: CompiledStatement,
  plan: OrmSelectPlan,
  rows: unknown[][],
  populate: boolean,
): Promise<unknown[]> {
  const only = singleEntity(plan);
  if (only === null) return readMixedRows(session, compiled, plan, rows, populate);
  const out = hydrateSingle(session, compiled, plan, only, rows, populate);
  if (hasPostLoads(only)) {
    const loaded = new Map<EntityLayout, Set<object>>();
    if (only.json.length) applyJsonLoads(session, compiled, only, out, rows, populate, loaded);
    const set = new Set<object>();
    for (const o of out) if (o) set.add(o as object);
    loaded.set(only, set);
    await runSelectinLoads(session, loaded, populate);
  }
  return out;
}

/** The entity of a plan whose rows hold one entity and nothing else (no joined eager loads). */
function singleEntity(plan: OrmSelectPlan): EntityLayout | null {
  if (plan.items.length !== 1) return null;
  const item = plan.items[0]!;
  return item.kind === "entity" && item.entity.joined.length === 0 ? item.entity : null;
}

/** The hot path: rows holding one entity and nothing else, hydrated through the generated reader. */
function hydrateSingle(
  session: UnitOfWorkContext,
  compiled: CompiledStatement,
  plan: OrmSelectPlan,
  entity: EntityLayout,
  rows: unknown[][],
  populate: boolean,
): unknown[] {
  const read = readerList(compiled, plan)[0]!;
  const identity = session.identityMap.forMapper(entity.node.mapper);
  const out = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = read(rows[i]!, session, identity, populate);
  return out;
}

/** The entity of a plan that reads one entity a row with nothing loaded after it, or null. */
function leanEntity(plan: OrmSelectPlan): EntityLayout | null {
  const only = singleEntity(plan);
  return only !== null && !hasPostLoads(only) ? only : null;
}

/** Whether an entity's load tree asks for JSON, selectin (or noload) relationships after the query. */
function hasPostLoads(e: EntityLayout): boolean {
  if (e.json.length) return true;
  for (const edge of e.node.children.values())
    if (edge.strategy === "selectin" || edge.strategy === "noload") return true;
  return false;
}

/** Rows with several items, or joined eager loads: entities, columns, collections assembled. */
async function readMixedRows(
  session: UnitOfWorkContext,
  compiled: CompiledStatement,
  plan: OrmSelectPlan,
  rows: unknown[][],
  populate: boolean,
): Promise<unknown[][]> {
  const readers = readersFor(compiled, plan);
  const processors = compiled.resultColumns!.map((c) => c.processor);
  const out: unknown[][] = [];
  const seenRows = plan.dedupe ? new Set<string>() : null;
  const collections = new Map<object, Map<string, Set<object>>>();
  const loadedEntities = new Map<EntityLayout, Set<object>>();
  const identityFor = (e: EntityLayout) => session.identityMap.forMapper(e.node.mapper);
  const roots = plan.items.filter((i): i is Extract<LayoutItem, { kind: "entity" }> => i.kind === "entity");
  const rootIdentity = roots.map((r) => identityFor(r.entity));

  const readJoined = (e: EntityLayout, parent: object, row: unknown[]) => {
    for (const j of e.joined) {
      const child = readers.get(j.entity)!(row, session, identityFor(j.entity), populate);
      track(j.entity, child, row);
      const rel = j.edge.rel;
      let perParent = collections.get(parent);
      if (!perParent) collections.set(parent, (perParent = new Map()));
      let set = perParent.get(rel.key);
      if (!set) perParent.set(rel.key, (set = new Set()));
      if (child) {
        set.add(child);
        readJoined(j.entity, child, row);
      }
    }
  };
  /** Per entity with JSON loads: each object and the first row that read it. */
  const jsonRows = new Map<EntityLayout, Map<object, unknown[]>>();
  const track = (e: EntityLayout, obj: object | null, row: unknown[]) => {
    if (!obj) return;
    let s = loadedEntities.get(e);
    if (!s) loadedEntities.set(e, (s = new Set()));
    s.add(obj);
    if (!e.json.length) return;
    let m = jsonRows.get(e);
    if (!m) jsonRows.set(e, (m = new Map()));
    if (!m.has(obj)) m.set(obj, row);
  };

  for (const row of rows) {
    const values: unknown[] = [];
    let r = 0;
    for (const item of plan.items) {
      if (item.kind === "column") {
        const v = row[item.position];
        const p = processors[item.position];
        values.push(processed(v, p));
      } else {
        const obj = readers.get(item.entity)!(row, session, rootIdentity[r]!, populate);
        track(item.entity, obj, row);
        if (obj) readJoined(item.entity, obj, row);
        values.push(obj);
        r++;
      }
    }
    if (seenRows) {
      const key = values
        .map((v) =>
          typeof v === "object" && v !== null
            ? `#${stateOf(v)?.insertOrder ?? ""}:${String(stateOf(v)?.key)}`
            : String(v),
        )
        .join("|");
      if (seenRows.has(key)) continue;
      seenRows.add(key);
    }
    out.push(values);
  }
  // Joined collections: assign what the rows delivered (parents already loaded keep theirs).
  const assign = (e: EntityLayout) => {
    for (const j of e.joined) {
      const rel = j.edge.rel;
      for (const parent of loadedEntities.get(e) ?? []) {
        const st = stateOf(parent)!;
        if (st.hasRel(rel.key) && !populate) continue;
        setLoadedRelationship(st, rel, [...(collections.get(parent)?.get(rel.key) ?? [])]);
      }
      assign(j.entity);
    }
  };
  for (const root of roots) assign(root.entity);
  for (const [e, m] of jsonRows)
    applyJsonLoads(session, compiled, e, [...m.keys()], [...m.values()], populate, loadedEntities);
  await runSelectinLoads(session, loadedEntities, populate);
  return out;
}

/** Whether reading the plan's rows runs more queries (selectin loads, at any depth). */
function loadsAfterRows(plan: OrmSelectPlan): boolean {
  return layoutsOf(plan).some((e) =>
    [...e.node.children.values()].some((edge) => edge.strategy === "selectin"),
  );
}

/**
 * Streams an ORM select in chunks of `yieldPer` rows (each chunk's selectin loads in one query
 * per relationship level). A server-side cursor holds its connection until it is exhausted on
 * PostgreSQL (pg) and MySQL, where the eager loads of a chunk could not run meanwhile: a plan
 * with selectin loads reads the raw rows first, then hydrates and loads them chunk by chunk.
 */
export async function* streamOrm(
  session: UnitOfWorkContext,
  stmt: Node,
  params: Params | undefined,
  yieldPer: number,
): AsyncIterable<unknown> {
  if (!(stmt instanceof Select) || !hasEntities(stmt)) {
    if (session._needsAutoflush()) await session._autoflush();
    const conn = await session.connection();
    const result = await conn.stream(stmt, params, { yieldPer });
    // As the type says (and as for entities): one selected item yields its values, not rows.
    if (stmt instanceof Select && stmt.state.items.length === 1) yield* result.scalars();
    else yield* result;
    return;
  }
  if (session._needsAutoflush()) await session._autoflush();
  const conn = await session.connection();
  const plan = cachedPlan(stmt);
  const prepared = conn.dialect.prepare(plan.core);
  const stream = await conn.stream(plan.core, params, { yieldPer });
  const single = plan.items.length === 1;
  let partitions: AsyncIterable<unknown[][]> | unknown[][][] = stream.rawPartitions();
  if (loadsAfterRows(plan)) {
    const buffered: unknown[][][] = [];
    for await (const raw of partitions) buffered.push(raw);
    partitions = buffered;
  }
  const flat = singleEntity(plan) !== null;
  for await (const raw of partitions) {
    const items = await readRows(session, prepared.compiled, plan, raw, false);
    const factory = single ? null : itemRowFactory(prepared.compiled, plan);
    for (const it of items) yield flat ? it : factory ? factory.make(it as unknown[]) : (it as unknown[])[0];
  }
}
