import type { z } from "zod";
import type { ColumnsOfInstance, InsertInput } from "../../orm/declarative/model-types.js";
import type { ColumnBuilder } from "../../schema/column.js";
import type { Table } from "../../schema/table.js";

/** A declarative model class or a Core Table: what the create*Schema functions take. */
export type SchemaSource =
  | Table<string, any>
  | ((abstract new (...args: any) => any) & { readonly __table__: Table<string, any> });

/** The column declarations of a model class or Table. */
export type ColumnsOf<S> =
  S extends Table<string, infer C> ? C : S extends { readonly __table__: Table<string, infer C> } ? C : never;

/** What a model's constructor takes (for a Table: the same rule on its columns). */
export type InsertInputOf<S> =
  S extends Table<string, infer C>
    ? InsertInput<C>
    : S extends abstract new (
          ...args: infer A
        ) => any
      ? NonNullable<A[0]>
      : never;

type InstanceOfSource<S> = S extends abstract new (...args: any) => infer R ? R : {};

/**
 * The zod schema of a column's values by their TypeScript types: `T` read back, `In` accepted.
 * Strings, numbers, booleans and enums get zod's own classes (so `(s) => s.regex(...)` and
 * `s.min(0)` type-check); the rest are typed by what they parse from and to.
 */
export type ValueSchema<T, In = T> = 0 extends 1 & T
  ? z.ZodType
  : [T] extends [boolean]
    ? z.ZodBoolean
    : [T] extends [number]
      ? number extends T
        ? z.ZodNumber
        : z.ZodType<T, In>
      : [T] extends [string]
        ? string extends T
          ? [In] extends [string]
            ? z.ZodString
            : z.ZodType<T, In>
          : z.ZodEnum<{ [K in T]: K }>
        : z.ZodType<T, In>;

/** The value schema of a column declaration. */
export type ColumnValueSchema<B> =
  B extends ColumnBuilder<infer T, infer In, any, any> ? ValueSchema<T, In> : never;

/**
 * A per-column override: a zod schema that replaces the field as it is (its own nullability and
 * optionality), or a function refining the derived value schema (nullability and optionality are
 * then added as for the column).
 */
export type ColumnOverride<B> = z.ZodType | ((schema: ColumnValueSchema<B>) => z.ZodType);

/** Per-column overrides of a source's columns. */
export type ColumnOverrides<C> = { [K in keyof C]?: ColumnOverride<C[K]> };

type IsNullable<B> = B extends ColumnBuilder<any, any, infer N, any> ? N : false;
type Nullable<B, S extends z.ZodType> = IsNullable<B> extends true ? z.ZodNullable<S> : S;
type OverrideOf<O, K> = O extends { readonly [P in K & PropertyKey]?: infer V } ? V : undefined;

/** The value schema after a refining function, if one is given. */
type Refined<B, V> = V extends (schema: any) => infer R
  ? R extends z.ZodType
    ? R
    : never
  : ColumnValueSchema<B>;

type RequiredKeys<I> = { [K in keyof I]-?: {} extends Pick<I, K> ? never : K }[keyof I];

type SelectField<B, V> = V extends z.ZodType ? V : Nullable<B, Refined<B, V>>;
type InsertField<B, V, Required> = V extends z.ZodType
  ? V
  : Required extends true
    ? Nullable<B, Refined<B, V>>
    : z.ZodOptional<Nullable<B, Refined<B, V>>>;
type UpdateField<B, V> = V extends z.ZodType ? V : z.ZodOptional<Nullable<B, Refined<B, V>>>;

/** Keys of an instance type that hold related mapped objects (declared relationship properties). */
export type RelationshipKeys<I> = {
  [K in keyof I]-?: [ColumnsOfInstance<RelatedOf<I[K]>>] extends [never] ? never : K;
}[keyof I] &
  string;

type RelatedOf<V> = NonNullable<V> extends readonly (infer E)[] ? E : NonNullable<V>;

/** `with` of a select schema: relationships to nest, each `true` or the target's own options. */
export type WithOptions<I> = {
  [K in RelationshipKeys<I>]?: true | SelectOptionsOf<ColumnsOfInstance<RelatedOf<I[K]>>, RelatedOf<I[K]>>;
};

/** Options of createSelectSchema: column overrides, and relationships to nest under `with`. */
export type SelectOptionsOf<C, I> = ColumnOverrides<C> & { with?: WithOptions<I> };

/** Options of createSelectSchema for a model class or Table. */
export type SelectOptions<S> = SelectOptionsOf<ColumnsOf<S>, InstanceOfSource<S>>;

/** Rejects keys that name no column (and, under `with`, no relationship), at any depth. */
export type StrictSelect<O, C, I> = {
  [K in keyof O]: K extends keyof C
    ? O[K]
    : K extends "with"
      ? StrictWith<O[K], I>
      : { error: `'${K & string}' is not a column` };
};
type StrictWith<W, I> = {
  [K in keyof W]: K extends RelationshipKeys<I>
    ? W[K] extends true
      ? true
      : StrictSelect<W[K], ColumnsOfInstance<RelatedOf<I[K]>>, RelatedOf<I[K]>>
    : { error: `'${K & string}' is not a relationship` };
};

/** Rejects override keys that name no column. */
export type StrictOverrides<O, C> = {
  [K in keyof O]: K extends keyof C ? O[K] : { error: `'${K & string}' is not a column` };
};

type SelectShapeOf<C, I, O> = {
  -readonly [K in keyof C]: SelectField<C[K], OverrideOf<O, K>>;
} & WithShape<I, O extends { readonly with?: infer W } ? NonNullable<W> : {}>;

type WithShape<I, W> = {
  -readonly [K in keyof W & RelationshipKeys<I>]: RelationshipField<I[K], W[K]>;
};

type NestedObject<E, O> = z.ZodObject<
  SelectShapeOf<ColumnsOfInstance<E>, E, O extends true ? {} : O>,
  z.core.$strip
>;

/** A nested relationship, built on first use (see relationshipField in create.ts). */
type RelationshipField<V, O> = z.ZodLazy<
  NonNullable<V> extends readonly (infer E)[]
    ? z.ZodArray<NestedObject<E, O>>
    : null extends V
      ? z.ZodNullable<NestedObject<NonNullable<V>, O>>
      : NestedObject<V, O>
>;

/** The schema createSelectSchema returns: `z.infer` is the instance's column properties. */
export type SelectSchema<S, O = {}> = z.ZodObject<
  SelectShapeOf<ColumnsOf<S>, InstanceOfSource<S>, O>,
  z.core.$strip
>;

/** The schema createInsertSchema returns: `z.input` is the model constructor's argument. */
export type InsertSchema<S, O = {}> = z.ZodObject<
  {
    -readonly [K in keyof ColumnsOf<S>]: InsertField<
      ColumnsOf<S>[K],
      OverrideOf<O, K>,
      K extends RequiredKeys<InsertInputOf<S>> ? true : false
    >;
  },
  z.core.$strip
>;

/** The schema createUpdateSchema returns: every column optional. */
export type UpdateSchema<S, O = {}> = z.ZodObject<
  { -readonly [K in keyof ColumnsOf<S>]: UpdateField<ColumnsOf<S>[K], OverrideOf<O, K>> },
  z.core.$strip
>;
