/**
 * What the built package shows users: its entry points export the user's API only, and no single
 * underscore member (an internal slot such as `_executorCache` or `_prepared`) reaches the emitted types
 * (double-underscore names are SQLAlchemy's public `__table__` / `__mapper__` and type-only brands).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const DIST = resolve(import.meta.dirname, "../../dist");
const ENTRIES = ["index", "migrate/index"];

/** Names that were exported once and are internals: lookups, comparators, compiler classes, symbols. */
const INTERNAL = [
  "cacheKeyOf",
  "typesMatch",
  "expressionsMatch",
  "serverDefaultsMatch",
  "referentialActionsMatch",
  "normalizeDefaultSql",
  "typeStorageKey",
  "configuredMapper",
  "mapperFor",
  "toType",
  "adapt",
  "adaptToAlias",
  "joinCondition",
  "exportedColumns",
  "SqlCompiler",
  "DdlCompiler",
  "CallableValue",
  "Precedence",
  "NULLTYPE",
  "SUPPORTED_URLS",
  "truncateName",
  "snakeCase",
];

function* declarations(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* declarations(path);
    else if (path.endsWith(".d.ts")) yield path;
  }
}

describe("the built package's public surface (run after npm run build)", () => {
  it("exports no internals from its entry points", async () => {
    for (const entry of ENTRIES) {
      const names = Object.keys(await import(join(DIST, `${entry}.js`)));
      expect(names.length).toBeGreaterThan(50);
      expect(names.filter((n) => INTERNAL.includes(n) || /^k[A-Z]/.test(n) || n.startsWith("_"))).toEqual([]);
    }
  });

  it("has no underscore members in its declarations", () => {
    const found: string[] = [];
    for (const file of declarations(DIST)) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(
        /^\s+(?:readonly |static |protected |get |set )*(_(?!_)\w+)\??\s*[:(<]/gm,
      )) {
        found.push(`${relative(DIST, file)}: ${m[1]}`);
      }
    }
    expect(found).toEqual([]);
  });
});
