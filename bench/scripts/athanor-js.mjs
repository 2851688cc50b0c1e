// Loaded with --import by the benchmark and its memory probes: Athanor runs as the built JavaScript
// in dist/ (what `npm install athanor` gives a user, and how every peer ORM is published), instead of
// ~200 TypeScript files compiled by tsx inside the measured process (about 20 MiB more RSS before
// any work). `npm run bench` builds dist/ first; scripts/athanor-js-hooks.mjs resolves `athanor`
// to it and loads it untouched.
//
// BENCH_ATHANOR_BASELINE=/path/to/other/dist adds a second build under the specifier
// `athanor-baseline` (the system src/systems/athanor-baseline.ts), so two builds of Athanor run
// interleaved in the same rounds.
import { existsSync } from "node:fs";
import { register } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

// BENCH_ATHANOR_DIST: another folder for the current build (default: the repository's dist/), e.g. a copy
// that a rebuild in the repository cannot remove in the middle of a run.
const dist = process.env.BENCH_ATHANOR_DIST
  ? pathToFileURL(`${resolve(process.env.BENCH_ATHANOR_DIST)}/`)
  : new URL("../../dist/", import.meta.url);
const entries = {
  athanor: new URL("index.js", dist).href,
  "athanor/migrate": new URL("migrate/index.js", dist).href,
};
const dirs = [dist.href];
if (!existsSync(new URL("index.js", dist))) {
  throw new Error(
    `bench: Athanor is not built (no index.js in ${dist.pathname}); run \`npm run build\` in the repository root`,
  );
}
const baseline = process.env.BENCH_ATHANOR_BASELINE;
if (baseline) {
  const dir = pathToFileURL(`${resolve(baseline)}/`);
  if (!existsSync(new URL("index.js", dir))) {
    throw new Error(
      `bench: BENCH_ATHANOR_BASELINE=${baseline} has no index.js; point it at a built dist/ ` +
        "(git worktree add /work/baseline <commit> && cd /work/baseline && npm ci && npm run build)",
    );
  }
  entries["athanor-baseline"] = new URL("index.js", dir).href;
  dirs.push(dir.href);
}
register("./athanor-js-hooks.mjs", import.meta.url, { data: { map: entries, dirs } });
