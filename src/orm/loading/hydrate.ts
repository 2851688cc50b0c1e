import { type GeneratedSource, generate, property as prop } from "../../codegen.js";
import type { Processor } from "../../sql/type-engine.js";
import { kState } from "../declarative/keys.js";
import type { MappedColumn, Mapper } from "../mapper/mapper.js";
import { expireColumns, restoreColumn } from "../state/attributes.js";
import { InstanceState, snapshotSlot } from "../state/instance-state.js";
import { emptySnapshot, snapshotExpression, snapshotLiteral, snapshotValue } from "../unitofwork/changes.js";

/** Reads one entity out of a row: the identity-mapped object, a new one, or null (outer join miss). */
export type EntityReader = (
  row: unknown[],
  session: object,
  identity: Map<unknown, InstanceState>,
  populate: boolean,
) => any;

/** Updates an existing object from a row: expired columns restored; all columns when populating. */
function refreshFromRow(
  st: InstanceState,
  cols: readonly MappedColumn[],
  values: readonly unknown[],
  populate: boolean,
): void {
  const snap = (st.committed ??= emptySnapshot(st.mapper));
  cols.forEach((c, i) => {
    const v = values[i];
    if (st.expiredKeys?.has(c.key)) restoreColumn(st, c.key, v);
    else if (populate) st.obj[c.key] = v;
    else return;
    snap[snapshotSlot(c.index)] = snapshotValue(c, v);
  });
  if (populate) st.forcedDirty = null;
}

/**
 * The constructor loaded objects of a mapper are made with (the class's prototype, none of its
 * constructor code). One per mapper, shared by every reader: objects loaded by different queries
 * share their hidden classes, and the newest one kept alive (orm/newest.ts) keeps them all.
 */
function loadedObjectConstructor(mapper: Mapper): new () => object {
  let H = mapper.memo.get("loadedObjectConstructor") as (new () => object) | undefined;
  if (!H) {
    const ctor = function H(): void {};
    ctor.prototype = (mapper.cls as unknown as { prototype: object }).prototype;
    H = ctor as unknown as new () => object;
    mapper.memo.set("loadedObjectConstructor", H);
  }
  return H;
}

/** What a reader needs besides the columns: where they sit, and what the generated code binds. */
interface ReaderLayout {
  readonly mapper: Mapper;
  readonly cols: readonly MappedColumn[];
  readonly processors: readonly Processor[];
  readonly offset: number;
  /** The positions in `cols` of the primary key's columns. */
  readonly pkPos: readonly number[];
  /** Keys of the mapper's columns not loaded (expired as deferred). */
  readonly deferred: readonly string[];
  readonly H: new () => object;
  readonly expire: (st: InstanceState, keys: readonly string[]) => void;
}

/**
 * The reader of an entity whose columns `cols` sit at `offset` in each row, with the result
 * processors of the compiled statement. Built once per compiled shape: generated code, or its
 * interpreted twin where code generation is forbidden (see codegen.ts).
 */
export function buildEntityReader(
  mapper: Mapper,
  cols: readonly MappedColumn[],
  processors: readonly Processor[],
  offset: number,
): EntityReader {
  const pkPos = mapper.pk.map((pk) => cols.indexOf(pk));
  if (pkPos.some((p) => p < 0))
    throw new Error(`internal: ${mapper.name} primary key not among loaded columns`);
  const layout: ReaderLayout = {
    mapper,
    cols,
    processors,
    offset,
    pkPos,
    deferred: mapper.columns.filter((c) => !cols.includes(c)).map((c) => c.key),
    H: loadedObjectConstructor(mapper),
    expire: (st, keys) => expireColumns(st, keys, "deferred"),
  };
  return generate(
    `hydrate ${mapper.name}`,
    () => readerSource(layout),
    () => interpretedReader(layout),
  );
}

