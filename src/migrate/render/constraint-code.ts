/** Constraints and indexes (attached to a table) as the calls that declare them. */
import type { Column } from "../../schema/column.js";
import {
  CheckDef,
  type Constraint,
  ForeignKeyConstraintDef,
  IndexDef,
  PrimaryKeyDef,
  UniqueDef,
} from "../../schema/constraints.js";
import type { ColumnElement } from "../../sql/elements.js";
import { TextClause } from "../../sql/text.js";
import { OperationNotSupportedError } from "../errors.js";
import { type Code, type CodeRenderer, call, literal, str } from "./code.js";
import type { Doc } from "./doc.js";
import { foreignKeyOptions, renderExpression, withOptions } from "./schema-code.js";

/** A CHECK condition: the SQL string when it is text, else the expression. */
export function renderCondition(sqltext: ColumnElement<any, any>, r: CodeRenderer): Code {
  return sqltext instanceof TextClause ? str(sqltext.text) : renderExpression(sqltext, r);
}

/** An index or constraint of a table as the call that declares it. */
export function renderTableArg(arg: Constraint | IndexDef, r: CodeRenderer): Doc {
  const names = (cols: readonly Column<any, any>[]) => cols.map((c) => str(c.name));
  const named = (name: string | null) => (name ? { name } : {});
  if (arg instanceof IndexDef) {
    const exprs = arg.expressions.map((e) =>
      (e as Column<any, any>).table === arg.table
        ? str((e as Column<any, any>).name)
        : renderExpression(e, r),
    );
    return call(
      r.use("Index"),
      withOptions([arg.name === null ? "null" : str(arg.name), ...exprs], {
        unique: arg.unique || undefined,
        where: arg.where instanceof TextClause ? arg.where.text : undefined,
        using: arg.using ?? undefined,
        mysqlLength: Object.keys(arg.mysqlLength).length ? arg.mysqlLength : undefined,
      }),
    );
  }
  if (arg instanceof PrimaryKeyDef)
    return call(r.use("PrimaryKeyConstraint"), withOptions(names(arg.columns), named(arg.name)));
  if (arg instanceof UniqueDef)
    return call(r.use("UniqueConstraint"), withOptions(names(arg.columns), named(arg.name)));
  if (arg instanceof CheckDef)
    return call(r.use("CheckConstraint"), withOptions([renderCondition(arg.sqltext, r)], named(arg.name)));
  if (arg instanceof ForeignKeyConstraintDef) {
    const targets = arg.elements.map((e) =>
      typeof e.target === "string" ? e.target : `${e.targetFullname}.${e.targetColumnName}`,
    );
    const opts = foreignKeyOptions({ ...arg.options, name: arg.name ?? undefined });
    const args: Code[] = [literal(arg.columns.map((c) => c.name)), literal(targets)];
    return call(r.use("ForeignKeyConstraint"), opts === null ? args : [...args, opts]);
  }
  throw new OperationNotSupportedError(`Cannot render constraint ${(arg as Constraint).kind} as code.`);
}
