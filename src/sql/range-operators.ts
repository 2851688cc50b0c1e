import { BinaryExpression, BindParameter, Cast, ColumnElement } from "./elements.js";
import { booleanType, Precedence } from "./operators.js";
import type { TypeEngine } from "./type-engine.js";
import { Range } from "./types/range.js";
import { storedType } from "./types/type-decorator.js";

/**
 * PostgreSQL's range operators, as SQLAlchemy's range comparator spells them: `@>` (contains an
 * element or a range), `<@` (contained by), `&&` (overlaps), `<<` / `>>` (strictly left / right
 * of), `&<` / `&>` (does not extend right / left of) and `-|-` (adjacent to). Functions only
 * (no classes), so the import cycle with elements.ts is safe.
 */

/** The range operators other than `@>`, which also takes an element. */
export type RangeOperator = "<@" | "&&" | "<<" | ">>" | "&<" | "&>" | "-|-";

/** The element type of a range type (INT4RANGE's Integer), or null for any other type. */
function rangeElementType(type: TypeEngine<any, any>): TypeEngine<any, any> | null {
  const t = storedType(type) as TypeEngine<any, any> & { elementType?: TypeEngine<any, any> };
  return t.typeName.endsWith("range") && t.elementType ? t.elementType : null;
}

/** Whether an expression is of a range type (INT4RANGE, TSTZRANGE, ...). */
export function isRangeExpression(e: ColumnElement<any, any>): boolean {
  return rangeElementType(e.type) !== null;
}

/**
 * `range <op> other`. A plain value is bound as a range of the same type, except for `@>`, where
 * anything but a Range is an element, cast to its type (`span @> CAST($1 AS INTEGER)`): an
 * untyped `$1` there would be read as a range.
 */
export function rangeComparison(
  left: ColumnElement<any, any>,
  op: "@>" | RangeOperator,
  other: unknown,
): BinaryExpression<boolean> {
  let right: ColumnElement<any, any>;
  if (other instanceof ColumnElement) right = other;
  else if (op === "@>" && !(other instanceof Range)) {
    const element = rangeElementType(left.type)!;
    right = new Cast(new BindParameter(other, element), element);
  } else right = new BindParameter(other, left.type);
  return new BinaryExpression(left, op, right, booleanType(), Precedence.comparison);
}
