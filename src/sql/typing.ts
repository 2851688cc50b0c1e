import type { ColumnElement } from "./elements.js";
import type { ColumnClause, FromClause } from "./from-clause.js";
import type { kEntity, kInstance } from "./protocols.js";

/** A mapped class (or aliased entity) usable in select(): the ORM gives it this protocol. */
export type EntityItem = { readonly [kEntity]: unknown } & (abstract new (...args: any) => any);
/** An aliased entity object (`aliased(Kit)`), whose instances are of type `R`. */
export type AliasedEntityItem<R = any> = { readonly [kEntity]: unknown; readonly [kInstance]: R };

/**
 * The keys where entity class `E`'s class-level relationship (a static with a `__target` type, as
 * `relationship(() => User)` gives) and its declared instance property disagree, as with
 * `declare owner: Post` beside `static owner = relationship(() => User)`. TypeScript relates a
 * class's static and instance sides only where the class is used, so select() checks this.
 */
export type MisdeclaredRelationships<E> = E extends abstract new (
  ...args: any
) => infer I
  ? {
      [K in keyof E & keyof I]-?: E[K] extends { readonly __target: infer T }
        ? 0 extends 1 & I[K]
          ? never
          : NonNullable<I[K]> extends T | readonly T[]
            ? never
            : K
        : never;
    }[keyof E & keyof I]
  : never;

/** `unknown` when the entities among `Items` declare their relationships consistently, else the error. */
export type CheckedEntities<Items extends readonly unknown[]> = CheckedEntity<Items[number]>;

/** `unknown` when entity class `E` declares its relationships consistently, else the error. */
export type CheckedEntity<E> = [MisdeclaredRelationships<E>] extends [never]
  ? unknown
  : {
      readonly "relationship property declared with another type than its relationship() target": MisdeclaredRelationships<E>;
    };

/** What select() takes: expressions, tables (all their columns) and ORM entities. */
export type SelectItem = ColumnElement<any, any> | FromClause<any> | EntityItem | AliasedEntityItem;

/** The value one select item contributes to a row. */
export type ItemValue<I> =
  I extends ColumnElement<infer T, any>
    ? T
    : I extends AliasedEntityItem<infer R>
      ? R
      : I extends abstract new (
            ...args: any
          ) => infer R
        ? R
        : I extends FromClause<infer C>
          ? { -readonly [K in keyof C]: C[K] extends ColumnElement<infer T, any> ? T : never }
          : never;

/** The row key of a select item, when it has a static one (columns, labels). */
export type ItemName<I> = I extends { readonly __name: infer N extends string }
  ? string extends N
    ? never
    : N
  : never;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

type TableRows<Items extends readonly unknown[]> = UnionToIntersection<
  { [K in keyof Items]: Items[K] extends FromClause<any> ? ItemValue<Items[K]> : never }[number]
>;

/** Rows read by position. */
export type RowTuple<Items extends readonly unknown[]> = {
  -readonly [K in keyof Items]: ItemValue<Items[K]>;
};

/** Rows read by key: column keys and labels (and every column of a selected table). */
export type RowNamed<Items extends readonly unknown[]> = NamedExcept<Items, never>;

/**
 * Names a result row does not have as keys: its own `length` (the number of values) and
 * index-like names, which are positions (createRowFactory skips them). Left in, a label
 * `length` would meet the tuple's `length: 2` and reduce the row to `never`.
 */
type PositionalName = "length" | `${number}`;

/** The values of `Items` by name, without the names `Skip`. */
type NamedExcept<Items extends readonly unknown[], Skip extends PropertyKey> = {
  -readonly [I in Items[number] as Exclude<ItemName<I>, Skip>]: ItemValue<I>;
} & ([TableRows<Items>] extends [never]
  ? unknown
  : [keyof TableRows<Items> & Skip] extends [never]
    ? TableRows<Items>
    : Omit<TableRows<Items>, Skip>);

type IsAny<T> = 0 extends 1 & T ? true : false;

/** Type-only key of UntypedItem. */
declare const kUntyped: unique symbol;
/** The item of a statement whose columns are not known statically (`text()` without `.columns()`). */
export interface UntypedItem {
  readonly [kUntyped]: true;
}
/** The items of such a statement: its rows are UntypedRow, its scalars `unknown`. */
export type UntypedItems = UntypedItem[];
/** Untyped (a text() statement) or any-typed items: rows whose shape is not known. */
type ShapeUnknown<Items extends readonly unknown[]> =
  IsAny<Items[number]> extends true ? true : [Items[number]] extends [UntypedItem] ? true : false;

/**
 * A row of a statement whose columns are not known statically (`text()` without `.columns()`):
 * its values are `unknown` until narrowed, or typed with `text(...).columns({ ... })`.
 */
export interface UntypedRow extends Iterable<unknown> {
  readonly [key: string]: unknown;
  readonly [index: number]: unknown;
  readonly length: number;
}

/** A result row: readable by position (and destructuring) and by key. */
export type Row<Items extends readonly unknown[]> =
  ShapeUnknown<Items> extends true ? UntypedRow : RowTuple<Items> & NamedExcept<Items, PositionalName>;

/** The value of the first item: what `scalars()` yields. */
export type ScalarOf<Items extends readonly unknown[]> =
  IsAny<Items[number]> extends true
    ? any
    : [Items[number]] extends [UntypedItem]
      ? unknown
      : Items extends readonly [infer F, ...unknown[]]
        ? ItemValue<F>
        : unknown;

/** A plain record of a row: what `mappings()` yields. */
export type RowMapping<Items extends readonly unknown[]> =
  ShapeUnknown<Items> extends true ? Record<string, unknown> : RowNamed<Items>;

/** The columns a subquery or CTE of these items exposes. */
export type SubqueryColumns<Items extends readonly unknown[]> = {
  [I in Items[number] as ItemName<I>]: ColumnClause<ItemValue<I>, any, ItemName<I>>;
} & (Items[number] extends FromClause<infer C> ? C : unknown);
