import { ArgumentError } from "../errors.js";
import { and_, BindParameter, ColumnElement, type Condition, type OrderingExpression } from "./elements.js";
import { ColumnClause, FromClause } from "./from-clause.js";
import type { CacheKeyBuilder } from "./node.js";
import { Node } from "./node.js";
import type { kAppliesTo, kEntityClass, kItems } from "./protocols.js";
import {
  type EntityColumns,
  isEntityLike,
  isJoinTargetLike,
  type JoinTargetLike,
  kEntity,
  kJoinTarget,
} from "./protocols.js";
import { CompoundSelect, CTE, Exists, ScalarSelect, type SetOperator, Subquery } from "./selectable.js";
import { Integer } from "./types/numeric.js";
import type {
  AliasedEntityItem,
  CheckedEntities,
  EntityItem,
  ScalarOf,
  SelectItem,
  SubqueryColumns,
} from "./typing.js";

/** What `orderBy()` takes: a column or expression, `.desc()` / `.asc()` of one, or a label name. */
export type OrderByItem = ColumnElement<any, any> | OrderingExpression | string;
export type JoinTarget = FromClause | SelectItem | JoinTargetLike;

export interface JoinSpec {
  readonly target: JoinTarget;
  readonly onclause: ColumnElement<any, any> | null;
  readonly isouter: boolean;
  readonly full: boolean;
}

/** Options of `select(...).forUpdate()`: NOWAIT, SKIP LOCKED, FOR SHARE, key locks. */
export interface ForUpdateSpec {
  readonly nowait?: boolean;
  readonly skipLocked?: boolean;
  /** FOR SHARE instead of FOR UPDATE. */
  readonly readOnly?: boolean;
  /** FOR NO KEY UPDATE / FOR KEY SHARE on PostgreSQL. */
  readonly keyShare?: boolean;
  readonly of?: readonly (FromClause | ColumnElement<any, any>)[];
}

/**
 * What `options()` takes: nodes. An ORM loader option says, by type only, which entity it applies
 * to: the columns it names (`loadOnly(Post.title)`) and the first relationship of its path
 * (`joinedload(Post.author)`). When the statement selects one entity, options for another are a
 * type error.
 */
export type StatementOption<Items extends readonly unknown[]> = Node & {
  readonly [kAppliesTo]?: AppliesTo<Items>;
};

/**
 * What an option must accept and give (see LoaderOption): the selected entity's instances, and one
 * of its class's static attributes (its relationships are among them). One property type compared
 * per option, not a walk over the entity's members: +1.9% instantiations on bench/typecheck's 100
 * models under TypeScript 5.9 (120,393 to 122,639), where checking each model's relationship
 * targets cost +27%. A relationship's type names its target and its backPopulates name, which
 * together name its parent (see Relationship's `__back`); of two relationships to one target
 * without backPopulates, one of another model passes (and fails at run time).
 */
type AppliesTo<Items extends readonly unknown[]> = Items extends readonly [infer F]
  ? [F] extends [never]
    ? (entity: never) => unknown
    : F extends EntityItem
      ? (entity: InstanceType<F>) => ClassAttributeOf<F>
      : F extends AliasedEntityItem<infer R>
        ? (entity: R) => F extends { readonly [kEntityClass]?: infer M } ? ClassAttributeOf<M> : unknown
        : (entity: never) => unknown
  : (entity: never) => unknown;

/** The types of a class's static attributes (its columns and relationships among them). */
type ClassAttributeOf<M> = M[keyof M];

/** One selected item after expansion: an expression, or an entity spread over its columns. */
export type ColumnsClauseEntry =
  | { readonly kind: "column"; readonly expr: ColumnElement<any, any>; readonly key: string | undefined }
  | { readonly kind: "entity"; readonly entity: EntityColumns }
  | { readonly kind: "table"; readonly from: FromClause };

interface SelectState {
  readonly items: readonly SelectItem[];
  readonly froms: readonly FromClause[];
  readonly joins: readonly JoinSpec[];
  readonly where: readonly ColumnElement<any, any>[];
  readonly groupBy: readonly ColumnElement<any, any>[];
  readonly having: readonly ColumnElement<any, any>[];
  readonly orderBy: readonly (ColumnElement<any, any> | OrderingExpression)[];
  readonly limit: BindParameter<number> | null;
  readonly offset: BindParameter<number> | null;
  readonly distinct: boolean;
  readonly distinctOn: readonly ColumnElement<any, any>[];
  readonly forUpdate: ForUpdateSpec | null;
  readonly correlate: readonly FromClause[] | null;
  readonly options: readonly Node[];
  readonly executionOptions: Readonly<Record<string, unknown>>;
}

