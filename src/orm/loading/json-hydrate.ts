import type { CompiledStatement } from "../../sql/compiler/compiled.js";
import { jsonRowsDecoders, parsedJsonRows } from "../../sql/json-rows.js";
import type { Processor } from "../../sql/type-engine.js";
import type { Relationship } from "../relationships/relationship.js";
import type { IdentityMap } from "../session/identity-map.js";
import { setLoadedRelationship } from "../state/attributes.js";
import type { InstanceState } from "../state/instance-state.js";
import { stateOf } from "../state/instance-state.js";
import { buildEntityReader, type EntityReader } from "./hydrate.js";
import type { EntityLayout, JsonLayout, LoadNode } from "./plan.js";

/** What filling JSON loads needs of the session. */
interface JsonLoadSession {
  readonly identityMap: IdentityMap;
}

/**
 * How to fill one JSON load, built once per compiled shape: the reader of its rows (which decodes
 * each value as it reads it, with the decoders of the JSON column's type), and the loads nested
 * in those rows.
 */
interface JsonFill {
  readonly layout: JsonLayout;
  readonly read: EntityReader;
  readonly rel: Relationship;
  /** Many-to-many: a row may repeat a related object (one per association row); kept once. */
  readonly unique: boolean;
  /** Whether the related objects have selectin (or noload) loads to run after the query. */
  readonly loadsAfter: boolean;
  readonly nested: readonly JsonFill[];
}

/**
 * The fills of `layouts`, whose JSON columns' result processors are `processors` (by position in
 * the row). The readers get the related columns' decoders as their processors: the JSON is only
 * parsed before them, and each value is decoded once, as the reader reads it (as top-level rows
 * are), instead of in a pass over the parsed rows writing them back.
 */
function fillsFor(layouts: readonly JsonLayout[], processors: (position: number) => Processor): JsonFill[] {
  return layouts.map((j) => {
    const entity = j.entity;
    const cols = entity.node.columns;
    const own = jsonRowsDecoders(processors(j.position));
    return {
      layout: j,
      read: buildEntityReader(
        entity.node.mapper,
        cols,
        cols.map((_, i) => own[i]!),
        0,
      ),
      rel: j.edge.rel,
      unique: j.edge.rel.direction === "MANYTOMANY",
      loadsAfter: hasLoadsAfter(entity.node),
      nested: fillsFor(entity.json, (p) => own[p]!),
    };
  });
}

/** Whether objects of this node have selectin (or noload) loads to run after the query. */
function hasLoadsAfter(node: LoadNode): boolean {
  for (const e of node.children.values())
    if (e.strategy === "selectin" || e.strategy === "noload") return true;
  return false;
}

/** The fills of `root`'s JSON loads, made once per compiled shape. */
function cachedFills(compiled: CompiledStatement, root: EntityLayout): readonly JsonFill[] {
  // Per entity of the row: its columns' offset tells the entities of one shape apart.
  const memoKey = `ormJsonFills@${root.offset}`;
  let fills = compiled.memo.get(memoKey) as JsonFill[] | undefined;
  if (!fills) {
    const columns = compiled.resultColumns!;
    fills = fillsFor(root.json, (p) => columns[p]!.processor);
    compiled.memo.set(memoKey, fills);
  }
  return fills;
}

/** One fill of one query: its identity map and where objects with loads after it go. */
interface FillRun {
  readonly fill: JsonFill;
  readonly identity: Map<unknown, InstanceState>;
  readonly after: Set<object> | null;
  readonly nested: readonly FillRun[];
}

function runsOf(
  session: JsonLoadSession,
  fills: readonly JsonFill[],
  loaded: Map<EntityLayout, Set<object>>,
): FillRun[] {
  return fills.map((fill) => {
    const entity = fill.layout.entity;
    let after: Set<object> | null = null;
    if (fill.loadsAfter) {
      after = loaded.get(entity) ?? null;
      if (!after) loaded.set(entity, (after = new Set()));
    }
    return {
      fill,
      identity: session.identityMap.forMapper(entity.node.mapper),
      after,
      nested: runsOf(session, fill.nested, loaded),
    };
  });
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
  for (const run of runsOf(session, cachedFills(compiled, layout), loaded)) {
    const position = run.fill.layout.position;
    for (let i = 0; i < parents.length; i++) {
      const parent = parents[i];
      if (parent) fill(session, run, parent as object, rows[i]![position], populate);
    }
  }
}

function fill(
  session: JsonLoadSession,
  run: FillRun,
  parent: object,
  value: unknown,
  populate: boolean,
): void {
  const { read, rel, unique } = run.fill;
  const { identity, after, nested } = run;
  const items = parsedJsonRows(value);
  const children: object[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const child = read(item, session, identity, populate) as object | null;
    if (child === null) continue;
    if (unique && children.includes(child)) continue;
    children.push(child);
    after?.add(child);
    for (const n of nested) fill(session, n, child, item[n.fill.layout.position], populate);
  }
  const st = stateOf(parent)!;
  if (populate || !st.hasRel(rel.key)) setLoadedRelationship(st, rel, children);
}
