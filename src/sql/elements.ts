import { ContainerOperators } from "./container-operators.js";
import { type CacheKeyBuilder, Node } from "./node.js";
import {
  affixLike,
  arithmetic,
  booleanType,
  groupOperand,
  inOperand,
  isOperand,
  likeExpression,
  NEGATIONS,
  Precedence,
} from "./operators.js";
import { NULLTYPE, type TypeEngine } from "./type-engine.js";
import { DateTimeType } from "./types/datetime.js";
import { type TypeArg, toType } from "./types/index.js";
import { BigIntegerType, FloatType, IntegerType } from "./types/numeric.js";
import { StringType } from "./types/string.js";

export { Precedence } from "./operators.js";

/** Something that can sit on the right of IN: a subquery or a SELECT. */
export interface SubqueryLike {
  readonly kind: "select" | "compound_select" | "subquery" | "text";
}

/** Anything usable where a value of type T is expected: a value or an expression. */
export type Expr<T> = ColumnElement<T, any>;
/** A plain value (bound as a parameter) or a SQL expression of the same type. */
export type ValueOrExpr<T, In = T> = In | Expr<T>;

/** Options of `.like()` / `.ilike()`: the ESCAPE character. */
export type LikeOptions = { escape?: string };

/**
 * A SQL expression that yields a value of TypeScript type `T` (and accepts `In` as input in
 * comparisons). Every column, bind, function call and operator result is one.
 */
export abstract class ColumnElement<T = unknown, In = T> extends ContainerOperators {
  declare readonly __t: T;
  declare readonly __in: In;
  abstract readonly type: TypeEngine<any, any>;

  /** How tightly this expression binds (for automatic parentheses). */
  get precedence(): number {
    return Precedence.atom;
  }

  /** The key a result row uses for this expression when selected, if it has a natural one. */
  get resultKey(): string | undefined {
    return undefined;
  }

  /** Wraps the expression in parentheses when it binds more loosely than `against`. */
  selfGroup(against: number): ColumnElement<T, In> {
    return this.precedence < against ? new Grouping(this) : this;
  }

  protected bindValue(value: unknown): ColumnElement<any, any> {
    if (value instanceof ColumnElement) return value;
    return new BindParameter(value, this.type);
  }

  protected compare(op: string, other: unknown): BinaryExpression<boolean> {
    return new BinaryExpression(this, op, this.bindValue(other), booleanType(), Precedence.comparison);
  }

  /** `=`; comparing with null renders IS NULL. */
  eq(other: ValueOrExpr<NonNullable<T> | null, In | null>): BinaryExpression<boolean> {
    if (other === null) return new BinaryExpression(this, "IS", NULL, booleanType(), Precedence.comparison);
    return this.compare("=", other);
  }
  /** `!=`; comparing with null renders IS NOT NULL. */
  ne(other: ValueOrExpr<NonNullable<T> | null, In | null>): BinaryExpression<boolean> {
    if (other === null)
      return new BinaryExpression(this, "IS NOT", NULL, booleanType(), Precedence.comparison);
    return this.compare("!=", other);
  }
  lt(other: ValueOrExpr<NonNullable<T> | null, In>): BinaryExpression<boolean> {
    return this.compare("<", other);
  }
  le(other: ValueOrExpr<NonNullable<T> | null, In>): BinaryExpression<boolean> {
    return this.compare("<=", other);
  }
  gt(other: ValueOrExpr<NonNullable<T> | null, In>): BinaryExpression<boolean> {
    return this.compare(">", other);
  }
  ge(other: ValueOrExpr<NonNullable<T> | null, In>): BinaryExpression<boolean> {
    return this.compare(">=", other);
  }
  /** `IS DISTINCT FROM` (null-safe inequality). */
  isDistinctFrom(other: ValueOrExpr<NonNullable<T> | null, In | null>): BinaryExpression<boolean> {
    return this.compare("IS DISTINCT FROM", other);
  }
  isNotDistinctFrom(other: ValueOrExpr<NonNullable<T> | null, In | null>): BinaryExpression<boolean> {
    return this.compare("IS NOT DISTINCT FROM", other);
  }

