import { CompileError } from "../../errors.js";
import type { Delete, Insert, Update } from "../dml.js";
import type { ColumnElement } from "../elements.js";
import type { ColumnClause, ColumnDefault, FromClause, TableClause } from "../from-clause.js";
import type { Node } from "../node.js";
import { columnsClauseEntry, type Select } from "../select.js";
import type { TextualSelect } from "../text.js";
import type { SelectItem } from "../typing.js";
import { fromsOf } from "./cache-key.js";
import { CompiledStatement, type ResultColumn } from "./compiled.js";
import { SelectCompiler } from "./select-compiler.js";

/**
 * The complete compiler: expressions, SELECT and DML. `compile()` is the entry point; a dialect
 * subclasses this class and overrides what its database spells differently.
 */
export class SqlCompiler extends SelectCompiler {
  /** The table whose columns render unqualified (INSERT/UPDATE targets, RETURNING). */
  protected unqualified: FromClause | null = null;

  /** Compiles a statement into reusable SQL with placeholders. */
  compile(stmt: Node): CompiledStatement {
    this.topLevel = stmt;
    const body = this.process(stmt);
    const sql = this.placeWith(this.renderWith(), body, stmt);
    const { parts, slots } = this.splitSlots(sql);
    if (stmt.kind === "textual_select") {
      const t = stmt as TextualSelect;
      this.resultColumns = t.columnList.map((c) => ({
        key: c.key,
        type: c.type,
        processor: c.type.resultProcessor(this.dialect),
      }));
    }
    const returnsRows =
      this.resultColumns !== null || stmt.kind === "select" || stmt.kind === "compound_select";
    return new CompiledStatement({
      parts,
      slots,
      resultColumns: this.resultColumns,
      placeholder: this.dialect.placeholder,
      returnsRows,
      isInsert: stmt.kind === "insert",
    });
  }

  /** Where the SELECT of a top-level INSERT ... SELECT starts in its SQL (see placeWith). */
  protected insertSelectAt: number | null = null;

  /**
   * Where the WITH clause goes: before the statement, the standard place. Dialects wanting it
   * elsewhere (MySQL: INSERT ... WITH ... SELECT) use `insertSelectAt`.
   */
  protected placeWith(withSql: string, body: string, _stmt: Node): string {
    return withSql + body;
  }

  protected override processStatement(node: Node): string {
    switch (node.kind) {
      case "insert":
        return this.visitInsert(node as Insert<any, any>);
      case "update":
        return this.visitUpdate(node as Update<any, any>);
      case "delete":
        return this.visitDelete(node as Delete<any, any>);
      default:
        return super.processStatement(node);
    }
  }

  override visitColumn(c: ColumnClause<any, any>): string {
    if (this.unqualified !== null && c.table === this.unqualified) return this.quote(c.name);
    return super.visitColumn(c);
  }

  /** Renders a client-side default for a column the statement leaves unset. */
  protected renderDefault(col: ColumnClause<any, any>, d: ColumnDefault): string {
    if (d.kind === "sql") return this.process(d.expr);
    if (this.literalBinds)
      return this.renderLiteralValue(d.kind === "scalar" ? d.value : d.fn(), {
        type: col.type,
        expanding: false,
        key: null,
      } as never);
    const processor = col.type.bindProcessor(this.dialect);
    const fixed = d.kind === "scalar" ? () => d.value : d.fn;
    return this.addSlot({
      index: -1,
      key: null,
      processor,
      expanding: false,
      tupleSize: 1,
      emptySet: "",
      literal: null,
      fixed,
    });
  }

  protected withUnqualified<T>(table: FromClause, fn: () => T): T {
    const saved = this.unqualified;
    this.unqualified = table;
    try {
      return fn();
    } finally {
      this.unqualified = saved;
    }
  }

  protected tableName(table: TableClause<any>): string {
    return this.fromReferenceName(table)!;
  }

