import { ArgumentError } from "../../errors.js";
import type { Relationship } from "../relationships/relationship.js";
import { type InstanceState, stateOf } from "../state/instance-state.js";

/** What toDict() writes. */
export interface ToDictOptions {
  /**
   * Relationships to write, as paths: `["custodyEvents", "custodyEvents.user"]`. Each must be
   * loaded (reading it throws otherwise, as `kit.custodyEvents` does). Without `include`, every
   * loaded relationship is written, nested, leaving out the way back (backPopulates) and any
   * object already being written above (cycles).
   */
  include?: readonly string[];
  /** Attributes to leave out, as paths: `["serialNumber", "custodyEvents.notes"]`. */
  exclude?: readonly string[];
}

/** A path set as a tree: `["a", "a.b"]` -> { a: { b: {} } }. */
type PathTree = Map<string, PathTree>;

function pathTree(paths: readonly string[] | undefined): PathTree | null {
  if (paths === undefined) return null;
  const root: PathTree = new Map();
  for (const path of paths) {
    let node = root;
    for (const part of path.split(".")) {
      let next = node.get(part);
      if (!next) node.set(part, (next = new Map()));
      node = next;
    }
  }
  return root;
}

/** How values are written: as they are (toDict), or JSON-safe (toJSON). */
type ValueMode = "plain" | "json";

interface Walk {
  readonly mode: ValueMode;
  /** Objects being written on the current path: a relationship back to one of them is a cycle. */
  readonly path: Set<InstanceState>;
}

/**
 * An entity as a plain object: its columns by attribute key and its relationships, nested.
 * Reading what it writes goes through the attributes, so an expired column (after a commit with
 * expireOnCommit) or a relationship that is not loaded throws the error reading it throws:
 * nothing is dropped silently. `exclude` what you do not want, `include` to choose relationships.
 *
 *   c.json(toDict(kit, { include: ["custodyEvents", "custodyEvents.user"], exclude: ["serialNumber"] }))
 */
export function toDict(obj: object, opts: ToDictOptions = {}): Record<string, unknown> {
  return writeEntity(entityState(obj, "toDict()"), pathTree(opts.include), pathTree(opts.exclude), null, {
    mode: "plain",
    path: new Set(),
  });
}

/** What `JSON.stringify(entity)` writes: toDict() with bigints as strings and bytes as base64. */
export function entityToJSON(obj: object): Record<string, unknown> {
  return writeEntity(entityState(obj, "toJSON()"), null, null, null, { mode: "json", path: new Set() });
}

function entityState(obj: object, what: string): InstanceState {
  const st = stateOf(obj);
  if (!st) {
    const name = (obj as { constructor?: { name?: string } } | null)?.constructor?.name ?? typeof obj;
    throw new ArgumentError(`${what} takes an instance of a mapped class; got ${name}`);
  }
  return st;
}

function writeEntity(
  st: InstanceState,
  include: PathTree | null,
  exclude: PathTree | null,
  cameBy: Relationship | null,
  walk: Walk,
): Record<string, unknown> {
  const mapper = st.mapper;
  if (mapper.registry.needsConfigure) mapper.registry.configure();
  const obj = st.obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const col of mapper.columns) {
    // An excluded path with nothing below it leaves the attribute out; "a.b" only reaches into a.
    if (exclude?.get(col.key)?.size === 0) continue;
    // The read itself throws for expired and deferred columns (with the fix in the message).
    const value = obj[col.key];
    out[col.key] = value === undefined ? null : walk.mode === "json" ? jsonValue(value) : value;
  }
  walk.path.add(st);
  try {
    if (include) {
      for (const [key, sub] of include) {
        if (!mapper.relationships.has(key)) {
          throw new ArgumentError(
            `include: '${key}' is not a relationship of ${mapper.name}; its relationships: ${[...mapper.relationships.keys()].join(", ") || "(none)"}. Columns are always written; leave them out with exclude.`,
          );
        }
        const rel = mapper.relationships.get(key)!;
        const below = exclude?.get(key);
        if (below?.size === 0) continue;
        out[key] = writeRelated(obj[key], rel, sub, below ?? null, walk, false);
      }
    } else {
      for (const rel of mapper.relationships.values()) {
        // Only what is loaded: an unloaded relationship is not part of the object's data yet.
        if (!st.hasRel(rel.key) || (cameBy !== null && cameBy.backref === rel)) continue;
        const below = exclude?.get(rel.key);
        if (below?.size === 0) continue;
        const value = st.rel![rel.key];
        const target = value === null || Array.isArray(value) ? null : stateOf(value);
        if (target !== null && walk.path.has(target)) continue;
        out[rel.key] = writeRelated(value, rel, null, below ?? null, walk, true);
      }
    }
  } finally {
    walk.path.delete(st);
  }
  return out;
}

function writeRelated(
  value: unknown,
  rel: Relationship,
  include: PathTree | null,
  exclude: PathTree | null,
  walk: Walk,
  auto: boolean,
): unknown {
  // An explicit include path is finite, so it may revisit an object; auto mode must not.
  const sub = (o: unknown) => writeEntity(stateOf(o)!, auto ? null : include, exclude, rel, walk);
  if (Array.isArray(value)) {
    const items = auto ? value.filter((o) => !walk.path.has(stateOf(o)!)) : value;
    return items.map(sub);
  }
  return value === null || value === undefined ? null : sub(value);
}

/** A column value JSON can carry without losing it. */
function jsonValue(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64");
  return value;
}

/** `<Kit id=1 code='KIT-001' (persistent)>`: the primary key and unique columns that are loaded. */
export function describeEntity(obj: object): string {
  const st = stateOf(obj);
  if (!st) return Object.prototype.toString.call(obj);
  const values = obj as Record<string, unknown>;
  const parts: string[] = [];
  for (const col of st.mapper.columns) {
    if (!col.column.primaryKey && !col.column.uniqueFlag) continue;
    // Never through an expired accessor: printing an object must not throw.
    if (st.expiredKeys?.has(col.key)) continue;
    const v = values[col.key];
    if (v !== undefined) parts.push(`${col.key}=${reprValue(v)}`);
  }
  return `<${st.mapper.name}${parts.length ? ` ${parts.join(" ")}` : ""} (${st.status})>`;
}

function reprValue(v: unknown): string {
  if (typeof v === "string") return `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  if (typeof v === "bigint") return `${v}n`;
  return String(v);
}