  /** `IN (...)` over a list (an empty list matches nothing) or a subquery. */
  in(values: readonly In[] | SubqueryLike): BinaryExpression<boolean> {
    return new BinaryExpression(
      this,
      "IN",
      inOperand(values, this.type),
      booleanType(),
      Precedence.comparison,
    );
  }
  /** `NOT IN (...)`; an empty list matches every row. */
  notIn(values: readonly In[] | SubqueryLike): BinaryExpression<boolean> {
    return new BinaryExpression(
      this,
      "NOT IN",
      inOperand(values, this.type),
      booleanType(),
      Precedence.comparison,
    );
  }

  like(
    this: Expr<string | null>,
    pattern: ValueOrExpr<string | null, string>,
    opts?: LikeOptions,
  ): BinaryExpression<boolean> {
    return likeExpression(this, "LIKE", pattern, opts?.escape);
  }
  notLike(
    this: Expr<string | null>,
    pattern: ValueOrExpr<string | null, string>,
    opts?: LikeOptions,
  ): BinaryExpression<boolean> {
    return likeExpression(this, "NOT LIKE", pattern, opts?.escape);
  }
  /** Case-insensitive LIKE (ILIKE on PostgreSQL, lower() LIKE lower() elsewhere). */
  ilike(
    this: Expr<string | null>,
    pattern: ValueOrExpr<string | null, string>,
    opts?: LikeOptions,
  ): BinaryExpression<boolean> {
    return likeExpression(this, "ILIKE", pattern, opts?.escape);
  }
  notIlike(
    this: Expr<string | null>,
    pattern: ValueOrExpr<string | null, string>,
    opts?: LikeOptions,
  ): BinaryExpression<boolean> {
    return likeExpression(this, "NOT ILIKE", pattern, opts?.escape);
  }
  /** LIKE 'value%', with % and _ in the value matched literally. */
  startsWith(
    this: Expr<string | null>,
    prefix: ValueOrExpr<string | null, string>,
  ): BinaryExpression<boolean> {
    return affixLike(this, prefix, "", "%");
  }
  /** LIKE '%value', with % and _ in the value matched literally. */
  endsWith(this: Expr<string | null>, suffix: ValueOrExpr<string | null, string>): BinaryExpression<boolean> {
    return affixLike(this, suffix, "%", "");
  }
  /**
   * Full-text match, as SQLAlchemy's `match()`: `col @@ plainto_tsquery(:q)` on PostgreSQL
   * (`col @@ :q` when the query is a TSQUERY expression), `MATCH (col) AGAINST (:q IN NATURAL
   * LANGUAGE MODE)` on MySQL (needs a FULLTEXT index), `col MATCH :q` on SQLite (FTS tables).
   */
  match(this: Expr<string | null>, query: ValueOrExpr<string>): BinaryExpression<boolean> {
    const q = query instanceof ColumnElement ? query : new BindParameter(query, new StringType());
    return new BinaryExpression(this, "MATCH", q, booleanType(), Precedence.comparison);
  }

  between(
    low: ValueOrExpr<NonNullable<T>, In>,
    high: ValueOrExpr<NonNullable<T>, In>,
  ): BinaryExpression<boolean> {
    const range = new ClauseList(
      [this.bindValue(low), this.bindValue(high)],
      " AND ",
      Precedence.comparison + 1,
    );
    return new BinaryExpression(this, "BETWEEN", range, booleanType(), Precedence.comparison);
  }
  notBetween(
    low: ValueOrExpr<NonNullable<T>, In>,
    high: ValueOrExpr<NonNullable<T>, In>,
  ): BinaryExpression<boolean> {
    return this.between(low, high).negate() as BinaryExpression<boolean>;
  }

