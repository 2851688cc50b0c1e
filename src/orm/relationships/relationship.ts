import { ArgumentError, MapperConfigurationError } from "../../errors.js";
import type { Column } from "../../schema/column.js";
import type { Table } from "../../schema/table.js";
import { adaptToAlias } from "../../sql/adapt.js";
import {
  and_,
  type ColumnElement,
  type Condition,
  not_,
  type OrderingExpression,
} from "../../sql/elements.js";
import type { FromClause } from "../../sql/from-clause.js";
import { literalColumn } from "../../sql/from-clause.js";
import type { kInstance } from "../../sql/protocols.js";
import { type JoinTargetLike, type JoinTargetSpec, kJoinTarget } from "../../sql/protocols.js";
import { type Exists, exists } from "../../sql/selectable.js";
import { kAlias } from "../declarative/keys.js";
import type { RelationshipKeys } from "../declarative/model-types.js";
import type { Mapper } from "../mapper/mapper.js";
import { stateOf } from "../state/instance-state.js";
import { analyzeJoin, type Direction, type SyncPair } from "./join-conditions.js";

/** A cascade name of `relationship({ cascade })`: "all", "save-update", "merge", "delete", "delete-orphan", ... */
export type CascadeOption =
  | "save-update"
  | "merge"
  | "expunge"
  | "delete"
  | "delete-orphan"
  | "refresh-expire";
/** The default loading of a relationship (`lazy`); nothing ever loads on attribute access. */
export type LazyStrategy = "select" | "raise" | "selectin" | "joined" | "json" | "noload";

type Thunk<T> = T | (() => T);
const resolve = <T>(v: Thunk<T>): T => (typeof v === "function" ? (v as () => T)() : v);
const asList = <T>(v: T | readonly T[]): readonly T[] => (Array.isArray(v) ? (v as readonly T[]) : [v as T]);

/** Options of `relationship(() => Target, options)`, as SQLAlchemy's relationship() arguments. */
export interface RelationshipOptions<T = unknown> {
  /**
   * The relationship on the target that mirrors this one; both sides stay in sync in memory. One
   * of the target's relationship properties (a type error otherwise, where the target is typed).
   */
  backPopulates?: unknown extends T ? string : RelationshipKeys<T>;
  /** "save-update, merge" by default; "all" = save-update, merge, refresh-expire, expunge, delete. */
  cascade?: string;
  /** false: a scalar (one-to-one from the collection side); true: a collection. */
  uselist?: boolean;
  /** The association table of a many-to-many. */
  secondary?: Thunk<Table<any, any>>;
  /** Self-referential: the column(s) on the "remote" side (`() => Node.id` makes it many-to-one). */
  remoteSide?: Thunk<Column<any, any> | readonly Column<any, any>[]>;
  /** The columns that reference the other table, when several foreign key paths exist. */
  foreignKeys?: Thunk<Column<any, any> | readonly Column<any, any>[]>;
  /** An explicit join condition (and secondaryjoin for many-to-many). */
  primaryjoin?: Thunk<ColumnElement<any, any>>;
  secondaryjoin?: Thunk<ColumnElement<any, any>>;
  /** Order of collection members. */
  orderBy?: Thunk<
    ColumnElement<any, any> | OrderingExpression | readonly (ColumnElement<any, any> | OrderingExpression)[]
  >;
  /** Rely on ON DELETE CASCADE: deleting the parent does not load the children. "all" also leaves FKs alone. */
  passiveDeletes?: boolean | "all";
  /** Write this relationship's foreign key with a second UPDATE (breaks insert/delete cycles). */
  postUpdate?: boolean;
  /** Read-only: never written by flush. */
  viewonly?: boolean;
  /** How the relationship loads by default (it never loads on attribute access). */
  lazy?: LazyStrategy;
  /** Joined eager loads with an INNER JOIN (the relationship is never empty). */
  innerjoin?: boolean;
}

function parseCascade(text: string | undefined): Set<CascadeOption> {
  const all: CascadeOption[] = ["save-update", "merge", "refresh-expire", "expunge", "delete"];
  const out = new Set<CascadeOption>();
  const parts = (text ?? "save-update, merge")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const p of parts) {
    if (p === "all") for (const a of all) out.add(a);
    else if (p === "none") continue;
    else if (["save-update", "merge", "expunge", "delete", "delete-orphan", "refresh-expire"].includes(p))
      out.add(p as CascadeOption);
    else
      throw new ArgumentError(
        `Unknown cascade option '${p}'; use a comma-separated list of: all, save-update, merge, expunge, delete, delete-orphan, refresh-expire`,
      );
  }
  return out;
}

