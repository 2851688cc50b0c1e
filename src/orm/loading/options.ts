import { ArgumentError } from "../../errors.js";
import type { BuilderValue, Column } from "../../schema/column.js";
import type { FromClause } from "../../sql/from-clause.js";
import type { CacheKeyBuilder } from "../../sql/node.js";
import { Node } from "../../sql/node.js";
import type { kAppliesTo } from "../../sql/protocols.js";
import type { ColumnsOfInstance, RelationshipTargets } from "../declarative/model-types.js";
import type { Relationship } from "../relationships/relationship.js";

export type LoadStrategy = "joined" | "selectin" | "json" | "raise" | "noload" | "select" | "contains";

export interface LoadStep {
  readonly rel: Relationship;
  readonly strategy: LoadStrategy;
  /** For joinedload: INNER JOIN instead of LEFT OUTER JOIN. */
  readonly innerjoin?: boolean;
  /** For containsEager: the alias the query joined the target as. */
  readonly alias?: FromClause | null;
}

export type ColumnMode = "loadOnly" | "defer" | "undefer";

export interface ColumnOption {
  /** How many relationship steps of the path this applies under (0: the queried entity). */
  readonly depth: number;
  readonly mode: ColumnMode;
  readonly keys: readonly string[];
}

type IsAny<T> = 0 extends 1 & T ? true : false;

/** What may follow a path ending at instances `Leaf`: one of their relationships' targets. */
type NextTarget<Leaf> = IsAny<Leaf> extends true ? any : RelationshipTargets<Leaf>;

/** A column of instances `Leaf` (any column when the path's end is not known statically). */
type ColumnOf<Leaf> =
  IsAny<Leaf> extends true
    ? Column<any, any>
    : {
        [K in keyof ColumnsOfInstance<Leaf> & string]: Column<
          BuilderValue<ColumnsOfInstance<Leaf>[K]>,
          any,
          K
        >;
      }[keyof ColumnsOfInstance<Leaf> & string];

/** The instance shape a set of columns implies: `{ title: string }` for `Post.title`. */
type ColumnsShape<Cs extends readonly Column<any, any>[]> = {
  readonly [C in Cs[number] as C extends Column<any, any, infer K>
    ? string extends K
      ? never
      : K
    : never]: C extends Column<infer V, any> ? V : never;
};

/**
 * A loader option: a path of relationships with how each loads, plus column options, e.g.
 * `joinedload(Kit.custodyEvents).selectinload(CustodyEvent.user)`. Options are nodes, so they take
 * part in the statement's cache key.
 */
export class LoaderOption<Root = any, Leaf = any, First = any> extends Node {
  readonly kind = "loader_option";
  /**
   * Type only: `options()` of a statement selecting one entity takes the option if that entity has
   * the option's columns (`Root`: their keys and types) and the option's first relationship
   * (`First`, a `Relationship<T>` that must be one of the entity's statics), so
   * `select(User).options(loadOnly(Post.title))` and `select(User).options(joinedload(Post.author))`
   * are type errors. Column options alone have `First = never` (nothing to check). Relationships
   * are told apart by target and backPopulates name: Comment.post (`Relationship<Post, "comments">`)
   * fails where User.posts (`Relationship<Post, "author">`) is expected; without backPopulates, by
   * target only.
   */
  declare readonly [kAppliesTo]?: (entity: Root) => First;
  readonly steps: readonly LoadStep[];
  readonly columnOptions: readonly ColumnOption[];

  constructor(steps: readonly LoadStep[], columnOptions: readonly ColumnOption[] = []) {
    super();
    this.steps = steps;
    this.columnOptions = columnOptions;
  }

