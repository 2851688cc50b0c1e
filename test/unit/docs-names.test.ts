/**
 * The README, the docs and the examples import no name from athanor that shadows a JavaScript
 * global: `import { String } from "athanor"` breaks `String(n).padStart(...)` in that module.
 * They use VARCHAR, BOOLEAN and DATE (or a namespace import) instead.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const GLOBALS = new Set([
  ...Object.getOwnPropertyNames(globalThis),
  // ECMAScript globals newer than this Node.js.
  "Iterator",
  "Temporal",
]);

function* files(dir: string, test: (path: string) => boolean): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path, test);
    else if (test(path)) yield path;
  }
}

/** The code of a file: a source file whole, a Markdown file's fenced JS/TS blocks. */
function codeOf(path: string): string {
  const text = readFileSync(path, "utf8");
  if (!path.endsWith(".md")) return text;
  const blocks = [...text.matchAll(/```(?:ts|typescript|js|javascript|mjs|cjs|tsx)\n([\s\S]*?)```/g)];
  return blocks.map((m) => m[1]).join("\n");
}

/** Local names bound from athanor's entry points by imports and destructured requires. */
function importedNames(code: string): string[] {
  const names: string[] = [];
  const lists = [
    ...code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*["']athanor(?:\/[\w-]+)?["']/g),
    ...code.matchAll(
      /(?:const|let|var)\s*\{([^}]*)\}\s*=\s*(?:require\(\s*["']athanor(?:\/[\w-]+)?["']\s*\)|athanor)/g,
    ),
  ];
  for (const m of lists) {
    for (const item of m[1]!.split(",")) {
      const spec = item
        .replace(/\/\/.*$/gm, "")
        .trim()
        .replace(/^type\s+/, "");
      if (!spec) continue;
      const local = spec
        .split(/\s+as\s+|\s*:\s*/)
        .pop()!
        .trim();
      names.push(local);
    }
  }
  return names;
}

describe("names in the README, docs and examples", () => {
  it("finds imports to check (the scan is not empty)", () => {
    expect(
      importedNames(
        'import { column, String as S } from "athanor";\nconst { VARCHAR } = require("athanor");',
      ),
    ).toEqual(["column", "S", "VARCHAR"]);
    expect(importedNames(codeOf(join(ROOT, "README.md"))).length).toBeGreaterThan(10);
  });

  it("import nothing from athanor that shadows a JavaScript global", () => {
    const sources = [
      join(ROOT, "README.md"),
      ...files(join(ROOT, "docs"), (p) => p.endsWith(".md")),
      ...files(join(ROOT, "examples"), (p) => /\.(ts|mts|cts|js|mjs|cjs|md)$/.test(p)),
    ];
    const shadowing: string[] = [];
    for (const path of sources) {
      for (const name of importedNames(codeOf(path))) {
        if (GLOBALS.has(name)) shadowing.push(`${relative(ROOT, path)}: ${name}`);
      }
    }
    expect(shadowing).toEqual([]);
  });
});
