import { CompileError } from "../../errors.js";
import type {
  BinaryExpression,
  BindParameter,
  BooleanClauseList,
  Cast,
  ClauseList,
  Collate,
  ColumnElement,
  Grouping,
  Keyword,
  Label,
  Literal,
  OrderingExpression,
  SubqueryOperand,
  Tuple,
  UnaryExpression,
} from "../elements.js";
import type { ColumnClause, FromClause } from "../from-clause.js";
import type { Case, FunctionCall, Over } from "../functions.js";
import type { Node } from "../node.js";
import type { TextClause, TextualSelect } from "../text.js";
import { renderPlainLiteral, type TypeEngine } from "../type-engine.js";
import type { BindSlot } from "./compiled.js";
import type { CompilerDialect } from "./dialect-contract.js";

export interface CompileOptions {
  /** Render every value inline as a literal (offline SQL, DDL); the result is not cacheable. */
  readonly literalBinds?: boolean;
}

/** Functions that take no parentheses. */
const NIL_FUNCTIONS = new Set([
  "CURRENT_TIMESTAMP",
  "CURRENT_DATE",
  "CURRENT_TIME",
  "LOCALTIME",
  "LOCALTIMESTAMP",
  "CURRENT_USER",
  "SESSION_USER",
]);

const SLOT_OPEN = "\u0001";
const SLOT_CLOSE = "\u0002";

/**
 * Renders expressions. Subclasses add SELECT (select-compiler) and DML (sql-compiler); dialects
 * subclass the result and override only what differs.
 */
export class ExpressionCompiler {
  readonly dialect: CompilerDialect;
  readonly literalBinds: boolean;
  protected readonly slots: BindSlot[] = [];
  protected readonly bindIndex: Map<Node, number>;
  readonly #anonNames = new Map<object, string>();
  /** Makes slot markers unguessable, so text inside the SQL cannot pose as one. */
  readonly #nonce = `${Math.random().toString(36).slice(2, 10)}:`;
  readonly #anonCounters = new Map<string, number>();

  constructor(dialect: CompilerDialect, binds: readonly Node[], opts: CompileOptions = {}) {
    this.dialect = dialect;
    this.literalBinds = opts.literalBinds ?? false;
    this.bindIndex = new Map();
    binds.forEach((b, i) => {
      if (!this.bindIndex.has(b)) this.bindIndex.set(b, i);
    });
  }

  /** Renders any node; dispatches on its kind. */
  process(node: Node): string {
    const n = node as any;
    switch (node.kind) {
      case "bind":
        return this.visitBind(n);
      case "binary":
        return this.visitBinary(n);
      case "boolean_list":
        return this.visitBooleanList(n);
      case "unary":
        return this.visitUnary(n);
      case "ordering":
        return this.visitOrdering(n);
      case "grouping":
        return this.visitGrouping(n);
      case "subquery_operand":
        return this.visitSubqueryOperand(n);
      case "clause_list":
        return this.visitClauseList(n);
      case "tuple":
        return this.visitTuple(n);
      case "label":
        return this.visitLabel(n, false);
      case "cast":
        return this.visitCast(n);
      case "collate":
        return this.visitCollate(n);
      case "literal":
        return this.visitLiteral(n);
      case "keyword":
        return this.visitKeyword(n);
      case "label_reference":
        return this.visitLabelReference(n);
      case "column":
        return this.visitColumn(n);
      case "function":
        return this.visitFunction(n);
      case "over":
        return this.visitOver(n);
      case "case":
        return this.visitCase(n);
      case "text":
        return this.visitText(n);
      case "textual_select":
        return this.visitTextualSelect(n);
      default:
        return this.processStatement(node);
    }
  }

  /** Statements and FROM elements; implemented by subclasses. */
  protected processStatement(node: Node): string {
    throw new CompileError(`Don't know how to compile a '${node.kind}' node for ${this.dialect.name}`);
  }

  quote(name: string): string {
    return this.dialect.quoteIdentifier(name);
  }

