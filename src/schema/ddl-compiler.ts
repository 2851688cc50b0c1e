import { CompileError } from "../errors.js";
import type { CompilerDialect } from "../sql/compiler/dialect-contract.js";
import type { SqlCompiler } from "../sql/compiler/sql-compiler.js";
import { ColumnElement } from "../sql/elements.js";
import { EnumType } from "../sql/types/enum.js";
import { type Column, type ServerDefaultArg, TextDefault } from "./column.js";
import {
  CheckDef,
  type Constraint,
  ForeignKeyConstraintDef,
  type IndexDef,
  PrimaryKeyDef,
  UniqueDef,
} from "./constraints.js";
import type * as ddl from "./ddl.js";
import type { ForeignKeyDef } from "./foreign-key.js";
import { enumCheckConventionName, truncateName } from "./naming.js";
import type { Table } from "./table.js";

/** What the DDL compiler needs of a dialect beyond the SQL compiler's view. */
export interface DdlDialect extends CompilerDialect {
  /** A SQL compiler rendering values inline, for defaults and CHECK expressions. */
  literalCompiler(): SqlCompiler;
}

/**
 * Renders DDL elements. One element may need several statements (PostgreSQL comments, SQLite
 * enum checks), so each method returns a list. Dialects subclass and override what differs.
 */
export class DdlCompiler {
  readonly dialect: DdlDialect;

  constructor(dialect: DdlDialect) {
    this.dialect = dialect;
  }

  compile(el: ddl.DdlStatement): string[] {
    switch (el.kind) {
      case "create_table":
        return this.createTable(el);
      case "drop_table":
        return [
          `DROP TABLE ${el.opts.ifExists ? "IF EXISTS " : ""}${this.tableRef(el.table.name, el.table.schema)}`,
        ];
      case "create_index":
        return [this.createIndex(el.index, el.opts.ifNotExists ?? false)];
      case "drop_index":
        return [this.dropIndex(el)];
      case "add_constraint":
        return this.addConstraint(el);
      case "drop_constraint":
        return [this.dropConstraint(el)];
      case "create_enum":
        return this.createEnum(el);
      case "drop_enum":
        return this.dropEnum(el);
      case "add_enum_value":
        return this.addEnumValue(el);
      case "add_column":
        return this.addColumn(el);
      case "drop_column":
        return [
          `ALTER TABLE ${this.tableRef(el.tableName, el.opts.schema)} DROP COLUMN ${el.opts.ifExists ? "IF EXISTS " : ""}${this.quote(el.columnName)}`,
        ];
      case "alter_column":
        return this.alterColumn(el);
      case "rename_table":
        return [
          `ALTER TABLE ${this.tableRef(el.oldName, el.opts.schema)} RENAME TO ${this.quote(el.newName)}`,
        ];
      case "set_table_comment":
        return this.setTableComment(el);
      case "set_column_comment":
        return this.setColumnComment(el);
    }
  }

  quote(name: string): string {
    return this.dialect.quoteIdentifier(name);
  }

  /** A constraint or index name, shortened to the identifier limit. */
  constraintName(name: string): string {
    return this.quote(truncateName(name, this.dialect.maxIdentifierLength));
  }

  tableRef(name: string, schema?: string | null): string {
    return schema ? `${this.quote(schema)}.${this.quote(name)}` : this.quote(name);
  }

  tableOf(table: Table<any, any>): string {
    return this.tableRef(table.name, table.schema);
  }

  /** Renders a SQL expression with values inline. */
  expression(expr: ColumnElement<any, any>): string {
    return this.dialect.literalCompiler().process(expr);
  }

  createTable(el: ddl.CreateTable): string[] {
    const table = el.table;
    const lines = table.columns.map((c) => this.columnSpec(c, table));
    for (const c of table.constraints) {
      if (c instanceof ForeignKeyConstraintDef && el.opts.includeForeignKeys === false) continue;
      if (el.opts.excludeConstraints?.has(c)) continue;
      if (c instanceof PrimaryKeyDef && c.columns.length === 0) continue;
      if (c instanceof PrimaryKeyDef && this.inlinePrimaryKey(table)) continue;
      const spec = this.constraintSpec(c, table);
      if (spec) lines.push(spec);
    }
    lines.push(...this.extraTableConstraints(table));
    const head = `CREATE TABLE ${el.opts.ifNotExists ? "IF NOT EXISTS " : ""}${this.tableOf(table)}`;
    return [
      `${head} (\n\t${lines.join(", \n\t")}\n)${this.tableOptions(table)}`,
      ...this.postCreateTable(table),
    ];
  }

