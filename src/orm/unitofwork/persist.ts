import type { PreparedStatement } from "../../dialects/dialect.js";
import type { DriverResult } from "../../dialects/driver.js";
import type { Connection } from "../../engine/connection.js";
import { StaleDataError } from "../../errors.js";
import { sameItems } from "../../same-items.js";
import { delete_, type Insert, insert, update } from "../../sql/dml.js";
import { bindparam, type ColumnElement } from "../../sql/elements.js";
import type { Node } from "../../sql/node.js";
import { processed } from "../../sql/type-engine.js";
import type { MappedColumn, Mapper } from "../mapper/mapper.js";
import type { Relationship } from "../relationships/relationship.js";
import { expireColumns } from "../state/attributes.js";
import type { InstanceState } from "../state/instance-state.js";
import { keysIn } from "../tuple-in.js";
import { committedValue, takeSnapshot } from "./changes.js";
import { driverWriter, type InsertShape, insertShape } from "./insert-shape.js";
import { batchColumns, buildBatchUpdate, type UpdateBatchForm, updateBatchForm } from "./update-batch.js";
import { checkValues, valueChecks } from "./validate.js";

/** What persistence steps share during one flush. */
export interface PersistContext {
  readonly conn: Connection;
  /** States updated by this flush (the session transaction records them). */
  readonly updated: InstanceState[];
}

function paramCap(conn: Connection, perRow: number): number {
  return Math.max(1, Math.floor((conn.dialect.maxBindParameters - 10) / Math.max(1, perRow)));
}

/** Rows per multi-row INSERT at most (SQLAlchemy's insertmanyvalues_page_size default). */
const INSERT_PAGE_ROWS = 1000;

/** The mapper's columns that `keep` picks, worked out once per mapper (memoized under `name`). */
function columnsWhere(
  mapper: Mapper,
  name: string,
  keep: (c: MappedColumn) => boolean,
): readonly MappedColumn[] {
  let cols = mapper.memo.get(name) as MappedColumn[] | undefined;
  if (!cols) {
    cols = mapper.columns.filter(keep);
    mapper.memo.set(name, cols);
  }
  return cols;
}

/** The columns with a client-side INSERT default (a value or a function, not SQL). */
const insertDefaultColumns = (mapper: Mapper) =>
  columnsWhere(
    mapper,
    "insertDefaultColumns",
    (c) => c.column.default !== null && c.column.default.kind !== "sql",
  );

/** The columns with a client-side onUpdate default (a value or a function, not SQL). */
const updateDefaultColumns = (mapper: Mapper) =>
  columnsWhere(
    mapper,
    "updateDefaultColumns",
    (c) => c.column.onUpdate !== null && c.column.onUpdate.kind !== "sql",
  );

/** The columns an INSERT may set, in mapper order. */
const insertableColumns = (mapper: Mapper) => columnsWhere(mapper, "insertableColumns", insertable);

/** Values for client-side INSERT defaults the object does not set (assigned to it, as SQLAlchemy does). */
function applyInsertDefaults(st: InstanceState, defaults: readonly MappedColumn[]): void {
  const vc = st.mapper.versionColumn;
  if (vc && st.obj[vc.key] === undefined && !vc.column.default) {
    // A new row starts at version 1, as SQLAlchemy's version counter.
    const t = vc.column.type as { typeName: string; mode?: string };
    st.obj[vc.key] = t.typeName === "bigint" && t.mode === "bigint" ? 1n : 1;
  }
  for (const c of defaults) {
    if (st.obj[c.key] !== undefined) continue;
    const d = c.column.default!;
    if (d.kind === "scalar") st.obj[c.key] = d.value;
    else if (d.kind === "callable") st.obj[c.key] = d.fn();
  }
}

/** Whether the database, not the INSERT, supplies a column the object leaves unset. */
function serverSupplied(c: MappedColumn): boolean {
  const col = c.column;
  return (
    col.isAutoincrement ||
    col.serverDefault !== null ||
    col.computed !== null ||
    (col.default !== null && col.default.kind === "sql")
  );
}

