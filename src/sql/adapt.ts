import {
  BinaryExpression,
  BooleanClauseList,
  Cast,
  ClauseList,
  Collate,
  type ColumnElement,
  Grouping,
  Label,
  OrderingExpression,
  Tuple,
  UnaryExpression,
} from "./elements.js";
import { ColumnClause, type FromClause } from "./from-clause.js";
import { Case, FunctionCall, Over } from "./functions.js";
import type { Node } from "./node.js";

/** Replaces columns: return the replacement, or null to keep the column. */
export type ColumnMapper = (col: ColumnClause<any, any>) => ColumnClause<any, any> | null;

/**
 * Rebuilds an expression with some columns replaced (as SQLAlchemy's ClauseAdapter): used to
 * point a relationship's join condition at an alias. Nested SELECTs are left as they are.
 */
export function adapt<T extends Node>(node: T, map: ColumnMapper): T {
  const a = <N extends Node>(n: N): N => adapt(n, map);
  const n = node as Node;
  if (n instanceof ColumnClause) return (map(n) ?? n) as unknown as T;
  if (n instanceof BinaryExpression) {
    const left = a(n.left);
    const right = a(n.right);
    return (left === n.left && right === n.right
      ? n
      : new BinaryExpression(left, n.operator, right, n.type, n.precedence, n.escape)) as unknown as T;
  }
  if (n instanceof BooleanClauseList)
    return new BooleanClauseList(n.operator, n.clauses.map(a)) as unknown as T;
  if (n instanceof UnaryExpression)
    return new UnaryExpression(a(n.element), n.operators, n.type, n.precedence) as unknown as T;
  if (n instanceof Grouping) return new Grouping(a(n.element), n.type) as unknown as T;
  if (n instanceof Label) return new Label(n.name, a(n.element)) as unknown as T;
  if (n instanceof Cast) return new Cast(a(n.element), n.type) as unknown as T;
  if (n instanceof Collate) return new Collate(a(n.element), n.collation) as unknown as T;
  if (n instanceof ClauseList) return new ClauseList(n.clauses.map(a), n.separator) as unknown as T;
  if (n instanceof Tuple) return new Tuple(n.clauses.map(a)) as unknown as T;
  if (n instanceof OrderingExpression)
    return new OrderingExpression(a(n.element), n.direction, n.nulls) as unknown as T;
  if (n instanceof FunctionCall)
    return new FunctionCall(
      n.name,
      n.args.map(a),
      n.type,
      n.filterClause ? a(n.filterClause) : null,
    ) as unknown as T;
  if (n instanceof Over) {
    return new Over(a(n.element), {
      partitionBy: n.partitionBy.map(a),
      orderBy: n.orderBy.map(a),
      ...(n.frame ? { [n.frame.mode === "ROWS" ? "rows" : "range"]: n.frame.bounds } : {}),
    }) as unknown as T;
  }
  if (n instanceof Case) {
    return new Case(
      n.value ? a(n.value) : null,
      n.whens.map(([w, t]) => [a(w), a(t)] as const),
      n.elseValue ? a(n.elseValue) : null,
    ) as unknown as T;
  }
  return node;
}

/** Points an expression's columns of `from` at the matching columns of `to` (an alias of it). */
export function adaptToAlias<T extends ColumnElement<any, any> | OrderingExpression>(
  expr: T,
  from: FromClause,
  to: FromClause,
): T {
  return adapt(expr, (col) => (col.table === from ? to.correspondingColumn(col) : null));
}
