import type { Column } from "../../schema/column.js";
import type * as ddl from "../../schema/ddl.js";
import { DdlCompiler } from "../../schema/ddl-compiler.js";
import type { Table } from "../../schema/table.js";

/** PostgreSQL DDL: SERIAL keys, native enums, COMMENT ON. */
export class PgDdlCompiler extends DdlCompiler {
  override columnType(col: Column<any, any>): string {
    if (col.isAutoincrement && !col.identity && col.serverDefault === null) {
      if (col.type.typeName === "bigint") return "BIGSERIAL";
      if (col.type.typeName === "smallint") return "SMALLSERIAL";
      return "SERIAL";
    }
    return super.columnType(col);
  }

  override computedSpec(col: Column<any, any>): string {
    // PostgreSQL only has stored generated columns.
    return `GENERATED ALWAYS AS (${col.computed!.sqltext}) STORED`;
  }

  protected override postCreateTable(table: Table<any, any>): string[] {
    const out: string[] = [];
    const t = this.tableOf(table);
    if (table.comment !== null)
      out.push(`COMMENT ON TABLE ${t} IS ${this.dialect.quoteString(table.comment)}`);
    for (const c of table.columns)
      if (c.comment !== null) out.push(...this.columnCommentSql(t, c.name, c.comment));
    return out;
  }

  /** A column comment is a statement of its own on PostgreSQL. */
  override addColumn(el: ddl.AddColumn): string[] {
    const out = super.addColumn(el);
    const comment = el.column.comment;
    if (comment !== null)
      out.push(
        ...this.columnCommentSql(this.tableRef(el.tableName, el.opts.schema), el.column.name, comment),
      );
    return out;
  }

  override createEnum(el: ddl.CreateEnumType): string[] {
    const t = el.type;
    const name = t.schema ? `${this.quote(t.schema)}.${this.quote(t.name!)}` : this.quote(t.name!);
    const values = t.values.map((v) => this.dialect.quoteString(v)).join(", ");
    if (el.opts.ifNotExists) {
      // CREATE TYPE has no IF NOT EXISTS; a DO block makes it idempotent.
      const literal = this.dialect.quoteString(t.name!);
      return [
        `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = ${literal}) THEN CREATE TYPE ${name} AS ENUM (${values}); END IF; END $$`,
      ];
    }
    return [`CREATE TYPE ${name} AS ENUM (${values})`];
  }

  override dropEnum(el: ddl.DropEnumType): string[] {
    const name = el.opts.schema
      ? `${this.quote(el.opts.schema)}.${this.quote(el.name)}`
      : this.quote(el.name);
    return [`DROP TYPE ${el.opts.ifExists ? "IF EXISTS " : ""}${name}`];
  }

  override addEnumValue(el: ddl.AddEnumValue): string[] {
    const name = el.opts.schema
      ? `${this.quote(el.opts.schema)}.${this.quote(el.name)}`
      : this.quote(el.name);
    let sql = `ALTER TYPE ${name} ADD VALUE ${el.opts.ifNotExists ? "IF NOT EXISTS " : ""}${this.dialect.quoteString(el.value)}`;
    if (el.opts.before) sql += ` BEFORE ${this.dialect.quoteString(el.opts.before)}`;
    else if (el.opts.after) sql += ` AFTER ${this.dialect.quoteString(el.opts.after)}`;
    return [sql];
  }
}
