import {
  BinaryExpression,
  BindParameter,
  BooleanClauseList,
  type ColumnElement,
  Grouping,
  Keyword,
  UnaryExpression,
} from "../../sql/elements.js";
import { ColumnClause } from "../../sql/from-clause.js";
import type { Mapper } from "../mapper/mapper.js";

/** Thrown inside the evaluator when a criterion cannot be evaluated in memory. */
class Unsupported extends Error {}

type Fn = (obj: Record<string, unknown>) => unknown;

/** The attribute keys the criteria read (an object must have them loaded to be evaluated). */
type KeySet = Set<string>;

function operand(expr: ColumnElement<any, any>, mapper: Mapper, keys: KeySet): Fn {
  if (expr instanceof ColumnClause) {
    const mc = mapper.byColumn.get(expr as never);
    if (!mc) throw new Unsupported();
    const key = mc.key;
    keys.add(key);
    return (o) => o[key];
  }
  if (expr instanceof BindParameter) {
    if (expr.key) throw new Unsupported();
    const v = expr.value;
    return () => v;
  }
  if (expr instanceof Keyword) {
    if (expr.text === "NULL") return () => null;
    if (expr.text === "TRUE") return () => true;
    if (expr.text === "FALSE") return () => false;
  }
  if (expr instanceof Grouping && expr.element instanceof BindParameter)
    return operand(expr.element as ColumnElement<any, any>, mapper, keys);
  throw new Unsupported();
}

const norm = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === "bigint" ? v : v);

function compile(expr: ColumnElement<any, any>, mapper: Mapper, keys: KeySet): Fn {
  if (expr instanceof Grouping) return compile(expr.element as ColumnElement<any, any>, mapper, keys);
  if (expr instanceof BooleanClauseList) {
    const parts = expr.clauses.map((c) => compile(c, mapper, keys));
    return expr.operator === "AND"
      ? (o) => parts.every((p) => p(o) === true)
      : (o) => parts.some((p) => p(o) === true);
  }
  if (expr instanceof UnaryExpression && expr.operators.prefix === "NOT ") {
    const inner = compile(expr.element, mapper, keys);
    return (o) => !inner(o);
  }
  if (expr instanceof BinaryExpression) {
    const left = operand(expr.left, mapper, keys);
    if (expr.operator === "IN" || expr.operator === "NOT IN") {
      if (!(expr.right instanceof BindParameter) || !Array.isArray(expr.right.value)) throw new Unsupported();
      const set = new Set((expr.right.value as unknown[]).map(norm));
      return expr.operator === "IN" ? (o) => set.has(norm(left(o))) : (o) => !set.has(norm(left(o)));
    }
    const right = operand(expr.right, mapper, keys);
    switch (expr.operator) {
      case "=":
        return (o) => norm(left(o)) === norm(right(o));
      case "!=":
        return (o) => norm(left(o)) !== norm(right(o));
      case "<":
        return (o) => (norm(left(o)) as number) < (norm(right(o)) as number);
      case "<=":
        return (o) => (norm(left(o)) as number) <= (norm(right(o)) as number);
      case ">":
        return (o) => (norm(left(o)) as number) > (norm(right(o)) as number);
      case ">=":
        return (o) => (norm(left(o)) as number) >= (norm(right(o)) as number);
      case "IS":
        return (o) => (left(o) ?? null) === (right(o) ?? null);
      case "IS NOT":
        return (o) => (left(o) ?? null) !== (right(o) ?? null);
    }
  }
  throw new Unsupported();
}

/**
 * An in-memory version of a WHERE clause over one mapper's columns (synchronizeSession
 * "evaluate"), or null when some criterion cannot be evaluated in JavaScript.
 */
export function evaluator(
  criteria: readonly ColumnElement<any, any>[],
  mapper: Mapper,
): { test: (obj: Record<string, unknown>) => boolean; keys: ReadonlySet<string> } | null {
  try {
    const keys: KeySet = new Set();
    const fns = criteria.map((c) => compile(c, mapper, keys));
    return { test: (o) => fns.every((f) => f(o) === true), keys };
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}
