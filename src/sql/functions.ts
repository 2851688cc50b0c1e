import { ArgumentError } from "../errors.js";
import {
  BindParameter,
  ColumnElement,
  type Condition,
  Keyword,
  type OrderingExpression,
} from "./elements.js";
import type { CacheKeyBuilder } from "./node.js";
import {
  TableValued,
  type TableValuedColumn,
  type TableValuedColumns,
  type TableValuedOptions,
} from "./table-valued.js";
import { NULLTYPE, type TypeEngine } from "./type-engine.js";
import { BooleanType } from "./types/boolean.js";
import { Date_, DateTime, Time } from "./types/datetime.js";
import { BigInteger, Float, Integer, Numeric } from "./types/numeric.js";
import { String as StringT } from "./types/string.js";

/** A frame bound: null is UNBOUNDED, 0 CURRENT ROW, -n n PRECEDING, n n FOLLOWING. */
export type FrameBound = number | null;

/** The window of `func.x().over(spec)`: PARTITION BY, ORDER BY and a ROWS / RANGE frame. */
export interface WindowSpec {
  partitionBy?: ColumnElement<any, any> | readonly ColumnElement<any, any>[];
  orderBy?:
    | ColumnElement<any, any>
    | OrderingExpression
    | readonly (ColumnElement<any, any> | OrderingExpression)[];
  rows?: readonly [FrameBound, FrameBound];
  range?: readonly [FrameBound, FrameBound];
}

const asList = <T>(v: T | readonly T[] | undefined): readonly T[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as readonly T[]) : [v as T];

/** `name(args)`: a SQL function call. */
export class FunctionCall<T = unknown> extends ColumnElement<T> {
  readonly kind = "function";
  readonly name: string;
  readonly args: readonly ColumnElement<any, any>[];
  readonly type: TypeEngine<any, any>;
  readonly filterClause: ColumnElement<any, any> | null;

  constructor(
    name: string,
    args: readonly ColumnElement<any, any>[],
    type: TypeEngine<any, any>,
    filter: ColumnElement<any, any> | null = null,
  ) {
    super();
    this.name = name;
    this.args = args;
    this.type = type;
    this.filterClause = filter;
  }

  override get resultKey(): string {
    return this.name.toLowerCase();
  }

  /** `fn(...) OVER (PARTITION BY ... ORDER BY ... ROWS BETWEEN ...)`. */
  over(spec: WindowSpec = {}): Over<T> {
    return new Over(this, spec);
  }

  /** `fn(...) FILTER (WHERE cond)` (a CASE inside the aggregate on MySQL). */
  filter(condition: Condition): FunctionCall<T> {
    return new FunctionCall(this.name, this.args, this.type, condition);
  }

  /**
   * The rows this function returns, as a FROM with the given columns (SQLAlchemy's
   * `table_valued()`): `func.jsonEach(doc).tableValued(["key", "value"])`.
   */
  tableValued<const Cols extends readonly TableValuedColumn[]>(
    columns: Cols,
    opts?: TableValuedOptions,
  ): TableValued<TableValuedColumns<Cols>> {
    return new TableValued(this, columns, opts) as never;
  }

  walk(key: CacheKeyBuilder): void {
    // The type decides the result processor: count() and bigCount() share a name, not a shape.
    key.push(`fn:${this.name}:${this.type.typeKey}(`);
    key.nodes(this.args);
    if (this.filterClause) {
      key.push("|filter");
      key.node(this.filterClause);
    }
    key.push(")");
  }
}

/** A window function call. */
export class Over<T = unknown> extends ColumnElement<T> {
  readonly kind = "over";
  readonly element: FunctionCall<T>;
  readonly partitionBy: readonly ColumnElement<any, any>[];
  readonly orderBy: readonly (ColumnElement<any, any> | OrderingExpression)[];
  readonly frame: {
    readonly mode: "ROWS" | "RANGE";
    readonly bounds: readonly [FrameBound, FrameBound];
  } | null;

  constructor(element: FunctionCall<T>, spec: WindowSpec) {
    super();
    this.element = element;
    this.partitionBy = asList(spec.partitionBy);
    this.orderBy = asList(spec.orderBy);
    this.frame = spec.rows
      ? { mode: "ROWS", bounds: spec.rows }
      : spec.range
        ? { mode: "RANGE", bounds: spec.range }
        : null;
  }

  get type(): TypeEngine<any, any> {
    return this.element.type;
  }

  override get resultKey(): string {
    return this.element.resultKey;
  }

  walk(key: CacheKeyBuilder): void {
    key.push("over(");
    key.node(this.element);
    key.push("|p");
    key.nodes(this.partitionBy);
    key.push("|o");
    key.nodes(this.orderBy);
    if (this.frame) key.push(`|${this.frame.mode}:${this.frame.bounds.join(",")}`);
    key.push(")");
  }
}

