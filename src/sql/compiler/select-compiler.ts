import { CompileError } from "../../errors.js";
import { type BindParameter, type ColumnElement, OrderingExpression } from "../elements.js";
import { type Alias, ColumnClause, type FromClause, type Join } from "../from-clause.js";
import { type JsonRow, type JsonRowsAggregate, jsonRowsSyntax } from "../json-rows.js";
import type { Node } from "../node.js";
import type { ForUpdateSpec, Select } from "../select.js";
import {
  type CompoundSelect,
  type CTE,
  type Exists,
  exportedColumns,
  type ScalarSelect,
  type Subquery,
} from "../selectable.js";
import type { TableValued } from "../table-valued.js";
import type { Values } from "../values.js";
import type { ResultColumn } from "./compiled.js";
import { ExpressionCompiler } from "./expression-compiler.js";
import { resolveFroms } from "./froms.js";

interface SelectContext {
  /** Render exported column names as labels (subqueries, CTEs, INSERT ... SELECT). */
  readonly asSubquery: boolean;
  /** FROMs of enclosing queries to correlate against (expression subqueries only). */
  readonly correlate: readonly FromClause[] | null;
}

/** Adds SELECT, compound selects, FROM elements, CTEs and correlation to the expression compiler. */
export class SelectCompiler extends ExpressionCompiler {
  /** The statement being compiled at top level (its result columns are recorded). */
  protected topLevel: Node | null = null;
  protected resultColumns: ResultColumn[] | null = null;
  readonly #ctes = new Map<FromClause, { cte: CTE<any>; sql: string }>();
  readonly #enclosing: FromClause[][] = [];

  protected override processStatement(node: Node): string {
    const n = node as any;
    switch (node.kind) {
      case "select":
        return this.visitSelect(n, { asSubquery: false, correlate: null });
      case "compound_select":
        return this.visitCompoundSelect(n, { asSubquery: false, correlate: null });
      case "scalar_select":
        return `(${this.visitNested((n as ScalarSelect).element)})`;
      case "exists":
        return `EXISTS (${this.visitNested((n as Exists).element)})`;
      case "json_row":
        return this.visitJsonRow(n);
      case "json_agg":
        return this.visitJsonAggregate(n);
      case "table":
      case "alias":
      case "subquery":
      case "cte":
      case "join":
        return this.visitFrom(n);
      default:
        return super.processStatement(node);
    }
  }

  /**
   * Renders with `froms` as an enclosing scope, so subqueries inside correlate to them (the
   * target table of an UPDATE or DELETE, as a SELECT's FROM list is for its subqueries).
   */
  protected withEnclosing<T>(froms: readonly FromClause[], fn: () => T): T {
    this.#enclosing.push(froms.flatMap((f) => [f, ...f.baseFroms]));
    try {
      return fn();
    } finally {
      this.#enclosing.pop();
    }
  }

  /** A SELECT nested in an expression: correlated with the enclosing queries' FROMs. */
  protected visitNested(stmt: Select<any> | CompoundSelect<any>): string {
    const correlate = this.#enclosing.flat();
    if (stmt.kind === "compound_select")
      return this.visitCompoundSelect(stmt as CompoundSelect<any>, { asSubquery: false, correlate });
    return this.visitSelect(stmt as Select<any>, { asSubquery: false, correlate });
  }

  override visitSubqueryOperand(s: { element: Node }): string {
    const el = s.element;
    if (el.kind === "select" || el.kind === "compound_select")
      return `(${this.visitNested(el as Select<any>)})`;
    return `(${this.process(el)})`;
  }

  visitSelect(select: Select<any>, ctx: SelectContext): string {
    const s = select.state;
    const isTop = this.topLevel === select;
    const froms = resolveFroms(select, ctx.correlate);
    this.#enclosing.push(froms.flatMap((f) => [f, ...f.baseFroms]));
    try {
      const columns = this.renderColumnsClause(select, ctx, isTop);
      let sql = "SELECT ";
      if (s.distinct) sql += this.renderDistinct(s.distinctOn);
      sql += columns;
      if (froms.length) sql += ` FROM ${froms.map((f) => this.visitFrom(f)).join(", ")}`;
      if (s.where.length) sql += ` WHERE ${this.renderConditions(s.where)}`;
      if (s.groupBy.length) sql += ` GROUP BY ${s.groupBy.map((g) => this.process(g)).join(", ")}`;
      if (s.having.length) sql += ` HAVING ${this.renderConditions(s.having)}`;
      if (s.orderBy.length) sql += ` ORDER BY ${this.renderOrderBy(s.orderBy)}`;
      if (s.limit || s.offset) sql += this.renderLimitOffset(s.limit, s.offset);
      if (s.forUpdate) sql += this.renderForUpdate(s.forUpdate);
      return sql;
    } finally {
      this.#enclosing.pop();
    }
  }

