import { ArgumentError } from "../errors.js";
import { ColumnClause, FromClause } from "./from-clause.js";
import type { FunctionCall } from "./functions.js";
import type { CacheKeyBuilder } from "./node.js";
import { NULLTYPE } from "./type-engine.js";

/** A column given to `tableValued()`: a name (untyped) or `column(name, type)`. */
export type TableValuedColumn = string | ColumnClause<any, any, string>;

/** The column a `tableValued()` argument becomes. */
export type TableValuedColumnOf<C> = C extends string
  ? ColumnClause<unknown, unknown, C>
  : C extends ColumnClause<any, any, string>
    ? C
    : never;

/** The `.c` of a table-valued function with the given columns. */
export type TableValuedColumns<Cols extends readonly TableValuedColumn[]> = {
  [Col in Cols[number] as Col extends string
    ? Col
    : Col extends ColumnClause<any, any, infer N>
      ? N
      : never]: TableValuedColumnOf<Col>;
};

/** Options of `func.x(...).tableValued(columns, options)`: the alias and whether to name its columns. */
export interface TableValuedOptions {
  /** The alias in FROM; anonymous (`anon_1`) when left out. */
  readonly name?: string;
  /**
   * Render the column names after the alias, `unnest(...) AS v (id, status)`, as SQLAlchemy's
   * `render_derived()`: PostgreSQL needs it to name the columns of a multi-argument unnest();
   * SQLite's table-valued functions (json_each) reject it.
   */
  readonly derived?: boolean;
}

/**
 * A function that returns rows, used in FROM, as SQLAlchemy's `table_valued()`:
 * `func.jsonEach(doc).tableValued(["key", "value"])`, or on PostgreSQL
 * `func.unnest(ids, names).tableValued([column("id", Integer()), column("name", String())], { name: "v", derived: true })`.
 */
export class TableValued<
  C extends Record<string, ColumnClause<any, any>> = Record<string, ColumnClause<any, any>>,
> extends FromClause<C> {
  readonly kind = "table_valued";
  readonly fn: FunctionCall<unknown>;
  /** null: the compiler assigns an `anon_1`-style name. */
  readonly name: string | null;
  readonly derived: boolean;
  readonly c: C;

  constructor(
    fn: FunctionCall<unknown>,
    columns: readonly TableValuedColumn[],
    opts: TableValuedOptions = {},
  ) {
    super();
    if (!columns.length) throw new ArgumentError(`${fn.name}(...).tableValued() needs at least one column`);
    this.fn = fn;
    this.name = opts.name ?? null;
    this.derived = opts.derived ?? false;
    const c: Record<string, ColumnClause<any, any>> = {};
    for (const col of columns) {
      const name = typeof col === "string" ? col : col.name;
      const key = typeof col === "string" ? col : col.key;
      if (key in c) throw new ArgumentError(`tableValued(): column '${key}' is given twice`);
      const type = typeof col === "string" ? NULLTYPE : col.type;
      c[key] = new ColumnClause(name, type, { key, table: this });
    }
    this.c = c as C;
  }

  walk(key: CacheKeyBuilder): void {
    key.push(
      `table_valued:${this.name ?? ""}:${this.derived}:${this.columns.map((c) => `${c.name}/${c.type.typeKey}`).join(",")}(`,
    );
    key.node(this.fn);
    key.push(")");
  }
}
