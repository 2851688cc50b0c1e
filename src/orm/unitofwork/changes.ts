import { generate, property } from "../../codegen.js";
import { kState } from "../declarative/keys.js";
import type { MappedColumn, Mapper } from "../mapper/mapper.js";
import { type InstanceState, type Snapshot, snapshotSlot } from "../state/instance-state.js";

type Comparator = (obj: any, snapshot: Snapshot) => number[] | null;

/** Equality of a current value with its snapshot, per value kind. */
export const equalities = {
  date: (a: unknown, b: unknown) => {
    if (a === b || !(a instanceof Date)) return a === b;
    const t = a.getTime();
    return t === b || (Number.isNaN(t) && Number.isNaN(b));
  },
  binary: (a: unknown, b: unknown) =>
    a === b || (a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(a, b) === 0),
  json: (a: unknown, b: unknown) => JSON.stringify(a === undefined ? null : a) === b,
};

/**
 * The snapshot form of a value. Mutable values are copied so that changes made in place are
 * seen: JSON documents keep their text, Dates their time value (a number: a fraction of a Date's
 * size, which counts when thousands of objects load), byte arrays a copy of their own.
 */
export function snapshotValue(col: MappedColumn, value: unknown): unknown {
  switch (col.kind) {
    case "json":
      return JSON.stringify(value === undefined ? null : value);
    case "date":
      return value instanceof Date ? value.getTime() : value;
    case "binary":
      return value instanceof Uint8Array ? new Uint8Array(value) : value;
    default:
      return value;
  }
}

/** The generated-code form of snapshotValue for variable `v` (see the hydrators). */
export function snapshotExpression(col: MappedColumn, v: string): string {
  switch (col.kind) {
    case "json":
      return `JSON.stringify(${v} === undefined ? null : ${v})`;
    case "date":
      return `(${v} instanceof Date ? ${v}.getTime() : ${v})`;
    case "binary":
      return `(${v} instanceof Uint8Array ? new Uint8Array(${v}) : ${v})`;
    default:
      return v;
  }
}

/** The value a snapshot entry stands for (see snapshotValue: a Date's time value becomes a Date). */
export function fromSnapshot(col: MappedColumn, s: unknown): unknown {
  return col.kind === "date" && typeof s === "number" ? new Date(s) : s;
}

/** A column's value as last loaded or flushed (null when there is no snapshot). */
export function committedValue(st: InstanceState, col: MappedColumn): unknown {
  const s = st.committed?.[snapshotSlot(col.index)];
  return s === undefined ? null : fromSnapshot(col, s);
}

/** The dirty check of a mapper: the indexes of changed columns (or null). Generated where it can be. */
function buildComparator(mapper: Mapper): Comparator {
  const cols = mapper.columns;
  return generate<Comparator>(
    `changed ${mapper.name}`,
    () => {
      const lines = cols.map((c) => {
        const get = `o${property(c.key)}`;
        const i = c.index;
        const s = `s.${snapshotSlot(i)}`;
        const test =
          c.kind === "plain"
            ? `(v = ${get}) !== ${s} && v !== undefined && (v === v || ${s} === ${s})`
            : `(v = ${get}) !== undefined && !eq.${c.kind}(v, ${s})`;
        return `if (${test}) (c ??= []).push(${i});`;
      });
      return {
        params: ["eq"],
        args: [equalities],
        body: `return function changed(o, s) { let c = null; let v; ${lines.join(" ")} return c; };`,
      };
    },
    () => (o, s) => {
      let changed: number[] | null = null;
      for (const c of cols) {
        const v = o[c.key];
        const was = s[snapshotSlot(c.index)];
        const differs =
          c.kind === "plain"
            ? v !== was && v !== undefined && !(Number.isNaN(v) && Number.isNaN(was))
            : v !== undefined && !equalities[c.kind](v, was);
        if (differs) (changed ??= []).push(c.index);
      }
      return changed;
    },
  );
}

function comparatorOf(mapper: Mapper): Comparator {
  let cmp = mapper.memo.get("comparator") as Comparator | undefined;
  if (!cmp) {
    cmp = buildComparator(mapper);
    mapper.memo.set("comparator", cmp);
  }
  return cmp;
}

const NONE: readonly MappedColumn[] = [];

/**
 * The one-column list of each column of a mapper, shared: a change mostly sets one column, and
 * a 1,000-row W5 flush then allocates no list per row and groups rows by identity (updateRows).
 */
function singleColumn(mapper: Mapper, index: number): readonly MappedColumn[] {
  let lists = mapper.memo.get("singleColumns") as (readonly MappedColumn[])[] | undefined;
  if (!lists) mapper.memo.set("singleColumns", (lists = mapper.columns.map((c) => [c])));
  return lists[index]!;
}