  /**
   * `IS` against null, true or false; against an expression, the null-safe equality
   * `IS NOT DISTINCT FROM` (PostgreSQL and MySQL allow IS only before NULL, TRUE and FALSE).
   */
  is(other: null | boolean | Expr<unknown>): BinaryExpression<boolean> {
    if (other instanceof ColumnElement) return this.compare("IS NOT DISTINCT FROM", other);
    return new BinaryExpression(this, "IS", isOperand(other), booleanType(), Precedence.comparison);
  }
  isNot(other: null | boolean | Expr<unknown>): BinaryExpression<boolean> {
    if (other instanceof ColumnElement) return this.compare("IS DISTINCT FROM", other);
    return new BinaryExpression(this, "IS NOT", isOperand(other), booleanType(), Precedence.comparison);
  }
  isNull(): BinaryExpression<boolean> {
    return this.is(null);
  }
  isNotNull(): BinaryExpression<boolean> {
    return this.isNot(null);
  }

  add(this: Expr<number | bigint | string | null>, other: ValueOrExpr<T | null, In>): BinaryExpression<T> {
    return arithmetic(this, "+", other);
  }
  sub(this: Expr<number | bigint | string | null>, other: ValueOrExpr<T | null, In>): BinaryExpression<T> {
    return arithmetic(this, "-", other);
  }
  mul(this: Expr<number | bigint | string | null>, other: ValueOrExpr<T | null, In>): BinaryExpression<T> {
    return arithmetic(this, "*", other);
  }
  div(this: Expr<number | bigint | string | null>, other: ValueOrExpr<T | null, In>): BinaryExpression<T> {
    return arithmetic(this, "/", other);
  }
  mod(this: Expr<number | bigint | string | null>, other: ValueOrExpr<T | null, In>): BinaryExpression<T> {
    return arithmetic(this, "%", other);
  }
  /** String concatenation (|| on PostgreSQL and SQLite, CONCAT() on MySQL). */
  concat(this: Expr<string | null>, other: ValueOrExpr<string | null>): BinaryExpression<T> {
    return arithmetic(this, "||", other);
  }
  neg(): UnaryExpression<T> {
    return new UnaryExpression(this.selfGroup(Precedence.multiplicative), { prefix: "-" }, this.type);
  }

  /** A custom binary operator: `col.op("@>")(other)`. */
  op(operator: string, opts?: { precedence?: number; returnType?: TypeEngine<any, any> }) {
    return (other: unknown): BinaryExpression<any> =>
      new BinaryExpression(
        this,
        operator,
        this.bindValue(other),
        opts?.returnType ?? this.type,
        opts?.precedence ?? Precedence.comparison,
      );
  }

  desc(): OrderingExpression {
    return new OrderingExpression(this, "DESC", null);
  }
  asc(): OrderingExpression {
    return new OrderingExpression(this, "ASC", null);
  }
  nullsFirst(): OrderingExpression {
    return new OrderingExpression(this, null, "FIRST");
  }
  nullsLast(): OrderingExpression {
    return new OrderingExpression(this, null, "LAST");
  }

  /** `expr AS name`; the label names the value in result rows. */
  label<const N extends string>(name: N): Label<T, N> {
    return new Label(name, this);
  }
  /** `CAST(expr AS type)`; the type may be given as `Integer` or `Integer()`. */
  cast<U, UIn>(type: TypeArg<U, UIn>): Cast<U, UIn> {
    return new Cast(this, toType(type));
  }
  collate(collation: string): Collate<T, In> {
    return new Collate(this, collation);
  }
  /** `DISTINCT expr`, as in count(x.distinct()). */
  distinct(): UnaryExpression<T> {
    return new UnaryExpression(this, { prefix: "DISTINCT " }, this.type);
  }
}

/** A boolean-valued expression that can be negated (NOT). */
export interface Negatable {
  negate(): ColumnElement<boolean>;
}

