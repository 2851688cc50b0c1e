import { ArgumentError } from "../../errors.js";
import { adaptToAlias } from "../../sql/adapt.js";
import type { CompiledStatement } from "../../sql/compiler/compiled.js";
import type { ColumnElement, OrderingExpression } from "../../sql/elements.js";
import { type ColumnClause, type FromClause, TableClause } from "../../sql/from-clause.js";
import { JsonRow, JsonRowsAggregate } from "../../sql/json-rows.js";
import { isEntityLike, kEntity } from "../../sql/protocols.js";
import { type Select, select } from "../../sql/select.js";
import { kAliasedClass } from "../declarative/keys.js";
import type { MappedColumn, Mapper } from "../mapper/mapper.js";
import { configuredMapper } from "../mapper/mapping.js";
import type { Relationship } from "../relationships/relationship.js";
import type { EntityReader } from "./hydrate.js";
import { LoaderOption, type LoadStrategy } from "./options.js";

/** What to load for one entity: its columns and, per relationship, how. */
export interface LoadNode {
  readonly mapper: Mapper;
  readonly columns: MappedColumn[];
  readonly children: Map<string, LoadEdge>;
}

export interface LoadEdge {
  readonly rel: Relationship;
  strategy: LoadStrategy;
  innerjoin: boolean;
  alias: FromClause | null;
  readonly node: LoadNode;
}

const DEFAULT_DEPTH = 3;

function newNode(mapper: Mapper): LoadNode {
  return { mapper, columns: [...mapper.defaultColumns], children: new Map() };
}

/** Relationship default strategies (lazy: "selectin" / "joined" / "json" / "noload"), a few levels deep. */
function applyDefaults(node: LoadNode, depth: number, via: Relationship | null): void {
  if (depth >= DEFAULT_DEPTH) return;
  for (const rel of node.mapper.relationships.values()) {
    if (node.children.has(rel.key)) continue;
    if (rel.lazy !== "selectin" && rel.lazy !== "joined" && rel.lazy !== "json" && rel.lazy !== "noload")
      continue;
    if (via && (rel === via || rel.backref === via)) continue;
    const child = newNode(rel.target);
    node.children.set(rel.key, {
      rel,
      strategy: rel.lazy,
      innerjoin: rel.options.innerjoin ?? false,
      alias: null,
      node: child,
    });
    if (rel.lazy !== "noload") applyDefaults(child, depth + 1, rel);
  }
}

/** The load tree of `mapper` under the query's loader options. */
export function buildLoadTree(mapper: Mapper, options: readonly unknown[]): LoadNode {
  const root = newNode(mapper);
  for (const opt of options) {
    if (!(opt instanceof LoaderOption)) continue;
    const first = opt.steps[0];
    if (first) {
      if (!first.rel.configured) first.rel.parent.registry.configure();
      if (first.rel.parent !== mapper) continue;
    } else {
      const keys = opt.columnOptions.flatMap((c) => c.keys);
      if (!keys.every((k) => mapper.byKey.has(k))) continue;
    }
    let node = root;
    const nodes = [root];
    for (const step of opt.steps) {
      if (step.rel.parent !== node.mapper) {
        throw new ArgumentError(`Loader option path: ${step.rel} does not belong to ${node.mapper.name}`);
      }
      let edge = node.children.get(step.rel.key);
      if (!edge) {
        edge = {
          rel: step.rel,
          strategy: step.strategy,
          innerjoin: step.innerjoin ?? false,
          alias: step.alias ?? null,
          node: newNode(step.rel.target),
        };
        node.children.set(step.rel.key, edge);
      } else if (step !== opt.steps.at(-1) || step.strategy !== edge.strategy) {
        // A later option naming the same step refines it; only the last step sets the strategy.
        if (step === opt.steps.at(-1)) {
          edge.strategy = step.strategy;
          edge.innerjoin = step.innerjoin ?? false;
          edge.alias = step.alias ?? null;
        }
      }
      node = edge.node;
      nodes.push(node);
    }
    for (const co of opt.columnOptions) {
      const target = nodes[co.depth]!;
      const m = target.mapper;
      for (const k of co.keys)
        if (!m.byKey.has(k)) throw new ArgumentError(`${co.mode}(): ${m.name} has no column '${k}'`);
      if (co.mode === "loadOnly") {
        const keep = new Set([...co.keys, ...m.pkKeys]);
        target.columns.splice(0, target.columns.length, ...m.columns.filter((c) => keep.has(c.key)));
      } else if (co.mode === "defer") {
        const drop = new Set(co.keys.filter((k) => !m.pkKeys.includes(k)));
        target.columns.splice(0, target.columns.length, ...target.columns.filter((c) => !drop.has(c.key)));
      } else {
        const add = new Set(co.keys);
        target.columns.splice(
          0,
          target.columns.length,
          ...m.columns.filter((c) => add.has(c.key) || target.columns.includes(c)),
        );
      }
    }
  }
  applyDefaults(root, 0, null);
  return root;
}