function readerSource(layout: ReaderLayout): GeneratedSource {
  const { mapper, cols, processors, offset, pkPos, deferred } = layout;
  const lines = cols.map(
    (_, i) =>
      `let v${i} = row[${offset + i}]; if (v${i} === undefined) v${i} = null; else if (v${i} !== null && p${i} !== null) v${i} = p${i}(v${i});`,
  );
  const keyExpr =
    pkPos.length === 1
      ? `v${pkPos[0]}`
      : `JSON.stringify([${pkPos.map((p) => `v${p}`).join(", ")}], (k, x) => typeof x === "bigint" ? x + "n" : x)`;
  const assign = cols.map((c, i) => `o${prop(c.key)} = v${i};`).join(" ");
  // An object literal of every column's slot (see Snapshot), unloaded ones undefined. (The
  // driver's row array, reused before, had room for 17 values; that cost 80 bytes per object.)
  const snapshot = `const snap = ${snapshotLiteral(mapper, (c) => {
    const i = cols.indexOf(c);
    return i < 0 ? "undefined" : snapshotExpression(c, `v${i}`);
  })};`;
  const names = ["H", "State", "kState", "mapper", "refresh", "cols", "expire", "deferred"];
  return {
    params: [...names, ...processors.map((_, i) => `p${i}`)],
    args: [
      layout.H,
      InstanceState,
      kState,
      mapper,
      refreshFromRow,
      cols,
      layout.expire,
      deferred,
      ...processors,
    ],
    body: `
    return function read(row, session, identity, populate) {
      ${lines.join("\n      ")}
      const key = ${keyExpr};
      if (${pkPos.map((p) => `v${p} === null`).join(" || ")}) return null;
      const ex = identity.get(key);
      if (ex !== undefined) {
        if (populate || (ex.expiredKeys !== null && ex.expiredKeys.size > 0)) refresh(ex, cols, [${cols.map((_, i) => `v${i}`).join(", ")}], populate);
        return ex.obj;
      }
      const o = new H();
      ${assign}
      ${snapshot}
      const st = new State(mapper, o);
      st.session = session;
      st.key = key;
      st.committed = snap;
      o[kState] = st;
      mapper.newestLoaded = o;
      identity.set(key, st);
      ${deferred.length ? "expire(st, deferred);" : ""}
      return o;
    };`,
  };
}

/** readerSource's reader as a closure: the same steps, over the columns in a loop. */
function interpretedReader(layout: ReaderLayout): EntityReader {
  const { mapper, cols, processors, offset, pkPos, deferred, H } = layout;
  const n = cols.length;
  return (row, session, identity, populate) => {
    const v = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const raw = row[offset + i];
      const p = processors[i];
      v[i] = raw === undefined ? null : raw !== null && p !== null ? p!(raw) : raw;
    }
    const key = pkPos.length === 1 ? v[pkPos[0]!] : compositeKey(pkPos.map((p) => v[p]));
    if (pkPos.some((p) => v[p] === null)) return null;
    const ex = identity.get(key);
    if (ex !== undefined) {
      if (populate || (ex.expiredKeys !== null && ex.expiredKeys.size > 0))
        refreshFromRow(ex, cols, v, populate);
      return ex.obj;
    }
    const o = new H() as Record<string | symbol, unknown>;
    for (let i = 0; i < n; i++) o[cols[i]!.key] = v[i];
    const snap = emptySnapshot(mapper);
    for (let i = 0; i < n; i++) snap[snapshotSlot(cols[i]!.index)] = snapshotValue(cols[i]!, v[i]);
    const st = new InstanceState(mapper, o);
    st.session = session as InstanceState["session"];
    st.key = key;
    st.committed = snap;
    o[kState] = st;
    mapper.newestLoaded = o;
    identity.set(key, st);
    if (deferred.length) layout.expire(st, deferred);
    return o;
  };
}

/** The identity key of a composite primary key (as the generated readers build it). */
function compositeKey(values: unknown[]): string {
  return JSON.stringify(values, (_k, x) => (typeof x === "bigint" ? `${x}n` : x));
}