/** A value sent as a driver parameter (or rendered inline for offline SQL). */
export class BindParameter<T = unknown> extends ColumnElement<T> {
  readonly kind = "bind";
  readonly value: unknown;
  readonly type: TypeEngine<any, any>;
  /** Named binds (`bindparam("x")`, `text(":x")`) take their value from execute()'s parameters. */
  readonly key: string | null;
  /** An IN list: one placeholder per element, expanded at execution so the SQL stays cacheable. */
  readonly expanding: boolean;
  /** Rendered inline even in cached SQL (e.g. LIMIT on dialects that reject placeholders there). */
  readonly literalExecute: boolean;

  constructor(
    value: unknown,
    type: TypeEngine<any, any> = NULLTYPE,
    opts: { key?: string | null; expanding?: boolean; literalExecute?: boolean } = {},
  ) {
    super();
    this.value = value;
    this.type = type;
    this.key = opts.key ?? null;
    this.expanding = opts.expanding ?? false;
    this.literalExecute = opts.literalExecute ?? false;
  }

  walk(key: CacheKeyBuilder): void {
    // Inline and placeholder binds compile to different SQL: the key must tell them apart.
    const mode = this.expanding ? "[]" : this.literalExecute ? "!" : "";
    if (mode === "" && this.key === null) key.bind(this, this.type.bindToken);
    else key.bind(this, `${this.type.bindToken}${mode}${this.key ? `:${this.key}` : ""}`);
  }

  /** The same bind with another value (used when a statement is re-bound). */
  withValue(value: unknown): BindParameter<T> {
    return new BindParameter(value, this.type, this);
  }
}

/** `bindparam("name")`: a named placeholder whose value comes from execute()'s parameters. */
export function bindparam<T = unknown>(key: string, value?: T, type?: TypeEngine<T, any>): BindParameter<T> {
  return new BindParameter<T>(value, type ?? NULLTYPE, { key });
}

/** `left <op> right`. */
export class BinaryExpression<T = unknown> extends ColumnElement<T> implements Negatable {
  readonly kind = "binary";
  readonly left: ColumnElement<any, any>;
  readonly operator: string;
  readonly right: ColumnElement<any, any>;
  readonly type: TypeEngine<any, any>;
  readonly escape: string | null;
  readonly #precedence: number;

  constructor(
    left: ColumnElement<any, any>,
    operator: string,
    right: ColumnElement<any, any>,
    type: TypeEngine<any, any>,
    precedence: number,
    escapeChar: string | null = null,
  ) {
    super();
    this.#precedence = precedence;
    this.left = groupOperand(operator, left, precedence);
    // Right-hand operands of equal precedence need parentheses for non-associative operators.
    this.right = groupOperand(
      operator,
      right,
      operator === "+" || operator === "*" || operator === "||" ? precedence : precedence + 1,
    );
    this.operator = operator;
    this.type = type;
    this.escape = escapeChar;
  }

  override get precedence(): number {
    return this.#precedence;
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`(${this.operator}${this.escape ? ` esc ${this.escape}` : ""}`);
    key.node(this.left);
    key.node(this.right);
    key.push(")");
  }

  negate(): ColumnElement<boolean> {
    const negated = NEGATIONS[this.operator];
    if (negated) {
      return new BinaryExpression(this.left, negated, this.right, this.type, this.#precedence, this.escape);
    }
    return new UnaryExpression(new Grouping(this), { prefix: "NOT " }, this.type, Precedence.not);
  }
}

/** `AND` / `OR` over a list of conditions. */
export class BooleanClauseList extends ColumnElement<boolean> implements Negatable {
  readonly kind = "boolean_list";
  readonly operator: "AND" | "OR";
  readonly clauses: readonly ColumnElement<any, any>[];
  readonly type: TypeEngine<any, any>;

