#!/usr/bin/env node
// The build: dist/ gets the package's entry points as bundled ES modules, and tsc's declarations.
//
// - tsc -p tsconfig.build.json --emitDeclarationOnly: one .d.ts per source file with its declaration
//   map, `@internal` members stripped, as before.
// - esbuild bundles the entry points (the exports of package.json, and the CLI that bin/athanor.js runs)
//   with code splitting: code that several entry points use lives once, in dist/chunks/, so `athanor`,
//   `athanor/migrate` and the integrations share one copy of every class (instanceof and the mapper
//   registry hold across them). Packages stay external (drivers are peer dependencies, loaded by
//   src/dialects/driver.ts on first connect). The code is not minified, and the source maps point at
//   src/ with the sources inlined (src/ is not shipped).
// - Names: inside a bundle esbuild renames a name that clashes with another (the SQL type `String`
//   with the global, say: `String2`), and the function's `.name` (what a stack trace shows) changes with
//   it. The top-level functions so renamed get their name back (a defineProperty each, appended to their
//   chunk); a renamed class fails the build, as errors name themselves by their class (`new.target.name`).
//   esbuild's keepNames would restore every name, at a cost: about 7 ms of CPU in the import of the
//   root entry (a call per function and class: 31 -> 24 ms over an empty node without it, median of 25
//   interleaved runs).
//
// Why bundle: a cold start (a fresh node to the first query with 100 models, bench/src/lib/coldstart.ts)
// spent most of its time loading the 165 modules of the root entry one by one (resolve, read, compile,
// link each, and the garbage they leave). Importing the root entry took 114 ms of CPU over an empty node
// per file, 30 ms bundled; to the first query 239 -> 145 ms of CPU (the driver alone: 83), median of 15
// interleaved runs on a loaded 2-core machine.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const dist = join(root, "dist");

/** The entry points: package.json's exports, and the CLI (bin/athanor.js imports dist/migrate/cli/main.js). */
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const ENTRY_POINTS = [
  ...Object.values(pkg.exports)
    .map((target) => (typeof target === "object" ? target.default : target))
    .filter((file) => file.endsWith(".js"))
    .map((file) => file.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts")),
  "src/migrate/cli/main.ts",
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
/** Names that src/ declares (functions, classes, variables): a bundle's `column2` is a renamed `column`. */
const declared = new Set(
  readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) =>
      [
        ...readFileSync(join(root, "src", f), "utf8").matchAll(
          /\b(?:function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/g,
        ),
      ].map((m) => m[1]),
    ),
);
const renamedFrom = (name) => {
  const original = name.replace(/\d+$/, "");
  return name !== original && !declared.has(name) && declared.has(original) ? original : null;
};
const CLASSES = /\bclass\s+([A-Za-z_$][\w$]*)|\b(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*class\b/g;
const FUNCTIONS =
  /^(?:async )?function\*? ?([A-Za-z_$][\w$]*)\(|^var ([A-Za-z_$][\w$]*) = (?:async )?(?:function\b|\([^()]*\) =>|[A-Za-z_$][\w$]* =>)/gm;
const renamedClasses = [];
for (const file of files) {
  const path = join(root, file);
  const text = readFileSync(path, "utf8");
  for (const m of text.matchAll(CLASSES))
    if (renamedFrom(m[1] ?? m[2])) renamedClasses.push(`${m[1] ?? m[2]} in ${file}`);
  const fixes = [...text.matchAll(FUNCTIONS)]
    .map((m) => [m[1] ?? m[2], renamedFrom(m[1] ?? m[2])])
    .filter(([, original]) => original !== null)
    .map(([name, original]) => `Object.defineProperty(${name}, "name", { value: "${original}" });\n`);
  if (fixes.length === 0) continue;
  // Before the source map comment, so that no mapped line moves.
  const at = text.lastIndexOf("//# sourceMappingURL=");
  writeFileSync(path, text.slice(0, at) + fixes.join("") + text.slice(at));
}
// A chunk does not sit where its sources' entry point does: a URL relative to import.meta.url there (the
// CLI reads ../../../package.json so) would point elsewhere.
const relative = files.filter(
  (f) => f.includes("/chunks/") && readFileSync(join(root, f), "utf8").includes("import.meta"),
);
if (relative.length > 0) {
  throw new Error(
    `build: ${relative.join(", ")} use import.meta, moved into a shared chunk; keep such code in the module of one entry point`,
  );
}
if (renamedClasses.length > 0) {
  throw new Error(
    `build: esbuild renamed classes (their .name changed): ${renamedClasses.join(", ")}. Give the clashing classes distinct names in src/.`,
  );
}
console.log(
  `build: ${files.length} ES modules (${ENTRY_POINTS.length} entry points) and the declarations in dist/`,
);
