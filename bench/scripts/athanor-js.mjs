// Loaded with --import by the benchmark and its memory probes: Athanor runs as the built JavaScript
// in dist/ (what `npm install athanor` gives a user, and how every peer ORM is published), instead of
// ~200 TypeScript files compiled by tsx inside the measured process (about 20 MiB more RSS before
// any work). `npm run bench` builds dist/ first; scripts/athanor-js-hooks.mjs resolves `athanor`
// to it and loads it untouched.
import { existsSync } from "node:fs";
import { register } from "node:module";

const dist = new URL("../../dist/", import.meta.url);
const entries = {
  athanor: new URL("index.js", dist).href,
  "athanor/migrate": new URL("migrate/index.js", dist).href,
};
if (!existsSync(new URL("index.js", dist))) {
  throw new Error(
    "bench: Athanor is not built (no dist/index.js); run `npm run build` in the repository root",
  );
}
register("./athanor-js-hooks.mjs", import.meta.url, { data: { map: entries, dir: dist.href } });