  constructor(operator: "AND" | "OR", clauses: readonly ColumnElement<any, any>[]) {
    super();
    this.operator = operator;
    const precedence = operator === "AND" ? Precedence.and : Precedence.or;
    this.clauses = clauses.map((c) => c.selfGroup(precedence));
    this.type = booleanType();
  }

  override get precedence(): number {
    return this.clauses.length === 1
      ? this.clauses[0]!.precedence
      : this.operator === "AND"
        ? Precedence.and
        : Precedence.or;
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`${this.operator}(`);
    key.nodes(this.clauses);
    key.push(")");
  }

  negate(): ColumnElement<boolean> {
    return new UnaryExpression(new Grouping(this), { prefix: "NOT " }, this.type, Precedence.not);
  }
}

/**
 * A condition for WHERE, HAVING, ON, FILTER and and_/or_/not_: a boolean SQL expression (a
 * comparison, a boolean column, `exists()`, ...). `where(User.email)` is a type error: compare it.
 */
export type Condition = ColumnElement<boolean | null, any>;

/** Joins conditions with AND; undefined entries are skipped, so optional filters compose. */
export function and_(...clauses: (Condition | undefined)[]): ColumnElement<boolean> {
  const list = clauses.filter((c): c is Condition => c !== undefined);
  if (list.length === 1) return list[0] as ColumnElement<boolean>;
  return new BooleanClauseList("AND", list);
}

/** Joins conditions with OR; undefined entries are skipped. */
export function or_(...clauses: (Condition | undefined)[]): ColumnElement<boolean> {
  const list = clauses.filter((c): c is Condition => c !== undefined);
  if (list.length === 1) return list[0] as ColumnElement<boolean>;
  return new BooleanClauseList("OR", list);
}

/** `NOT expr`; comparisons negate to their opposite operator (NOT (a = b) is a != b). */
export function not_(clause: Condition): ColumnElement<boolean> {
  if (clause instanceof BinaryExpression || clause instanceof BooleanClauseList) return clause.negate();
  if (clause instanceof UnaryExpression && clause.operators.prefix === "NOT ") return clause.element;
  return new UnaryExpression(
    clause.selfGroup(Precedence.not + 1),
    { prefix: "NOT " },
    clause.type,
    Precedence.not,
  );
}

/** A prefix and/or postfix operator around one expression (NOT x, -x, DISTINCT x, EXISTS (...)). */
export class UnaryExpression<T = unknown> extends ColumnElement<T> {
  readonly kind = "unary";
  readonly element: ColumnElement<any, any>;
  readonly operators: { readonly prefix?: string; readonly postfix?: string };
  readonly type: TypeEngine<any, any>;
  readonly #precedence: number;

  constructor(
    element: ColumnElement<any, any>,
    operators: { prefix?: string; postfix?: string },
    type: TypeEngine<any, any>,
    precedence: number = Precedence.atom,
  ) {
    super();
    this.element = element;
    this.operators = operators;
    this.type = type;
    this.#precedence = precedence;
  }

  override get precedence(): number {
    return this.#precedence;
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`u(${this.operators.prefix ?? ""}|${this.operators.postfix ?? ""}`);
    key.node(this.element);
    key.push(")");
  }
}

/** An ORDER BY item: expression, direction and NULLS placement. */
export class OrderingExpression extends Node {
  readonly kind = "ordering";
  readonly element: ColumnElement<any, any>;
  readonly direction: "ASC" | "DESC" | null;
  readonly nulls: "FIRST" | "LAST" | null;

  constructor(
    element: ColumnElement<any, any>,
    direction: "ASC" | "DESC" | null,
    nulls: "FIRST" | "LAST" | null,
  ) {
    super();
    this.element = element;
    this.direction = direction;
    this.nulls = nulls;
  }

