import { CompileError } from "../../errors.js";
import { SqlCompiler } from "../../sql/compiler/sql-compiler.js";
import type { Insert } from "../../sql/dml.js";
import { type BinaryExpression, type BindParameter, TRUE, type Tuple } from "../../sql/elements.js";
import type { FunctionCall } from "../../sql/functions.js";
import type { Values } from "../../sql/values.js";

/** now() in the text form SQLite DateTime columns store ('YYYY-MM-DD HH:MM:SS.SSS', UTC). */
export const SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

export class SqliteCompiler extends SqlCompiler {
  override visitFunction(f: FunctionCall): string {
    if ((f.name === "now" || f.name === "CURRENT_TIMESTAMP") && f.args.length === 0) return SQLITE_NOW;
    return super.visitFunction(f);
  }

  protected override visitIn(e: BinaryExpression): string {
    const right = e.right as BindParameter;
    if (e.left.kind === "tuple" && right.kind === "bind" && right.expanding && !this.literalBinds) {
      // SQLite compares a row value only with a row-value subquery: IN (VALUES (?, ?), (?, ?)).
      const types = (e.left as Tuple).clauses.map((c) => c.type);
      const slot = this.addSlot({
        index: this.bindIndex.get(right)!,
        key: right.key,
        processor: null,
        expanding: true,
        tupleSize: types.length,
        tupleProcessors: types.map((t) => t.bindProcessor(this.dialect)),
        valuesPrefix: true,
        emptySet: this.emptySet(types),
        literal: null,
      });
      return `${this.process(e.left)} ${e.operator} (${slot})`;
    }
    return super.visitIn(e);
  }

  /** SQLite names VALUES columns column1, column2, ...: wrap in a SELECT that renames them. */
  protected override renderValues(v: Values): string {
    const rows = v.rows.map((row) => `(${row.map((b) => this.process(b)).join(", ")})`);
    const cols = v.columns.map((c, i) => `column${i + 1} AS ${this.quote(c.name)}`).join(", ");
    return `(SELECT ${cols} FROM (VALUES ${rows.join(", ")})) AS ${this.quote(v.name)}`;
  }

  protected override groupSetMember(sql: string): string {
    return `SELECT * FROM (${sql})`;
  }

  protected override renderLimitOffset(
    limit: BindParameter<number> | null,
    offset: BindParameter<number> | null,
  ): string {
    if (!limit && offset) return ` LIMIT -1 OFFSET ${this.process(offset)}`;
    return super.renderLimitOffset(limit, offset);
  }

  override visitInsert(ins: Insert<any, any>): string {
    const s = ins.state;
    // In INSERT ... SELECT ... ON CONFLICT, SQLite reads ON as a join constraint unless the
    // SELECT has a WHERE clause; "WHERE 1" settles it.
    if (s.onConflict && s.fromSelect && s.fromSelect.select.state.where.length === 0) {
      const select = s.fromSelect.select.where(TRUE);
      return super.visitInsert(ins.fromSelect(s.fromSelect.columns, select));
    }
    return super.visitInsert(ins);
  }

  protected override renderOnConflict(ins: Insert<any, any>): string {
    if (typeof ins.state.onConflict?.target === "string") {
      throw new CompileError(
        `ON CONFLICT ON CONSTRAINT is PostgreSQL-only; on sqlite name the conflict target columns: target: [table.c.col, ...].`,
      );
    }
    return super.renderOnConflict(ins);
  }
}