const INTEGER = Integer();

/** Shared by new statements: the lists are never changed in place, only replaced. */
const NONE: readonly never[] = [];
const NO_OPTIONS: Readonly<Record<string, unknown>> = {};

/**
 * A new statement's state, as one object literal: V8 copies an object built by a spread quickly,
 * but `{ ...EMPTY, items }` from a module-level literal took ~750 ns, most of a select() call.
 */
function initialState(items: readonly SelectItem[]): SelectState {
  return {
    items,
    froms: NONE,
    joins: NONE,
    where: NONE,
    groupBy: NONE,
    having: NONE,
    orderBy: NONE,
    limit: null,
    offset: null,
    distinct: false,
    distinctOn: NONE,
    forUpdate: null,
    correlate: null,
    options: NONE,
    executionOptions: NO_OPTIONS,
  };
}

/** Expands one select() argument for compilation and row building. */
export function columnsClauseEntry(item: SelectItem): ColumnsClauseEntry {
  if (item instanceof ColumnElement) return { kind: "column", expr: item, key: item.resultKey };
  if (isEntityLike(item)) return { kind: "entity", entity: item[kEntity] };
  if (item instanceof FromClause) return { kind: "table", from: item };
  throw new ArgumentError(
    `select() takes columns, expressions, tables and mapped classes; got ${describeValue(item)}. ` +
      `To select a value, wrap it: literal(value).`,
  );
}

function describeValue(v: unknown): string {
  if (typeof v === "function") return `the class ${v.name || "(anonymous)"}, which is not mapped`;
  return typeof v === "object" ? `an object (${Object.prototype.toString.call(v)})` : JSON.stringify(v);
}

/** Turns a `filter`/`where` argument into a condition (true/false become literals). */
function condition(c: ColumnElement<any, any> | boolean): ColumnElement<any, any> {
  if (typeof c === "boolean") return new BindParameter(c);
  if (!(c instanceof ColumnElement)) {
    throw new ArgumentError(
      `where() takes SQL expressions such as User.email.eq("x"); got ${describeValue(c)}. ` +
        `Note that == between a column and a value is a JavaScript comparison: use .eq().`,
    );
  }
  return c;
}

/**
 * `SELECT`. Immutable: every method returns a new statement. Rows are typed from the selected
 * items: `select(Kit.id, func.count().label("n"))` yields rows `[number, number] & { id; n }`.
 */
export class Select<Items extends readonly SelectItem[] = readonly SelectItem[]> extends Node {
  declare readonly [kItems]: Items;
  readonly kind = "select";
  readonly state: SelectState;
  /**
   * @internal A cache slot for the layer that executes this statement (the ORM keeps its plan of
   * the select here), filled on first execution; Core neither reads nor writes it. Statements are
   * immutable, so what is cached stays valid. A field and not a WeakMap for the reason
   * Node._prepared is one: with both in WeakMaps, 2,000 ORM selects built per call took 1.24x the
   * CPU time (149 ms against 120 ms, median of 41 interleaved rounds of
   * bench/micro/statement-caches.ts on SQLite).
   */
  _executorCache: unknown = undefined;

  constructor(state: SelectState) {
    super();
    this.state = state;
  }