  visitInsert(ins: Insert<any, any>): string {
    const s = ins.state;
    const table = s.table;
    let sql = `INSERT INTO ${this.tableName(table)}`;
    if (s.fromSelect) {
      const cols = s.fromSelect.columns.map((c) => this.quote(c.name)).join(", ");
      const select = this.visitSelect(s.fromSelect.select, { asSubquery: true, correlate: null });
      sql += ` (${cols}) `;
      if (this.topLevel === ins) this.insertSelectAt = sql.length;
      sql += select;
    } else {
      const rows = s.rows ?? [[]];
      const given = new Set(rows[0]!.map(([c]) => c));
      const defaults = table.columns.filter((c) => !given.has(c) && c.insertDefault !== null);
      const columns = [...rows[0]!.map(([c]) => c), ...defaults];
      if (columns.length === 0) {
        sql += this.renderEmptyInsert();
      } else {
        const values = this.withUnqualified(table, () =>
          rows.map((row) => {
            const rendered = row.map(([, v]) => this.process(v));
            for (const d of defaults) rendered.push(this.renderDefault(d, d.insertDefault!));
            return `(${rendered.join(", ")})`;
          }),
        );
        sql += ` (${columns.map((c) => this.quote(c.name)).join(", ")}) VALUES ${values.join(", ")}`;
      }
    }
    if (s.onConflict) sql += this.renderOnConflict(ins);
    if (s.onDuplicate) sql += this.renderOnDuplicate(ins);
    if (s.returning.length) sql += this.renderReturning(table, s.returning, "insert");
    return sql;
  }

  /** An INSERT that sets no column explicitly. */
  protected renderEmptyInsert(): string {
    return " DEFAULT VALUES";
  }

  protected renderOnConflict(ins: Insert<any, any>): string {
    if (!this.dialect.supportsOnConflict) {
      throw new CompileError(
        `ON CONFLICT is not supported by ${this.dialect.name}; use onDuplicateKeyUpdate() on MySQL / MariaDB.`,
      );
    }
    const oc = ins.state.onConflict!;
    let sql = " ON CONFLICT";
    if (typeof oc.target === "string") sql += ` ON CONSTRAINT ${this.quote(oc.target)}`;
    else if (oc.target) {
      const target = oc.target;
      sql += ` (${this.withUnqualified(ins.state.table, () => target.map((t) => this.process(t)).join(", "))})`;
      if (oc.indexWhere)
        sql += ` WHERE ${this.withUnqualified(ins.state.table, () => this.process(oc.indexWhere!))}`;
    } else if (oc.action === "update") {
      throw new CompileError(
        "onConflictDoUpdate() needs a conflict target: the unique columns or constraint name",
      );
    }
    if (oc.action === "nothing") return `${sql} DO NOTHING`;
    const set = oc.set.map(([c, v]) => `${this.quote(c.name)} = ${this.process(v)}`).join(", ");
    sql += ` DO UPDATE SET ${set}`;
    if (oc.where) sql += ` WHERE ${this.process(oc.where)}`;
    return sql;
  }

  protected renderOnDuplicate(_ins: Insert<any, any>): string {
    throw new CompileError(
      `ON DUPLICATE KEY UPDATE is MySQL-only; on ${this.dialect.name} use onConflictDoUpdate({ target, set }).`,
    );
  }

  /** `RETURNING ...`, recording the result columns. */
  protected renderReturning(
    table: TableClause<any>,
    items: readonly SelectItem[],
    kind: "insert" | "update" | "delete",
  ): string {
    const supported =
      kind === "insert"
        ? this.dialect.supportsReturning
        : kind === "update"
          ? this.dialect.supportsUpdateReturning
          : this.dialect.supportsDeleteReturning;
    if (!supported) {
      throw new CompileError(
        `${kind.toUpperCase()} ... RETURNING is not supported by ${this.dialect.name}. Check the dialect flag ` +
          `supports${kind === "insert" ? "" : kind === "update" ? "Update" : "Delete"}Returning, and select the rows separately.`,
      );
    }
    const parts: string[] = [];
    const result: ResultColumn[] = [];
    this.withUnqualified(table, () => {
      for (const item of items) {
        const entry = columnsClauseEntry(item);
        const cols =
          entry.kind === "column"
            ? [entry.expr]
            : entry.kind === "entity"
              ? entry.entity.columns
              : entry.from.columns;
        for (const c of cols) {
          parts.push(this.columnsClauseItem(c, null));
          result.push({
            key: c.resultKey ?? `_${result.length}`,
            type: c.type,
            processor: c.type.resultProcessor(this.dialect),
          });
        }
      }
    });
    this.resultColumns = result;
    return ` RETURNING ${parts.join(", ")}`;
  }

