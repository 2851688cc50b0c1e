/**
 * `conn.execute(insert(t), [row, row, ...])`: the rows go in multi-row INSERTs, as many per
 * statement as the dialect's bind-parameter limit allows (SQLAlchemy's "insertmanyvalues"),
 * instead of one statement per row.
 */
import { ArgumentError } from "../errors.js";
import { Insert, insert } from "../sql/dml.js";
import type { Connection, Params } from "./connection.js";
import { createRowFactory, Result, type RowFactory } from "./result.js";

/** Batches rows into multi-row INSERTs under the dialect's parameter limit. */
export async function insertManyValues(
  conn: Connection,
  stmt: Insert<any, any>,
  rows: readonly Params[],
): Promise<Result<any>> {
  const keys = Object.keys(rows[0]!);
  const perRow = Math.max(
    1,
    keys.length + stmt.table.columns.filter((c) => c.insertDefault !== null && !keys.includes(c.key)).length,
  );
  const batch = Math.max(1, Math.min(1000, Math.floor(conn.dialect.maxBindParameters / perRow)));
  const out: unknown[][] = [];
  let total = 0;
  let factory: RowFactory | null = null;
  let lastId: number | bigint | null = null;
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch).map((r) => {
      const ordered: Record<string, unknown> = {};
      for (const k of keys) {
        if (!(k in r))
          throw new ArgumentError(
            `executemany INSERT: parameter set ${i} lacks '${k}', which the first set has; every set must name the same columns`,
          );
        ordered[k] = r[k];
      }
      return ordered;
    });
    let s = insert(stmt.state.target).values(chunk as never);
    s = new Insert({
      ...s.state,
      returning: stmt.state.returning,
      onConflict: stmt.state.onConflict,
      onDuplicate: stmt.state.onDuplicate,
    });
    const res = await conn.execute(s);
    total += res.rowCount;
    lastId = res.lastInsertId;
    if (res.returnsRows) {
      for (const row of (res as Result<any>).rawRowsUnprocessed()) out.push(row);
      factory = (res as Result<any>).factory;
    }
  }
  return new Result(out, factory ?? createRowFactory([], []), total, lastId, factory !== null);
}
