import type { Dialect } from "../dialects/dialect.js";
import type { ColumnClause, TableClause } from "../sql/from-clause.js";
import type { Processor } from "../sql/type-engine.js";
import type { Connection } from "./connection.js";

/** The SQL of one batch shape, rendered once: table, columns, rows per batch, RETURNING. */
interface BatchShape {
  readonly sql: string;
  readonly name: string;
  readonly bindProcessors: readonly Processor[];
  readonly resultProcessors: readonly Processor[];
}

const shapes = new WeakMap<Dialect, Map<string, BatchShape>>();
let shapeIds = 0;

function shapeOf(
  dialect: Dialect,
  table: TableClause<any>,
  columns: readonly ColumnClause<any, any>[],
  rows: number,
  returning: readonly ColumnClause<any, any>[],
): BatchShape {
  let perDialect = shapes.get(dialect);
  if (!perDialect) shapes.set(dialect, (perDialect = new Map()));
  const key = `${table.tableId}|${columns.map((c) => c.name).join(",")}|${rows}|${returning.map((c) => c.name).join(",")}`;
  let shape = perDialect.get(key);
  if (shape) return shape;
  const q = (n: string) => dialect.quoteIdentifier(n);
  const target = table.schema ? `${q(table.schema)}.${q(table.name)}` : q(table.name);
  const tuples: string[] = [];
  let p = 0;
  for (let r = 0; r < rows; r++) {
    const ph: string[] = [];
    for (let c = 0; c < columns.length; c++) ph.push(dialect.placeholder(++p));
    tuples.push(`(${ph.join(", ")})`);
  }
  let sql = `INSERT INTO ${target} (${columns.map((c) => q(c.name)).join(", ")}) VALUES ${tuples.join(", ")}`;
  if (returning.length) sql += ` RETURNING ${returning.map((c) => q(c.name)).join(", ")}`;
  shape = {
    sql,
    name: `athanor_ins_${++shapeIds}`,
    bindProcessors: columns.map((c) => c.type.bindProcessor(dialect)),
    resultProcessors: returning.map((c) => c.type.resultProcessor(dialect)),
  };
  perDialect.set(key, shape);
  return shape;
}

/** Rows per statement: as many as the dialect's parameter limit allows, at most `cap`. */
export function insertBatchSize(dialect: Dialect, columnCount: number, cap = 5000): number {
  return Math.max(1, Math.min(cap, Math.floor((dialect.maxBindParameters - 10) / Math.max(1, columnCount))));
}

/**
 * Inserts rows (arrays of values in `columns` order) as multi-row INSERTs, as SQLAlchemy's
 * "insertmanyvalues": the SQL of each batch shape is rendered once and reused, values are bound
 * through the columns' type processors, and RETURNING rows come back processed, in order.
 * Client-side column defaults are the caller's business (the values given are inserted as they are).
 */
export async function insertManyValues(
  conn: Connection,
  table: TableClause<any>,
  columns: readonly ColumnClause<any, any>[],
  rows: readonly (readonly unknown[])[],
  returning: readonly ColumnClause<any, any>[] = [],
): Promise<unknown[][]> {
  const dialect = conn.dialect;
  const size = insertBatchSize(dialect, columns.length);
  const out: unknown[][] = [];
  for (let start = 0; start < rows.length; start += size) {
    const n = Math.min(size, rows.length - start);
    const shape = shapeOf(dialect, table, columns, n, returning);
    const values: unknown[] = new Array(n * columns.length);
    const procs = shape.bindProcessors;
    let k = 0;
    for (let r = start; r < start + n; r++) {
      const row = rows[r]!;
      for (let c = 0; c < procs.length; c++) {
        const v = row[c];
        const p = procs[c];
        values[k++] = v === null || v === undefined ? null : p ? p(v) : v;
      }
    }
    const res = await conn.executeDriverSql(shape.sql, values, {
      name: shape.name,
      returnsRows: returning.length > 0,
    });
    if (returning.length) {
      const rp = shape.resultProcessors;
      for (const row of res.rawRows()) {
        for (let c = 0; c < rp.length; c++) {
          const v = row[c];
          const p = rp[c];
          row[c] = v === null || v === undefined ? null : p ? p(v) : v;
        }
        out.push(row);
      }
    }
  }
  return out;
}
