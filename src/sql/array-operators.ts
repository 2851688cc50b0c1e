import { BinaryExpression, BindParameter, ColumnElement, UnaryExpression } from "./elements.js";
import { booleanType, Precedence } from "./operators.js";
import type { TypeEngine } from "./type-engine.js";

/**
 * PostgreSQL's array comparisons, as SQLAlchemy's ARRAY comparator spells them: `@>` (contains),
 * `<@` (contained by), `&&` (overlap), `value = ANY (array)` and `value = ALL (array)`. Functions
 * only (no classes), so the import cycle with elements.ts is safe.
 */

/** Whether an expression is of an ARRAY type (the only type these operators apply to). */
export function isArrayExpression(e: ColumnElement<any, any>): boolean {
  return e.type.typeName === "array";
}

/** `array <op> other`: the other side bound as an array of the same type. */
export function arrayComparison(
  left: ColumnElement<any, any>,
  op: "@>" | "<@" | "&&",
  other: unknown,
): BinaryExpression<boolean> {
  const right = other instanceof ColumnElement ? other : new BindParameter(other, left.type);
  return new BinaryExpression(left, op, right, booleanType(), Precedence.comparison);
}

/** `value = ANY (array)` / `value = ALL (array)`: the value bound as one item of the array. */
export function arrayQuantified(
  array: ColumnElement<any, any>,
  quantifier: "ANY" | "ALL",
  value: unknown,
): BinaryExpression<boolean> {
  const itemType = (array.type as unknown as { itemType: TypeEngine<any, any> }).itemType;
  const left = value instanceof ColumnElement ? value : new BindParameter(value, itemType);
  const right = new UnaryExpression(array, { prefix: `${quantifier} (`, postfix: ")" }, itemType);
  return new BinaryExpression(left, "=", right, booleanType(), Precedence.comparison);
}