  /** Whether the primary key is written in the column (SQLite AUTOINCREMENT, for instance). */
  protected inlinePrimaryKey(_table: Table<any, any>): boolean {
    return false;
  }

  /** Constraints the compiler adds on its own: the CHECKs of enums stored as VARCHAR. */
  protected extraTableConstraints(table: Table<any, any>): string[] {
    return table.columns.map((c) => this.enumCheck(c)).filter((x): x is string => x !== null);
  }

  /** Text after the closing parenthesis (MySQL ENGINE, COMMENT). */
  protected tableOptions(_table: Table<any, any>): string {
    return "";
  }

  /** Statements after CREATE TABLE (PostgreSQL COMMENT ON). */
  protected postCreateTable(_table: Table<any, any>): string[] {
    return [];
  }

  /** The column's type in DDL; dialects map autoincrement keys (SERIAL) here. */
  columnType(col: Column<any, any>): string {
    const collation = (col.type as { collation?: string }).collation;
    const type = this.dialect.typeToSql(col.type);
    return collation ? `${type} COLLATE ${this.quote(collation)}` : type;
  }

  /** `name TYPE [GENERATED ...] [DEFAULT ...] [NOT NULL]`. */
  columnSpec(col: Column<any, any>, _table: Table<any, any> | null): string {
    let spec = `${this.quote(col.name)} ${this.columnType(col)}`;
    if (col.computed) spec += ` ${this.computedSpec(col)}`;
    // Without identity columns the key is generated the dialect's own way (SQLite's rowid).
    else if (col.identity && this.dialect.supportsIdentityColumns) spec += ` ${this.identitySpec(col)}`;
    else if (col.serverDefault !== null) spec += ` DEFAULT ${this.serverDefault(col.serverDefault, col)}`;
    if (!col.nullable && !col.computed) spec += " NOT NULL";
    return spec;
  }

  computedSpec(col: Column<any, any>): string {
    const c = col.computed!;
    const storage = c.persisted === true ? " STORED" : c.persisted === false ? " VIRTUAL" : "";
    return `GENERATED ALWAYS AS (${c.sqltext})${storage}`;
  }

  identitySpec(col: Column<any, any>): string {
    const id = col.identity!;
    const opts: string[] = [];
    if (id.start !== undefined) opts.push(`START WITH ${id.start}`);
    if (id.increment !== undefined) opts.push(`INCREMENT BY ${id.increment}`);
    return `GENERATED ${id.always ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY${opts.length ? ` (${opts.join(" ")})` : ""}`;
  }

  /** A server default as SQL: strings quoted, numbers and booleans literal, expressions rendered. */
  serverDefault(value: ServerDefaultArg, col: Column<any, any> | null): string {
    if (value instanceof TextDefault) return value.sql;
    if (value instanceof ColumnElement) return this.expression(value);
    if (typeof value === "boolean")
      return this.dialect.supportsNativeBoolean ? (value ? "true" : "false") : value ? "1" : "0";
    if (typeof value === "number") return String(value);
    if (col && col.type.typeName === "boolean" && (value === "true" || value === "false"))
      return this.serverDefault(value === "true", col);
    return this.dialect.quoteString(value);
  }

  /** A table-level constraint clause, or null when there is nothing to write. */
  constraintSpec(c: Constraint, table: Table<any, any>): string | null {
    const named = c.name ? `CONSTRAINT ${this.constraintName(c.name)} ` : "";
    const cols = (list: readonly Column<any, any>[]) => list.map((x) => this.quote(x.name)).join(", ");
    if (c instanceof PrimaryKeyDef) return `${named}PRIMARY KEY (${cols(c.columns)})`;
    if (c instanceof UniqueDef) return `${named}UNIQUE (${cols(c.columns)})`;
    if (c instanceof CheckDef) return `${named}CHECK (${this.expression(c.sqltext)})`;
    if (c instanceof ForeignKeyConstraintDef) return this.foreignKeySpec(c, table, named);
    return null;
  }

