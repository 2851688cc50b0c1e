import type { Column } from "../schema/column.js";
import { type ColumnElement, type Tuple, tuple_ } from "../sql/elements.js";
import { ColumnClause } from "../sql/from-clause.js";
import { select } from "../sql/select.js";
import { values } from "../sql/values.js";

/**
 * `(a, b) IN (...)` for rows of several key values (composite keys, versioned rows, association
 * rows), written as `IN (SELECT ... FROM (VALUES ...))`: a semi-join the planner handles at any
 * size. A long list of row constructors, `IN ((1, 2), (3, 4), ...)`, is slower to plan, and PGlite
 * silently matches nothing once it has a few hundred rows. One column is a plain `IN (...)`.
 */
export function keysIn(
  cols: readonly Column<any, any>[],
  rows: readonly (readonly unknown[])[],
): ColumnElement<boolean> {
  if (cols.length === 1) return cols[0]!.in(rows.map((r) => r[0]) as never) as ColumnElement<boolean>;
  const v = values(
    cols.map((c, i) => new ColumnClause(`k${i}`, c.type)),
    "athanor_keys",
  ).data(rows);
  const sub = select(...cols.map((_, i) => v.c[`k${i}`]!));
  return (tuple_(...cols) as Tuple).in(sub as never) as ColumnElement<boolean>;
}