/** An `aliased(Model)` of a relationship's target class. */
interface AliasOf<T> {
  readonly [kInstance]: T;
  readonly [kAlias]: FromClause;
}

/**
 * A relationship between mapped classes, declared as a static field:
 * `static custodyEvents = relationship(() => CustodyEvent, { backPopulates: "kit" })`.
 * The static is the class-level handle (joins, comparators, loader options); the instance
 * property (`declare custodyEvents: CustodyEvent[]`) holds the related objects once loaded.
 */
export class Relationship<T = any, Back extends string = string> implements JoinTargetLike {
  declare readonly __target: T;
  /**
   * Type only: the `backPopulates` name, when given. With the target it names the owner (the
   * target's `Back` relationship leads back to it), so loader options tell `Comment.post` from
   * `User.posts` (both `Relationship<Post>`); without `backPopulates`, `string`.
   */
  declare readonly __back?: Back;
  readonly options: RelationshipOptions;
  readonly #targetThunk: () => abstract new (...args: any) => T;
  #configured = false;
  key = "";
  parent!: Mapper;
  target!: Mapper;
  direction!: Direction;
  uselist!: boolean;
  secondary: Table<any, any> | null = null;
  pairs: readonly SyncPair[] = [];
  secondaryPairs: readonly SyncPair[] = [];
  primaryjoin!: ColumnElement<boolean>;
  secondaryjoin: ColumnElement<boolean> | null = null;
  extraCriteria: readonly ColumnElement<any, any>[] = [];
  cascade!: Set<CascadeOption>;
  backref: Relationship | null = null;
  orderBy: readonly (ColumnElement<any, any> | OrderingExpression)[] = [];
  lazy: LazyStrategy;

  constructor(target: () => abstract new (...args: any) => T, options: RelationshipOptions) {
    this.#targetThunk = target;
    this.options = options;
    this.lazy = options.lazy ?? "select";
  }

  get configured(): boolean {
    return this.#configured;
  }

  /** `Kit.custodyEvents`, for messages. */
  toString(): string {
    return this.parent ? `${this.parent.name}.${this.key}` : `relationship(${this.key || "?"})`;
  }

  /** The target class (resolves the thunk). */
  targetClass(): abstract new (...args: any) => T {
    const cls = this.#targetThunk();
    if (typeof cls !== "function") {
      throw new MapperConfigurationError(
        `relationship ${this}: the target thunk returned ${String(cls)}; pass () => TargetClass (declared before first use)`,
      );
    }
    return cls;
  }

  /** @internal Binds the declaration to its parent mapper (called when the parent is mapped). */
  bind(parent: Mapper, key: string): void {
    if (this.parent && this.parent !== parent) {
      throw new MapperConfigurationError(
        `The relationship object of ${this.parent.name}.${this.key} is also assigned to ${parent.name}.${key}; declare a separate relationship() for each class`,
      );
    }
    this.parent = parent;
    this.key = key;
  }