  /** A stable name for an anonymous alias / subquery within one statement (`kits_1`, `anon_1`). */
  anonName(obj: object, base: string): string {
    let name = this.#anonNames.get(obj);
    if (!name) {
      const n = (this.#anonCounters.get(base) ?? 0) + 1;
      this.#anonCounters.set(base, n);
      name = `${base}_${n}`;
      this.#anonNames.set(obj, name);
    }
    return name;
  }

  /** Registers a placeholder and returns its marker (numbered when the SQL is finished). */
  protected addSlot(slot: BindSlot): string {
    this.slots.push(slot);
    return `${SLOT_OPEN}${this.#nonce}${this.slots.length - 1}${SLOT_CLOSE}`;
  }

  /** Splits finished SQL at the placeholder markers, reordering slots to text order. */
  protected splitSlots(sql: string): { parts: string[]; slots: BindSlot[] } {
    const parts: string[] = [];
    const slots: BindSlot[] = [];
    const used = new Set<number>();
    let last = 0;
    let from = 0;
    for (;;) {
      const open = sql.indexOf(SLOT_OPEN, from);
      if (open < 0) break;
      const close = sql.indexOf(SLOT_CLOSE, open);
      const inner = close < 0 ? "" : sql.slice(open + 1, close);
      const digits = inner.startsWith(this.#nonce) ? inner.slice(this.#nonce.length) : "";
      const index = /^\d+$/.test(digits) ? Number(digits) : -1;
      // The marker characters may also occur in SQL text or inline strings: only a marker with
      // this compilation's nonce, of a registered and not yet placed slot, is one.
      if (index < 0 || index >= this.slots.length || used.has(index)) {
        from = open + 1;
        continue;
      }
      used.add(index);
      parts.push(sql.slice(last, open));
      slots.push(this.slots[index]!);
      last = from = close + 1;
    }
    parts.push(sql.slice(last));
    return { parts, slots };
  }

  /**
   * A placeholder for a bind. `tupleTypes` is given for `(a, b) IN (...)` lists: each element is a
   * row of values, converted by the types of the tuple's expressions.
   */
  visitBind(b: BindParameter, tupleTypes?: readonly TypeEngine<any, any>[]): string {
    if (this.literalBinds) return this.renderLiteralValue(b.value, b, tupleTypes);
    const index = this.bindIndex.get(b);
    if (index === undefined)
      throw new CompileError("A bind parameter was not registered by the cache-key walk");
    const tuple = b.expanding && tupleTypes !== undefined && tupleTypes.length > 1;
    return this.addSlot({
      index,
      key: b.key,
      processor: b.type.bindProcessor(this.dialect),
      expanding: b.expanding,
      tupleSize: tuple ? tupleTypes.length : 1,
      tupleProcessors: tuple ? tupleTypes.map((t) => t.bindProcessor(this.dialect)) : undefined,
      emptySet: b.expanding ? this.emptySet(tupleTypes ?? [b.type]) : "",
      literal: b.literalExecute ? (v) => this.renderLiteralValue(v, b) : null,
    });
  }

  /**
   * Renders an expression whose type the database cannot take from its surroundings (a bind
   * alone in the columns clause, both operands of `literal(1).add(1)`, every argument of
   * `coalesce(:a, :b)`): a bind there gets its type spelled out where the dialect needs it
   * (PostgreSQL resolves an untyped `$1` as `unknown`, so `$1 + $2` is ambiguous).
   */
  protected processStandalone(node: Node): string {
    switch (node.kind) {
      case "bind": {
        const b = node as BindParameter;
        const sql = this.visitBind(b);
        return this.literalBinds || b.expanding || b.type.typeName === "null"
          ? sql
          : this.renderBindCast(sql, b);
      }
      case "grouping":
        return `(${this.processStandalone((node as Grouping).element)})`;
      case "label":
        return this.processStandalone((node as Label<any, any>).element);
      default:
        return this.process(node);
    }
  }

  /** Whether a node's type is unknown to the database until it is cast (a bind, alone or grouped). */
  protected isUntypedOperand(node: Node): boolean {
    switch (node.kind) {
      case "bind":
        return !(node as BindParameter).expanding;
      case "grouping":
        return this.isUntypedOperand((node as Grouping).element);
      case "label":
        return this.isUntypedOperand((node as Label<any, any>).element);
      default:
        return false;
    }
  }

  /**
   * A bind placeholder with its type spelled out; the SQL as is where the database infers types
   * (SQLite, MySQL). PostgreSQL renders `$1::INTEGER`, as SQLAlchemy does on asyncpg and psycopg.
   */
  protected renderBindCast(placeholder: string, _b: BindParameter): string {
    return placeholder;
  }

  /**
   * What stands inside `IN (...)` for an empty list: a subquery returning no rows, with one
   * column per tuple element, typed so PostgreSQL can compare it.
   */
  protected emptySet(types: readonly TypeEngine<any, any>[]): string {
    const nulls = types.map((t) =>
      t.typeName === "null" ? "NULL" : `CAST(NULL AS ${this.dialect.castTypeToSql(t)})`,
    );
    return `SELECT ${nulls.join(", ")} WHERE 1 != 1`;
  }

  /** Renders a value inline (offline SQL): the type's literal form, escaped. */
  renderLiteralValue(value: unknown, b: BindParameter, tupleTypes?: readonly TypeEngine<any, any>[]): string {
    if (b.expanding && Array.isArray(value)) {
      if (value.length === 0) return this.emptySet(tupleTypes ?? [b.type]);
      return value
        .map((v) =>
          Array.isArray(v)
            ? `(${v.map((x, i) => this.#literal(x, tupleTypes?.[i] ?? b.type)).join(", ")})`
            : this.#literal(v, b.type),
        )
        .join(", ");
    }
    if (value === undefined && b.key)
      throw new CompileError(`Bind parameter ':${b.key}' has no value to render inline`);
    return this.#literal(value, b.type);
  }

  #literal(value: unknown, type: TypeEngine<any, any>): string {
    if (value === null || value === undefined) return "NULL";
    const v =
      typeof value === "object" &&
      value !== null &&
      "fn" in value &&
      typeof (value as { fn: unknown }).fn === "function"
        ? (value as { fn: () => unknown }).fn()
        : value;
    if (v === null || v === undefined) return "NULL";
    return type.typeName === "null" ? this.untypedLiteral(v) : type.literal(v, this.dialect);
  }

  /** Inline form of a value with no SQL type known. */
  protected untypedLiteral(value: unknown): string {
    return renderPlainLiteral(value, this.dialect);
  }

  visitBinary(e: BinaryExpression): string {
    const op = e.operator;
    if (op === "IN" || op === "NOT IN") return this.visitIn(e);
    // Two untyped operands (`literal(1).add(1)`) leave the database nothing to infer from.
    const untyped = this.isUntypedOperand(e.left) && this.isUntypedOperand(e.right);
    const left = untyped ? this.processStandalone(e.left) : this.process(e.left);
    const right = untyped ? this.processStandalone(e.right) : this.process(e.right);
    const sql = this.renderBinaryOperator(op, left, right, e);
    return e.escape === null ? sql : `${sql} ESCAPE ${this.dialect.quoteString(e.escape)}`;
  }

  /** The one place operators are spelled; dialects override for the ones they spell differently. */
  protected renderBinaryOperator(op: string, left: string, right: string, _e: BinaryExpression): string {
    switch (op) {
      case "ILIKE":
      case "NOT ILIKE":
        if (this.dialect.supportsIlike) return `${left} ${op} ${right}`;
        return `lower(${left}) ${op === "ILIKE" ? "LIKE" : "NOT LIKE"} lower(${right})`;
      default:
        return `${left} ${op} ${right}`;
    }
  }

  protected visitIn(e: BinaryExpression): string {
    const left = this.process(e.left);
    const right = e.right as Node;
    if (right.kind === "bind" && (right as BindParameter).expanding) {
      const types = e.left.kind === "tuple" ? (e.left as Tuple).clauses.map((c) => c.type) : undefined;
      return `${left} ${e.operator} (${this.visitBind(right as BindParameter, types)})`;
    }
    const inner = this.process(right);
    return `${left} ${e.operator} ${inner.startsWith("(") ? inner : `(${inner})`}`;
  }

  visitBooleanList(l: BooleanClauseList): string {
    if (l.clauses.length === 0) return l.operator === "AND" ? "1 = 1" : "1 != 1";
    return l.clauses.map((c) => this.process(c)).join(` ${l.operator} `);
  }

  visitUnary(u: UnaryExpression): string {
    const prefix = u.operators.prefix ?? "";
    let inner = this.isUntypedOperand(u.element)
      ? this.processStandalone(u.element)
      : this.process(u.element);
    // "-" before "-x" (a nested minus, a negative literal) would start a "--" comment.
    if (prefix.endsWith("-") && inner.startsWith("-")) inner = `(${inner})`;
    return `${prefix}${inner}${u.operators.postfix ?? ""}`;
  }

  visitOrdering(o: OrderingExpression): string {
    const inner = this.process(o.element);
    let sql = o.direction ? `${inner} ${o.direction}` : inner;
    if (o.nulls) sql = this.renderNullsOrdering(sql, inner, o);
    return sql;
  }

  /** NULLS FIRST / LAST; emulated where the database lacks it. */
  protected renderNullsOrdering(sql: string, inner: string, o: OrderingExpression): string {
    if (this.dialect.supportsNullsOrdering) return `${sql} NULLS ${o.nulls}`;
    return `CASE WHEN ${inner} IS NULL THEN ${o.nulls === "FIRST" ? 0 : 1} ELSE ${o.nulls === "FIRST" ? 1 : 0} END, ${sql}`;
  }

  visitGrouping(g: Grouping): string {
    return `(${this.process(g.element)})`;
  }

  visitSubqueryOperand(s: SubqueryOperand): string {
    return `(${this.process(s.element)})`;
  }

  visitClauseList(l: ClauseList): string {
    return l.clauses.map((c) => this.process(c)).join(l.separator);
  }

  visitTuple(t: Tuple): string {
    return `(${t.clauses.map((c) => this.process(c)).join(", ")})`;
  }

  /** Labels render `expr AS name` in a columns clause, and as the bare expression elsewhere. */
  visitLabel(l: Label<any, any>, inColumnsClause: boolean): string {
    const inner = this.process(l.element);
    return inColumnsClause ? `${inner} AS ${this.quote(l.name)}` : inner;
  }

  visitCast(c: Cast): string {
    return `CAST(${this.process(c.element)} AS ${this.dialect.castTypeToSql(c.type)})`;
  }

  visitCollate(c: Collate): string {
    return `${this.process(c.element)} COLLATE ${this.quote(c.collation)}`;
  }

  visitLiteral(l: Literal): string {
    return this.untypedLiteral(l.value);
  }

  /**
   * `orderBy("name")`: a label is referred to by its name; a plain column by the column itself
   * (its key may differ from the name it is selected under).
   */
  visitLabelReference(r: { readonly name: string; readonly element: ColumnElement<any, any> }): string {
    if (r.element.kind === "label") return this.quote((r.element as Label<any, any>).name);
    return this.process(r.element);
  }

  visitKeyword(k: Keyword): string {
    if (k.text === "TRUE" || k.text === "FALSE") {
      return this.dialect.supportsNativeBoolean ? k.text.toLowerCase() : k.text === "TRUE" ? "1" : "0";
    }
    return k.text;
  }

  visitColumn(c: ColumnClause<any, any>): string {
    if (c.isLiteral) return c.name;
    const name = this.quote(c.name);
    if (!c.table) return name;
    const prefix = this.fromReferenceName(c.table);
    return prefix === null ? name : `${prefix}.${name}`;
  }

  /** How columns of a FROM are qualified: the table, alias or subquery name (null: unqualified). */
  fromReferenceName(from: FromClause): string | null {
    const f = from as FromClause & { name?: string | null; schema?: string | null };
    switch (from.kind) {
      case "table":
        return f.schema ? `${this.quote(f.schema)}.${this.quote(f.name!)}` : this.quote(f.name!);
      case "alias":
        return this.quote(f.name ?? this.anonName(from, (from as unknown as { baseName: string }).baseName));
      case "subquery":
        return this.quote(f.name ?? this.anonName(from, "anon"));
      case "cte": {
        const root = (from as unknown as { root: FromClause & { name: string | null } }).root;
        return this.quote(root.name ?? this.anonName(root, "anon"));
      }
      case "excluded":
        return "excluded";
      case "values":
        return this.quote(f.name!);
      case "table_valued":
        return this.quote(f.name ?? this.anonName(from, "anon"));
      default:
        return null;
    }
  }

  visitFunction(f: FunctionCall): string {
    const name = this.functionName(f);
    if (NIL_FUNCTIONS.has(name)) return name;
    // Arguments that are all binds give an overloaded function nothing to resolve by.
    const untyped = f.args.length > 0 && f.args.every((a) => this.isUntypedOperand(a));
    const args = f.args.map((a) => (untyped ? this.processStandalone(a) : this.process(a))).join(", ");
    if (!f.filterClause) return `${name}(${args})`;
    if (this.dialect.supportsFilterClause)
      return `${name}(${args}) FILTER (WHERE ${this.process(f.filterClause)})`;
    // Without FILTER, aggregate a CASE that yields NULL for rows the condition excludes.
    const cond = this.process(f.filterClause);
    const inner = args === "*" ? "1" : args;
    return `${name}(CASE WHEN ${cond} THEN ${inner} END)`;
  }

  /** The SQL name of a function; dialects rename (now -> CURRENT_TIMESTAMP on SQLite). */
  protected functionName(f: FunctionCall): string {
    return f.name;
  }

  visitOver(o: Over): string {
    const parts: string[] = [];
    if (o.partitionBy.length)
      parts.push(`PARTITION BY ${o.partitionBy.map((p) => this.process(p)).join(", ")}`);
    if (o.orderBy.length) parts.push(`ORDER BY ${o.orderBy.map((p) => this.process(p)).join(", ")}`);
    if (o.frame) {
      const bound = (b: number | null, side: "start" | "end") => {
        // Bounds are written into the SQL, so only numbers may get there.
        if (b !== null && (typeof b !== "number" || !Number.isFinite(b)))
          throw new CompileError(`A window frame bound must be a finite number or null; got ${String(b)}`);
        return b === null
          ? `UNBOUNDED ${side === "start" ? "PRECEDING" : "FOLLOWING"}`
          : b === 0
            ? "CURRENT ROW"
            : b < 0
              ? `${-b} PRECEDING`
              : `${b} FOLLOWING`;
      };
      parts.push(
        `${o.frame.mode} BETWEEN ${bound(o.frame.bounds[0], "start")} AND ${bound(o.frame.bounds[1], "end")}`,
      );
    }
    return `${this.process(o.element)} OVER (${parts.join(" ")})`;
  }

  visitCase(c: Case): string {
    // Results that are all binds would make the CASE's type unknown (text on PostgreSQL).
    const results = c.whens.map(([, t]) => t as Node);
    if (c.elseValue) results.push(c.elseValue);
    const untyped = results.every((r) => this.isUntypedOperand(r));
    const result = (r: Node) => (untyped ? this.processStandalone(r) : this.process(r));
    let sql = "CASE";
    if (c.value) sql += ` ${this.process(c.value)}`;
    for (const [w, t] of c.whens) sql += ` WHEN ${this.process(w)} THEN ${result(t)}`;
    if (c.elseValue) sql += ` ELSE ${result(c.elseValue)}`;
    return `${sql} END`;
  }

  visitText(t: TextClause): string {
    let sql = "";
    for (const part of t.parts) sql += "sql" in part ? part.sql : this.visitBind(t.binds.get(part.bind)!);
    return sql;
  }

  visitTextualSelect(t: TextualSelect): string {
    return this.visitText(t.element);
  }

  /** Renders a columns-clause expression, labelled when given a name different from its own. */
  protected columnsClauseItem(expr: ColumnElement<any, any>, name: string | null): string {
    if (expr.kind === "label") {
      const l = expr as Label<any, any>;
      const inner = this.processStandalone(l.element);
      return `${inner} AS ${this.quote(name === null ? l.name : name)}`;
    }
    const sql = this.processStandalone(expr);
    if (name === null) return sql;
    if (expr.kind === "column" && (expr as ColumnClause<any, any>).name === name) return sql;
    return `${sql} AS ${this.quote(name)}`;
  }
}
