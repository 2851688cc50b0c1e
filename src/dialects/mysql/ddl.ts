import { CompileError } from "../../errors.js";
import type { Column, ServerDefaultArg } from "../../schema/column.js";
import type { IndexDef } from "../../schema/constraints.js";
import type * as ddl from "../../schema/ddl.js";
import { DdlCompiler } from "../../schema/ddl-compiler.js";
import type { Table } from "../../schema/table.js";
import { ColumnElement } from "../../sql/elements.js";

/** MySQL / MariaDB DDL: AUTO_INCREMENT, inline comments, MODIFY for column changes. */
export class MysqlDdlCompiler extends DdlCompiler {
  override columnSpec(col: Column<any, any>, table: Table<any, any> | null): string {
    let spec = `${this.quote(col.name)} ${this.columnType(col)}`;
    if (col.computed) spec += ` ${this.computedSpec(col)}`;
    else {
      if (!col.nullable) spec += " NOT NULL";
      if (col.serverDefault !== null) spec += ` DEFAULT ${this.serverDefault(col.serverDefault, col)}`;
      if (col.serverOnUpdate !== null) spec += ` ON UPDATE ${this.serverDefault(col.serverOnUpdate, col)}`;
      if (col.isAutoincrement && (table === null || table.primaryKey.columns.length === 1))
        spec += " AUTO_INCREMENT";
    }
    if (col.comment !== null) spec += ` COMMENT ${this.dialect.quoteString(col.comment)}`;
    return spec;
  }

  override serverDefault(value: ServerDefaultArg, col: Column<any, any> | null): string {
    const sql = super.serverDefault(value, col);
    // Expression defaults other than CURRENT_TIMESTAMP need parentheses on MySQL 8.
    if (value instanceof ColumnElement && !/^(now|CURRENT_TIMESTAMP)\(6\)$/.test(sql)) return `(${sql})`;
    return sql;
  }

  override computedSpec(col: Column<any, any>): string {
    const c = col.computed!;
    return `GENERATED ALWAYS AS (${c.sqltext}) ${c.persisted ? "STORED" : "VIRTUAL"}`;
  }

  protected override tableOptions(table: Table<any, any>): string {
    const o = table.dialectOptions;
    // Character set and collation come from the database unless the table asks (as in
    // SQLAlchemy): forcing utf8mb4 here silently imposed the server's default collation.
    let sql = ` ENGINE=${(o.mysqlEngine as string) ?? "InnoDB"}`;
    if (o.mysqlCharset) sql += ` DEFAULT CHARSET=${o.mysqlCharset as string}`;
    if (o.mysqlCollate) sql += ` COLLATE=${o.mysqlCollate as string}`;

    if (table.comment !== null) sql += ` COMMENT=${this.dialect.quoteString(table.comment)}`;
    return sql;
  }

  protected override indexUsing(): string {
    return "";
  }

  protected override indexExpression(ix: IndexDef, e: Column<any, any> | ColumnElement<any, any>): string {
    if (e.kind === "column" && (e as Column<any, any>).table === ix.table) {
      const col = e as Column<any, any>;
      const len = ix.mysqlLength[col.key] ?? ix.mysqlLength[col.name];
      return `${this.quote(col.name)}${len ? `(${len})` : ""}`;
    }
    // A key part with its order: the order goes after the part, outside any parentheses.
    if (e.kind === "ordering") return super.indexExpression(ix, e);
    return `(${super.indexExpression(ix, e)})`;
  }

  /** MySQL has BTREE and HASH; another method (PostgreSQL's gin, gist) does not apply here. */
  override createIndex(ix: IndexDef, ifNotExists: boolean): string {
    const sql = super.createIndex(ix, ifNotExists);
    const using = ix.using?.toUpperCase();
    return using === "BTREE" || using === "HASH" ? `${sql} USING ${using}` : sql;
  }

  override dropIndex(el: ddl.DropIndex): string {
    return `DROP INDEX ${el.opts.ifExists ? "IF EXISTS " : ""}${this.constraintName(el.name)} ON ${this.tableRef(el.tableName, el.opts.schema)}`;
  }