function insertable(c: MappedColumn): boolean {
  return c.column.computed === null && !(c.column.identity?.always ?? false);
}

/** INSERTs a mapper's new rows in multi-row batches, reading generated keys and defaults back. */
export async function insertRows(
  ctx: PersistContext,
  mapper: Mapper,
  states: readonly InstanceState[],
): Promise<void> {
  const dialect = ctx.conn.dialect;
  // Runs of objects that set the same columns, in the order they were added (as SQLAlchemy,
  // which batches consecutive rows only: keys follow the order of add()).
  // A run is states[from] to states[to - 1]: no list of its own (W4's 10,000 objects are one run).
  const runs: InsertRun[] = [];
  const candidates = insertableColumns(mapper);
  const defaults = insertDefaultColumns(mapper);
  const checks = valueChecks(mapper);
  const setsDefaults = defaults.length > 0 || mapper.versionColumn !== null;
  let run: InsertRun | null = null;
  // Indexed loops: in code not yet optimized (a flush runs a few times per process) for...of
  // allocates a result object per element.
  for (let i = 0; i < states.length; i++) {
    const st = states[i]!;
    if (setsDefaults) applyInsertDefaults(st, defaults);
    if (run === null || !run.shape.matches(st.obj)) {
      const cols = candidates.filter((c) => st.obj[c.key] !== undefined);
      run = { shape: insertShape(mapper, candidates, cols, checks), from: i, to: i };
      runs.push(run);
    }
    const invalid = run.shape.firstInvalid(st.obj);
    if (invalid >= 0) checkValues(st, [run.shape.cols[invalid]!], checks);
    run.to = i + 1;
  }
  for (const { shape, from, to } of runs) {
    const { cols, sig } = shape;
    const given = new Set(cols);
    const fetch = mapper.columns.filter(
      (c) =>
        !given.has(c) && (c.column.primaryKey || (mapper.args.eagerDefaults !== false && serverSupplied(c))),
    );
    const needKey = mapper.pk.some((c) => !given.has(c));
    if (!dialect.supportsReturning && needKey) {
      await insertOneByOne(ctx, mapper, cols, states.slice(from, to), fetch);
      continue;
    }
    const returning = dialect.supportsReturning ? fetch : [];
    const chunk = Math.min(INSERT_PAGE_ROWS, paramCap(ctx.conn, cols.length || 1));
    for (let i = from; i < to; i += chunk) {
      const end = Math.min(i + chunk, to);
      if (!cols.length) {
        const one = batchInsert(mapper, sig, cols, 1, returning);
        for (let r = i; r < end; r++) await runInsert(ctx, one, shape, returning, states, r, r + 1, fetch);
        continue;
      }
      const stmt = batchInsert(mapper, sig, cols, end - i, returning);
      await runInsert(ctx, stmt, shape, returning, states, i, end, fetch);
    }
  }
}

/** Consecutive states of a flush that set the same columns: states[from] to states[to - 1]. */
interface InsertRun {
  readonly shape: InsertShape;
  readonly from: number;
  to: number;
}

/**
 * Multi-row INSERTs built once per mapper and shape (column set, row count, RETURNING or not),
 * with binds named `0`, `1`, ... in row order; the compiled SQL is then found by identity.
 */
const batchShapes = new WeakMap<Mapper, Map<string, Node>>();
const SHAPES_PER_MAPPER = 32;

/**
 * Batched statements built once per mapper and shape (kind, column set, row count, ...), with
 * binds named `0`, `1`, ... in row order: a flush fills a parameter object instead of building
 * and compiling a statement, and the compiled SQL is found by the statement's identity.
 */
function batchShape<S extends Node>(mapper: Mapper, key: string, build: () => S): S {
  let shapes = batchShapes.get(mapper);
  if (!shapes) batchShapes.set(mapper, (shapes = new Map()));
  let stmt = shapes.get(key) as S | undefined;
  if (stmt) return stmt;
  stmt = build();
  if (shapes.size >= SHAPES_PER_MAPPER) shapes.delete(shapes.keys().next().value!);
  shapes.set(key, stmt);
  return stmt;
}