/** An item of an ORM result row. */
export type LayoutItem =
  | { readonly kind: "column"; readonly position: number; readonly key: string | undefined }
  | { readonly kind: "entity"; readonly cls: unknown; readonly entity: EntityLayout };

/** Where an entity (and its joined eager loads) sits in each row. */
export interface EntityLayout {
  readonly node: LoadNode;
  readonly offset: number;
  readonly joined: readonly JoinedLayout[];
  /** JSON eager loads: each a value of the row holding the related rows (see jsonLoadColumn). */
  readonly json: readonly JsonLayout[];
}

/**
 * A JSON eager load: `position` in the parent's row (a result row, or the parent's own JSON row
 * array) holds the related rows, each a JSON array laid out as `entity` (offset 0).
 */
export interface JsonLayout {
  readonly edge: LoadEdge;
  readonly position: number;
  readonly entity: EntityLayout;
}

export interface JoinedLayout {
  readonly edge: LoadEdge;
  readonly entity: EntityLayout;
}

/** The executed Core select and how to read its rows. */
export interface OrmSelectPlan {
  readonly core: Select<any>;
  readonly items: readonly LayoutItem[];
  /** Joined collection loads: rows repeat the parents and must be de-duplicated. */
  readonly dedupe: boolean;
  /** What session.get()'s lean path reuses (execute.ts): undefined until its first use, null when it does not apply. */
  lean: LeanRead | null | undefined;
}

/** A plan's one entity and, for the compiled shape it last ran as, that entity's reader. */
export interface LeanRead {
  readonly entity: EntityLayout;
  compiled: CompiledStatement | null;
  read: EntityReader | null;
}