  override dropConstraint(el: ddl.DropConstraint): string {
    const t = this.tableRef(el.tableName, el.opts.schema);
    const ifExists = el.opts.ifExists ? "IF EXISTS " : "";
    switch (el.constraintKind) {
      case "foreign_key":
        return `ALTER TABLE ${t} DROP FOREIGN KEY ${ifExists}${this.constraintName(el.name)}`;
      case "unique":
        return `ALTER TABLE ${t} DROP INDEX ${ifExists}${this.constraintName(el.name)}`;
      case "primary_key":
        return `ALTER TABLE ${t} DROP PRIMARY KEY`;
      default:
        return `ALTER TABLE ${t} DROP CONSTRAINT ${ifExists}${this.constraintName(el.name)}`;
    }
  }

  override alterColumn(el: ddl.AlterColumn): string[] {
    const t = this.tableRef(el.tableName, el.opts.schema);
    const s = el.spec;
    const needsModify = s.type !== undefined || s.nullable !== undefined || s.comment !== undefined;
    if (!needsModify) {
      const out: string[] = [];
      if (s.serverDefault !== undefined) {
        out.push(
          s.serverDefault === null
            ? `ALTER TABLE ${t} ALTER COLUMN ${this.quote(el.columnName)} DROP DEFAULT`
            : `ALTER TABLE ${t} ALTER COLUMN ${this.quote(el.columnName)} SET DEFAULT ${this.serverDefault(s.serverDefault, null)}`,
        );
      }
      if (s.newName)
        out.push(`ALTER TABLE ${t} RENAME COLUMN ${this.quote(el.columnName)} TO ${this.quote(s.newName)}`);
      return out;
    }
    const type = s.type ?? s.existingType;
    if (!type) {
      throw new CompileError(
        `MySQL rewrites the whole column definition to change ${el.tableName}.${el.columnName}: pass existingType (and existingNullable, existingServerDefault) to alterColumn().`,
      );
    }
    const nullable = s.nullable ?? s.existingNullable ?? true;
    const dflt = s.serverDefault !== undefined ? s.serverDefault : (s.existingServerDefault ?? null);
    const comment = s.comment !== undefined ? s.comment : (s.existingComment ?? null);
    let spec = `${this.dialect.typeToSql(type)}${nullable ? " NULL" : " NOT NULL"}`;
    if (dflt !== null) spec += ` DEFAULT ${this.serverDefault(dflt, null)}`;
    if (s.existingAutoincrement) spec += " AUTO_INCREMENT";
    if (comment !== null) spec += ` COMMENT ${this.dialect.quoteString(comment)}`;
    if (s.newName)
      return [`ALTER TABLE ${t} CHANGE COLUMN ${this.quote(el.columnName)} ${this.quote(s.newName)} ${spec}`];
    return [`ALTER TABLE ${t} MODIFY ${this.quote(el.columnName)} ${spec}`];
  }

  override setTableComment(el: ddl.SetTableComment): string[] {
    return [
      `ALTER TABLE ${this.tableRef(el.tableName, el.opts.schema)} COMMENT ${this.dialect.quoteString(el.comment ?? "")}`,
    ];
  }

  override setColumnComment(el: ddl.SetColumnComment): string[] {
    const col = el.column;
    return [
      `ALTER TABLE ${this.tableRef(el.tableName, el.opts.schema)} MODIFY ${this.columnSpec(Object.assign(Object.create(Object.getPrototypeOf(col)), col, { comment: el.comment }), null)}`,
    ];
  }

  /** MySQL parses and ignores REFERENCES in a column definition: foreign keys (and CHECKs) are added apart. */
  override addColumn(el: ddl.AddColumn): string[] {
    const t = this.tableRef(el.tableName, el.opts.schema);
    const spec = this.columnSpec(el.column, null);
    const out = [`ALTER TABLE ${t} ADD COLUMN ${el.opts.ifNotExists ? "IF NOT EXISTS " : ""}${spec}`];
    // MariaDB takes no named CHECK in a column definition: a table constraint does on both.
    const check = this.enumCheck(el.column);
    if (check) out.push(`ALTER TABLE ${t} ADD ${check}`);
    for (const fk of el.column.foreignKeys) {
      const name = fk.constraint?.name ?? fk.options.name;
      const named = name ? `CONSTRAINT ${this.constraintName(name)} ` : "";
      out.push(
        `ALTER TABLE ${t} ADD ${named}FOREIGN KEY(${this.quote(el.column.name)}) ${this.referencesClause(fk)}`,
      );
    }
    return out;
  }
}