type Arg = ColumnElement<any, any> | string | number | boolean | bigint | Date | null;
const toExpr = (a: unknown): ColumnElement<any, any> =>
  a instanceof ColumnElement ? a : new BindParameter(a);

/**
 * A CASE result. Numbers and booleans are written inline at execution: were every branch a
 * parameter, PostgreSQL would type the CASE as text (`sum(CASE ... THEN $1 ELSE $2 END)` fails).
 */
const resultExpr = (a: unknown): ColumnElement<any, any> =>
  typeof a === "number" || typeof a === "boolean"
    ? new BindParameter(a, NULLTYPE, { literalExecute: true })
    : toExpr(a);
const args = (list: readonly unknown[]) => list.map(toExpr);
type TypeOf<A> = A extends ColumnElement<infer T, any> ? T : A;

const INTEGER = Integer();
const BOOLEAN = new BooleanType();

/** lag / lead: a default without an offset gets the offset 1 it implies (not the default's place). */
function windowShift(
  name: string,
  expr: ColumnElement<any, any>,
  offset?: number,
  dflt?: Arg,
): FunctionCall<any> {
  const list: ColumnElement<any, any>[] = [expr];
  if (offset !== undefined || dflt !== undefined) {
    const n = offset ?? 1;
    if (!Number.isSafeInteger(n) || n < 0)
      throw new ArgumentError(`${name}(): the offset must be a non-negative integer; got ${String(offset)}`);
    list.push(new BindParameter(n, INTEGER));
  }
  if (dflt !== undefined)
    list.push(dflt instanceof ColumnElement ? dflt : new BindParameter(dflt, expr.type));
  return new FunctionCall(name, list, expr.type);
}

