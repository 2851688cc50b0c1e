import type { ColumnElement } from "./elements.js";
import type { FromClause } from "./from-clause.js";

/**
 * Protocols by which higher layers (the ORM) plug their objects into Core statements without
 * Core importing them: a mapped class is usable in `select(Kit)` and `join(Kit)`, a relationship
 * in `join(Kit.custodyEvents)`.
 */
export const kEntity: unique symbol = Symbol.for("athanor.entity");
export const kJoinTarget: unique symbol = Symbol.for("athanor.joinTarget");
/** Phantom keys, typed and never set: the row items a statement yields, and the instance type of an aliased entity. */
export const kItems: unique symbol = Symbol.for("athanor.items");
export const kInstance: unique symbol = Symbol.for("athanor.instance");
/** Phantom key of a statement option (an ORM loader option): which selected entity it applies to. */
export const kAppliesTo: unique symbol = Symbol.for("athanor.appliesTo");
/** Phantom key (no value at run time) of an aliased entity's type: the model class it stands for. */
export declare const kEntityClass: unique symbol;

/** What an entity contributes to a SELECT: the FROM it reads and the columns it loads. */
export interface EntityColumns {
  readonly from: FromClause;
  readonly columns: readonly ColumnElement<any, any>[];
  /** A stable description for cache keys (e.g. the mapper's name and options). */
  readonly cacheToken: string;
  /** The object given to select(), kept for the ORM's row processing. */
  readonly entity: object;
}

/** A model class or an aliased() model: something select() and joins accept as an entity. */
export interface EntityLike {
  readonly [kEntity]: EntityColumns;
}

/** What a relationship contributes to a join: the target FROM and the ON clause. */
export interface JoinTargetSpec {
  readonly target: FromClause;
  readonly onclause: ColumnElement<any, any>;
  /** Extra joins needed first (many-to-many joins go through the secondary table). */
  readonly via?: { readonly target: FromClause; readonly onclause: ColumnElement<any, any> };
}

/** Something `.join()` accepts as its target with its own ON clause (a relationship attribute). */
export interface JoinTargetLike {
  [kJoinTarget](left?: FromClause): JoinTargetSpec;
}

export function isEntityLike(value: unknown): value is EntityLike {
  return (typeof value === "function" || typeof value === "object") && value !== null && kEntity in value;
}

export function isJoinTargetLike(value: unknown): value is JoinTargetLike {
  return typeof value === "object" && value !== null && kJoinTarget in value;
}