function batchInsert(
  mapper: Mapper,
  colsSig: string,
  cols: readonly MappedColumn[],
  rowCount: number,
  returning: readonly MappedColumn[],
): Insert<any, any> {
  // RETURNING follows from the column set, except that dialects without it get none.
  const key = `insert|${colsSig}|${rowCount}|${returning.length > 0}`;
  return batchShape(mapper, key, () => buildBatchInsert(mapper, cols, rowCount, returning));
}

function buildBatchInsert(
  mapper: Mapper,
  cols: readonly MappedColumn[],
  rowCount: number,
  returning: readonly MappedColumn[],
): Insert<any, any> {
  let stmt = insert(mapper.table);
  if (cols.length) {
    const rows: Record<string, unknown>[] = [];
    let k = 0;
    for (let r = 0; r < rowCount; r++) {
      const row: Record<string, unknown> = {};
      for (const c of cols) row[c.key] = bindparam(String(k++), undefined, c.column.type);
      rows.push(row);
    }
    stmt = stmt.values(rows as never);
  }
  if (returning.length) stmt = stmt.returning(...returning.map((c) => c.column)) as Insert<any, any>;
  return stmt;
}

/** INSERTs states[from] to states[to - 1] (a part of a run) and reads back what they return. */
async function runInsert(
  ctx: PersistContext,
  stmt: Insert<any, any>,
  shape: InsertShape,
  returning: readonly MappedColumn[],
  states: readonly InstanceState[],
  from: number,
  to: number,
  fetch: readonly MappedColumn[],
): Promise<void> {
  const prepared = ctx.conn.dialect.prepare(stmt);
  const compiled = prepared.compiled;
  const width = shape.cols.length;
  const values = new Array<unknown>((to - from) * width);
  let res: DriverResult;
  if (compiled.positional) {
    const write = driverWriter(shape, compiled);
    for (let r = from; r < to; r++) write(states[r]!.obj, values, (r - from) * width);
    res = await ctx.conn._runBoundRaw(prepared, stmt, compiled.sql!, values, returning.length === 1);
  } else {
    for (let r = from; r < to; r++) shape.write(states[r]!.obj, values, (r - from) * width);
    res = await runBatch(ctx, prepared, stmt, values);
  }
  if (res.column !== undefined) {
    // One generated column, as its values (no array per row): usually just the primary key.
    const column = res.column;
    const key = returning[0]!.key;
    const p = compiled.resultColumns![0]!.processor;
    for (let r = 0; r < column.length; r++) {
      states[from + r]!.obj[key] = processed(column[r], p);
    }
  } else if (returning.length) {
    const rows = res.rows;
    const processors = compiled.resultColumns!;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const obj = states[from + r]!.obj;
      for (let j = 0; j < returning.length; j++)
        obj[returning[j]!.key] = processed(row[j], processors[j]!.processor);
    }
  }
  const unknown = fetch.filter((c) => !returning.includes(c));
  const left = leftOut(states[from]!.mapper, shape.cols.concat(returning), unknown);
  for (let r = from; r < to; r++) markInserted(states[r]!, left);
}

/**
 * Runs a batched statement (binds named "0", "1", ...) with its values in an array, read by index,
 * and returns the driver's rows as they came (no Result: the flush reads them once).
 */
function runBatch(
  ctx: PersistContext,
  prepared: PreparedStatement,
  stmt: Node,
  params: readonly unknown[],
): Promise<DriverResult> {
  return ctx.conn._runPreparedRaw(prepared, stmt, params);
}

