/**
 * The base of every node in the expression tree. Nodes are immutable: builder methods return new
 * nodes. `kind` is the discriminant the compiler dispatches on; `walk` feeds the structural cache
 * key (values excluded) and collects bind parameters in a stable order.
 */
export interface CacheKeyBuilder {
  /** Appends a structural token. */
  push(token: string): void;
  /** Visits a child node. */
  node(node: Node | null | undefined): void;
  /** Visits a list of child nodes. */
  nodes(nodes: readonly Node[]): void;
  /** Registers a bind parameter (its value is excluded from the key). */
  bind(bind: Node, token: string): void;
  /**
   * Refers to a FROM (table, alias, subquery): walked in full the first time, then by ordinal, so
   * columns can name their FROM cheaply and anonymous aliases stay distinct.
   */
  fromRef(from: Node): void;
  /** Marks the statement as not cacheable (e.g. a bind rendered inline). */
  uncacheable(): void;
}

export abstract class Node {
  abstract readonly kind: string;
  /**
   * @internal The compiled form of this statement, left by the dialect that prepared it (a slot
   * instead of a WeakMap: a statement built per request is prepared once and then dropped, and
   * two WeakMap entries per statement cost more than the lookup they save).
   */
  _prepared: unknown = undefined;
  /** Writes this node's structure into the cache key. */
  abstract walk(key: CacheKeyBuilder): void;
}

export function isNode(value: unknown): value is Node {
  return value instanceof Node;
}
