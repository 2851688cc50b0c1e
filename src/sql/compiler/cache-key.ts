import type { CacheKeyBuilder, Node } from "../node.js";

/** A statement's structural key (values left out) and its bind parameters in walk order. */
export interface CacheKey {
  readonly key: string;
  readonly binds: readonly Node[];
  /** False when something in the statement cannot be cached (the key is then meaningless). */
  readonly cacheable: boolean;
}

class KeyWalker implements CacheKeyBuilder {
  readonly tokens: string[] = [];
  readonly binds: Node[] = [];
  readonly #froms = new Map<Node, number>();
  cacheable = true;

  push(token: string): void {
    this.tokens.push(token);
  }
  node(node: Node | null | undefined): void {
    if (node) node.walk(this);
    else this.tokens.push("~");
  }
  nodes(nodes: readonly Node[]): void {
    for (const n of nodes) n.walk(this);
  }
  bind(bind: Node, token: string): void {
    this.binds.push(bind);
    this.tokens.push(token);
  }
  fromRef(from: Node): void {
    const seen = this.#froms.get(from);
    if (seen !== undefined) {
      this.tokens.push(`#${seen}`);
      return;
    }
    const n = this.#froms.size;
    this.#froms.set(from, n);
    this.tokens.push(`#${n}=`);
    from.walk(this);
  }
  uncacheable(): void {
    this.cacheable = false;
  }
}

/** Walks a statement once: its structural key and binds. */
export function cacheKeyOf(stmt: Node): CacheKey {
  const w = new KeyWalker();
  stmt.walk(w);
  return { key: w.tokens.join("\u0000"), binds: w.binds, cacheable: w.cacheable };
}

const STOP_KINDS = new Set(["select", "compound_select", "textual_select", "insert", "update", "delete"]);

/** Collects the FROMs an expression refers to, without descending into nested SELECTs. */
class FromCollector implements CacheKeyBuilder {
  readonly froms: Node[] = [];
  push(): void {}
  bind(): void {}
  uncacheable(): void {}
  node(node: Node | null | undefined): void {
    if (node && !STOP_KINDS.has(node.kind)) node.walk(this);
  }
  nodes(nodes: readonly Node[]): void {
    for (const n of nodes) this.node(n);
  }
  fromRef(from: Node): void {
    if (!this.froms.includes(from)) this.froms.push(from);
  }
}

/** The FROMs (tables, aliases, subqueries) the given expressions name, in order of appearance. */
export function fromsOf(nodes: readonly (Node | null | undefined)[]): Node[] {
  const c = new FromCollector();
  for (const n of nodes) c.node(n);
  return c.froms;
}