/** Without RETURNING, rows needing generated keys go one at a time and read the insert id. */
async function insertOneByOne(
  ctx: PersistContext,
  mapper: Mapper,
  cols: readonly MappedColumn[],
  group: readonly InstanceState[],
  fetch: readonly MappedColumn[],
): Promise<void> {
  const auto = mapper.pk.length === 1 && mapper.pk[0]!.column.isAutoincrement ? mapper.pk[0]! : null;
  const unknown = fetch.filter((c) => c !== auto);
  const withKey = leftOut(mapper, auto ? [...cols, auto] : cols, unknown);
  const withoutKey = leftOut(mapper, cols, unknown);
  for (const st of group) {
    const row: Record<string, unknown> = {};
    for (const c of cols) row[c.key] = st.obj[c.key];
    const res = await ctx.conn.execute(
      cols.length ? insert(mapper.table).values(row as never) : insert(mapper.table),
    );
    const keyed = auto !== null && res.lastInsertId !== null;
    if (keyed) st.obj[auto.key] = Number(res.lastInsertId);
    markInserted(st, keyed ? withKey : withoutKey);
  }
}

/**
 * The columns of a group's INSERT that it neither wrote nor read back (worked out once per group,
 * not per row), and for each whether the database supplied its value.
 */
interface LeftOut {
  readonly cols: readonly MappedColumn[];
  readonly supplied: readonly boolean[];
}

function leftOut(mapper: Mapper, filled: readonly MappedColumn[], unknown: readonly MappedColumn[]): LeftOut {
  const cols = mapper.columns.filter((c) => !filled.includes(c));
  return { cols, supplied: cols.map((c) => unknown.includes(c) || serverSupplied(c)) };
}

function markInserted(st: InstanceState, left: LeftOut): void {
  // Columns the INSERT left out: the database generated those it supplies (expired below until
  // read back); the others are NULL in the row, and so in the object, as after a load.
  let missing: string[] | null = null;
  for (let i = 0; i < left.cols.length; i++) {
    const c = left.cols[i]!;
    if (st.obj[c.key] !== undefined) continue;
    if (left.supplied[i]) (missing ??= []).push(c.key);
    else st.obj[c.key] = null;
  }
  takeSnapshot(st);
  if (missing !== null) expireColumns(st, missing, "expired");
  st.key = st.mapper.identityKeyOf(st.obj);
}

/** A pending UPDATE of one row: the columns to set and, with versioning, the version it expects. */
interface RowUpdate {
  readonly st: InstanceState;
  readonly cols: readonly MappedColumn[];
  readonly oldVersion: unknown;
}

function stale(mapper: Mapper, verb: string, expected: number, matched: number): StaleDataError {
  return new StaleDataError(
    `${verb} statement on table '${mapper.table.name}' expected to ${verb === "UPDATE" ? "update" : "delete"} ${expected} row(s); ${matched} were matched. ` +
      `The row${expected > 1 ? "s were" : " was"} changed or deleted by another transaction${mapper.versionColumn ? ` (version column '${mapper.versionColumn.key}')` : ""}; reload and retry.`,
  );
}

/** Prepares the UPDATE of a changed row: onUpdate defaults and the version increment. */
export function planUpdate(st: InstanceState, changed: readonly MappedColumn[]): RowUpdate {
  const mapper = st.mapper;
  const defaults = updateDefaultColumns(mapper);
  const vc = mapper.versionColumn;
  if (!defaults.length && !vc) {
    checkValues(st, changed, valueChecks(mapper));
    return { st, cols: changed, oldVersion: null };
  }
  const cols = [...changed];
  for (const c of defaults) {
    if (changed.includes(c)) continue;
    const d = c.column.onUpdate!;
    if (d.kind === "scalar") st.obj[c.key] = d.value;
    else if (d.kind === "callable") st.obj[c.key] = d.fn();
    cols.push(c);
  }
  checkValues(st, cols, valueChecks(mapper));
  let oldVersion: unknown = null;
  if (vc) {
    oldVersion = committedValue(st, vc);
    if (!changed.includes(vc)) {
      st.obj[vc.key] = typeof oldVersion === "bigint" ? oldVersion + 1n : Number(oldVersion ?? 0) + 1;
      cols.push(vc);
    }
  }
  return { st, cols, oldVersion };
}

