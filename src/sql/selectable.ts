import { ArgumentError } from "../errors.js";
import { BindParameter, ColumnElement, type Condition, type OrderingExpression } from "./elements.js";
import { ColumnClause, FromClause, literalColumn } from "./from-clause.js";
import type { CacheKeyBuilder } from "./node.js";
import { Node } from "./node.js";
import type { kItems } from "./protocols.js";
import { type OrderByItem, type Select, select } from "./select.js";
import type { TypeEngine } from "./type-engine.js";
import { BooleanType } from "./types/boolean.js";
import { Integer } from "./types/numeric.js";
import type { SelectItem, SubqueryColumns } from "./typing.js";

/** A column a subquery, CTE or compound select exposes: its name in SQL, its key, its source. */
export interface ExportedColumn {
  readonly name: string;
  readonly key: string;
  readonly expr: ColumnElement<any, any>;
}

/** The columns a SELECT exposes when used as a subquery, with unique names (`id`, `id_1`, ...). */
export function exportedColumns(stmt: Select<any> | CompoundSelect<any>): ExportedColumn[] {
  const first = stmt instanceof CompoundSelect ? stmt.firstSelect : stmt;
  const out: ExportedColumn[] = [];
  const taken = new Set<string>();
  let anon = 0;
  const add = (expr: ColumnElement<any, any>, name: string | undefined, key: string | undefined) => {
    const wanted = name ?? `anon_${++anon}`;
    let unique = wanted;
    for (let i = 1; taken.has(unique); i++) unique = `${wanted}_${i}`;
    taken.add(unique);
    // A renamed duplicate is keyed by its new name; otherwise the expression's own key wins.
    out.push({ name: unique, key: unique === name ? (key ?? unique) : unique, expr });
  };
  for (const entry of first.entries) {
    if (entry.kind === "column") {
      const e = entry.expr;
      add(e, e instanceof ColumnClause ? e.name : e.resultKey, e.resultKey);
    } else {
      const cols = entry.kind === "entity" ? entry.entity.columns : entry.from.columns;
      for (const c of cols) add(c, c instanceof ColumnClause ? c.name : c.resultKey, c.resultKey);
    }
  }
  return out;
}

function buildColumns(
  owner: FromClause,
  stmt: Select<any> | CompoundSelect<any>,
): Record<string, ColumnClause<any, any>> {
  const c: Record<string, ColumnClause<any, any>> = {};
  for (const col of exportedColumns(stmt)) {
    const proxies = col.expr instanceof ColumnClause ? col.expr : null;
    c[col.key] = new ColumnClause(col.name, col.expr.type, { key: col.key, table: owner, proxies });
  }
  return c;
}

/** `(SELECT ...) AS name`. */
export class Subquery<
  C extends Record<string, ColumnClause<any, any>> = Record<string, ColumnClause<any, any>>,
> extends FromClause<C> {
  readonly kind: string = "subquery";
  readonly element: Select<any> | CompoundSelect<any>;
  readonly name: string | null;
  #c: C | undefined;

  constructor(element: Select<any> | CompoundSelect<any>, name: string | null) {
    super();
    this.element = element;
    this.name = name;
  }

  get c(): C {
    this.#c ??= buildColumns(this, this.element) as C;
    return this.#c;
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`subquery:${this.name ?? ""}(`);
    key.node(this.element);
    key.push(")");
  }
}

/** `WITH name AS (...)`: referenced like a table, defined once at the top of the statement. */
export class CTE<
  C extends Record<string, ColumnClause<any, any>> = Record<string, ColumnClause<any, any>>,
