import type { Column } from "../../schema/column.js";
import { and_, type ColumnElement } from "../../sql/elements.js";
import { select } from "../../sql/select.js";
import type { Relationship } from "../relationships/relationship.js";
import { setLoadedRelationship } from "../state/attributes.js";
import { type InstanceState, stateOf } from "../state/instance-state.js";
import { keysIn } from "../tuple-in.js";
import { committedValue } from "../unitofwork/changes.js";
import type { UnitOfWorkContext } from "../unitofwork/context.js";
import { LoaderOption, type LoadStep } from "./options.js";
import type { EntityLayout, LoadNode } from "./plan.js";

/** Keys per IN query; 1,000 parents load their children in exactly one query. */
const CHUNK = 5000;

/** An attribute's value, from the snapshot when the attribute is expired. */
function attr(st: InstanceState, col: Column<any, any>): unknown {
  if (st.expiredKeys?.has(col.key)) return committedValue(st, st.mapper.byColumn.get(col)!);
  return st.obj[col.key];
}

/** A one-column match key: numbers, strings and bigints as they are; other values by text. */
function matchKey(v: unknown): unknown {
  return typeof v === "object" && v !== null ? keyString([v]) : v;
}

function keyString(values: readonly unknown[]): string {
  return values.length === 1
    ? `${typeof values[0]}:${String(values[0])}`
    : JSON.stringify(values, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
}

/**
 * Loader options that reproduce a load subtree in the child query. Its first-level selectin
 * edges are left out: loadRelationship runs them itself over every child, including children
 * that were already loaded (which the child query would not return).
 */
function optionsFromNode(node: LoadNode | undefined): LoaderOption[] {
  if (!node) return [];
  const out: LoaderOption[] = [];
  const walk = (n: LoadNode, path: LoadStep[], depth: number) => {
    const defaults = n.mapper.defaultColumns;
    if (n.columns.length !== defaults.length || n.columns.some((c, i) => c !== defaults[i])) {
      out.push(new LoaderOption(path, [{ depth, mode: "loadOnly", keys: n.columns.map((c) => c.key) }]));
    }
    for (const e of n.children.values()) {
      if (depth === 0 && (e.strategy === "selectin" || e.strategy === "noload")) continue;
      const step: LoadStep = { rel: e.rel, strategy: e.strategy, innerjoin: e.innerjoin, alias: e.alias };
      out.push(new LoaderOption([...path, step]));
      walk(e.node, [...path, step], depth + 1);
    }
  };
  walk(node, [], 0);
  return out;
}

const assign = setLoadedRelationship;

/**
 * The load node of `rel`'s target with the columns that match children to parents added (a
 * loadOnly / defer on the path may leave them out): the referencing columns of a one-to-many,
 * the referenced ones of a many-to-one.
 */
function withMatchColumns(node: LoadNode | undefined, rel: Relationship): LoadNode | undefined {
  if (!node || rel.direction === "MANYTOMANY") return node;
  const needed = rel.pairs.map((p) => (rel.direction === "ONETOMANY" ? p.referencing : p.referenced));
  const missing = rel.target.columns.filter((c) => needed.includes(c.column) && !node.columns.includes(c));
  return missing.length ? { ...node, columns: [...node.columns, ...missing] } : node;
}

/**
 * Loads `rel` for every parent in one query per chunk of keys (selectin loading; also what
 * `db.load()` and delete cascades use). Nested loads of the subtree run one query per level.
 */
export async function loadRelationship(
  session: UnitOfWorkContext,
  parents: readonly InstanceState[],
  rel: Relationship,
  node?: LoadNode,
  populate = false,
): Promise<void> {
  if (!rel.configured) rel.parent.registry.configure();
  const unloaded = parents.filter((p) => p.key !== null && (populate || !p.hasRel(rel.key)));
  if (unloaded.length) await loadLevel(session, unloaded, rel, node);
  if (node) await loadNested(session, parents, rel, node, populate);
}

/** The next levels of a load path, over every child of `parents` (loaded now or before). */
async function loadNested(
  session: UnitOfWorkContext,
  parents: readonly InstanceState[],
  rel: Relationship,
  node: LoadNode,
  populate: boolean,
): Promise<void> {
  const edges = [...node.children.values()].filter(
    (e) => e.strategy === "selectin" || e.strategy === "noload",
  );
  if (!edges.length) return;
  const children = new Set<InstanceState>();
  for (const p of parents) {
    if (!p.hasRel(rel.key)) continue;
    const v = p.rel![rel.key];
    for (const o of Array.isArray(v) ? v : v ? [v] : []) children.add(stateOf(o)!);
  }
  if (!children.size) return;
  const states = [...children];
  for (const e of edges) {
    if (e.strategy === "noload") {
      for (const st of states) if (!st.hasRel(e.rel.key)) assign(st, e.rel, []);
    } else await loadRelationship(session, states, e.rel, e.node, populate);
  }
}

/** One level: the relationship of `unloaded` parents, in one query per chunk of keys. */
async function loadLevel(
  session: UnitOfWorkContext,
  unloaded: readonly InstanceState[],
  rel: Relationship,
  node: LoadNode | undefined,
): Promise<void> {
  if (rel.lazy === "noload") {
    for (const p of unloaded) assign(p, rel, []);
    return;
  }
  const options = optionsFromNode(withMatchColumns(node, rel));
  const target = rel.target.cls;
  const extra = rel.extraCriteria;

  if (rel.direction === "MANYTOONE") {
    const pairs = rel.pairs;
    const byKey = new Map<string, InstanceState[]>();
    for (const p of unloaded) {
      const values = pairs.map((pr) => attr(p, pr.referencing));
      if (values.some((v) => v === null || v === undefined)) {
        assign(p, rel, []);
        continue;
      }
      const k = keyString(values);
      const list = byKey.get(k);
      if (list) list.push(p);
      else byKey.set(k, [p]);
    }
    const found = new Map<string, object>();
    const targetIsPk = pairs.length === rel.target.pk.length && pairs.every((pr) => pr.referenced.primaryKey);
    const missing: string[] = [];
    for (const k of byKey.keys()) {
      const values = pairs.map((pr) => attr(byKey.get(k)![0]!, pr.referencing));
      const hit =
        targetIsPk && !extra.length
          ? session.identityMap.get(rel.target, rel.target.identityKey(values))
          : undefined;
      if (hit && !hit.markedDeleted && !hit.expiredKeys?.size) found.set(k, hit.obj);
      else missing.push(k);
    }
    for (let i = 0; i < missing.length; i += CHUNK) {
      const keys = missing
        .slice(i, i + CHUNK)
        .map((k) => pairs.map((pr) => attr(byKey.get(k)![0]!, pr.referencing)));
      const cols = pairs.map((pr) => pr.referenced);
      const cond = keysIn(cols, keys);
      const res = await session.execute(
        select(target as never)
          .where(cond, ...extra)
          .options(...options),
      );
      for (const obj of res.scalars().all() as Record<string, unknown>[]) {
        found.set(keyString(cols.map((c) => obj[c.key])), obj);
      }
    }
    for (const [k, list] of byKey) for (const p of list) assign(p, rel, found.has(k) ? [found.get(k)!] : []);
    return;
  }

  const pairs = rel.pairs;
  // One key column (the usual case): its value is the map key as it is, no array or string per row.
  const single = pairs.length === 1 ? pairs[0]! : null;
  const parentKey = (p: InstanceState) => pairs.map((pr) => attr(p, pr.referenced));
  const parentMatch = (p: InstanceState): unknown =>
    single ? matchKey(attr(p, single.referenced)) : keyString(parentKey(p));
  const groups = new Map<unknown, object[]>();
  for (let i = 0; i < unloaded.length; i += CHUNK) {
    const chunk = unloaded.slice(i, i + CHUNK);
    const keys = chunk.map(parentKey);
    const referencing = pairs.map((pr) => pr.referencing);
    const cond: ColumnElement<any, any> = keysIn(referencing, keys);
    if (rel.direction === "ONETOMANY") {
      let stmt = select(target as never)
        .where(cond, ...extra)
        .options(...options);
      if (rel.orderBy.length) stmt = stmt.orderBy(...rel.orderBy);
      const res = await session.execute(stmt);
      const childCol = single?.referencing;
      for (const obj of res.scalars().all() as object[]) {
        const st = stateOf(obj)!;
        const k = childCol ? matchKey(attr(st, childCol)) : keyString(referencing.map((c) => attr(st, c)));
        const g = groups.get(k);
        if (g) g.push(obj);
        else groups.set(k, [obj]);
      }
    } else {
      let stmt = select(target as never, ...referencing)
        .join(rel.secondary!, and_(rel.secondaryjoin!))
        .where(cond)
        .options(...options);
      if (rel.orderBy.length) stmt = stmt.orderBy(...rel.orderBy);
      const res = await session.execute(stmt as never);
      for (const row of res.rawRows()) {
        const k = single ? matchKey(row[1]) : keyString(row.slice(1));
        const g = groups.get(k);
        if (g) {
          if (!g.includes(row[0] as object)) g.push(row[0] as object);
        } else groups.set(k, [row[0] as object]);
      }
    }
  }
  for (const p of unloaded) assign(p, rel, groups.get(parentMatch(p)) ?? []);
}

/**
 * After a query: runs the selectin (and noload) loads its load trees ask for, level by level.
 * Their queries do not autoflush: the query that loaded the parents just did, and nothing but
 * loading has happened since (a flush would only re-check the objects just loaded).
 */
export async function runSelectinLoads(
  session: UnitOfWorkContext,
  loaded: ReadonlyMap<EntityLayout, ReadonlySet<object>>,
  populate: boolean,
): Promise<void> {
  await session.noAutoflush(() => selectinLoads(session, loaded, populate));
}

async function selectinLoads(
  session: UnitOfWorkContext,
  loaded: ReadonlyMap<EntityLayout, ReadonlySet<object>>,
  populate: boolean,
): Promise<void> {
  for (const [layout, objs] of loaded) {
    if (!objs.size) continue;
    for (const edge of layout.node.children.values()) {
      if (edge.strategy !== "selectin" && edge.strategy !== "noload") continue;
      const states = [...objs].map((o) => stateOf(o)!);
      if (edge.strategy === "noload") {
        for (const st of states) if (!st.hasRel(edge.rel.key)) assign(st, edge.rel, []);
        continue;
      }
      await loadRelationship(session, states, edge.rel, edge.node, populate);
    }
  }
}
