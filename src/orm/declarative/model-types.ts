import type { BuilderInput, BuilderValue, Column, ColumnBuilder } from "../../schema/column.js";
import type { Table } from "../../schema/table.js";
import type { ColumnElement } from "../../sql/elements.js";
import type { FromClause } from "../../sql/from-clause.js";
import type { EntityColumns, kEntity, kInstance } from "../../sql/protocols.js";
import type { Mapper } from "../mapper/mapper.js";
import type { TableArgs } from "./table-args.js";

/** Column declarations of a model: `{ code: column(String()), ... }`. */
export type ColumnDecls = Record<string, ColumnBuilder<any, any, boolean, boolean>>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The type-only key of ModelColumnsBrand (no such property exists at run time). */
declare const kModelColumns: unique symbol;

/**
 * Carries a mapped instance's column declarations in its type, so types can go from an instance
 * type (a relationship's target) back to its columns, as athanor/zod's nested schemas do.
 */
export interface ModelColumnsBrand<C extends ColumnDecls> {
  readonly [kModelColumns]?: C;
}

/** The column declarations of a mapped instance type; never for any other type. */
export type ColumnsOfInstance<I> = typeof kModelColumns extends keyof I
  ? Extract<NonNullable<I[typeof kModelColumns]>, ColumnDecls>
  : never;

/**
 * An instance of a mapped class: what `db.add()`, `delete()`, `refresh()` and `load()` take.
 * `db.add({ x: 1 })` is a type error (a plain object has nothing in common with it).
 */
export type MappedInstance = ModelColumnsBrand<ColumnDecls>;

/** The relationship properties of a mapped instance: those holding mapped instances. */
export type RelationshipKeys<T> = {
  [K in keyof T]-?: K extends keyof ColumnsOfInstance<T>
    ? never
    : NonNullable<T[K]> extends MappedInstance | readonly MappedInstance[]
      ? K
      : never;
}[keyof T] &
  string;

/** The instance types the relationships of instances `T` lead to (`never` when it has none). */
export type RelationshipTargets<T> = {
  [K in RelationshipKeys<T>]-?: NonNullable<T[K]> extends readonly (infer U)[] ? U : NonNullable<T[K]>;
}[RelationshipKeys<T>];

/** The attributes of a mapped instance that the session loads: its columns and relationships. */
export type AttributeKeys<T> = (keyof ColumnsOfInstance<T> & string) | RelationshipKeys<T>;

/** The keys of the columns declared with `primaryKey()`. */
type PrimaryKeyKeys<C> = { [K in keyof C]-?: C[K] extends { readonly __pk: true } ? K : never }[keyof C];

type IsUnion<U, All = U> = U extends unknown ? ([All] extends [U] ? false : true) : never;

/**
 * What `db.get(Model, pk)` takes for instances `T`: the key's value (or a one-item array, or an
 * object by key); for a composite key, an object by key or an array of the values in column order. `unknown` when the
 * key is not declared on the columns (a PrimaryKeyConstraint in the table args).
 */
export type PrimaryKeyOf<T> =
  ColumnsOfInstance<T> extends infer C extends ColumnDecls
    ? [PrimaryKeyKeys<C>] extends [never]
      ? unknown
      : true extends IsUnion<PrimaryKeyKeys<C>>
        ?
            | { readonly [K in PrimaryKeyKeys<C>]: BuilderInput<C[K]> }
            | readonly BuilderInput<C[PrimaryKeyKeys<C>]>[]
        :
            | BuilderInput<C[PrimaryKeyKeys<C>]>
            | readonly [BuilderInput<C[PrimaryKeyKeys<C>]>]
            | { readonly [K in PrimaryKeyKeys<C>]: BuilderInput<C[K]> }
    : unknown;

/**
 * What `filterBy()` takes on target `T` (a mapped class, an aliased entity, a relationship or a
 * table): column keys, each with a value of its column's type (or null: IS NULL).
 */
export type FilterByValues<T> = T extends { readonly __target: infer R }
  ? FilterByColumns<ColumnsOfInstance<R>>
  : T extends { readonly [kInstance]: infer R }
    ? FilterByColumns<ColumnsOfInstance<R>>
    : T extends abstract new (
          ...args: any
        ) => infer R
      ? FilterByColumns<ColumnsOfInstance<R>>
      : T extends FromClause<infer C>
        ? { [K in keyof C]?: (C[K] extends ColumnElement<any, infer In> ? In : never) | null }
        : Record<string, unknown>;

type FilterByColumns<C> = [C] extends [never]
  ? Record<string, unknown>
  : { [K in keyof C]?: BuilderInput<C[K]> | null };

/** Instance properties a model's columns give it. */
export type InstanceColumns<C extends ColumnDecls> = { -readonly [K in keyof C]: BuilderValue<C[K]> };

type RequiredKeys<C extends ColumnDecls> = {
  [K in keyof C]: C[K] extends ColumnBuilder<any, any, infer N, infer D>
    ? N extends true
      ? never
      : D extends true
        ? never
        : K
    : never;
}[keyof C];

/**
 * What a model's constructor takes: NOT NULL columns without defaults are required, except the
 * `versionId` column `V`, which the ORM fills.
 */
export type InsertInput<C extends ColumnDecls, V extends PropertyKey = never> = Simplify<
  { [K in Exclude<RequiredKeys<C>, V>]: BuilderInput<C[K]> } & {
    [K in Exclude<keyof C, Exclude<RequiredKeys<C>, V>>]?: BuilderInput<C[K]>;
  }