> extends Subquery<C> {
  override readonly kind = "cte";
  readonly recursive: boolean;
  /** The CTE this one restates (a recursive CTE's non-recursive part, before `.unionAll()`). */
  readonly restates: CTE<any> | null;

  constructor(
    element: Select<any> | CompoundSelect<any>,
    name: string | null,
    recursive: boolean,
    restates: CTE<any> | null = null,
  ) {
    super(element, name);
    this.recursive = recursive;
    this.restates = restates;
  }

  /** The CTE's original definition (through restatements): the identity its references share. */
  get root(): CTE<any> {
    return this.restates ? this.restates.root : this;
  }

  /** Adds the recursive part: `WITH RECURSIVE name AS (base UNION ALL recursive)`. */
  unionAll(...others: Select<any>[]): CTE<C> {
    return new CTE(
      new CompoundSelect("UNION ALL", [this.element, ...others]),
      this.name,
      this.recursive,
      this,
    );
  }
  union(...others: Select<any>[]): CTE<C> {
    return new CTE(new CompoundSelect("UNION", [this.element, ...others]), this.name, this.recursive, this);
  }

  override walk(key: CacheKeyBuilder): void {
    key.push(`cte:${this.name ?? ""}:${this.recursive ? "r" : ""}(`);
    if (this.restates) key.fromRef(this.restates);
    key.node(this.element);
    key.push(")");
  }
}

export type SetOperator = "UNION" | "UNION ALL" | "INTERSECT" | "INTERSECT ALL" | "EXCEPT" | "EXCEPT ALL";

const INTEGER = Integer();

/** `SELECT ... UNION SELECT ...`, with its own ORDER BY / LIMIT / OFFSET. */
export class CompoundSelect<Items extends readonly SelectItem[] = readonly SelectItem[]> extends Node {
  declare readonly [kItems]: Items;
  readonly kind = "compound_select";
  readonly operator: SetOperator;
  readonly selects: readonly (Select<any> | CompoundSelect<any>)[];
  readonly orderByClauses: readonly (ColumnElement<any, any> | OrderingExpression)[];
  readonly limitClause: BindParameter<number> | null;
  readonly offsetClause: BindParameter<number> | null;

  constructor(
    operator: SetOperator,
    selects: readonly (Select<any> | CompoundSelect<any>)[],
    orderBy: readonly (ColumnElement<any, any> | OrderingExpression)[] = [],
    limit: BindParameter<number> | null = null,
    offset: BindParameter<number> | null = null,
  ) {
    super();
    if (selects.length < 2) throw new ArgumentError(`${operator} needs at least two SELECTs`);
    this.operator = operator;
    this.selects = selects;
    this.orderByClauses = orderBy;
    this.limitClause = limit;
    this.offsetClause = offset;
  }

  /** The first plain SELECT, which names the result columns. */
  get firstSelect(): Select<any> {
    const f = this.selects[0]!;
    return f instanceof CompoundSelect ? f.firstSelect : f;
  }

  get entries() {
    return this.firstSelect.entries;
  }

  /** ORDER BY; strings name a result column (by key or name), `"-name"` descending. */
  orderBy(...items: OrderByItem[]): CompoundSelect<Items> {
    const resolved = items.map((i) => {
      if (typeof i !== "string") return i;
      const desc = i.startsWith("-");
      const name = desc ? i.slice(1) : i;
      const found = exportedColumns(this).find((c) => c.key === name || c.name === name);
      if (!found) {
        throw new ArgumentError(
          `orderBy("${i}"): the ${this.operator} has no result column '${name}'. Its columns: ${exportedColumns(
            this,
          )
            .map((c) => c.name)
            .join(", ")}.`,
        );
      }
      // The result column by name, quoted: an unqualified column of no table.
      const col = new ColumnClause(found.name, found.expr.type);
      return desc ? col.desc() : col;
    });
    return new CompoundSelect(
      this.operator,
      this.selects,
      [...this.orderByClauses, ...resolved],
      this.limitClause,
      this.offsetClause,
    );
  }
  limit(n: number | null): CompoundSelect<Items> {
    return new CompoundSelect(
      this.operator,
      this.selects,
      this.orderByClauses,
      n === null ? null : new BindParameter(n, INTEGER),
      this.offsetClause,
    );
  }
  offset(n: number | null): CompoundSelect<Items> {
    return new CompoundSelect(
      this.operator,
      this.selects,
      this.orderByClauses,
      this.limitClause,
      n === null ? null : new BindParameter(n, INTEGER),
    );
  }
  subquery(name?: string): Subquery<SubqueryColumns<Items>> {
    return new Subquery(this, name ?? null) as Subquery<SubqueryColumns<Items>>;
  }
  cte(name?: string, opts?: { recursive?: boolean }): CTE<SubqueryColumns<Items>> {
    return new CTE(this, name ?? null, opts?.recursive ?? false) as CTE<SubqueryColumns<Items>>;
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`compound:${this.operator}(`);
    key.nodes(this.selects);
    if (this.orderByClauses.length) {
      key.push("|order");
      key.nodes(this.orderByClauses);
    }
    if (this.limitClause) key.node(this.limitClause);
    if (this.offsetClause) key.node(this.offsetClause);
    key.push(")");
  }
}