/** Rewrites an ORM select for execution: entity columns, joined eager loads, the parent subquery. */
export function planOrmSelect(stmt: Select<any>): OrmSelectPlan {
  const plain = plainEntityLayout(stmt);
  if (plain !== null)
    return {
      core: stmt.withOnlyColumns(...plain.columns),
      items: plain.items,
      dedupe: false,
      lean: undefined,
    };
  const options = stmt.state.options;
  const columns: ColumnElement<any, any>[] = [];
  const joins: { target: FromClause; on: ColumnElement<any, any>; inner: boolean }[] = [];
  /** The orderBy of joined collections, after the statement's own ordering (as SQLAlchemy). */
  const joinedOrder: (ColumnElement<any, any> | OrderingExpression)[] = [];
  const items: LayoutItem[] = [];
  let dedupe = false;
  let joinedCollections = false;

  const layoutEntity = (node: LoadNode, from: FromClause, depth: number): EntityLayout => {
    const offset = columns.length;
    for (const c of node.columns)
      columns.push(from === node.mapper.table ? c.column : from.correspondingColumn(c.column)!);
    const joined: JoinedLayout[] = [];
    const json: JsonLayout[] = [];
    for (const edge of node.children.values()) {
      if (edge.strategy === "json") {
        const j = jsonLoadColumn(edge, from, columns.length, depth);
        columns.push(j.expr);
        json.push(j.layout);
        continue;
      }
      if (edge.strategy !== "joined" && edge.strategy !== "contains") continue;
      if (depth > 6) throw new ArgumentError(`joinedload path too deep at ${edge.rel}`);
      const rel = edge.rel;
      if (rel.uselist) joinedCollections = true;
      let targetFrom: FromClause;
      if (edge.strategy === "contains") targetFrom = edge.alias ?? rel.target.table;
      else {
        const alias = rel.target.table.alias();
        const parentTable = node.mapper.table;
        const adaptParent = <E extends ColumnElement<any, any>>(e: E) =>
          from === parentTable ? e : adaptToAlias(e, parentTable, from);
        if (rel.secondary) {
          const sec = rel.secondary.alias();
          joins.push({
            target: sec,
            on: adaptToAlias(adaptParent(rel.primaryjoin), rel.secondary, sec),
            inner: edge.innerjoin,
          });
          joins.push({
            target: alias,
            on: adaptToAlias(adaptToAlias(rel.secondaryjoin!, rel.secondary, sec), rel.target.table, alias),
            inner: edge.innerjoin,
          });
        } else {
          joins.push({ target: alias, on: rel.joinCondition(from, alias), inner: edge.innerjoin });
        }
        for (const o of rel.orderBy) joinedOrder.push(adaptToAlias(o, rel.target.table, alias));
        targetFrom = alias;
      }
      joined.push({ edge, entity: layoutEntity(edge.node, targetFrom, depth + 1) });
    }
    return { node, offset, joined, json };
  };

  const entries = stmt.entries;
  const entityFroms: { mapper: Mapper; from: FromClause }[] = [];
  for (const entry of entries) {
    if (entry.kind === "column") {
      items.push({ kind: "column", position: columns.length, key: entry.key });
      columns.push(entry.expr);
    } else if (entry.kind === "table") {
      for (const c of entry.from.columns) {
        items.push({ kind: "column", position: columns.length, key: c.key });
        columns.push(c);
      }
    } else {
      const mapper = configuredMapper(mapperClassOf(entry.entity.entity));
      entityFroms.push({ mapper, from: entry.entity.from });
      const node = buildLoadTree(mapper, options);
      items.push({
        kind: "entity",
        cls: entry.entity.entity,
        entity: layoutEntity(node, entry.entity.from, 0),
      });
    }
  }
  dedupe = joinedCollections;
  const s = stmt.state;
  if (joinedCollections && (s.limit || s.offset) && entityFroms.length === 1 && items.length === 1) {
    return wrapForLimit(stmt, items[0] as Extract<LayoutItem, { kind: "entity" }>, entityFroms[0]!);
  }
  let core = stmt.withOnlyColumns(...columns);
  for (const j of joins) core = core.join(j.target, j.on, { isouter: !j.inner });
  if (joinedOrder.length) core = core.orderBy(...(joinedOrder as ColumnElement<any, any>[]));
  return { core, items, dedupe, lean: undefined };
}

interface PlainLayout {
  readonly columns: readonly ColumnElement<any, any>[];
  readonly items: readonly LayoutItem[];
}

/**
 * `select(Model)` with no loader options and no joined eager loads: the same columns and row
 * layout every time, made once per mapper (until the registry configures again) instead of per
 * statement. Null for every other select.
 */
function plainEntityLayout(stmt: Select<any>): PlainLayout | null {
  const { items, options } = stmt.state;
  if (items.length !== 1 || options.length !== 0 || !isEntityLike(items[0])) return null;
  const entity = items[0][kEntity];
  const mapper = configuredMapper(mapperClassOf(entity.entity));
  if (entity.entity !== mapper.cls || entity.from !== mapper.table) return null;
  let layout = mapper.relationshipMemo.get("plainLayout") as PlainLayout | null | undefined;
  if (layout === undefined) {
    const node = buildLoadTree(mapper, options);
    const joins = [...node.children.values()].some(
      (e) => e.strategy === "joined" || e.strategy === "contains" || e.strategy === "json",
    );
    layout = joins
      ? null
      : {
          columns: node.columns.map((c) => c.column),
          items: [{ kind: "entity", cls: mapper.cls, entity: { node, offset: 0, joined: [], json: [] } }],
        };
    mapper.relationshipMemo.set("plainLayout", layout);
  }
  return layout;
}

/**
 * The JSON eager load of `edge` from parent rows in `parentFrom`: a correlated scalar subquery
 * aggregating the related rows into one JSON array (at `position` of the parent's row), each
 * related row an array of its columns followed by its own JSON loads. Joined loads below a JSON
 * load are JSON loads too: there is no row to join them to. Works the same on every dialect, and
 * keeps a LIMIT on the parent query counting parents.
 */