/** The batched UPDATE form for a column set on the connection's dialect, worked out once. */
function updateForm(
  conn: Connection,
  mapper: Mapper,
  cols: readonly MappedColumn[],
  sig: string,
): UpdateBatchForm {
  const key = `updateForm|${conn.dialect.name}|${sig}`;
  let form = mapper.memo.get(key) as UpdateBatchForm | undefined;
  if (!form) {
    form = updateBatchForm(conn.dialect, batchColumns(mapper, cols));
    mapper.memo.set(key, form);
  }
  return form;
}

/** UPDATEs rows, grouped by the columns they set: one statement per group, joined to VALUES. */
export async function updateRows(
  ctx: PersistContext,
  mapper: Mapper,
  updates: readonly RowUpdate[],
): Promise<void> {
  const groups = new Map<string, RowUpdate[]>();
  let last: RowUpdate[] | null = null;
  for (const u of updates) {
    // Changes mostly set the same columns: the previous group is tried first.
    if (last !== null && sameItems(last[0]!.cols, u.cols)) {
      last.push(u);
      continue;
    }
    const sig = u.cols.map((c) => c.index).join(",");
    last = groups.get(sig) ?? null;
    if (last) last.push(u);
    else groups.set(sig, (last = [u]));
  }
  const vc = mapper.versionColumn;
  const sqlOnUpdate = mapper.columns.filter((c) => c.column.onUpdate?.kind === "sql");
  for (const group of groups.values()) {
    const cols = group[0]!.cols;
    const setKeys = new Set(cols.map((c) => c.key));
    const serverSet = sqlOnUpdate.filter((c) => !setKeys.has(c.key));
    if (group.length === 1) {
      const u = group[0]!;
      const where: ColumnElement<any, any>[] = mapper.pk.map((c) =>
        c.column.eq(committedValue(u.st, c) as never),
      );
      if (vc) where.push(vc.column.eq(u.oldVersion as never));
      const set: Record<string, unknown> = {};
      for (const c of cols) set[c.key] = u.st.obj[c.key];
      const res = await ctx.conn.execute(
        update(mapper.table)
          .where(...where)
          .values(set as never),
      );
      if (res.rowCount !== 1) throw stale(mapper, "UPDATE", 1, res.rowCount);
    } else {
      const sig = cols.map((c) => c.index).join(",");
      const form = updateForm(ctx.conn, mapper, cols, sig);
      // Arrays carry any number of rows in their few parameters.
      const chunk =
        form.kind === "arrays"
          ? group.length
          : paramCap(ctx.conn, cols.length + mapper.pk.length + (vc ? 1 : 0));
      for (let i = 0; i < group.length; i += chunk)
        await updateBatch(ctx, mapper, cols, sig, form, group.slice(i, i + chunk));
    }
    for (const u of group) {
      if (serverSet.length)
        expireColumns(
          u.st,
          serverSet.map((c) => c.key),
          "expired",
        );
      ctx.updated.push(u.st);
    }
  }
}

async function updateBatch(
  ctx: PersistContext,
  mapper: Mapper,
  cols: readonly MappedColumn[],
  sig: string,
  form: UpdateBatchForm,
  part: readonly RowUpdate[],
): Promise<void> {
  const vc = mapper.versionColumn;
  const key = `update|${sig}|${form.kind === "arrays" ? "arrays" : part.length}`;
  const stmt = batchShape(mapper, key, () => buildBatchUpdate(mapper, cols, form, part.length));
  // Per row: the key, the new values, the version the row must still have; laid out row after
  // row for VALUES, one list per column for arrays.
  const width = mapper.pk.length + cols.length + (vc ? 1 : 0);
  const rows = part.length;
  const columns =
    form.kind === "arrays" ? Array.from({ length: width }, () => new Array<unknown>(rows)) : null;
  const params: unknown[] = columns ?? new Array<unknown>(rows * width);
  const pk = mapper.pk;
  for (let r = 0; r < rows; r++) {
    const u = part[r]!;
    const obj = u.st.obj;
    if (columns === null) {
      let at = r * width;
      for (let j = 0; j < pk.length; j++) params[at++] = committedValue(u.st, pk[j]!);
      for (let j = 0; j < cols.length; j++) params[at++] = obj[cols[j]!.key];
      if (vc) params[at] = u.oldVersion;
    } else {
      let j = 0;
      for (let k = 0; k < pk.length; k++) columns[j++]![r] = committedValue(u.st, pk[k]!);
      for (let k = 0; k < cols.length; k++) columns[j++]![r] = obj[cols[k]!.key];
      if (vc) columns[j]![r] = u.oldVersion;
    }
  }
  const res = await runBatch(ctx, ctx.conn.dialect.prepare(stmt), stmt, params);
  if (res.rowCount !== part.length) throw stale(mapper, "UPDATE", part.length, res.rowCount);
}

