import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

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
});
