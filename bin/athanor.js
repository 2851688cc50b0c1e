#!/usr/bin/env node
// The athanor CLI: runs the compiled CLI in dist/. Config and revision files written in TypeScript
// are loaded through tsx, registered by the CLI itself only when such a file is imported.
let cli;
try {
  cli = await import("../dist/migrate/cli/main.js");
} catch (e) {
  if (e?.code !== "ERR_MODULE_NOT_FOUND" || !String(e.message).includes("dist")) throw e;
  process.stderr.write(
    "error: athanor is not built (no dist/); in a checkout of its repository run `npm run build`\n",
  );
  process.exit(1);
}
if (process.argv.includes("--verbose") || process.argv.includes("-v")) process.setSourceMapsEnabled(true);
process.exitCode = await cli.main(process.argv.slice(2));
// Should a driver keep a handle open after the command finished, do not hang the shell.
setTimeout(() => process.exit(), 2000).unref();
