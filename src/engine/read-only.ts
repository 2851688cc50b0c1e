import type { CacheKeyBuilder, Node } from "../sql/node.js";

/** Statements that write; a SELECT containing one (a data-modifying CTE) is not a read. */
const WRITES = new Set(["insert", "update", "delete"]);

/**
 * Functions known not to write or lock: a SELECT using only these may run before BEGIN.
 * now() / CURRENT_TIMESTAMP are left out on purpose: inside a transaction they return its start
 * time, so two reads of now() in one transaction agree; run before BEGIN they would not.
 */
const PURE_FUNCTIONS = new Set([
  "count",
  "sum",
  "avg",
  "min",
  "max",
  "coalesce",
  "lower",
  "upper",
  "length",
  "abs",
  "round",
  "concat",
  "row_number",
  "rank",
  "dense_rank",
  "lag",
  "lead",
  "bool",
  "nullif",
  "greatest",
  "least",
  "trim",
  "substr",
  "substring",
  "replace",
  "date_trunc",
  "extract",
  "json_agg",
  "jsonb_agg",
  "array_agg",
  "string_agg",
  "bool_and",
  "bool_or",
  "every",
  "floor",
  "ceil",
  "mod",
]);

class Checker implements CacheKeyBuilder {
  safe = true;
  push(): void {}
  bind(): void {}
  uncacheable(): void {}
  fromRef(from: Node): void {
    if (this.safe) from.walk(this);
  }
  nodes(nodes: readonly Node[]): void {
    for (const n of nodes) this.node(n);
  }
  node(node: Node | null | undefined): void {
    if (!node || !this.safe) return;
    if (node.kind === "function" && !PURE_FUNCTIONS.has((node as unknown as { name: string }).name)) {
      this.safe = false;
      return;
    }
    if (node.kind === "text" || node.kind === "textual_select" || WRITES.has(node.kind)) {
      this.safe = false;
      return;
    }
    // literalColumn("nextval('s')"): SQL written by hand may call anything.
    if (node.kind === "column" && (node as unknown as { isLiteral: boolean }).isLiteral) {
      this.safe = false;
      return;
    }
    if (node.kind === "select" && (node as unknown as { state: { forUpdate: unknown } }).state.forUpdate) {
      this.safe = false;
      return;
    }
    node.walk(this);
  }
}

/**
 * Whether a statement only reads, so that under READ COMMITTED it may run before the
 * transaction's BEGIN with the same result (each statement takes its own snapshot there).
 */
export function isPlainRead(stmt: Node): boolean {
  if (stmt.kind !== "select" && stmt.kind !== "compound_select") return false;
  const c = new Checker();
  c.node(stmt);
  return c.safe;
}