/** DELETEs rows by primary key (and version), in batches. */
export async function deleteRows(
  ctx: PersistContext,
  mapper: Mapper,
  states: readonly InstanceState[],
): Promise<void> {
  const vc = mapper.versionColumn;
  const keyOf = (st: InstanceState) => mapper.pk.map((c) => committedValue(st, c) ?? st.obj[c.key]);
  const chunk = paramCap(ctx.conn, mapper.pk.length + (vc ? 1 : 0));
  for (let i = 0; i < states.length; i += chunk) {
    const part = states.slice(i, i + chunk);
    const cols = [...mapper.pk.map((c) => c.column), ...(vc ? [vc.column] : [])];
    const cond = keysIn(
      cols,
      part.map((st) => [...keyOf(st), ...(vc ? [committedValue(st, vc)] : [])]),
    );
    const res = await ctx.conn.execute(delete_(mapper.table).where(cond));
    if (res.rowCount !== part.length) throw stale(mapper, "DELETE", part.length, res.rowCount);
  }
}

/** Rows of a many-to-many association table: the secondary's columns for one (parent, child) pair. */
function associationRow(
  rel: Relationship,
  parent: InstanceState,
  child: InstanceState,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const p of rel.pairs) row[p.referencing.key] = parent.obj[p.referenced.key];
  for (const p of rel.secondaryPairs) row[p.referencing.key] = child.obj[p.referenced.key];
  return row;
}

export async function insertAssociations(
  ctx: PersistContext,
  rel: Relationship,
  pairs: readonly { parent: InstanceState; child: InstanceState }[],
): Promise<void> {
  const rows = pairs.map((p) => associationRow(rel, p.parent, p.child));
  const chunk = paramCap(ctx.conn, Object.keys(rows[0] ?? {}).length);
  for (let i = 0; i < rows.length; i += chunk)
    await ctx.conn.execute(insert(rel.secondary!).values(rows.slice(i, i + chunk) as never));
}

export async function deleteAssociations(
  ctx: PersistContext,
  rel: Relationship,
  pairs: readonly { parent: InstanceState; child: InstanceState }[],
): Promise<void> {
  const cols = [...rel.pairs, ...rel.secondaryPairs].map((p) => p.referencing);
  const rows = pairs.map((p) => {
    const r = associationRow(rel, p.parent, p.child);
    return cols.map((c) => r[c.key]);
  });
  const chunk = paramCap(ctx.conn, cols.length);
  for (let i = 0; i < rows.length; i += chunk)
    await ctx.conn.execute(delete_(rel.secondary!).where(keysIn(cols, rows.slice(i, i + chunk))));
}

/** Removes every association row of deleted parents whose collection was never loaded. */
export async function purgeAssociations(
  ctx: PersistContext,
  rel: Relationship,
  parents: readonly InstanceState[],
): Promise<void> {
  const pairs = rel.pairs;
  const cols = pairs.map((p) => p.referencing);
  const rows = parents.map((s) => pairs.map((p) => s.obj[p.referenced.key]));
  const chunk = paramCap(ctx.conn, cols.length);
  for (let i = 0; i < rows.length; i += chunk)
    await ctx.conn.execute(delete_(rel.secondary!).where(keysIn(cols, rows.slice(i, i + chunk))));
}