>;

/** Class-level column attributes: `Kit.code` is a typed Column usable in expressions. */
export type ColumnAttributes<C extends ColumnDecls> = {
  readonly [K in keyof C & string]: Column<BuilderValue<C[K]>, BuilderInput<C[K]>, K>;
};

/** Any class constructor. */
export type AnyCtor = abstract new (...args: any) => any;

/**
 * The model class as a mapped class's type argument, opting in to typed relationships:
 * `class Kit extends Base.table("kits", {...})<typeof Kit>`. The class (`typeof Kit`), not its
 * instance type: the base's instance type reads the class's statics, and reading the subclass's
 * own instance properties there would make Kit its own base (TypeScript error 2310). Without the
 * argument (`never`), the constructor takes columns only and declarations are checked where the
 * model is used (select(), db.query()); the base skips the check then: +7.6% instantiations on
 * bench/typecheck's 100 plain models under TypeScript 5.9 otherwise.
 */
export interface TypeofModel {
  readonly prototype: unknown;
}

/**
 * The relationships a constructor takes beside the columns, typed by the model's declared
 * properties: `Self` is the model class given as the base's type argument; without it, none.
 */
export type RelationshipInit<Self extends TypeofModel> = [Self] extends [never]
  ? unknown
  : Self extends { readonly prototype: infer I }
    ? { [K in RelationshipKeys<I>]?: I[K] }
    : unknown;

/**
 * What the relationship properties of model class `S` may hold, by its `relationship()` statics:
 * the target, an array of it, or null. The base's instance type has them, so a subclass declaring
 * one with another type (`declare owner: Post` beside `static owner = relationship(() => User)`)
 * is a type error where it is declared. The keys are the statics `S` adds to the ones it inherits
 * (`Inherited`), found by name only: filtering them by type would need the statics' types while
 * TypeScript resolves the class's base, and `relationship()` checks `backPopulates` against the
 * target's instance type, so two related models would each be part of the other's base. Other
 * statics the model adds (methods) become optional `unknown` instance properties.
 */
export type DeclaredRelationships<S, Inherited> = {
  [K in Exclude<keyof S, "prototype" | keyof Inherited>]?: S[K] extends { readonly __target: infer T }
    ? T | readonly T[] | null
    : unknown;
};

type ConstructorArgs<C extends ColumnDecls, V extends PropertyKey, Self extends TypeofModel> =
  {} extends InsertInput<C, V>
    ? [init?: InsertInput<C, V> & RelationshipInit<Self>]
    : [init: InsertInput<C, V> & RelationshipInit<Self>];

/** Statics every mapped (table) class has. */
export interface MappedStatics<C extends ColumnDecls> {
  /** The Table this model maps. */
  readonly __table__: Table<string, C>;
  /** The table's columns by key (always safe, also for keys like `name`). */
  readonly c: Table<string, C>["c"];
  /** The model's mapper (configured on first use). */
  readonly __mapper__: Mapper;
  readonly [kEntity]: EntityColumns;
}

/** Statics of declarative bases and abstract models: the factories of subclasses. */
export interface BaseStatics<C extends ColumnDecls> {
  /** Column declarations inherited by subclasses (read by the types; not for user code). */
  readonly __columns__: C;
  /**
   * A mapped subclass for table `name`: `class Kit extends BaseModel.table("kits", {...}) {}`.
   * Columns of abstract bases are included.
   */
  table<
    This extends AnyCtor & { readonly __columns__: ColumnDecls },
    C2 extends ColumnDecls,
    V extends keyof (This["__columns__"] & C2) & string = never,
  >(
    this: This,
    name: string,
    columns: C2,
    args?: TableArgs<V>,
  ): MappedClass<This, This["__columns__"] & C2, V>;
  /** An abstract subclass adding columns (no table), as SQLAlchemy's `__abstract__ = True`. */
  abstract<This extends AnyCtor & { readonly __columns__: ColumnDecls }, C2 extends ColumnDecls>(
    this: This,
    columns: C2,
  ): AbstractClass<This, This["__columns__"] & C2>;
}

type StaticsOf<B> = Omit<B, "prototype" | "table" | "abstract" | "__columns__">;

/** A mapped class: constructible with its insert input, instances carry the columns. */
export type MappedClass<B extends AnyCtor, C extends ColumnDecls, V extends PropertyKey = never> = (new <
  Self extends TypeofModel = never,
>(
  ...args: ConstructorArgs<C, V, Self>
) => InstanceType<B> &
  InstanceColumns<C> &
  ModelColumnsBrand<C> &
  ([Self] extends [never] ? unknown : DeclaredRelationships<Self, MappedClassStatics<B, C>>)) &
  MappedClassStatics<B, C>;

/** The statics a mapped class has before its own declarations. */
type MappedClassStatics<B extends AnyCtor, C extends ColumnDecls> = Omit<StaticsOf<B>, keyof C> &
  ColumnAttributes<C> &
  MappedStatics<C>;

/** An abstract model class: not mapped; `.table()` and `.abstract()` make subclasses. */
export type AbstractClass<B extends AnyCtor, C extends ColumnDecls> = (abstract new (
  ...args: any[]
) => InstanceType<B> & InstanceColumns<C>) &
  StaticsOf<B> &
  BaseStatics<C>;

/** The instance type of a mapped class. */
export type InstanceOf<M> = M extends abstract new (...args: any) => infer R ? R : never;
