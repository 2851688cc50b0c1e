/**
 * The module graph the architecture test checks: relative imports of TypeScript sources, with
 * type-only imports told apart from value imports (which TypeScript erases and which cannot make
 * an evaluation-order cycle).
 */

/** One relative import or re-export of a module. */
export interface ImportRef {
  readonly specifier: string;
  /** `import type ...`, `export type ...`, or a list whose every name is marked `type`. */
  readonly typeOnly: boolean;
}

const STATIC = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([^"';]*?)\s*from\s+["'](\.[^"']+)["']/g;
const BARE = /(?:^|[;\n])\s*import\s+["'](\.[^"']+)["']/g;

/** The relative static imports and re-exports of a module's text. */
export function relativeImports(text: string): ImportRef[] {
  const out: ImportRef[] = [];
  for (const m of text.matchAll(STATIC)) {
    const clause = m[3]!.trim();
    const named = /^\{([^}]*)\}$/s.exec(clause);
    const names = named
      ? named[1]!
          .split(",")
          .map((n) => n.trim())
          .filter(Boolean)
      : null;
    const allTypes = names !== null && names.length > 0 && names.every((n) => n.startsWith("type "));
    out.push({ specifier: m[4]!, typeOnly: m[2] !== undefined || allTypes });
  }
  for (const m of text.matchAll(BARE)) out.push({ specifier: m[1]!, typeOnly: false });
  return out;
}

/** `await import(...)` calls in a module's text (dynamic loading; a type `import("x").T` is not one). */
export function awaitedImports(text: string): number {
  return [...text.matchAll(/\bawait\s+import\s*\(/g)].length;
}

/**
 * The cycles of a directed graph: its strongly connected components of more than one node (or a
 * node importing itself), each sorted, found with Tarjan's algorithm.
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