  #next(rel: Relationship, strategy: LoadStrategy, extra: Partial<LoadStep> = {}): LoaderOption {
    const last = this.steps.at(-1);
    if (last?.rel.configured && rel.configured && last.rel.target !== rel.parent) {
      throw new ArgumentError(
        `${rel} does not follow ${last.rel}: it belongs to ${rel.parent.name}, but ${last.rel} leads to ${last.rel.target.name}`,
      );
    }
    return new LoaderOption([...this.steps, { rel, strategy, ...extra }], this.columnOptions);
  }

  joinedload<T extends NextTarget<Leaf>>(
    rel: Relationship<T>,
    opts?: { innerjoin?: boolean },
  ): LoaderOption<Root, T, First> {
    return this.#next(rel, "joined", { innerjoin: opts?.innerjoin });
  }
  selectinload<T extends NextTarget<Leaf>>(rel: Relationship<T>): LoaderOption<Root, T, First> {
    return this.#next(rel, "selectin");
  }
  jsonload<T extends NextTarget<Leaf>>(rel: Relationship<T>): LoaderOption<Root, T, First> {
    return this.#next(rel, "json");
  }
  raiseload<T extends NextTarget<Leaf>>(rel: Relationship<T>): LoaderOption<Root, T, First> {
    return this.#next(rel, "raise");
  }
  noload<T extends NextTarget<Leaf>>(rel: Relationship<T>): LoaderOption<Root, T, First> {
    return this.#next(rel, "noload");
  }
  containsEager<T extends NextTarget<Leaf>>(
    rel: Relationship<T>,
    alias?: FromClause,
  ): LoaderOption<Root, T, First> {
    return this.#next(rel, "contains", { alias: alias ?? null });
  }
  /** Loads only these columns of the entity at the end of the path (plus its primary key). */
  loadOnly(...cols: ColumnOf<Leaf>[]): LoaderOption<Root, Leaf, First> {
    return new LoaderOption(this.steps, [
      ...this.columnOptions,
      { depth: this.steps.length, mode: "loadOnly", keys: cols.map((c) => c.key) },
    ]);
  }
  defer(...cols: ColumnOf<Leaf>[]): LoaderOption<Root, Leaf, First> {
    return new LoaderOption(this.steps, [
      ...this.columnOptions,
      { depth: this.steps.length, mode: "defer", keys: cols.map((c) => c.key) },
    ]);
  }
  undefer(...cols: ColumnOf<Leaf>[]): LoaderOption<Root, Leaf, First> {
    return new LoaderOption(this.steps, [
      ...this.columnOptions,
      { depth: this.steps.length, mode: "undefer", keys: cols.map((c) => c.key) },
    ]);
  }

  walk(key: CacheKeyBuilder): void {
    key.push(
      `load(${this.steps.map((s) => `${s.rel.parent?.id ?? "?"}.${s.rel.key}:${s.strategy}${s.innerjoin ? ":inner" : ""}`).join("/")}|${this.columnOptions
        .map((c) => `${c.depth}:${c.mode}:${c.keys.join(",")}`)
        .join(";")})`,
    );
    for (const s of this.steps) if (s.alias) key.fromRef(s.alias);
  }
}

/** Eager load with a LEFT OUTER JOIN in the same query (rows de-duplicated). */
export function joinedload<T, B extends string>(
  rel: Relationship<T, B>,
  opts?: { innerjoin?: boolean },
): LoaderOption<unknown, T, Relationship<T, B>> {
  return new LoaderOption([]).joinedload(rel, opts);
}
/** Eager load with one extra `WHERE key IN (...)` query per relationship level. */
export function selectinload<T, B extends string>(
  rel: Relationship<T, B>,
): LoaderOption<unknown, T, Relationship<T, B>> {
  return new LoaderOption([]).selectinload(rel);
}
/**
 * Eager load in the parent's query: each parent row carries its related rows as one JSON array
 * (a correlated `json_agg` / `json_group_array` / `JSON_ARRAYAGG` subquery), so a whole path of
 * relationships loads in one statement, e.g. `jsonload(User.posts).jsonload(Post.comments)`.
 */
export function jsonload<T, B extends string>(
  rel: Relationship<T, B>,
): LoaderOption<unknown, T, Relationship<T, B>> {
  return new LoaderOption([]).jsonload(rel);
}
/** Reading the relationship raises (the default when not loaded; explicit for documentation). */
export function raiseload<T, B extends string>(
  rel: Relationship<T, B>,
): LoaderOption<unknown, T, Relationship<T, B>> {
  return new LoaderOption([]).raiseload(rel);
}
/** The relationship reads as empty and is never loaded. */
export function noload<T, B extends string>(
  rel: Relationship<T, B>,
): LoaderOption<unknown, T, Relationship<T, B>> {
  return new LoaderOption([]).noload(rel);
}
/** Fill the relationship from a join the query already has (`join(Kit.custodyEvents)`). */
export function containsEager<T, B extends string>(
  rel: Relationship<T, B>,
  alias?: FromClause,
): LoaderOption<unknown, T, Relationship<T, B>> {
  return new LoaderOption([]).containsEager(rel, alias);
}
/** Load only these columns (and the primary key) of their entity. */
export function loadOnly<const Cs extends readonly Column<any, any>[]>(
  ...cols: Cs
): LoaderOption<ColumnsShape<Cs>, any, never> {
  return new LoaderOption<unknown, any, never>([]).loadOnly(...cols);
}
/** Do not load these columns (reading them raises until refreshed or undeferred). */
export function defer<const Cs extends readonly Column<any, any>[]>(
  ...cols: Cs
): LoaderOption<ColumnsShape<Cs>, any, never> {
  return new LoaderOption<unknown, any, never>([]).defer(...cols);
}
/** Load columns declared `.deferred()`. */
export function undefer<const Cs extends readonly Column<any, any>[]>(
  ...cols: Cs
): LoaderOption<ColumnsShape<Cs>, any, never> {
  return new LoaderOption<unknown, any, never>([]).undefer(...cols);
}
