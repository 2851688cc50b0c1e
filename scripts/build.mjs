#!/usr/bin/env node
// The build: dist/ gets the package's entry points as bundled ES modules, and tsc's declarations.
//
// - tsc -p tsconfig.build.json --emitDeclarationOnly: one .d.ts per source file with its declaration
//   map, `@internal` members stripped, as before.
// - esbuild bundles the entry points (the exports of package.json, and the CLI that bin/athanor.js runs)
//   with code splitting: code that several entry points use lives once, in dist/chunks/, so `athanor`,
//   `athanor/migrate` and the integrations share one copy of every class (instanceof and the mapper
//   registry hold across them). Packages stay external (drivers are peer dependencies, loaded by
//   src/dialects/driver.ts on first connect). Names are kept (esbuild renames clashing top-level names
//   inside a bundle; class and function names show in errors and stack traces), the code is not
//   minified, and the source maps point at src/ with the sources inlined (src/ is not shipped).
//
// Why bundle: a cold start (a fresh node to the first query, bench/src/lib/coldstart.ts) spent most of its
// time loading the 165 modules of the root entry one by one (resolve, stat, read, compile, link each);
// the bundle loads in a few files. Figures in the commit that introduced this script.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const dist = join(root, "dist");

/** The entry points: package.json's exports, and the CLI (bin/athanor.js imports dist/migrate/cli/main.js). */
const ENTRY_POINTS = [
  "src/index.ts",
  "src/migrate/index.ts",
  "src/migrate/cli/main.ts",
  "src/integrations/zod/index.ts",
  "src/integrations/express/index.ts",
  "src/integrations/fastify/index.ts",
  "src/integrations/hono/index.ts",
];

rmSync(dist, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--emitDeclarationOnly"],
  { cwd: root, stdio: "inherit" },
);
const result = await build({
  absWorkingDir: root,
  entryPoints: ENTRY_POINTS,
  outbase: "src",
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  packages: "external",
  keepNames: true,
  sourcemap: "linked",
  sourcesContent: true,
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
});
for (const entry of ENTRY_POINTS) {
  const out = join(root, entry.replace(/^src\//, "dist/").replace(/\.ts$/, ".js"));
  if (!existsSync(out)) throw new Error(`build: ${entry} was not bundled into ${out}`);
}
const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".js"));
console.log(
  `build: ${files.length} ES modules (${ENTRY_POINTS.length} entry points) and the declarations in dist/`,
);