  #with(patch: Partial<SelectState>): Select<Items> {
    return new Select<Items>({ ...this.state, ...patch });
  }

  /** The selected items, expanded (entities and tables to their columns) in order. */
  get entries(): ColumnsClauseEntry[] {
    return this.state.items.map(columnsClauseEntry);
  }

  /** The ORM entity of the first selected item, for filterBy() and the legacy Query. */
  get primaryEntity(): EntityColumns | null {
    for (const e of this.entries) if (e.kind === "entity") return e.entity;
    return null;
  }

  /** Adds WHERE conditions, joined with AND. */
  where(...conditions: (Condition | boolean | undefined)[]): Select<Items> {
    const list = conditions
      .filter((c): c is ColumnElement<any, any> | boolean => c !== undefined)
      .map(condition);
    return this.#with({ where: [...this.state.where, ...list] });
  }

  /** Same as where(), as the ORM's Query names it. */
  filter(...conditions: (Condition | boolean | undefined)[]): Select<Items> {
    return this.where(...conditions);
  }

  /** Equality filters by key on the last joined entity (or the first selected one). */
  filterBy(values: Record<string, unknown>): Select<Items> {
    const from = this.#filterByFrom();
    const conds = Object.entries(values).map(([k, v]) => {
      const col = from.c[k];
      if (!col) {
        throw new ArgumentError(
          `filterBy(): ${describeFrom(from)} has no column '${k}'. Columns: ${Object.keys(from.c).join(", ")}.`,
        );
      }
      return col.eq(v as never);
    });
    return this.where(...conds);
  }

  #filterByFrom(): FromClause {
    const lastJoin = this.state.joins.at(-1);
    if (lastJoin) return resolveJoinTarget(lastJoin.target).target;
    const first = this.entries[0];
    if (first?.kind === "entity") return first.entity.from;
    if (first?.kind === "table") return first.from;
    if (first?.kind === "column" && first.expr instanceof ColumnClause && first.expr.table)
      return first.expr.table;
    if (this.state.froms[0]) return this.state.froms[0];
    throw new ArgumentError("filterBy() needs a selected table or entity to look keys up on");
  }

  /** `JOIN`; the ON clause is inferred from foreign keys (or the relationship) when not given. */
  join(
    target: JoinTarget,
    onclause?: Condition,
    opts?: { isouter?: boolean; full?: boolean },
  ): Select<Items> {
    const spec: JoinSpec = {
      target,
      onclause: onclause ?? null,
      isouter: opts?.isouter ?? false,
      full: opts?.full ?? false,
    };
    return this.#with({ joins: [...this.state.joins, spec] });
  }
  /** `LEFT OUTER JOIN`. */
  outerjoin(target: JoinTarget, onclause?: Condition): Select<Items> {
    return this.join(target, onclause, { isouter: true });
  }
  /** `FULL OUTER JOIN` (not on MySQL or SQLite before 3.39). */
  fullJoin(target: JoinTarget, onclause?: Condition): Select<Items> {
    return this.join(target, onclause, { isouter: true, full: true });
  }

  /** Explicit FROM entries, placed first (`select(func.count()).selectFrom(users)`). */
  selectFrom(...froms: (FromClause | SelectItem)[]): Select<Items> {
    const list = froms.map((f) => resolveJoinTarget(f).target);
    return this.#with({ froms: [...this.state.froms, ...list] });
  }

  groupBy(...cols: ColumnElement<any, any>[]): Select<Items> {
    return this.#with({ groupBy: [...this.state.groupBy, ...cols] });
  }
  having(...conditions: Condition[]): Select<Items> {
    return this.#with({ having: [...this.state.having, ...conditions.map(condition)] });
  }
  /** ORDER BY; strings name a selected label. `orderBy(null)` clears it. */
  orderBy(...items: (OrderByItem | null)[]): Select<Items> {
    if (items.length === 1 && items[0] === null) return this.#with({ orderBy: [] });
    const list = items.filter((i): i is OrderByItem => i !== null).map((i) => this.#orderItem(i));
    return this.#with({ orderBy: [...this.state.orderBy, ...list] });
  }
  #orderItem(item: OrderByItem): ColumnElement<any, any> | OrderingExpression {
    if (typeof item !== "string") return item;
    const desc = item.startsWith("-");
    const name = desc ? item.slice(1) : item;
    for (const e of this.entries) {
      if (e.kind === "column" && e.key === name) {
        const ref = new LabelReference(name, e.expr);
        return desc ? ref.desc() : ref;
      }
    }
    throw new ArgumentError(`orderBy("${item}"): no selected column or label is named '${name}'`);
  }
  /** LIMIT; `limit(null)` removes it. */
  limit(n: number | null): Select<Items> {
    return this.#with({ limit: n === null ? null : new BindParameter(n, INTEGER) });
  }
  /** OFFSET; `offset(null)` removes it. */
  offset(n: number | null): Select<Items> {
    return this.#with({ offset: n === null ? null : new BindParameter(n, INTEGER) });
  }
  /** SELECT DISTINCT; with columns, DISTINCT ON (...) (PostgreSQL). */
  distinct(...on: ColumnElement<any, any>[]): Select<Items> {
    return this.#with({ distinct: true, distinctOn: on });
  }
  /** FOR UPDATE [NOWAIT | SKIP LOCKED] (ignored on SQLite, which locks the whole database). */
  forUpdate(spec: ForUpdateSpec = {}): Select<Items> {
    return this.#with({ forUpdate: spec });
  }
  /** Explicit correlation for use as a subquery; `correlate(null)` turns auto-correlation off. */
  correlate(...froms: (FromClause | SelectItem | null)[]): Select<Items> {
    if (froms.length === 1 && froms[0] === null) return this.#with({ correlate: [] });
    return this.#with({
      correlate: froms.filter((f) => f !== null).map((f) => resolveJoinTarget(f!).target),
    });
  }
  /** Replaces the selected items. */
  withOnlyColumns<const N extends readonly SelectItem[]>(...items: N): Select<N> {
    return new Select<N>({ ...this.state, items });
  }
  /** Appends selected items. */
  addColumns<const N extends readonly SelectItem[]>(...items: N): Select<[...Items, ...N]> {
    return new Select<[...Items, ...N]>({ ...this.state, items: [...this.state.items, ...items] });
  }
  /** ORM loader options (joinedload, selectinload, ...); Core ignores them. */
  options(...opts: StatementOption<Items>[]): Select<Items> {
    return this.#with({ options: [...this.state.options, ...opts] });
  }
  /** Options read at execution (`populateExisting`, `yieldPer`, `synchronizeSession`, ...). */
  executionOptions(opts: Record<string, unknown>): Select<Items> {
    return this.#with({ executionOptions: { ...this.state.executionOptions, ...opts } });
  }

  /** `(SELECT ...) AS name`, usable in FROM; its columns are `sq.c.<key>`. */
  subquery(name?: string): Subquery<SubqueryColumns<Items>> {
    return new Subquery(this, name ?? null) as Subquery<SubqueryColumns<Items>>;
  }
  /** `WITH name AS (SELECT ...)`; recursive CTEs add their recursive part with `.unionAll()`. */
  cte(name?: string, opts?: { recursive?: boolean }): CTE<SubqueryColumns<Items>> {
    return new CTE(this, name ?? null, opts?.recursive ?? false) as CTE<SubqueryColumns<Items>>;
  }
  /** A scalar subquery `(SELECT x ...)`, usable as an expression (auto-correlated). */
  scalarSubquery(): ScalarSelect<ScalarOf<Items>> {
    return new ScalarSelect<ScalarOf<Items>>(this);
  }
  /** `EXISTS (SELECT ...)`. */
  exists(): Exists {
    return new Exists(this);
  }
  /** A labeled scalar subquery. */
  label<const N extends string>(name: N) {
    return this.scalarSubquery().label(name);
  }

  union(...others: SetOperand[]): CompoundSelect<Items> {
    return compound("UNION", [this, ...others]);
  }
  unionAll(...others: SetOperand[]): CompoundSelect<Items> {
    return compound("UNION ALL", [this, ...others]);
  }
  intersect(...others: SetOperand[]): CompoundSelect<Items> {
    return compound("INTERSECT", [this, ...others]);
  }
  intersectAll(...others: SetOperand[]): CompoundSelect<Items> {
    return compound("INTERSECT ALL", [this, ...others]);
  }
  except(...others: SetOperand[]): CompoundSelect<Items> {
    return compound("EXCEPT", [this, ...others]);
  }
  exceptAll(...others: SetOperand[]): CompoundSelect<Items> {
    return compound("EXCEPT ALL", [this, ...others]);
  }

  /** The WHERE clause as one condition (or undefined). */
  get whereClause(): ColumnElement<any, any> | undefined {
    return this.state.where.length ? and_(...this.state.where) : undefined;
  }

  walk(key: CacheKeyBuilder): void {
    const s = this.state;
    key.push("select(");
    for (const item of s.items) {
      if (item instanceof Node) {
        if (item instanceof FromClause) key.fromRef(item);
        else key.node(item);
      } else {
        const entity = columnsClauseEntry(item);
        if (entity.kind === "entity") {
          key.push(`entity:${entity.entity.cacheToken}@`);
          key.fromRef(entity.entity.from);
        }
      }
    }
    if (s.froms.length) {
      key.push("|from");
      for (const f of s.froms) key.fromRef(f);
    }
    for (const j of s.joins) {
      key.push(`|join${j.isouter ? "o" : ""}${j.full ? "f" : ""}`);
      const target = j.target;
      if (isJoinTargetLike(target)) {
        const spec = target[kJoinTarget]();
        key.fromRef(spec.target);
        key.node(spec.onclause);
      } else key.fromRef(resolveJoinTarget(target).target);
      key.node(j.onclause);
    }
    if (s.where.length) {
      key.push("|where");
      key.nodes(s.where);
    }
    if (s.groupBy.length) {
      key.push("|group");
      key.nodes(s.groupBy);
    }
    if (s.having.length) {
      key.push("|having");
      key.nodes(s.having);
    }
    if (s.orderBy.length) {
      key.push("|order");
      key.nodes(s.orderBy);
    }
    if (s.limit) {
      key.push("|limit");
      key.node(s.limit);
    }
    if (s.offset) {
      key.push("|offset");
      key.node(s.offset);
    }
    if (s.distinct) {
      key.push("|distinct");
      key.nodes(s.distinctOn);
    }
    if (s.forUpdate) {
      const f = s.forUpdate;
      key.push(
        `|forupdate:${f.nowait ? "n" : ""}${f.skipLocked ? "s" : ""}${f.readOnly ? "r" : ""}${f.keyShare ? "k" : ""}`,
      );
      for (const o of f.of ?? []) key.node(o);
    }
    if (s.correlate) {
      key.push("|correlate");
      for (const f of s.correlate) key.fromRef(f);
    }
    if (s.options.length) {
      key.push("|options");
      key.nodes(s.options);
    }
    key.push(")");
  }
}