function compoundOf(op: SetOperator) {
  return <Items extends readonly SelectItem[]>(
    ...selects: [Select<Items> | CompoundSelect<Items>, ...(Select<any> | CompoundSelect<any>)[]]
  ) => new CompoundSelect<Items>(op, selects);
}
/** `SELECT ... UNION SELECT ...` (duplicates removed): `union(select(a.c.x), select(b.c.x))`. */
export const union = compoundOf("UNION");
/** `SELECT ... UNION ALL SELECT ...` (duplicates kept). */
export const unionAll = compoundOf("UNION ALL");
/** `SELECT ... INTERSECT SELECT ...`: rows in every select. */
export const intersect = compoundOf("INTERSECT");
/** `SELECT ... INTERSECT ALL SELECT ...` (duplicates kept). */
export const intersectAll = compoundOf("INTERSECT ALL");
/** `SELECT ... EXCEPT SELECT ...`: rows of the first select not in the others (`except` is reserved). */
export const except_ = compoundOf("EXCEPT");
/** `SELECT ... EXCEPT ALL SELECT ...` (duplicates kept). */
export const exceptAll = compoundOf("EXCEPT ALL");

/** `(SELECT x ...)` used as a value; correlates with the enclosing query's tables. */
export class ScalarSelect<T = unknown> extends ColumnElement<T> {
  readonly kind = "scalar_select";
  readonly element: Select<any> | CompoundSelect<any>;

  constructor(element: Select<any> | CompoundSelect<any>) {
    super();
    this.element = element;
  }

  get type(): TypeEngine<any, any> {
    const first = exportedColumns(this.element)[0];
    return first ? first.expr.type : INTEGER;
  }

  walk(key: CacheKeyBuilder): void {
    key.push("scalar(");
    key.node(this.element);
    key.push(")");
  }
}

const BOOLEAN = new BooleanType();
const STAR = literalColumn("*");

/** `EXISTS (SELECT ...)`. `exists().where(...)` selects `*` from the tables the condition names. */
export class Exists extends ColumnElement<boolean> {
  readonly kind = "exists";
  readonly element: Select<any>;
  readonly type = BOOLEAN;

  constructor(element: Select<any>) {
    super();
    this.element = element;
  }

  where(...conditions: (Condition | undefined)[]): Exists {
    return new Exists(this.element.where(...conditions));
  }
  selectFrom(...froms: FromClause[]): Exists {
    return new Exists(this.element.selectFrom(...froms));
  }
  correlate(...froms: (FromClause | null)[]): Exists {
    return new Exists(this.element.correlate(...froms));
  }
  join(target: Parameters<Select<any>["join"]>[0], onclause?: ColumnElement<any, any>): Exists {
    return new Exists(this.element.join(target, onclause));
  }

  walk(key: CacheKeyBuilder): void {
    key.push("exists(");
    key.node(this.element);
    key.push(")");
  }
}

/** `exists()` or `exists(select(...))`; add conditions with `.where()`. */
export function exists(stmt?: Select<any> | SelectItem, ...more: SelectItem[]): Exists {
  if (stmt === undefined) return new Exists(select(STAR));
  if (stmt instanceof Node && stmt.kind === "select") return new Exists(stmt as Select<any>);
  return new Exists(select(stmt as SelectItem, ...more));
}