  /** @internal Resolves the target and the join; validates options. */
  configure(targetMapper: Mapper): void {
    if (this.#configured) return;
    const o = this.options;
    this.target = targetMapper;
    this.secondary = o.secondary ? resolve(o.secondary) : null;
    const where = `${this.parent.name}.${this.key}`;
    const analysis = analyzeJoin({
      where,
      parent: this.parent.table,
      target: targetMapper.table,
      secondary: this.secondary,
      foreignKeys: o.foreignKeys ? asList(resolve(o.foreignKeys)) : null,
      remoteSide: o.remoteSide ? asList(resolve(o.remoteSide)) : null,
      primaryjoin: o.primaryjoin ? resolve(o.primaryjoin) : null,
      secondaryjoin: o.secondaryjoin ? resolve(o.secondaryjoin) : null,
    });
    this.direction = analysis.direction;
    this.pairs = analysis.pairs;
    this.secondaryPairs = analysis.secondaryPairs;
    this.primaryjoin = analysis.primaryjoin;
    this.secondaryjoin = analysis.secondaryjoin;
    this.extraCriteria = analysis.extraCriteria;
    this.uselist = o.uselist ?? this.direction !== "MANYTOONE";
    this.cascade = parseCascade(o.cascade);
    if (this.cascade.has("delete-orphan") && this.direction === "MANYTOONE" && !o.uselist) {
      throw new MapperConfigurationError(
        `${where}: delete-orphan cascade is for the one-to-many side (the collection); put it on the relationship that holds the collection, not on the many-to-one ${where}`,
      );
    }
    this.orderBy = o.orderBy ? asList(resolve(o.orderBy)) : [];
    this.#configured = true;
  }

  /** @internal Links backPopulates with the target's mirror relationship. */
  linkBackref(): void {
    const name = this.options.backPopulates;
    if (!name) return;
    const mirror = this.target.relationships.get(name);
    const where = `${this.parent.name}.${this.key}`;
    if (!mirror) {
      const have = [...this.target.relationships.keys()];
      throw new MapperConfigurationError(
        `${where}: backPopulates: "${name}" names no relationship on ${this.target.name}. Declare ` +
          `\`static ${name} = relationship(() => ${this.parent.name}, { backPopulates: "${this.key}" })\` on ${this.target.name}` +
          `${have.length ? `, or use one of its relationships: ${have.join(", ")}` : ""}.`,
      );
    }
    if (mirror.target && mirror.target !== this.parent) {
      throw new MapperConfigurationError(
        `${where}: backPopulates: "${name}" names ${this.target.name}.${name}, which points to ${mirror.target.name}, not ${this.parent.name}`,
      );
    }
    if (mirror.options.backPopulates !== undefined && mirror.options.backPopulates !== this.key) {
      throw new MapperConfigurationError(
        `${where} and ${this.target.name}.${name} disagree: ${this.target.name}.${name} has backPopulates: "${mirror.options.backPopulates}", expected "${this.key}"`,
      );
    }
    this.backref = mirror;
  }

  #requireConfigured(): void {
    if (!this.#configured) this.parent.registry.configure();
  }

  /**
   * The join onto an alias of the target instead of its table:
   * `select(Category).join(Category.children.of(aliased(Category)))`.
   */
  of(alias: AliasOf<T> | FromClause): JoinTargetLike {
    const from = kAlias in alias ? alias[kAlias] : alias;
    return { [kJoinTarget]: () => this.#joinSpec(from) };
  }

  [kJoinTarget](): JoinTargetSpec {
    return this.#joinSpec(null);
  }

  #joinSpec(alias: FromClause | null): JoinTargetSpec {
    this.#requireConfigured();
    const targetTable = this.target.table;
    const to = alias ?? targetTable;
    if (this.secondary) {
      return {
        via: { target: this.secondary, onclause: this.primaryjoin },
        target: to,
        onclause: alias ? adaptToAlias(this.secondaryjoin!, targetTable, alias) : this.secondaryjoin!,
      };
    }
    if (this.#selfReferential && !alias) {
      throw new ArgumentError(
        `${this} joins ${this.parent.name} to itself: join an alias of it, e.g. \`const child = aliased(${this.target.name}); select(${this.parent.name}).join(${this}.of(child))\``,
      );
    }
    return { target: to, onclause: this.joinCondition(this.parent.table, to) };
  }

  /** Whether parent and target are the same table (a tree): join conditions need an alias. */
  get #selfReferential(): boolean {
    return this.parent.table === this.target.table;
  }

