import { ArgumentError } from "../errors.js";
import { BindParameter } from "./elements.js";
import { ColumnClause, FromClause } from "./from-clause.js";
import type { CacheKeyBuilder } from "./node.js";

/**
 * A table of literal rows usable in FROM, as SQLAlchemy's `values()`:
 * `values([column("id", Integer), column("status", String())], "v").data([[1, "a"], [2, "b"]])`.
 * Renders `(VALUES ...) AS v (id, status)` on PostgreSQL, a SELECT over VALUES on SQLite and a
 * UNION ALL of SELECTs on MySQL. The ORM's batched UPDATE joins against it.
 */
export class Values<
  C extends Record<string, ColumnClause<any, any>> = Record<string, ColumnClause<any, any>>,
> extends FromClause<C> {
  readonly kind = "values";
  readonly name: string;
  readonly c: C;
  readonly rows: readonly (readonly BindParameter[])[];

  constructor(
    columns: readonly ColumnClause<any, any>[],
    name: string,
    rows: readonly (readonly BindParameter[])[] = [],
  ) {
    super();
    this.name = name;
    const c: Record<string, ColumnClause<any, any>> = {};
    for (const col of columns)
      c[col.key] = new ColumnClause(col.name, col.type, { key: col.key, table: this });
    this.c = c as C;
    this.rows = rows;
  }

  /** The rows, each a list of values in column order. */
  data(rows: readonly (readonly unknown[])[]): Values<C> {
    const cols = this.columns;
    if (!rows.length) throw new ArgumentError("values().data([]) needs at least one row");
    const binds = rows.map((r, i) => {
      if (r.length !== cols.length)
        throw new ArgumentError(`values(): row ${i} has ${r.length} values for ${cols.length} columns`);
      return r.map((v, j) => new BindParameter(v, cols[j]!.type));
    });
    return new Values(cols, this.name, binds);
  }

  walk(key: CacheKeyBuilder): void {
    key.push(
      `values:${this.name}:${this.columns.map((c) => `${c.name}/${c.type.typeKey}`).join(",")}:${this.rows.length}`,
    );
    for (const row of this.rows) for (const b of row) key.node(b);
  }
}

/** `values(columns, name)`: a literal rows table; add rows with `.data([...])`. */
export function values<const Cols extends readonly ColumnClause<any, any, string>[]>(
  columns: Cols,
  name: string,
): Values<{ [Col in Cols[number] as Col["key"]]: Col }> {
  return new Values(columns, name) as never;
}
