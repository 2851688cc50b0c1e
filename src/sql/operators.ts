import {
  BinaryExpression,
  BindParameter,
  ColumnElement,
  type Expr,
  FALSE,
  Grouping,
  Literal,
  NULL,
  type SubqueryLike,
  SubqueryOperand,
  TRUE,
} from "./elements.js";
import type { Node } from "./node.js";
import type { TypeEngine } from "./type-engine.js";
import { BooleanType } from "./types/boolean.js";

/**
 * Operator tables and the helpers ColumnElement's operator methods build nodes with. Only
 * functions and constants live here (no classes), so the import cycle with elements.ts is safe.
 */

/** Binding strength of operators; a child that binds more loosely than its parent is parenthesised. */
export const Precedence = {
  atom: 100,
  multiplicative: 8,
  additive: 7,
  comparison: 5,
  not: 4,
  and: 3,
  or: 2,
  none: 0,
} as const;

export const OPERATOR_PRECEDENCE: Record<string, number> = {
  "*": 8,
  "/": 8,
  "%": 8,
  "+": 7,
  "-": 7,
  "||": 7,
};

const ARITHMETIC = new Set(["+", "-", "*", "/", "%"]);

/** Operators and the operator their negation renders as (NOT (a = b) is written a != b). */
export const NEGATIONS: Record<string, string> = {
  "=": "!=",
  "!=": "=",
  "<": ">=",
  ">=": "<",
  ">": "<=",
  "<=": ">",
  IN: "NOT IN",
  "NOT IN": "IN",
  LIKE: "NOT LIKE",
  "NOT LIKE": "LIKE",
  ILIKE: "NOT ILIKE",
  "NOT ILIKE": "ILIKE",
  IS: "IS NOT",
  "IS NOT": "IS",
  BETWEEN: "NOT BETWEEN",
  "NOT BETWEEN": "BETWEEN",
  "IS DISTINCT FROM": "IS NOT DISTINCT FROM",
  "IS NOT DISTINCT FROM": "IS DISTINCT FROM",
};

/**
 * Whether an operand must be parenthesised whatever the precedence table says: `||` and
 * arithmetic rank differently per database (PostgreSQL binds + tighter than ||, SQLite binds ||
 * tightest of all), so `a || b + c` means different things; one written with parentheses does not.
 */
export function mixesConcatAndArithmetic(operator: string, operand: ColumnElement<any, any>): boolean {
  if (!(operand instanceof BinaryExpression)) return false;
  return operator === "||"
    ? ARITHMETIC.has(operand.operator)
    : ARITHMETIC.has(operator) && operand.operator === "||";
}

/** Groups an operand of `operator` for rendering (see BinaryExpression). */
export function groupOperand(
  operator: string,
  operand: ColumnElement<any, any>,
  against: number,
): ColumnElement<any, any> {
  return mixesConcatAndArithmetic(operator, operand) ? new Grouping(operand) : operand.selfGroup(against);
}

/** The character used to escape LIKE wildcards in startsWith / endsWith / contains. */
const LIKE_ESCAPE = "/";

function escapeLike(value: string): string {
  return value.replace(/[/%_]/g, (c) => LIKE_ESCAPE + c);
}

const BOOLEAN = new BooleanType();
export function booleanType(): TypeEngine<boolean> {
  return BOOLEAN;
}

export function inOperand(
  values: readonly unknown[] | SubqueryLike,
  type: TypeEngine<any, any>,
): ColumnElement<any> {
  if (Array.isArray(values)) return new BindParameter(values, type, { expanding: true });
  return new SubqueryOperand(values as unknown as Node);
}

export function isOperand(other: null | boolean | Expr<unknown>): ColumnElement<any> {
  if (other === null) return NULL;
  if (other === true) return TRUE;
  if (other === false) return FALSE;
  return other;
}

export function likeExpression(
  left: ColumnElement<any, any>,
  op: string,
  pattern: unknown,
  escapeChar: string | undefined,
): BinaryExpression<boolean> {
  const right = pattern instanceof ColumnElement ? pattern : new BindParameter(pattern, left.type);
  return new BinaryExpression(left, op, right, booleanType(), Precedence.comparison, escapeChar ?? null);
}

export function affixLike(
  left: ColumnElement<any, any>,
  value: unknown,
  before: string,
  after: string,
): BinaryExpression<boolean> {
  if (value instanceof ColumnElement) {
    let pattern: ColumnElement<any> = value;
    if (before) pattern = new BinaryExpression(new Literal(before), "||", pattern, left.type, 7);
    if (after) pattern = new BinaryExpression(pattern, "||", new Literal(after), left.type, 7);
    return new BinaryExpression(left, "LIKE", pattern, booleanType(), Precedence.comparison);
  }
  const bound = new BindParameter(before + escapeLike(String(value)) + after, left.type);
  return new BinaryExpression(left, "LIKE", bound, booleanType(), Precedence.comparison, LIKE_ESCAPE);
}

export function arithmetic<T>(
  left: ColumnElement<any, any>,
  op: string,
  other: unknown,
): BinaryExpression<T> {
  const right = other instanceof ColumnElement ? other : new BindParameter(other, left.type);
  return new BinaryExpression(left, op, right, left.type, OPERATOR_PRECEDENCE[op]!);
}