  desc(): OrderingExpression {
    return new OrderingExpression(this.element, "DESC", this.nulls);
  }
  asc(): OrderingExpression {
    return new OrderingExpression(this.element, "ASC", this.nulls);
  }
  nullsFirst(): OrderingExpression {
    return new OrderingExpression(this.element, this.direction, "FIRST");
  }
  nullsLast(): OrderingExpression {
    return new OrderingExpression(this.element, this.direction, "LAST");
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`ord(${this.direction ?? ""}${this.nulls ?? ""}`);
    key.node(this.element);
    key.push(")");
  }
}

/** Top-level `desc(expr)`. */
export function desc(expr: ColumnElement<any, any>): OrderingExpression {
  return expr.desc();
}
/** Top-level `asc(expr)`. */
export function asc(expr: ColumnElement<any, any>): OrderingExpression {
  return expr.asc();
}

/** Parentheses. */
export class Grouping<T = unknown, In = T> extends ColumnElement<T, In> {
  readonly kind = "grouping";
  readonly element: Node;
  readonly type: TypeEngine<any, any>;

  constructor(element: ColumnElement<T, In> | Node, type?: TypeEngine<any, any>) {
    super();
    this.element = element;
    this.type = type ?? (element instanceof ColumnElement ? element.type : NULLTYPE);
  }

  override get resultKey(): string | undefined {
    return this.element instanceof ColumnElement ? this.element.resultKey : undefined;
  }

  walk(key: CacheKeyBuilder): void {
    key.push("(g");
    key.node(this.element);
    key.push(")");
  }
}

/** A SELECT used as the right operand of IN, or as an expression. */
export class SubqueryOperand extends ColumnElement<any> {
  readonly kind = "subquery_operand";
  readonly element: Node;
  readonly type = NULLTYPE;

  constructor(element: Node) {
    super();
    this.element = element;
  }

  walk(key: CacheKeyBuilder): void {
    key.push("(sq");
    key.node(this.element);
    key.push(")");
  }
}

/** A comma-separated (or otherwise separated) list of expressions. */
export class ClauseList extends ColumnElement<any> {
  readonly kind = "clause_list";
  readonly clauses: readonly ColumnElement<any, any>[];
  readonly separator: string;
  readonly type = NULLTYPE;

  constructor(clauses: readonly ColumnElement<any, any>[], separator = ", ", groupAgainst = 0) {
    super();
    this.clauses = groupAgainst ? clauses.map((c) => c.selfGroup(groupAgainst)) : clauses;
    this.separator = separator;
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`list${this.separator}(`);
    key.nodes(this.clauses);
    key.push(")");
  }
}

/** A parenthesised tuple of expressions, e.g. `(a, b) IN (...)`. */
export class Tuple<T extends unknown[] = unknown[]> extends ColumnElement<T> {
  readonly kind = "tuple";
  readonly clauses: readonly ColumnElement<any, any>[];
  readonly type = NULLTYPE;

  constructor(clauses: readonly ColumnElement<any, any>[]) {
    super();
    this.clauses = clauses;
  }

  override in(values: readonly any[] | SubqueryLike): BinaryExpression<boolean> {
    if (!Array.isArray(values)) return super.in(values);
    return new BinaryExpression(
      this,
      "IN",
      new BindParameter(values, this.type, { expanding: true }),
      booleanType(),
      Precedence.comparison,
    );
  }

  walk(key: CacheKeyBuilder): void {
    key.push("tuple(");
    key.nodes(this.clauses);
    key.push(")");
  }
}

/** `tuple_(a, b)`: a row value. */
export function tuple_(...clauses: ColumnElement<any, any>[]): Tuple {
  return new Tuple(clauses);
}

/** `expr AS name`. */
export class Label<T = unknown, N extends string = string> extends ColumnElement<T> {
  declare readonly __name: N;
  readonly kind = "label";
  readonly name: N;
  readonly element: ColumnElement<any, any>;

  constructor(name: N, element: ColumnElement<any, any>) {
    super();
    this.name = name;
    this.element = element;
  }

  get type(): TypeEngine<any, any> {
    return this.element.type;
  }

  override get resultKey(): string {
    return this.name;
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`label:${this.name}(`);
    key.node(this.element);
    key.push(")");
  }
}