/** `name(expr)` typed as its argument; a plain value (from untyped callers) is bound, as func.x does. */
function unary(name: string, expr: unknown): FunctionCall<any> {
  const arg = toExpr(expr);
  return new FunctionCall(name, [arg], arg.type);
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Known functions with their result types; any other name works through the `func` proxy. */
const known = {
  /** `count(*)`, or `count(expr)`. */
  count: (expr?: ColumnElement<any, any>): FunctionCall<number> =>
    new FunctionCall("count", expr ? [toExpr(expr)] : [literalStar()], INTEGER),
  sum: <T extends number | string | bigint | null>(expr: ColumnElement<T, any>): FunctionCall<T | null> =>
    unary("sum", expr),
  avg: (expr: ColumnElement<number | string | null, any>): FunctionCall<string | null> =>
    new FunctionCall("avg", [toExpr(expr)], Numeric()),
  min: <T>(expr: ColumnElement<T, any>): FunctionCall<T | null> => unary("min", expr),
  max: <T>(expr: ColumnElement<T, any>): FunctionCall<T | null> => unary("max", expr),
  /** The current timestamp (CURRENT_TIMESTAMP on SQLite). */
  now: (): FunctionCall<Date> => new FunctionCall("now", [], DateTime({ timezone: true })),
  currentTimestamp: (): FunctionCall<Date> =>
    new FunctionCall("CURRENT_TIMESTAMP", [], DateTime({ timezone: true })),
  currentDate: (): FunctionCall<Date> => new FunctionCall("CURRENT_DATE", [], Date_()),
  currentTime: (): FunctionCall<string> => new FunctionCall("CURRENT_TIME", [], Time()),
  /** The first non-null argument. */
  coalesce: <A extends readonly Arg[]>(
    ...a: A
  ): FunctionCall<
    | NonNullable<TypeOf<A[number]>>
    | (null extends TypeOf<A[number]> ? (TypeOf<A[number]> extends null ? null : never) : never)
  > => new FunctionCall("coalesce", args(a), args(a).find((x) => x.type !== NULLTYPE)?.type ?? NULLTYPE),
  lower: <T extends string | null>(expr: ColumnElement<T, any>): FunctionCall<T> => unary("lower", expr),
  upper: <T extends string | null>(expr: ColumnElement<T, any>): FunctionCall<T> => unary("upper", expr),
  length: (expr: ColumnElement<string | null, any>): FunctionCall<number> =>
    new FunctionCall("length", [toExpr(expr)], INTEGER),
  abs: <T extends number | string | null>(expr: ColumnElement<T, any>): FunctionCall<T> => unary("abs", expr),
  round: (expr: ColumnElement<any, any>, digits?: number): FunctionCall<string> =>
    new FunctionCall("round", args(digits === undefined ? [expr] : [expr, digits]), Numeric()),
  random: (): FunctionCall<number> => new FunctionCall("random", [], Float()),
  concat: (...a: Arg[]): FunctionCall<string> => new FunctionCall("concat", args(a), StringT()),
  rowNumber: (): FunctionCall<number> => new FunctionCall("row_number", [], INTEGER),
  rank: (): FunctionCall<number> => new FunctionCall("rank", [], INTEGER),
  denseRank: (): FunctionCall<number> => new FunctionCall("dense_rank", [], INTEGER),
  /** `lag(expr[, offset[, default]])`: the value `offset` rows back in the window. */
  lag: <T>(expr: ColumnElement<T, any>, offset?: number, dflt?: Arg): FunctionCall<T | null> =>
    windowShift("lag", expr, offset, dflt),
  /** `lead(expr[, offset[, default]])`: the value `offset` rows ahead in the window. */
  lead: <T>(expr: ColumnElement<T, any>, offset?: number, dflt?: Arg): FunctionCall<T | null> =>
    windowShift("lead", expr, offset, dflt),
  bigCount: (expr?: ColumnElement<any, any>): FunctionCall<bigint> =>
    new FunctionCall("count", expr ? [toExpr(expr)] : [literalStar()], BigInteger()),
  bool: (expr: ColumnElement<any, any>): FunctionCall<boolean> =>
    new FunctionCall("bool", [toExpr(expr)], BOOLEAN),
};

const STAR = new Keyword("*");
function literalStar(): ColumnElement<any> {
  return STAR;
}

type GenericFunction = <T = any>(...args: Arg[]) => FunctionCall<T>;
export type Func = typeof known & { readonly [name: string]: GenericFunction };

/**
 * `func.<name>(...)`: SQL functions. Known ones are typed (count, sum, now, coalesce, ...); any
 * other name renders as written, camelCase turned to snake_case (`func.dateTrunc` -> date_trunc).
 */
export const func: Func = new Proxy(known as Func, {
  get(target, prop) {
    if (typeof prop !== "string") return undefined;
    if (prop in target) return (target as Record<string, unknown>)[prop];
    const name = snakeCase(prop);
    return (...a: Arg[]) => new FunctionCall(name, args(a), NULLTYPE);
  },
});

/** `CASE WHEN ... THEN ... [ELSE ...] END`. */
export class Case<T = unknown> extends ColumnElement<T> {
  readonly kind = "case";
  readonly value: ColumnElement<any, any> | null;
  readonly whens: readonly (readonly [ColumnElement<any, any>, ColumnElement<any, any>])[];
  readonly elseValue: ColumnElement<any, any> | null;

  constructor(
    value: ColumnElement<any, any> | null,
    whens: readonly (readonly [ColumnElement<any, any>, ColumnElement<any, any>])[],
    elseValue: ColumnElement<any, any> | null,
  ) {
    super();
    this.value = value;
    this.whens = whens;
    this.elseValue = elseValue;
  }

  get type(): TypeEngine<any, any> {
    for (const [, then] of this.whens) if (then.type !== NULLTYPE) return then.type;
    return this.elseValue?.type ?? NULLTYPE;
  }

  /** The ELSE branch. */
  else<U>(value: U | ColumnElement<U, any>): Case<T | U> {
    return new Case<T | U>(this.value, this.whens, resultExpr(value));
  }

  walk(key: CacheKeyBuilder): void {
    key.push("case(");
    key.node(this.value);
    for (const [w, t] of this.whens) {
      key.push("|when");
      key.node(w);
      key.node(t);
    }
    if (this.elseValue) {
      key.push("|else");
      key.node(this.elseValue);
    }
    key.push(")");
  }
}

type WhenValue<W> = W extends readonly [unknown, infer V] ? TypeOf<V> : never;

/**
 * `case([cond, value], [cond, value]).else(x)`; or with a value to compare,
 * `caseValue(Kit.status, { lost: 1, available: 2 })`.
 */
export function case_<const W extends readonly (readonly [ColumnElement<any, any>, unknown])[]>(
  ...whens: W
): Case<WhenValue<W[number]> | null> {
  return new Case(
    null,
    whens.map(([c, v]) => [c, resultExpr(v)] as const),
    null,
  );
}

/** `CASE value WHEN a THEN x ... END`: `caseValue(Kit.status, { lost: 0, available: 1 })`. */
export function caseValue<V>(
  value: ColumnElement<any, any>,
  mapping: Record<string, V> | readonly (readonly [unknown, V])[],
): Case<V | null> {
  const pairs = Array.isArray(mapping)
    ? (mapping as readonly (readonly [unknown, V])[])
    : Object.entries(mapping as Record<string, V>);
  return new Case(
    value,
    pairs.map(([k, v]) => [toExpr(k), resultExpr(v)] as const),
    null,
  );
}