export type SetOperand = Select<any> | CompoundSelect<any>;

function compound<Items extends readonly SelectItem[]>(
  op: SetOperator,
  selects: SetOperand[],
): CompoundSelect<Items> {
  return new CompoundSelect<Items>(op, selects);
}

/** `ORDER BY name`, referring to a label of the select list. */
export class LabelReference extends ColumnElement<any> {
  readonly kind = "label_reference";
  readonly name: string;
  readonly element: ColumnElement<any, any>;
  constructor(name: string, element: ColumnElement<any, any>) {
    super();
    this.name = name;
    this.element = element;
  }
  get type() {
    return this.element.type;
  }
  walk(key: CacheKeyBuilder): void {
    key.push(`labelref:${this.name}`);
  }
}

function describeFrom(from: FromClause): string {
  const named = from as unknown as { name?: string | null };
  return named.name ? `'${named.name}'` : "the FROM";
}

/** What a join target resolves to: the FROM to join, and the ON clause a relationship implies. */
export function resolveJoinTarget(target: JoinTarget): {
  target: FromClause;
  onclause: ColumnElement<any, any> | null;
  via: { target: FromClause; onclause: ColumnElement<any, any> } | null;
} {
  if (target instanceof FromClause) return { target, onclause: null, via: null };
  if (isJoinTargetLike(target)) {
    const spec = target[kJoinTarget]();
    return { target: spec.target, onclause: spec.onclause, via: spec.via ?? null };
  }
  if (isEntityLike(target)) return { target: target[kEntity].from, onclause: null, via: null };
  throw new ArgumentError(
    `join() takes a table, alias, subquery, mapped class or relationship; got ${describeValue(target)}`,
  );
}

/**
 * `select(...)`: columns, expressions, tables and mapped classes. With no arguments, add columns
 * later with `addColumns()`.
 */
export function select<const Items extends readonly SelectItem[]>(
  ...items: Items & CheckedEntities<Items>
): Select<Items> {
  // Expanded now, not at compile time: a bad argument fails where it is written, and an entity
  // resolves its columns before the rest of the statement is built (a mapped class maps itself
  // on first use, so `select(Tag).where(Tag.name.eq("x"))` sees the column `Tag.name`).
  for (const item of items) columnsClauseEntry(item);
  return new Select<Items>(initialState(items));
}
