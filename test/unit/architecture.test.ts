import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { awaitedImports, findCycles, relativeImports } from "../support/import-graph.js";

/** Layers, lowest first: a module may import only from its own layer or lower ones. */
const LAYERS = ["errors", "sql", "schema", "dialects", "engine", "orm", "migrate", "integrations"] as const;
const SRC = resolve(import.meta.dirname, "../../src");

function layerOf(file: string): number {
  const rel = relative(SRC, file).replace(/\\/g, "/");
  const top = rel.split("/")[0]!.replace(/\.ts$/, "");
  return LAYERS.indexOf(top as (typeof LAYERS)[number]);
}

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (p.endsWith(".ts")) yield p;
  }
}

const IMPORT = /(?:import|export)\s[^"']*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;

describe("architecture", () => {
  it("imports point downwards only (sql <- schema <- dialects <- engine <- orm <- migrate), and migrate never imports orm", () => {
    const violations: string[] = [];
    for (const file of sources(SRC)) {
      const from = layerOf(file);
      if (from < 0) continue;
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(IMPORT)) {
        const target = resolve(file, "..", m[1] ?? m[2]!);
        const to = layerOf(target);
        if (to < 0) continue;
        const migrateToOrm = LAYERS[from] === "migrate" && LAYERS[to] === "orm";
        if (to > from || migrateToOrm)
          violations.push(
            `${relative(SRC, file)} imports ${relative(SRC, target)} (${LAYERS[from]} -> ${LAYERS[to]})`,
          );
      }
    }
    expect(violations).toEqual([]);
  });

  it("src/orm has no value-import cycle (type-only imports are erased and allowed)", () => {
    const ORM = join(SRC, "orm");
    const graph = new Map<string, string[]>();
    for (const file of sources(ORM)) {
      const deps = relativeImports(readFileSync(file, "utf8"))
        .filter((i) => !i.typeOnly)
        .map((i) => resolve(file, "..", i.specifier).replace(/\.js$/, ".ts"))
        .filter((target) => target.startsWith(ORM));
      graph.set(file, deps);
    }
    expect(graph.size).toBeGreaterThan(40);
    expect(findCycles(graph).map((c) => c.map((f) => relative(SRC, f)))).toEqual([]);
  });

  it("src has no await import() but for optional drivers and user files", () => {
    const allowed = new Set(["dialects/driver.ts", "migrate/loader/user-modules.ts"]);
    const found: string[] = [];
    for (const file of sources(SRC)) {
      const rel = relative(SRC, file).replace(/\\/g, "/");
      if (!allowed.has(rel) && awaitedImports(readFileSync(file, "utf8")) > 0) found.push(rel);
    }
    expect(found).toEqual([]);
  });
  it("outside src/migrate, no module imports a Node built-in that is slow to load (they are loaded where used)", () => {
    // node:net and node:crypto cost every process ~3 and ~4 ms of CPU at import, SQLite ones included;
    // an ES import of node:fs loads node's streams (~1 ms).
    const slow =
      /^import\s+(?!type\s)[^;]*?from\s+["']node:(fs|net|tls|crypto|stream|http|https|http2|zlib|child_process|worker_threads)["']/gm;
    const found: string[] = [];
    for (const file of sources(SRC)) {
      const rel = relative(SRC, file).replace(/\\/g, "/");
      if (rel.startsWith("migrate/")) continue;
      for (const m of readFileSync(file, "utf8").matchAll(slow)) found.push(`${rel}: node:${m[1]}`);
    }
    expect(found).toEqual([]);
  });
});

describe("import graph checks", () => {
  it("findCycles reports each cycle once, sorted, and nothing for an acyclic graph", () => {
    const cyclic = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a", "d"]],
      ["d", []],
      ["e", ["a", "e"]],
    ]);
    expect(findCycles(cyclic)).toEqual([["a", "b", "c"], ["e"]]);
    const acyclic = new Map([
      ["a", ["b", "c"]],
      ["b", ["c"]],
      ["c", []],
    ]);
    expect(findCycles(acyclic)).toEqual([]);
  });

  it("relativeImports tells type-only imports from value imports", () => {
    const text = [
      'import type { A } from "./a.js";',
      'import { type B, b } from "./b.js";',
      'import {\n  type C,\n  type D,\n} from "./c.js";',
      'export type { E } from "./e.js";',
      'export * from "./f.js";',
      'import "./g.js";',
      'import { h } from "node:path";',
      'import * as i from "../i.js";',
    ].join("\n");
    expect(relativeImports(text)).toEqual([
      { specifier: "./a.js", typeOnly: true },
      { specifier: "./b.js", typeOnly: false },
      { specifier: "./c.js", typeOnly: true },
      { specifier: "./e.js", typeOnly: true },
      { specifier: "./f.js", typeOnly: false },
      { specifier: "../i.js", typeOnly: false },
      { specifier: "./g.js", typeOnly: false },
    ]);
  });

  it("awaitedImports counts await import() calls, not import() types", () => {
    expect(awaitedImports('const m = await import("./x.js"); type T = import("./y.js").Y;')).toBe(1);
    expect(awaitedImports("let t: typeof import('pg');")).toBe(0);
  });
});