/** `CAST(expr AS type)`. */
export class Cast<T = unknown, In = T> extends ColumnElement<T, In> {
  readonly kind = "cast";
  readonly element: ColumnElement<any, any>;
  readonly type: TypeEngine<T, In>;

  constructor(element: ColumnElement<any, any>, type: TypeEngine<T, In>) {
    super();
    this.element = element;
    this.type = type;
  }

  override get resultKey(): string | undefined {
    return this.element.resultKey;
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`cast:${this.type.typeKey}(`);
    key.node(this.element);
    key.push(")");
  }
}

/** `cast(expr, Type)`, or `cast(value, Type)` for a bound value; `Integer` or `Integer()` both work. */
export function cast<T, In>(expr: unknown, type: TypeArg<T, In>): Cast<T, In> {
  const t = toType(type);
  const element = expr instanceof ColumnElement ? expr : new BindParameter(expr, t);
  return new Cast(element, t);
}

/** `expr COLLATE name`. */
export class Collate<T = unknown, In = T> extends ColumnElement<T, In> {
  readonly kind = "collate";
  readonly element: ColumnElement<any, any>;
  readonly collation: string;

  constructor(element: ColumnElement<any, any>, collation: string) {
    super();
    this.element = element;
    this.collation = collation;
  }

  get type(): TypeEngine<any, any> {
    return this.element.type;
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`collate:${this.collation}(`);
    key.node(this.element);
    key.push(")");
  }
}

/** A fixed SQL fragment rendered as written (keywords, NULL, TRUE, '%' in patterns). */
export class Literal<T = unknown> extends ColumnElement<T> {
  readonly kind = "literal";
  readonly value: unknown;
  readonly type: TypeEngine<any, any>;

  constructor(value: unknown, type: TypeEngine<any, any> = NULLTYPE) {
    super();
    this.value = value;
    this.type = type;
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`lit:${typeof this.value}:${String(this.value)}`);
  }
}

/** `literal(value)`: a value bound as a parameter, usable where an expression is expected. */
export function literal<T>(value: T, type?: TypeEngine<T, any>): BindParameter<T> {
  return new BindParameter<T>(value, type ?? literalType(value));
}

/** The type a bare value implies, so `select(literal(1))` reads back a number everywhere. */
function literalType(value: unknown): TypeEngine<any, any> {
  switch (typeof value) {
    case "number":
      return Number.isInteger(value) ? new IntegerType() : new FloatType();
    case "boolean":
      return booleanType();
    case "string":
      return new StringType();
    case "bigint":
      return new BigIntegerType("bigint");
    default:
      return value instanceof Date ? new DateTimeType(true) : NULLTYPE;
  }
}

/** `literalColumn("text")` / keyword constants: SQL written as is. */
export class Keyword<T = unknown> extends ColumnElement<T> {
  readonly kind = "keyword";
  readonly text: string;
  readonly type: TypeEngine<any, any>;

  constructor(text: string, type: TypeEngine<any, any> = NULLTYPE) {
    super();
    this.text = text;
    this.type = type;
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`kw:${this.text}`);
  }
}

/** The NULL constant. */
export const NULL: ColumnElement<null> = new Keyword<null>("NULL");
/** The TRUE constant (1 on dialects without a boolean type). */
export const TRUE = new Keyword<boolean>("TRUE");
/** The FALSE constant (0 on dialects without a boolean type). */
export const FALSE = new Keyword<boolean>("FALSE");

/** `null_()`, `true_()`, `false_()` as in SQLAlchemy. */
export const null_ = (): ColumnElement<null> => NULL;
/** The SQL TRUE constant, as SQLAlchemy's `true()`. */
export const true_ = (): ColumnElement<boolean> => TRUE;
/** The SQL FALSE constant, as SQLAlchemy's `false()`. */
export const false_ = (): ColumnElement<boolean> => FALSE;