/** Columns of a persistent object whose values differ from the snapshot (or were flagged). */
export function changedColumns(st: InstanceState): readonly MappedColumn[] {
  const snap = st.committed;
  if (snap === null) return NONE;
  const mapper = st.mapper;
  let indexes: number[] | null;
  if (st.expiredKeys?.size) {
    indexes = [];
    for (const c of mapper.columns) {
      if (st.expiredKeys.has(c.key)) continue;
      const v = st.obj[c.key];
      if (v === undefined) continue;
      const was = snap[snapshotSlot(c.index)];
      const same =
        c.kind === "plain" ? v === was || (Number.isNaN(v) && Number.isNaN(was)) : equalities[c.kind](v, was);
      if (!same) indexes.push(c.index);
    }
  } else indexes = comparatorOf(mapper)(st.obj, snap);
  const out =
    indexes === null || indexes.length === 0
      ? NONE
      : indexes.length === 1
        ? singleColumn(mapper, indexes[0]!)
        : indexes.map((i) => mapper.columns[i]!);
  if (st.forcedDirty === null) return out;
  const all = [...out];
  for (const k of st.forcedDirty) if (!all.some((c) => c.key === k)) all.push(mapper.byKey.get(k)!);
  return all;
}

/** Whether a persistent object has unflushed column or relationship changes. */
export function isModified(st: InstanceState): boolean {
  return st.relModified || changedColumns(st).length > 0;
}

/** Records the current values as the new snapshot (after load or flush). */
export function takeSnapshot(st: InstanceState): void {
  const mapper = st.mapper;
  const expired = st.expiredKeys;
  if (expired === null || expired.size === 0) {
    st.committed = snapshotterOf(mapper)(st.obj, st.committed);
  } else {
    const snap = st.committed ?? emptySnapshot(mapper);
    for (const c of mapper.columns) {
      if (expired.has(c.key)) continue;
      snap[snapshotSlot(c.index)] = snapshotValue(c, st.obj[c.key]);
    }
    st.committed = snap;
  }
  st.forcedDirty = null;
}

/**
 * A snapshot with every slot of `mapper` present (undefined: no value), in column order: the
 * same fields, in the same order, as the hydrators' and snapshotters' object literals.
 */
export function emptySnapshot(mapper: Mapper): Snapshot {
  const snap: Snapshot = {};
  for (const c of mapper.columns) snap[snapshotSlot(c.index)] = undefined;
  return snap;
}

/** The generated-code object literal of a snapshot: `{ c0: <expr 0>, c1: <expr 1>, ... }`. */
export function snapshotLiteral(mapper: Mapper, expr: (col: MappedColumn) => string): string {
  return `{ ${mapper.columns.map((c) => `${snapshotSlot(c.index)}: ${expr(c)}`).join(", ")} }`;
}

type Snapshotter = (obj: any, snap: Snapshot | null) => Snapshot;

/** A mapper's snapshot writer: every column's snapshot form, into `snap` or a new snapshot. */
function snapshotterOf(mapper: Mapper): Snapshotter {
  let f = mapper.memo.get("snapshotter") as Snapshotter | undefined;
  if (!f) {
    const cols = mapper.columns;
    f = generate<Snapshotter>(
      `snapshot ${mapper.name}`,
      () => ({
        params: [],
        args: [],
        body: `return function snapshot(o, s) { let v; if (s === null) return ${snapshotLiteral(mapper, (c) =>
          snapshotExpression(c, `o${property(c.key)}`),
        )}; ${cols
          .map((c) => `v = o${property(c.key)}; s.${snapshotSlot(c.index)} = ${snapshotExpression(c, "v")};`)
          .join(" ")} return s; };`,
      }),
      () => (o, s) => {
        const snap = s ?? emptySnapshot(mapper);
        for (const c of cols) snap[snapshotSlot(c.index)] = snapshotValue(c, o[c.key]);
        return snap;
      },
    );
    mapper.memo.set("snapshotter", f);
  }
  return f;
}

/** Marks an attribute modified although its value compares equal (in-place change of a value). */
export function flagModified(obj: object, key: string): void {
  const st = (obj as Record<symbol, InstanceState>)[kState];
  if (!st) throw new TypeError("flagModified() takes an instance of a mapped class");
  if (!st.mapper.byKey.has(key)) throw new TypeError(`${st.mapper.name} has no column attribute '${key}'`);
  (st.forcedDirty ??= new Set()).add(key);
}
