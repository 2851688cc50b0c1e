#!/usr/bin/env node
// The athanor CLI launcher: registers tsx (config and revision files are TypeScript, loaded without
// a build step) and a resolve hook mapping `athanor` / `athanor/migrate` to the modules the CLI
// runs, then runs the CLI. Node 20.6+ (module.register).
import { register as registerHooks } from "node:module";
import { bundledEntries } from "./bundle-cache.mjs";

const root = new URL("../", import.meta.url);
const bundle = await bundledEntries(root);
// The bundle is plain JavaScript: loading it before any hook is registered keeps it off the
// (slower) hooked path; user files importing `athanor` later get these same module instances.
const preloaded = bundle ? await Promise.all([import(bundle.cli), import(bundle.index)]) : null;
const { register: registerTsx } = await import("tsx/esm/api");
registerTsx();
const entries = bundle ?? {
  index: new URL("src/index.ts", root).href,
  migrate: new URL("src/migrate/index.ts", root).href,
  cli: new URL("src/migrate/cli/main.ts", root).href,
};
registerHooks("./resolve-hook.mjs", import.meta.url, {
  data: { map: { athanor: entries.index, "athanor/migrate": entries.migrate } },
});
// Tells the CLI the hook is in place and where the package is.
globalThis[Symbol.for("athanor.cli")] = { packageRoot: root.href };
if (bundle && process.argv.includes("--verbose")) process.setSourceMapsEnabled(true);
const { main } = preloaded ? preloaded[0] : await import(entries.cli);
process.exitCode = await main(process.argv.slice(2));
// Should a driver keep a handle open after the command finished, do not hang the shell.
setTimeout(() => process.exit(), 2000).unref();
