import type { CompiledStatement } from "../../sql/compiler/compiled.js";
import { processed } from "../../sql/type-engine.js";
import type { IdentityMap } from "../session/identity-map.js";
import { setLoadedRelationship } from "../state/attributes.js";
import { stateOf } from "../state/instance-state.js";
import { buildEntityReader, type EntityReader } from "./hydrate.js";
import type { EntityLayout, JsonLayout, LoadNode } from "./plan.js";

/** What filling JSON loads needs of the session. */
interface JsonLoadSession {
  readonly identityMap: IdentityMap;
}

/** The JSON loads under `roots`, depth first: the same order for every plan of one compiled shape. */
function jsonLayoutsOf(roots: readonly EntityLayout[]): JsonLayout[] {
  const out: JsonLayout[] = [];
  const visit = (j: JsonLayout) => {
    out.push(j);
    for (const n of j.entity.json) visit(n);
  };
  for (const r of roots) for (const j of r.json) visit(j);
  return out;
}

/**
 * Readers of the related rows, generated once per compiled shape. Their values arrive already
 * converted (the JSON column's result processing decodes every value exactly), so the readers
 * convert nothing.
 */
function readersFor(compiled: CompiledStatement, root: EntityLayout): Map<JsonLayout, EntityReader> {
  const layouts = jsonLayoutsOf([root]);
  // Per entity of the row: its columns' offset tells the entities of one shape apart.
  const memoKey = `ormJsonReaders@${root.offset}`;
  let readers = compiled.memo.get(memoKey) as EntityReader[] | undefined;
  if (!readers) {
    readers = layouts.map((j) => {
      const cols = j.entity.node.columns;
      return buildEntityReader(
        j.entity.node.mapper,
        cols,
        cols.map(() => null),
        0,
      );
    });
    compiled.memo.set(memoKey, readers);
  }
  return new Map(layouts.map((j, i) => [j, readers[i]!]));
}

/** Whether objects of this node have selectin (or noload) loads to run after the query. */
function hasLoadsAfter(node: LoadNode): boolean {
  for (const e of node.children.values())
    if (e.strategy === "selectin" || e.strategy === "noload") return true;
  return false;
}

/**
 * Fills the JSON-loaded relationships of `parents` (read from `rows`, index-aligned) with the
 * related objects the rows carry, through the identity map (an object already in the session is
 * reused, refreshed only where expired or when populating, as every loader does). A relationship
 * already loaded stays as it is unless populating. Objects whose own loads run afterwards
 * (selectin below a JSON load) are added to `loaded`.
 */
export function applyJsonLoads(
  session: JsonLoadSession,
  compiled: CompiledStatement,
  layout: EntityLayout,
  parents: readonly unknown[],
  rows: readonly unknown[][],
  populate: boolean,
  loaded: Map<EntityLayout, Set<object>>,
): void {
  const readers = readersFor(compiled, layout);
  const columns = compiled.resultColumns!;
  for (const j of layout.json) {
    const processor = columns[j.position]!.processor;
    for (let i = 0; i < parents.length; i++) {
      const parent = parents[i];
      if (parent)
        fill(
          session,
          readers,
          j,
          parent as object,
          processed(rows[i]![j.position], processor),
          populate,
          loaded,
        );
    }
  }
}

function fill(
  session: JsonLoadSession,
  readers: ReadonlyMap<JsonLayout, EntityReader>,
  j: JsonLayout,
  parent: object,
  value: unknown,
  populate: boolean,
  loaded: Map<EntityLayout, Set<object>>,
): void {
  const items = (value ?? []) as unknown[][];
  const read = readers.get(j)!;
  const entity = j.entity;
  const identity = session.identityMap.forMapper(entity.node.mapper);
  const rel = j.edge.rel;
  const unique = rel.direction === "MANYTOMANY";
  let after: Set<object> | undefined;
  if (hasLoadsAfter(entity.node)) {
    after = loaded.get(entity);
    if (!after) loaded.set(entity, (after = new Set()));
  }
  const children: object[] = [];
  for (const item of items) {
    const child = read(item, session, identity, populate) as object | null;
    if (child === null) continue;
    if (unique && children.includes(child)) continue;
    children.push(child);
    after?.add(child);
    for (const nested of entity.json)
      fill(session, readers, nested, child, item[nested.position], populate, loaded);
  }
  const st = stateOf(parent)!;
  if (populate || !st.hasRel(rel.key)) setLoadedRelationship(st, rel, children);
}