  foreignKeySpec(fk: ForeignKeyConstraintDef, table: Table<any, any>, named: string): string {
    const local = fk.columns.map((x) => this.quote(x.name)).join(", ");
    const targets = fk.elements.map((e) => e.column());
    const refTable = targets[0]!.table as Table<any, any>;
    const refTableSql =
      refTable.schema && refTable.schema !== table.schema
        ? this.tableOf(refTable)
        : this.tableRef(refTable.name, refTable.schema);
    let sql = `${named}FOREIGN KEY(${local}) REFERENCES ${refTableSql} (${targets.map((t) => this.quote(t.name)).join(", ")})`;
    const o = fk.options;
    if (o.match) sql += ` MATCH ${o.match}`;
    if (o.ondelete) sql += ` ON DELETE ${o.ondelete}`;
    if (o.onupdate) sql += ` ON UPDATE ${o.onupdate}`;
    if (o.deferrable !== undefined) sql += o.deferrable ? " DEFERRABLE" : " NOT DEFERRABLE";
    if (o.initially) sql += ` INITIALLY ${o.initially}`;
    return sql;
  }

  createIndex(ix: IndexDef, ifNotExists: boolean): string {
    if (!ix.name)
      throw new CompileError(
        `An index on '${ix.table.name}' has no name and the naming convention gives none; name it: Index("ix_...", ...)`,
      );
    let sql = `CREATE ${ix.unique ? "UNIQUE " : ""}INDEX ${ifNotExists ? "IF NOT EXISTS " : ""}${this.constraintName(ix.name)} ON ${this.tableOf(ix.table)}`;
    sql += this.indexUsing(ix);
    sql += ` (${ix.expressions.map((e) => this.indexExpression(ix, e)).join(", ")})`;
    if (ix.where) sql += this.indexWhere(ix);
    return sql;
  }

  protected indexUsing(ix: IndexDef): string {
    return ix.using ? ` USING ${ix.using}` : "";
  }

  protected indexExpression(ix: IndexDef, e: Column<any, any> | ColumnElement<any, any>): string {
    if (e.kind === "column" && (e as Column<any, any>).table === ix.table)
      return this.quote((e as Column<any, any>).name);
    if (e.kind === "ordering") {
      // Index("ix", t.c.createdAt.desc()): a column (or expression) with its sort order, which
      // every database takes after the key part, not inside an expression's parentheses.
      const o = e as unknown as {
        element: ColumnElement<any, any>;
        direction: string | null;
        nulls: string | null;
      };
      let sql = this.indexExpression(ix, o.element);
      if (o.direction) sql += ` ${o.direction}`;
      if (o.nulls) {
        if (this.dialect.name !== "postgresql")
          throw new CompileError(`NULLS ${o.nulls} in an index is PostgreSQL only (index ${ix.name})`);
        sql += ` NULLS ${o.nulls}`;
      }
      return sql;
    }
    if (!this.dialect.supportsExpressionIndexes)
      throw new CompileError(
        `Expression indexes are not supported by ${this.dialect.name} (index ${ix.name})`,
      );
    const sql = this.unqualifiedExpression(e, ix.table);
    return e.kind === "text" ? sql : `(${sql})`;
  }

  protected indexWhere(ix: IndexDef): string {
    if (!this.dialect.supportsPartialIndexes)
      throw new CompileError(
        `Partial indexes (Index(..., { where })) are not supported by ${this.dialect.name}`,
      );
    return ` WHERE ${this.unqualifiedExpression(ix.where!, ix.table)}`;
  }

  /** An expression over a table's columns, with column names unqualified (index and check bodies). */
  protected unqualifiedExpression(e: ColumnElement<any, any>, table: Table<any, any>): string {
    const c = this.dialect.literalCompiler() as SqlCompiler & { unqualified: unknown };
    c.unqualified = table;
    return c.process(e);
  }

  dropIndex(el: ddl.DropIndex): string {
    return `DROP INDEX ${el.opts.ifExists ? "IF EXISTS " : ""}${el.opts.schema ? `${this.quote(el.opts.schema)}.` : ""}${this.constraintName(el.name)}`;
  }

  dropConstraint(el: ddl.DropConstraint): string {
    if (!this.dialect.supportsAddConstraint) {
      throw new CompileError(
        `${this.dialect.name} cannot drop constraints with ALTER TABLE; use batchAlterTable() to recreate the table`,
      );
    }
    return `ALTER TABLE ${this.tableRef(el.tableName, el.opts.schema)} DROP CONSTRAINT ${el.opts.ifExists ? "IF EXISTS " : ""}${this.constraintName(el.name)}${el.opts.cascade ? " CASCADE" : ""}`;
  }

  createEnum(_el: ddl.CreateEnumType): string[] {
    return [];
  }

  dropEnum(_el: ddl.DropEnumType): string[] {
    return [];
  }

