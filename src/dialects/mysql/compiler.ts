import { CompileError } from "../../errors.js";
import { SqlCompiler } from "../../sql/compiler/sql-compiler.js";
import type { Insert } from "../../sql/dml.js";
import type { BinaryExpression, BindParameter, ColumnElement, Keyword } from "../../sql/elements.js";
import type { ColumnClause, FromClause, TableClause } from "../../sql/from-clause.js";
import type { FunctionCall } from "../../sql/functions.js";
import type { Node } from "../../sql/node.js";
import type { ForUpdateSpec } from "../../sql/select.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import type { Values } from "../../sql/values.js";

/** MySQL / MariaDB spellings: CONCAT, <=>, VALUES(col), multi-table UPDATE and DELETE. */
export class MysqlCompiler extends SqlCompiler {
  protected override renderBinaryOperator(
    op: string,
    left: string,
    right: string,
    e: BinaryExpression,
  ): string {
    switch (op) {
      case "||":
        return `concat(${left}, ${right})`;
      case "IS DISTINCT FROM":
        return `NOT (${left} <=> ${right})`;
      case "IS NOT DISTINCT FROM":
        return `${left} <=> ${right}`;
      case "MATCH":
        return `MATCH (${left}) AGAINST (${right} IN NATURAL LANGUAGE MODE)`;
      default:
        return super.renderBinaryOperator(op, left, right, e);
    }
  }