  /**
   * @internal The ON clause from `parentFrom` (the parent's table or an alias of it) to
   * `targetFrom` (the target's table or an alias), for relationships without a secondary table.
   * Self-referential relationships are rebuilt from their column pairs: adapting the one table
   * to an alias would move both sides of each comparison onto the alias.
   */
  joinCondition(parentFrom: FromClause, targetFrom: FromClause): ColumnElement<boolean> {
    this.#requireConfigured();
    const parentTable = this.parent.table;
    const targetTable = this.target.table;
    if (!this.#selfReferential) {
      let on: ColumnElement<any, any> = this.extraCriteria.length
        ? and_(this.primaryjoin, ...this.extraCriteria)
        : this.primaryjoin;
      if (parentFrom !== parentTable) on = adaptToAlias(on, parentTable, parentFrom);
      if (targetFrom !== targetTable) on = adaptToAlias(on, targetTable, targetFrom);
      return on as ColumnElement<boolean>;
    }
    const local = (c: Column<any, any>) =>
      (parentFrom === parentTable ? c : parentFrom.correspondingColumn(c)!) as Column<any, any>;
    const remote = (c: Column<any, any>) =>
      (targetFrom === targetTable ? c : targetFrom.correspondingColumn(c)!) as Column<any, any>;
    // One-to-many: the parent's key is referenced by the (remote) child; many-to-one: the reverse.
    const terms: ColumnElement<any, any>[] = this.pairs.map((p) =>
      this.direction === "ONETOMANY"
        ? local(p.referenced).eq(remote(p.referencing) as never)
        : local(p.referencing).eq(remote(p.referenced) as never),
    );
    // Extra criteria of a custom primaryjoin filter the target (see analyzeCustomJoin).
    for (const e of this.extraCriteria)
      terms.push(targetFrom === targetTable ? e : adaptToAlias(e, targetTable, targetFrom));
    return and_(...terms) as ColumnElement<boolean>;
  }

  /** The EXISTS a comparator builds: related rows matching `criterion`. */
  #exists(criterion?: ColumnElement<any, any>): Exists {
    this.#requireConfigured();
    if (!this.secondary && this.#selfReferential) {
      // The related rows come from an alias of the table the outer query correlates.
      const related = this.target.table.alias();
      const conds: ColumnElement<any, any>[] = [this.joinCondition(this.parent.table, related)];
      if (criterion) conds.push(adaptToAlias(criterion, this.target.table, related));
      return exists(literalColumn("1"))
        .selectFrom(related)
        .where(...conds)
        .correlate(this.parent.table);
    }
    const conds: ColumnElement<any, any>[] = [this.primaryjoin, ...this.extraCriteria];
    if (this.secondaryjoin) conds.push(this.secondaryjoin);
    if (criterion) conds.push(criterion);
    const froms = this.secondary ? [this.target.table, this.secondary] : [this.target.table];
    return exists(literalColumn("1"))
      .selectFrom(...froms)
      .where(...conds)
      .correlate(this.parent.table);
  }

  /** Collections: parents with at least one related row (matching `criterion`). */
  any(criterion?: Condition): ColumnElement<boolean> {
    this.#requireConfigured();
    if (!this.uselist)
      throw new ArgumentError(
        `${this}.any() is for collections; use ${this}.has() for a scalar relationship`,
      );
    return this.#exists(criterion);
  }

  /** Scalars: parents whose related object exists (and matches `criterion`). */
  has(criterion?: Condition): ColumnElement<boolean> {
    this.#requireConfigured();
    if (this.uselist)
      throw new ArgumentError(
        `${this}.has() is for scalar relationships; use ${this}.any() for a collection`,
      );
    return this.#exists(criterion);
  }

  /** Many-to-one: rows related to `obj` (`CustodyEvent.kit.eq(kit)`); `eq(null)` for none. */
  eq(obj: T | null): ColumnElement<boolean> {
    this.#requireConfigured();
    if (this.direction !== "MANYTOONE")
      throw new ArgumentError(
        `${this}.eq(obj) compares many-to-one relationships; for collections use ${this}.any(...)`,
      );
    if (obj === null) return and_(...this.pairs.map((p) => p.referencing.isNull())) as ColumnElement<boolean>;
    const st = stateOf(obj);
    if (!st) throw new ArgumentError(`${this}.eq() takes an instance of ${this.target.name}`);
    return and_(
      ...this.pairs.map((p) => p.referencing.eq((obj as Record<string, unknown>)[p.referenced.key] as never)),
    ) as ColumnElement<boolean>;
  }

  /** Negation of eq(). */
  ne(obj: T | null): ColumnElement<boolean> {
    return not_(this.eq(obj));
  }
}

/**
 * Declares a relationship to the class `target()` returns (a thunk, so classes may refer to each
 * other in any order): `static kit = relationship(() => Kit, { backPopulates: "custodyEvents" })`.
 */
export function relationship<T, const Back extends string = string>(
  target: () => { readonly prototype: T },
  options: RelationshipOptions<NoInfer<T>> & { backPopulates?: Back } = {},
): Relationship<T, Back> {
  return new Relationship(target as () => abstract new (...args: any) => T, options as RelationshipOptions);
}