  /** Tables other than the target that an UPDATE / DELETE names. */
  protected extraFroms(table: TableClause<any>, nodes: readonly Node[]): FromClause[] {
    return fromsOf(nodes).filter(
      (f): f is FromClause => f !== table && f.kind !== "excluded",
    ) as FromClause[];
  }

  visitUpdate(upd: Update<any, any>): string {
    // Subqueries in SET and WHERE correlate to the updated table (and the other tables named).
    const extra = this.extraFroms(upd.state.table, [
      ...upd.state.values.map(([, v]) => v),
      ...upd.state.where,
    ]);
    return this.withEnclosing([upd.state.table, ...extra], () => this.renderUpdate(upd, extra));
  }

  protected renderUpdate(upd: Update<any, any>, extra: readonly FromClause[]): string {
    const s = upd.state;
    const table = s.table;
    const given = new Set(s.values.map(([c]) => c));
    const defaults = table.columns.filter((c) => !given.has(c) && c.updateDefault !== null);
    if (s.values.length === 0 && defaults.length === 0) {
      throw new CompileError(`update(${table.name}) has no values to SET; call .values({ ... })`);
    }
    const set = this.renderUpdateSet(table, s.values, defaults, extra.length > 0);
    let sql = this.renderUpdateHead(table, extra) + ` SET ${set}`;
    if (extra.length) sql += this.renderUpdateFrom(extra);
    if (s.where.length) sql += ` WHERE ${this.renderConditions(s.where)}`;
    if (s.returning.length) sql += this.renderReturning(table, s.returning, "update");
    return sql;
  }

  protected renderUpdateHead(table: TableClause<any>, _extra: readonly FromClause[]): string {
    return `UPDATE ${this.tableName(table)}`;
  }

  protected renderUpdateSet(
    _table: TableClause<any>,
    values: readonly (readonly [ColumnClause<any, any>, ColumnElement<any, any>])[],
    defaults: readonly ColumnClause<any, any>[],
    _multiTable: boolean,
  ): string {
    const parts = values.map(([c, v]) => `${this.quote(c.name)} = ${this.process(v)}`);
    for (const d of defaults)
      parts.push(`${this.quote(d.name)} = ${this.renderDefault(d, d.updateDefault!)}`);
    return parts.join(", ");
  }

  protected renderUpdateFrom(extra: readonly FromClause[]): string {
    if (!this.dialect.supportsUpdateFrom) {
      throw new CompileError(
        `UPDATE ... FROM is not supported by ${this.dialect.name}; filter with a subquery instead (col.in(select(...))).`,
      );
    }
    return ` FROM ${extra.map((f) => this.visitFrom(f)).join(", ")}`;
  }

  visitDelete(del: Delete<any, any>): string {
    // Subqueries in WHERE correlate to the deleted table (and the other tables named).
    const extra = this.extraFroms(del.state.table, del.state.where);
    return this.withEnclosing([del.state.table, ...extra], () => this.renderDelete(del, extra));
  }

  protected renderDelete(del: Delete<any, any>, extra: readonly FromClause[]): string {
    const s = del.state;
    const table = s.table;
    let sql = this.renderDeleteHead(table, extra);
    if (s.where.length) sql += ` WHERE ${this.renderConditions(s.where)}`;
    if (s.returning.length) sql += this.renderReturning(table, s.returning, "delete");
    return sql;
  }

  protected renderDeleteHead(table: TableClause<any>, extra: readonly FromClause[]): string {
    let sql = `DELETE FROM ${this.tableName(table)}`;
    if (extra.length) {
      if (!this.dialect.supportsDeleteUsing) {
        throw new CompileError(
          `DELETE with other tables in WHERE is not supported by ${this.dialect.name}; filter with a subquery instead (col.in(select(...))).`,
        );
      }
      sql += ` USING ${extra.map((f) => this.visitFrom(f)).join(", ")}`;
    }
    return sql;
  }

  /** INSERT ... SELECT helper for subclasses that need the body. */
  protected renderSelectBody(select: Select<any>): string {
    return this.visitSelect(select, { asSubquery: true, correlate: null });
  }
}