function jsonLoadColumn(
  edge: LoadEdge,
  parentFrom: FromClause,
  position: number,
  depth: number,
): { expr: ColumnElement<any, any>; layout: JsonLayout } {
  if (depth > 6) throw new ArgumentError(`jsonload path too deep at ${edge.rel}`);
  const rel = edge.rel;
  const node = edge.node;
  const targetTable = rel.target.table;
  const alias = targetTable.alias();
  const elements: ColumnElement<any, any>[] = node.columns.map((c) => alias.correspondingColumn(c.column)!);
  const json: JsonLayout[] = [];
  for (const child of node.children.values()) {
    if (child.strategy !== "json" && child.strategy !== "joined") continue;
    const nested = jsonLoadColumn(child, alias, elements.length, depth + 1);
    elements.push(nested.expr);
    json.push(nested.layout);
  }
  const order = rel.orderBy.map((o) => adaptToAlias(o, targetTable, alias));
  const agg = new JsonRowsAggregate(new JsonRow(elements), order as ColumnElement<any, any>[]);
  let inner: Select<any>;
  if (rel.secondary) {
    const sec = rel.secondary.alias();
    const parentTable = rel.parent.table;
    const primary =
      parentFrom === parentTable ? rel.primaryjoin : adaptToAlias(rel.primaryjoin, parentTable, parentFrom);
    inner = select(agg)
      .selectFrom(alias)
      .join(sec, adaptToAlias(adaptToAlias(rel.secondaryjoin!, rel.secondary, sec), targetTable, alias))
      .where(adaptToAlias(primary, rel.secondary, sec));
  } else {
    inner = select(agg).selectFrom(alias).where(rel.joinCondition(parentFrom, alias));
  }
  return {
    expr: inner.scalarSubquery(),
    layout: { edge, position, entity: { node, offset: 0, joined: [], json } },
  };
}

/** The mapped class behind an entity protocol object (a class, or an aliased entity). */
export function mapperClassOf(entity: unknown): abstract new (...args: any) => any {
  const e = entity as { [kAliasedClass]?: abstract new (...args: any) => any };
  return (e[kAliasedClass] ?? entity) as abstract new (
    ...args: any
  ) => any;
}

/**
 * With LIMIT/OFFSET and a joined collection, the limit must count parents, not joined rows:
 * the parent query becomes a subquery and the eager joins are made against it.
 */
function wrapForLimit(
  stmt: Select<any>,
  item: Extract<LayoutItem, { kind: "entity" }>,
  entity: { mapper: Mapper; from: FromClause },
): OrmSelectPlan {
  const node = item.entity.node;
  const from = entity.from;
  const inner = stmt
    .withOnlyColumns(
      ...node.columns.map((c) =>
        from === entity.mapper.table ? c.column : from.correspondingColumn(c.column)!,
      ),
    )
    .options()
    .subquery("anon_1");
  const outerStmt = select(entityProxy(entity.mapper, inner) as never).options(...stmt.state.options);
  const ordered = stmt.state.orderBy.map((o) =>
    adaptToAlias(o as ColumnElement<any, any> | OrderingExpression, from, inner),
  );
  const plan = planOrmSelect(
    ordered.length ? outerStmt.orderBy(...(ordered as ColumnElement<any, any>[])) : outerStmt,
  );
  return {
    ...plan,
    items: [
      {
        kind: "entity",
        cls: item.cls,
        entity: (plan.items[0] as Extract<LayoutItem, { kind: "entity" }>).entity,
      },
    ],
  };
}

/** An entity protocol object reading `mapper`'s columns from `from` (a subquery of its table). */
function entityProxy(mapper: Mapper, from: FromClause): object {
  const cols = mapper.defaultColumns
    .map((c) => from.correspondingColumn(c.column))
    .filter((c): c is ColumnClause<any, any> => c !== null);
  return {
    [kAliasedClass]: mapper.cls,
    [kEntity]: {
      from,
      columns: cols,
      cacheToken: `mapper#${mapper.id}@sub`,
      entity: { [kAliasedClass]: mapper.cls },
    },
  };
}

export { TableClause };