  /** A row as a JSON array, each element in the exact form its type needs (see JsonColumnCodec). */
  protected visitJsonRow(r: JsonRow): string {
    const syntax = jsonRowsSyntax(this.dialect);
    return syntax.array(r.elements.map((e) => syntax.column(e.type).sql(this.process(e))));
  }

  protected visitJsonAggregate(a: JsonRowsAggregate): string {
    return jsonRowsSyntax(this.dialect).aggregate(
      this.visitJsonRow(a.row),
      a.orderBy.map((o) => this.process(o)),
    );
  }

  protected renderConditions(conds: readonly ColumnElement<any, any>[]): string {
    return conds.map((c) => this.process(conds.length > 1 ? c.selfGroup(3) : c)).join(" AND ");
  }

  protected renderOrderBy(items: readonly (ColumnElement<any, any> | OrderingExpression)[]): string {
    return items.map((o) => this.process(o)).join(", ");
  }

  protected renderDistinct(on: readonly ColumnElement<any, any>[]): string {
    if (!on.length) return "DISTINCT ";
    if (!this.dialect.supportsDistinctOn) {
      throw new CompileError(
        `DISTINCT ON is PostgreSQL-only; on ${this.dialect.name} use GROUP BY or a window function (row_number() over partition).`,
      );
    }
    return `DISTINCT ON (${on.map((c) => this.process(c)).join(", ")}) `;
  }

  /** The columns clause; records result columns for the top-level statement. */
  protected renderColumnsClause(select: Select<any>, ctx: SelectContext, isTop: boolean): string {
    const parts: string[] = [];
    if (ctx.asSubquery) {
      for (const col of exportedColumns(select)) parts.push(this.columnsClauseItem(col.expr, col.name));
      return parts.join(", ");
    }
    const result: ResultColumn[] = [];
    const record = (expr: ColumnElement<any, any>, key: string | undefined) => {
      if (isTop)
        result.push({
          key: key ?? `_${result.length}`,
          type: expr.type,
          processor: expr.type.resultProcessor(this.dialect),
        });
    };
    for (const entry of select.entries) {
      if (entry.kind === "column") {
        parts.push(this.columnsClauseItem(entry.expr, null));
        record(entry.expr, entry.key);
      } else {
        const cols = entry.kind === "entity" ? entry.entity.columns : entry.from.columns;
        for (const c of cols) {
          parts.push(this.columnsClauseItem(c, null));
          record(c, c.resultKey);
        }
      }
    }
    if (isTop) this.resultColumns = result;
    return parts.length ? parts.join(", ") : "*";
  }

  /** LIMIT / OFFSET; dialects override the spelling. */
  protected renderLimitOffset(
    limit: BindParameter<number> | null,
    offset: BindParameter<number> | null,
  ): string {
    let sql = "";
    if (limit) sql += ` LIMIT ${this.process(limit)}`;
    if (offset) sql += ` OFFSET ${this.process(offset)}`;
    return sql;
  }

  protected renderForUpdate(spec: ForUpdateSpec): string {
    if (!this.dialect.supportsForUpdate) return "";
    let sql = spec.readOnly
      ? spec.keyShare
        ? " FOR KEY SHARE"
        : " FOR SHARE"
      : spec.keyShare
        ? " FOR NO KEY UPDATE"
        : " FOR UPDATE";
    if (spec.of?.length) {
      const names = spec.of.map((o) => {
        const from =
          "table" in (o as object) && (o as ColumnClause<any, any>).table
            ? (o as ColumnClause<any, any>).table!
            : (o as FromClause);
        // OF takes the name a table goes by in FROM, never schema-qualified.
        if (from.kind === "table") return this.quote((from as FromClause & { name: string }).name);
        return this.fromReferenceName(from) ?? this.process(o);
      });
      sql += ` OF ${[...new Set(names)].join(", ")}`;
    }
    if (spec.nowait) sql += " NOWAIT";
    if (spec.skipLocked) {
      if (!this.dialect.supportsSkipLocked)
        throw new CompileError(`SKIP LOCKED is not supported by ${this.dialect.name}`);
      sql += " SKIP LOCKED";
    }
    return sql;
  }

