import type { Dialect } from "../../dialects/dialect.js";
import type { Column } from "../../schema/column.js";
import { update } from "../../sql/dml.js";
import { and_, BindParameter, type ColumnElement, cast } from "../../sql/elements.js";
import { ColumnClause, type FromClause } from "../../sql/from-clause.js";
import { func } from "../../sql/functions.js";
import type { Node } from "../../sql/node.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { Values } from "../../sql/values.js";
import type { MappedColumn, Mapper } from "../mapper/mapper.js";

/**
 * How a batched UPDATE carries its rows. `values`: a VALUES list, one bind per row and column,
 * the statement built per row count. `arrays`: one array bind per column unnested into rows
 * (PostgreSQL), so one prepared statement serves any number of rows and the server can keep a
 * generic plan for it instead of planning thousands of parameters each time.
 */
export type UpdateBatchForm =
  | { readonly kind: "values" }
  | { readonly kind: "arrays"; readonly types: readonly TypeEngine<any, any>[] };

const VALUES_FORM: UpdateBatchForm = { kind: "values" };

/** The columns a batched UPDATE binds per row, in order: keys, new values, the old version. */
export function batchColumns(mapper: Mapper, cols: readonly MappedColumn[]): readonly MappedColumn[] {
  const vc = mapper.versionColumn;
  return vc ? [...mapper.pk, ...cols, vc] : [...mapper.pk, ...cols];
}

/** The form the dialect can take: arrays when it binds an array of every column's type. */
export function updateBatchForm(dialect: Dialect, columns: readonly MappedColumn[]): UpdateBatchForm {
  const types: TypeEngine<any, any>[] = [];
  for (const c of columns) {
    const t = dialect.arrayBindType(c.column.type);
    if (!t) return VALUES_FORM;
    types.push(t);
  }
  return { kind: "arrays", types };
}

/**
 * `UPDATE t SET c = v.v_c FROM <rows> AS v WHERE t.pk = v.k_pk [AND t.version = v.old_version]`,
 * with binds named by position: row by row and column by column for VALUES, one per column for
 * arrays.
 */
export function buildBatchUpdate(
  mapper: Mapper,
  cols: readonly MappedColumn[],
  form: UpdateBatchForm,
  rowCount: number,
): Node {
  const vc = mapper.versionColumn;
  const keyCols = mapper.pk.map((c) => new ColumnClause(`k_${c.column.name}`, c.column.type));
  const setCols = cols.map((c) => new ColumnClause(`v_${c.column.name}`, c.column.type));
  const versionCol = vc ? [new ColumnClause("old_version", vc.column.type)] : [];
  const columns = [...keyCols, ...setCols, ...versionCol];
  const v: FromClause = form.kind === "arrays" ? unnest(columns, form.types) : valuesList(columns, rowCount);
  const set: Record<string, unknown> = {};
  cols.forEach((c, i) => {
    set[c.key] = v.c[setCols[i]!.key];
  });
  const where: ColumnElement<any, any>[] = mapper.pk.map((c, i) =>
    (c.column as Column<any, any>).eq(v.c[keyCols[i]!.key] as never),
  );
  if (vc) where.push(vc.column.eq(v.c[versionCol[0]!.key] as never));
  return update(mapper.table)
    .values(set as never)
    .where(and_(...where));
}

function valuesList(columns: readonly ColumnClause<any, any>[], rowCount: number): Values {
  const rows: BindParameter[][] = [];
  let k = 0;
  for (let r = 0; r < rowCount; r++)
    rows.push(columns.map((col) => new BindParameter(undefined, col.type, { key: String(k++) })));
  return new Values(columns, "athanor_v", rows);
}

function unnest(
  columns: readonly ColumnClause<any, any>[],
  types: readonly TypeEngine<any, any>[],
): FromClause {
  const arrays = types.map((t, i) => cast(new BindParameter(undefined, t, { key: String(i) }), t));
  return func.unnest(...arrays).tableValued(columns, { name: "athanor_v", derived: true });
}
