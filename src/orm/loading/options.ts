import { ArgumentError } from "../../errors.js";
import type { Column } from "../../schema/column.js";
import type { FromClause } from "../../sql/from-clause.js";
import type { CacheKeyBuilder } from "../../sql/node.js";
import { Node } from "../../sql/node.js";
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

/**
 * A loader option: a path of relationships with how each loads, plus column options, e.g.
 * `joinedload(Kit.custodyEvents).selectinload(CustodyEvent.user)`. Options are nodes, so they take
 * part in the statement's cache key.
 */
export class LoaderOption extends Node {
  readonly kind = "loader_option";
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

  joinedload(rel: Relationship, opts?: { innerjoin?: boolean }): LoaderOption {
    return this.#next(rel, "joined", { innerjoin: opts?.innerjoin });
  }
  selectinload(rel: Relationship): LoaderOption {
    return this.#next(rel, "selectin");
  }
  jsonload(rel: Relationship): LoaderOption {
    return this.#next(rel, "json");
  }
  raiseload(rel: Relationship): LoaderOption {
    return this.#next(rel, "raise");
  }
  noload(rel: Relationship): LoaderOption {
    return this.#next(rel, "noload");
  }
  containsEager(rel: Relationship, alias?: FromClause): LoaderOption {
    return this.#next(rel, "contains", { alias: alias ?? null });
  }
  /** Loads only these columns of the entity at the end of the path (plus its primary key). */
  loadOnly(...cols: Column<any, any>[]): LoaderOption {
    return new LoaderOption(this.steps, [
      ...this.columnOptions,
      { depth: this.steps.length, mode: "loadOnly", keys: cols.map((c) => c.key) },
    ]);
  }
  defer(...cols: Column<any, any>[]): LoaderOption {
    return new LoaderOption(this.steps, [
      ...this.columnOptions,
      { depth: this.steps.length, mode: "defer", keys: cols.map((c) => c.key) },
    ]);
  }
  undefer(...cols: Column<any, any>[]): LoaderOption {
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
export function joinedload(rel: Relationship, opts?: { innerjoin?: boolean }): LoaderOption {
  return new LoaderOption([]).joinedload(rel, opts);
}
/** Eager load with one extra `WHERE key IN (...)` query per relationship level. */
export function selectinload(rel: Relationship): LoaderOption {
  return new LoaderOption([]).selectinload(rel);
}
/**
 * Eager load in the parent's query: each parent row carries its related rows as one JSON array
 * (a correlated `json_agg` / `json_group_array` / `JSON_ARRAYAGG` subquery), so a whole path of
 * relationships loads in one statement, e.g. `jsonload(User.posts).jsonload(Post.comments)`.
 */
export function jsonload(rel: Relationship): LoaderOption {
  return new LoaderOption([]).jsonload(rel);
}
/** Reading the relationship raises (the default when not loaded; explicit for documentation). */
export function raiseload(rel: Relationship): LoaderOption {
  return new LoaderOption([]).raiseload(rel);
}
/** The relationship reads as empty and is never loaded. */
export function noload(rel: Relationship): LoaderOption {
  return new LoaderOption([]).noload(rel);
}
/** Fill the relationship from a join the query already has (`join(Kit.custodyEvents)`). */
export function containsEager(rel: Relationship, alias?: FromClause): LoaderOption {
  return new LoaderOption([]).containsEager(rel, alias);
}
/** Load only these columns (and the primary key) of their entity. */
export function loadOnly(...cols: Column<any, any>[]): LoaderOption {
  return new LoaderOption([]).loadOnly(...cols);
}
/** Do not load these columns (reading them raises until refreshed or undeferred). */
export function defer(...cols: Column<any, any>[]): LoaderOption {
  return new LoaderOption([]).defer(...cols);
}
/** Load columns declared `.deferred()`. */
export function undefer(...cols: Column<any, any>[]): LoaderOption {
  return new LoaderOption([]).undefer(...cols);
}