  visitCompoundSelect(c: CompoundSelect<any>, ctx: SelectContext): string {
    if (
      (c.operator === "INTERSECT ALL" || c.operator === "EXCEPT ALL") &&
      !this.dialect.supportsIntersectAll
    ) {
      throw new CompileError(
        `${c.operator} is not supported by ${this.dialect.name}; use ${c.operator.slice(0, -4)} (duplicates removed) or a join.`,
      );
    }
    const isTop = this.topLevel === c;
    const members = c.selects.map((m, i) => {
      const memberCtx = { asSubquery: ctx.asSubquery, correlate: ctx.correlate };
      if (isTop && i === 0) this.topLevel = m.kind === "select" ? m : (m as CompoundSelect<any>).firstSelect;
      const sql =
        m.kind === "select"
          ? this.visitSelect(m as Select<any>, memberCtx)
          : this.visitCompoundSelect(m as CompoundSelect<any>, memberCtx);
      if (isTop && i === 0) this.topLevel = c;
      return this.needsGrouping(m, c) ? this.groupSetMember(sql) : sql;
    });
    let sql = members.join(` ${c.operator} `);
    if (c.orderByClauses.length) sql += ` ORDER BY ${this.renderCompoundOrderBy(c)}`;
    if (c.limitClause || c.offsetClause) sql += this.renderLimitOffset(c.limitClause, c.offsetClause);
    return sql;
  }

  /**
   * A compound's ORDER BY may name only its result columns: `ORDER BY users.name` after a UNION
   * fails on PostgreSQL and MySQL, so a selected column is written as its result name.
   */
  protected renderCompoundOrderBy(c: CompoundSelect<any>): string {
    const exported = exportedColumns(c);
    const resultName = (e: ColumnElement<any, any>): ColumnClause<any, any> | null => {
      const col = exported.find(
        (x) =>
          x.expr === e ||
          (e.kind === "column" &&
            x.expr.kind === "column" &&
            (e as ColumnClause<any, any>).sharesLineage(x.expr as ColumnClause<any, any>)),
      );
      return col ? new ColumnClause(col.name, e.type) : null;
    };
    const items = c.orderByClauses.map((o) => {
      if (o instanceof OrderingExpression) {
        const named = resultName(o.element);
        return named ? new OrderingExpression(named, o.direction, o.nulls) : o;
      }
      return resultName(o) ?? o;
    });
    return this.renderOrderBy(items);
  }

  protected needsGrouping(member: Select<any> | CompoundSelect<any>, parent: CompoundSelect<any>): boolean {
    if (member.kind === "compound_select")
      return (
        (member as CompoundSelect<any>).operator !== parent.operator ||
        (member as CompoundSelect<any>).orderByClauses.length > 0 ||
        (member as CompoundSelect<any>).limitClause !== null
      );
    const s = (member as Select<any>).state;
    return s.orderBy.length > 0 || s.limit !== null || s.offset !== null;
  }

  /** Parenthesises a set-operation member; SQLite needs a derived table instead. */
  protected groupSetMember(sql: string): string {
    return `(${sql})`;
  }