  addEnumValue(_el: ddl.AddEnumValue): string[] {
    return [];
  }

  addConstraint(el: ddl.AddConstraint): string[] {
    if (!this.dialect.supportsAddConstraint) {
      throw new CompileError(
        `${this.dialect.name} cannot add constraints with ALTER TABLE; use batchAlterTable() to recreate the table`,
      );
    }
    const c = el.constraint;
    return [`ALTER TABLE ${this.tableOf(c.table)} ADD ${this.constraintSpec(c, c.table)}`];
  }

  /** `REFERENCES t (c) [ON DELETE ..] [ON UPDATE ..]` for a column's foreign key. */
  protected referencesClause(fk: ForeignKeyDef): string {
    const full = fk.targetFullname;
    const dot = full.lastIndexOf(".");
    const table = dot < 0 ? this.quote(full) : this.tableRef(full.slice(dot + 1), full.slice(0, dot));
    let sql = `REFERENCES ${table} (${this.quote(fk.targetColumnName)})`;
    if (fk.options.ondelete) sql += ` ON DELETE ${fk.options.ondelete}`;
    if (fk.options.onupdate) sql += ` ON UPDATE ${fk.options.onupdate}`;
    return sql;
  }

  addColumn(el: ddl.AddColumn): string[] {
    let spec = this.columnSpec(el.column, null);
    for (const fk of el.column.foreignKeys) spec += ` ${this.referencesClause(fk)}`;
    const check = this.enumCheck(el.column);
    if (check) spec += ` ${check}`;
    return [
      `ALTER TABLE ${this.tableRef(el.tableName, el.opts.schema)} ADD COLUMN ${el.opts.ifNotExists ? "IF NOT EXISTS " : ""}${spec}`,
    ];
  }

  alterColumn(el: ddl.AlterColumn): string[] {
    const t = this.tableRef(el.tableName, el.opts.schema);
    const c = this.quote(el.columnName);
    const s = el.spec;
    const out: string[] = [];
    if (s.type)
      out.push(
        `ALTER TABLE ${t} ALTER COLUMN ${c} TYPE ${this.dialect.typeToSql(s.type)}${s.using ? ` USING ${s.using}` : ""}`,
      );
    if (s.nullable !== undefined)
      out.push(`ALTER TABLE ${t} ALTER COLUMN ${c} ${s.nullable ? "DROP NOT NULL" : "SET NOT NULL"}`);
    if (s.serverDefault !== undefined) {
      out.push(
        s.serverDefault === null
          ? `ALTER TABLE ${t} ALTER COLUMN ${c} DROP DEFAULT`
          : `ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${this.serverDefault(s.serverDefault, null)}`,
      );
    }
    if (s.comment !== undefined) out.push(...this.columnCommentSql(t, el.columnName, s.comment));
    if (s.newName) out.push(`ALTER TABLE ${t} RENAME COLUMN ${c} TO ${this.quote(s.newName)}`);
    return out;
  }

  setTableComment(el: ddl.SetTableComment): string[] {
    return [
      `COMMENT ON TABLE ${this.tableRef(el.tableName, el.opts.schema)} IS ${el.comment === null ? "NULL" : this.dialect.quoteString(el.comment)}`,
    ];
  }

  setColumnComment(el: ddl.SetColumnComment): string[] {
    return this.columnCommentSql(this.tableRef(el.tableName, el.opts.schema), el.column.name, el.comment);
  }

  protected columnCommentSql(tableSql: string, column: string, comment: string | null): string[] {
    return [
      `COMMENT ON COLUMN ${tableSql}.${this.quote(column)} IS ${comment === null ? "NULL" : this.dialect.quoteString(comment)}`,
    ];
  }

  /** The CHECK an enum stored as VARCHAR gets (not native here, or declared nativeEnum: false). */
  enumCheck(col: Column<any, any>): string | null {
    const t = col.type;
    if (!(t instanceof EnumType) || !t.createConstraint) return null;
    if (t.nativeEnum && this.dialect.supportsNativeEnum) return null;
    // The ck naming convention names it too, with the enum's name as %(constraint_name)s.
    const name = t.name ? (enumCheckConventionName(col, t.name) ?? t.name) : null;
    const named = name ? `CONSTRAINT ${this.constraintName(name)} ` : "";
    return `${named}CHECK (${this.quote(col.name)} IN (${t.values.map((v) => this.dialect.quoteString(v)).join(", ")}))`;
  }
}
