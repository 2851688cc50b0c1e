import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../../src");
const IMPORT = /(?:import|export)\s[^"']*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
const FRAMEWORKS = /^(express|fastify|hono|zod|@hono\/|@fastify\/)/;

/** Every module the file reaches through relative imports, and the packages they name. */
function graph(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      if (spec.startsWith(".")) todo.push(resolve(dirname(file), spec).replace(/\.js$/, ".ts"));
      else packages.set(spec, file);
    }
  }
  return { files, packages };
}

describe("entry points and their peer dependencies", () => {
  it("the root entry reaches no web framework or validator, not even for types", () => {
    const { files, packages } = graph(resolve(SRC, "index.ts"));
    expect(files.size).toBeGreaterThan(50);
    const framework = [...packages].filter(([p]) => FRAMEWORKS.test(p));
    expect(framework).toEqual([]);
    expect([...files].some((f) => f.includes("/integrations/"))).toBe(false);
    // The web helpers are there all the same.
    expect([...files].some((f) => f.endsWith("orm/web/index.ts"))).toBe(true);
  });

  it("each framework subpath imports its own framework only", () => {
    for (const [entry, own] of [
      ["express", /^express$/],
      ["fastify", /^fastify$/],
      ["hono", /^hono(\/|$)/],
    ] as const) {
      const { packages } = graph(resolve(SRC, `integrations/${entry}/index.ts`));
      const framework = [...packages.keys()].filter((p) => FRAMEWORKS.test(p));
      expect(framework.length, entry).toBeGreaterThan(0);
      expect(
        framework.filter((p) => !own.test(p)),
        entry,
      ).toEqual([]);
    }
  });
});
