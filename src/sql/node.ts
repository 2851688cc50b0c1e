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
   * @internal The compiled form of this statement, left by the dialect that prepared it. A slot,
   * not a WeakMap in the dialect: a statement built per call is prepared once and dropped, and
   * with the WeakMap 2,000 Core selects built per call took 1.19x the CPU time (14.4 ms against
   * 12.0 ms, median of 41 interleaved rounds of bench/micro/statement-caches.ts on SQLite).
   */
  _prepared: unknown = undefined;
  /** Writes this node's structure into the cache key. */
  abstract walk(key: CacheKeyBuilder): void;
}

export function isNode(value: unknown): value is Node {
  return value instanceof Node;
}