  /** MariaDB is told apart once connected (flags refined from the server version). */
  #isMariaDb(): boolean {
    return (this.dialect as { isMariaDb?: boolean }).isMariaDb === true;
  }

  /** MySQL's random() is rand(). */
  protected override functionName(f: FunctionCall): string {
    return f.name === "random" ? "rand" : super.functionName(f);
  }

  override visitFunction(f: FunctionCall): string {
    if ((f.name === "lag" || f.name === "lead") && f.args.length > 2 && this.#isMariaDb()) {
      throw new CompileError(
        `MariaDB's ${f.name}() takes no default value; use func.coalesce(func.${f.name}(expr, n).over(...), default) (which also replaces NULL values).`,
      );
    }
    // DATETIME(6) columns need microsecond precision from now() (also in DEFAULT clauses).
    if (f.name === "now" && f.args.length === 0) return "now(6)";
    if (f.name === "CURRENT_TIMESTAMP") return "CURRENT_TIMESTAMP(6)";
    return super.visitFunction(f);
  }

  override visitColumn(c: ColumnClause<any, any>): string {
    if (c.table?.kind === "excluded") return `VALUES(${this.quote(c.name)})`;
    return super.visitColumn(c);
  }

  /**
   * MySQL takes no WITH before INSERT, only INSERT ... WITH ... SELECT; MariaDB takes none before
   * UPDATE or DELETE either.
   */
  protected override placeWith(withSql: string, body: string, stmt: Node): string {
    const at = this.insertSelectAt;
    if (withSql && at !== null) return body.slice(0, at) + withSql + body.slice(at);
    if (withSql && (stmt.kind === "update" || stmt.kind === "delete") && this.#isMariaDb()) {
      throw new CompileError(
        `MariaDB has no WITH clause on ${stmt.kind.toUpperCase()}: use the CTE's SELECT as a subquery (.subquery()) instead.`,
      );
    }
    return super.placeWith(withSql, body, stmt);
  }

  protected override emptySet(types: readonly TypeEngine<any, any>[]): string {
    return `SELECT ${types.map(() => "NULL").join(", ")} FROM DUAL WHERE 1 != 1`;
  }

  /** MySQL has no boolean type, but `IS 1` is a syntax error where `IS true` is not. */
  override visitKeyword(k: Keyword): string {
    if (k.text === "TRUE" || k.text === "FALSE") return k.text.toLowerCase();
    return super.visitKeyword(k);
  }

  protected override renderLimitOffset(
    limit: BindParameter<number> | null,
    offset: BindParameter<number> | null,
  ): string {
    if (!limit && offset) return ` LIMIT 18446744073709551615 OFFSET ${this.process(offset)}`;
    return super.renderLimitOffset(limit, offset);
  }

  /**
   * MariaDB knows only LOCK IN SHARE MODE and no OF; MySQL 8 takes FOR SHARE with OF, NOWAIT and
   * SKIP LOCKED, and LOCK IN SHARE MODE alone. Neither has PostgreSQL's KEY SHARE / NO KEY UPDATE.
   */
  protected override renderForUpdate(spec: ForUpdateSpec): string {
    const mariaDb = this.#isMariaDb();
    const hasOptions = Boolean(spec.of?.length || spec.nowait || spec.skipLocked);
    if (spec.readOnly && (mariaDb || !hasOptions)) {
      let sql = " LOCK IN SHARE MODE";
      if (spec.nowait) sql += " NOWAIT";
      if (spec.skipLocked) sql += this.skipLocked();
      return sql;
    }
    const of = mariaDb ? undefined : spec.of;
    return super.renderForUpdate({ ...spec, keyShare: false, of });
  }

  private skipLocked(): string {
    if (!this.dialect.supportsSkipLocked)
      throw new CompileError(`SKIP LOCKED is not supported by ${this.dialect.name}`);
    return " SKIP LOCKED";
  }

  protected override renderEmptyInsert(): string {
    return " () VALUES ()";
  }

  /**
   * MariaDB takes no column names after a derived table's alias (`AS v (a, b)`) and MySQL
   * spells table rows ROW(...): a UNION ALL of SELECTs names the columns on both.
   */
  protected override renderValues(v: Values): string {
    const rows = v.rows.map(
      (row, i) =>
        `SELECT ${row.map((b, j) => (i === 0 ? `${this.process(b)} AS ${this.quote(v.columns[j]!.name)}` : this.process(b))).join(", ")}`,
    );
    return `(${rows.join(" UNION ALL ")}) AS ${this.quote(v.name)}`;
  }

  protected override renderOnDuplicate(ins: Insert<any, any>): string {
    const set = ins.state
      .onDuplicate!.map(([c, v]) => `${this.quote(c.name)} = ${this.process(v)}`)
      .join(", ");
    return ` ON DUPLICATE KEY UPDATE ${set}`;
  }

  protected override renderUpdateHead(table: TableClause<any>, extra: readonly FromClause[]): string {
    if (!extra.length) return super.renderUpdateHead(table, extra);
    return `UPDATE ${[table, ...extra].map((f) => this.visitFrom(f)).join(", ")}`;
  }

  protected override renderUpdateSet(
    table: TableClause<any>,
    values: readonly (readonly [ColumnClause<any, any>, ColumnElement<any, any>])[],
    defaults: readonly ColumnClause<any, any>[],
    multiTable: boolean,
  ): string {
    if (!multiTable) return super.renderUpdateSet(table, values, defaults, multiTable);
    const target = (c: ColumnClause<any, any>) => `${this.tableName(table)}.${this.quote(c.name)}`;
    const parts = values.map(([c, v]) => `${target(c)} = ${this.process(v)}`);
    for (const d of defaults) parts.push(`${target(d)} = ${this.renderDefault(d, d.updateDefault!)}`);
    return parts.join(", ");
  }

  protected override renderUpdateFrom(): string {
    return "";
  }

  protected override renderDeleteHead(table: TableClause<any>, extra: readonly FromClause[]): string {
    if (!extra.length) return super.renderDeleteHead(table, extra);
    const name = this.tableName(table);
    return `DELETE FROM ${name} USING ${[table, ...extra].map((f) => this.visitFrom(f)).join(", ")}`;
  }

  protected override renderOnConflict(): string {
    throw new CompileError(
      "ON CONFLICT is not supported by MySQL / MariaDB; use onDuplicateKeyUpdate({ col: stmt.excluded.col }).",
    );
  }
}
