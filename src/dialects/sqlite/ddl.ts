import { CompileError } from "../../errors.js";
import { type Column, type ServerDefaultArg, TextDefault } from "../../schema/column.js";
import type * as ddl from "../../schema/ddl.js";
import { DdlCompiler } from "../../schema/ddl-compiler.js";
import { ColumnElement } from "../../sql/elements.js";

/** SQLite DDL: expression defaults in parentheses, enum CHECKs, no comments, no ALTER constraint. */
export class SqliteDdlCompiler extends DdlCompiler {
  override columnType(col: Column<any, any>): string {
    // Only INTEGER PRIMARY KEY aliases the rowid (and so autoincrements).
    if (col.isAutoincrement && col.type.typeName !== "integer") return "INTEGER";
    return super.columnType(col);
  }

  override serverDefault(value: ServerDefaultArg, col: Column<any, any> | null): string {
    const sql = super.serverDefault(value, col);
    if (value instanceof ColumnElement) return `(${sql})`;
    if (
      value instanceof TextDefault &&
      !/^('.*'|-?\d+(\.\d+)?|NULL|CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|\(.*\))$/is.test(sql.trim())
    )
      return `(${sql})`;
    return sql;
  }

  /** SQLite has one index method: PostgreSQL's `using` (gin, gist, ...) does not apply. */
  protected override indexUsing(): string {
    return "";
  }

  override setTableComment(): string[] {
    return [];
  }

  override setColumnComment(): string[] {
    return [];
  }

  /** SQLite's ALTER TABLE renames a column and nothing else; comments do not exist there. */
  override alterColumn(el: ddl.AlterColumn): string[] {
    const s = el.spec;
    const changes = (["type", "nullable", "serverDefault"] as const).filter((k) => s[k] !== undefined);
    if (changes.length) {
      throw new CompileError(
        `SQLite cannot ALTER COLUMN ${el.tableName}.${el.columnName} (${changes.join(", ")}); ` +
          "use batchAlterTable(), which recreates the table and copies its rows.",
      );
    }
    if (!s.newName) return [];
    return [
      `ALTER TABLE ${this.tableRef(el.tableName, el.opts.schema)} RENAME COLUMN ${this.quote(el.columnName)} TO ${this.quote(s.newName)}`,
    ];
  }
}