  /** Renders a FROM entry. */
  visitFrom(f: FromClause): string {
    switch (f.kind) {
      case "table":
        return this.fromReferenceName(f)!;
      case "alias": {
        const a = f as Alias;
        const inner =
          a.element.kind === "table" ? this.fromReferenceName(a.element)! : this.visitFrom(a.element);
        return `${inner} AS ${this.fromReferenceName(a)}`;
      }
      case "subquery": {
        const sq = f as Subquery;
        return `(${this.renderSubqueryBody(sq.element)}) AS ${this.fromReferenceName(sq)}`;
      }
      case "cte":
        this.registerCte(f as CTE<any>);
        return this.fromReferenceName(f)!;
      case "values":
        return this.renderValues(f as Values);
      case "table_valued": {
        const t = f as TableValued;
        if (!this.dialect.supportsTableValuedFunctions)
          throw new CompileError(
            `${this.dialect.name} has no table-valued functions in FROM (${t.fn.name}(...).tableValued()); use a subquery or, for JSON, JSON_TABLE through text()`,
          );
        const cols = t.derived ? ` (${t.columns.map((c) => this.quote(c.name)).join(", ")})` : "";
        return `${this.process(t.fn)} AS ${this.fromReferenceName(t)}${cols}`;
      }
      case "join": {
        const j = f as Join;
        const kind = j.full ? "FULL OUTER JOIN" : j.isOuter ? "LEFT OUTER JOIN" : "JOIN";
        if (j.full && !this.dialect.supportsFullJoin)
          throw new CompileError(`FULL OUTER JOIN is not supported by ${this.dialect.name}`);
        const right = j.right.kind === "join" ? `(${this.visitFrom(j.right)})` : this.visitFrom(j.right);
        return `${this.visitFrom(j.left)} ${kind} ${right} ON ${this.process(j.onclause)}`;
      }
      default:
        throw new CompileError(`Can't use a '${f.kind}' in FROM`);
    }
  }

  /** `(VALUES (...), (...)) AS name (cols)`; dialects without column aliases override. */
  protected renderValues(v: Values): string {
    const rows = v.rows.map(
      (row, i) =>
        `(${row.map((b, j) => (i === 0 ? this.castFirstValue(b, v.columns[j]!.type) : this.process(b))).join(", ")})`,
    );
    const cols = v.columns.map((c) => this.quote(c.name)).join(", ");
    return `(VALUES ${rows.join(", ")}) AS ${this.quote(v.name)} (${cols})`;
  }

  /** The first row of VALUES fixes column types; PostgreSQL needs them spelled out. */
  protected castFirstValue(b: Node, type: import("../type-engine.js").TypeEngine<any, any>): string {
    const sql = this.process(b);
    return type.typeName === "null" ? sql : `CAST(${sql} AS ${this.dialect.typeToSql(type)})`;
  }

  /** A SELECT rendered as a subquery or CTE body: columns labelled with their exported names. */
  protected renderSubqueryBody(stmt: Select<any> | CompoundSelect<any>): string {
    // Subqueries in FROM do not correlate: start a fresh enclosing scope.
    const saved = this.#enclosing.splice(0);
    try {
      if (stmt.kind === "compound_select")
        return this.visitCompoundSelect(stmt as CompoundSelect<any>, { asSubquery: true, correlate: null });
      return this.visitSelect(stmt as Select<any>, { asSubquery: true, correlate: null });
    } finally {
      this.#enclosing.push(...saved);
    }
  }

  protected registerCte(cte: CTE<any>): void {
    const root = cte.root;
    const existing = this.#ctes.get(root);
    // A restated CTE (recursive part added) replaces the definition of the one it restates.
    if (existing && (existing.cte === cte || !isRestatementOf(cte, existing.cte))) return;
    this.#ctes.set(root, { cte, sql: "" });
    const body = this.renderSubqueryBody(cte.element);
    // Re-inserted after the CTEs its body registered: a WITH entry may only use earlier ones.
    this.#ctes.delete(root);
    this.#ctes.set(root, { cte, sql: body });
  }

  /** `WITH [RECURSIVE] a AS (...), b AS (...) ` for the CTEs the statement used. */
  protected renderWith(): string {
    if (!this.#ctes.size) return "";
    const recursive = [...this.#ctes.values()].some((c) => c.cte.recursive);
    const defs = [...this.#ctes.values()].map(({ cte, sql }) => {
      const name = this.fromReferenceName(cte)!;
      const cols = cte.recursive
        ? `(${exportedColumns(cte.element)
            .map((c) => this.quote(c.name))
            .join(", ")})`
        : "";
      return `${name}${cols} AS (${sql})`;
    });
    return `WITH ${recursive ? "RECURSIVE " : ""}${defs.join(", ")} `;
  }
}

function isRestatementOf(candidate: CTE<any>, of: CTE<any>): boolean {
  for (let c: CTE<any> | null = candidate.restates; c; c = c.restates) if (c === of) return true;
  return false;
}
