// Loaded with --import by the benchmark and its memory probes: Athanor runs as plain JavaScript, as
// an application ships it and as every peer ORM is published, instead of ~200 TypeScript files
// compiled by tsx inside the measured process (about 20 MiB more RSS before any work). The
// JavaScript is the CLI's own start-up bundle (bin/bundle-cache.mjs: esbuild, rebuilt when a
// source changes); scripts/athanor-js-hooks.mjs resolves `athanor` to it and loads it untouched.
import { register } from "node:module";
import { bundledEntries } from "../../bin/bundle-cache.mjs";

const entries = await bundledEntries(new URL("../../", import.meta.url));
if (!entries) {
  throw new Error(
    "bench: could not bundle Athanor's sources into JavaScript (bin/bundle-cache.mjs); unset ATHANOR_CLI_BUNDLE=0 if set, and check that esbuild (shipped with tsx) is installed",
  );
}
register("./athanor-js-hooks.mjs", import.meta.url, {
  data: {
    map: { athanor: entries.index, "athanor/migrate": entries.migrate },
    dir: new URL(".", entries.index).href,
  },
});
