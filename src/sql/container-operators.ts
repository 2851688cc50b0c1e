import { arrayComparison, arrayQuantified, isArrayExpression } from "./array-operators.js";
import type { BinaryExpression, ColumnElement, Expr, ValueOrExpr } from "./elements.js";
import { Node } from "./node.js";
import { affixLike } from "./operators.js";
import { isRangeExpression, rangeComparison } from "./range-operators.js";
import type { Range } from "./types/range.js";

/** A range expression with elements read as E and given as I (a range column's In type). */
type RangeExpr<E, I> = ColumnElement<Range<E> | null, Range<I> | string | null>;
/** A range: a Range, PostgreSQL's range text ('[1,10)') or a range expression. */
type RangeOperand<E, I> = Range<I> | string | Expr<Range<E> | null>;

/**
 * The operators of values that hold other values: LIKE '%x%' on strings, and PostgreSQL's array
 * and range comparisons. The base of ColumnElement; each method's `this` type says which
 * expressions it applies to (`Post.tags.overlap([...])` needs an array, `Booking.during.adjacentTo`
 * a range).
 */
export abstract class ContainerOperators extends Node {
  /**
   * LIKE '%value%', with % and _ in the value matched literally; on a PostgreSQL ARRAY column,
   * `@>`: the array holds every given item (`Post.tags.contains(["sql"])`); on a range, `@>`:
   * the range holds an element (`Booking.during.contains(date)`) or a whole Range.
   */
  contains(this: Expr<string | null>, part: ValueOrExpr<string | null, string>): BinaryExpression<boolean>;
  contains<E>(this: Expr<readonly E[] | null>, items: ValueOrExpr<readonly E[]>): BinaryExpression<boolean>;
  contains<E, I>(
    this: RangeExpr<E, I>,
    other: I | Expr<E | null> | Range<I> | Expr<Range<E> | null>,
  ): BinaryExpression<boolean>;
  contains(part: unknown): BinaryExpression<boolean> {
    const self = this as unknown as ColumnElement<any, any>;
    if (isArrayExpression(self)) return arrayComparison(self, "@>", part);
    if (isRangeExpression(self)) return rangeComparison(self, "@>", part);
    return affixLike(self, part, "%", "%");
  }
  /** ARRAY `<@`: every item of the array is among the given ones; range `<@`: within the other range. */
  containedBy<E>(
    this: Expr<readonly E[] | null>,
    items: ValueOrExpr<readonly E[]>,
  ): BinaryExpression<boolean>;
  containedBy<E, I>(this: RangeExpr<E, I>, other: RangeOperand<E, I>): BinaryExpression<boolean>;
  containedBy(other: unknown): BinaryExpression<boolean> {
    const self = this as unknown as ColumnElement<any, any>;
    if (isRangeExpression(self)) return rangeComparison(self, "<@", other);
    return arrayComparison(self, "<@", other);
  }
  /** ARRAY `&&`: the array and the given items have one in common. */
  overlap<E>(this: Expr<readonly E[] | null>, items: ValueOrExpr<readonly E[]>): BinaryExpression<boolean> {
    return arrayComparison(this, "&&", items);
  }
  /** `value = ANY (array)`: some item of the array equals the value. */
  any<E>(this: Expr<readonly E[] | null>, value: ValueOrExpr<E>): BinaryExpression<boolean> {
    return arrayQuantified(this, "ANY", value);
  }
  /** `value = ALL (array)`: every item of the array equals the value. */
  all<E>(this: Expr<readonly E[] | null>, value: ValueOrExpr<E>): BinaryExpression<boolean> {
    return arrayQuantified(this, "ALL", value);
  }
  /** Range `&&`: the ranges have an element in common. */
  overlaps<E, I>(this: RangeExpr<E, I>, other: RangeOperand<E, I>): BinaryExpression<boolean> {
    return rangeComparison(this, "&&", other);
  }
  /** Range `<<`: every element is below every element of the other range. */
  strictlyLeftOf<E, I>(this: RangeExpr<E, I>, other: RangeOperand<E, I>): BinaryExpression<boolean> {
    return rangeComparison(this, "<<", other);
  }
  /** Range `>>`: every element is above every element of the other range. */
  strictlyRightOf<E, I>(this: RangeExpr<E, I>, other: RangeOperand<E, I>): BinaryExpression<boolean> {
    return rangeComparison(this, ">>", other);
  }
  /** Range `&<`: does not extend to the right of the other range. */
  notExtendRightOf<E, I>(this: RangeExpr<E, I>, other: RangeOperand<E, I>): BinaryExpression<boolean> {
    return rangeComparison(this, "&<", other);
  }
  /** Range `&>`: does not extend to the left of the other range. */
  notExtendLeftOf<E, I>(this: RangeExpr<E, I>, other: RangeOperand<E, I>): BinaryExpression<boolean> {
    return rangeComparison(this, "&>", other);
  }
  /** Range `-|-`: the ranges meet with no gap and no overlap (`[1,5)` and `[5,9)`). */
  adjacentTo<E, I>(this: RangeExpr<E, I>, other: RangeOperand<E, I>): BinaryExpression<boolean> {
    return rangeComparison(this, "-|-", other);
  }
}
