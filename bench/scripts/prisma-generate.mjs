#!/usr/bin/env node
// Generates the Prisma clients (one per database) without network access.
//
// Prisma 7's `prisma generate` runs on WebAssembly shipped inside the npm packages (the schema parser in
// prisma/build/prisma_schema_build_bg.wasm, the query compiler in @prisma/client's runtime), but the CLI
// still checks for its native schema engine before every `generate` and downloads it from Prisma's CDN when
// it is missing. The documented PRISMA_SCHEMA_ENGINE_BINARY variable ("use a custom engine file") skips that
// download when it names an existing file; generate never executes it, so it points at a stub that explains
// itself if anything ever does. The install script of @prisma/engines (the same download) stays disabled in
// package.json "allowScripts".
//
// Each client is regenerated only when its schema or the Prisma version changed (a stamp file next to it),
// so `npm run bench` costs ~0 s here after the first run. --force regenerates anyway.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const bench = join(dirname(fileURLToPath(import.meta.url)), "..");
const force = process.argv.includes("--force");
const cli = join(bench, "node_modules", "prisma", "build", "index.js");
if (!existsSync(cli)) {
  console.warn(
    "prisma-generate: the prisma package is not installed; skipping (the prisma system will be unavailable)",
  );
  process.exit(0);
}
const version = JSON.parse(
  readFileSync(join(bench, "node_modules", "prisma", "package.json"), "utf8"),
).version;
let failed = false;
for (const name of ["pg", "sqlite", "mysql"]) {
  const schema = join(bench, "prisma", `${name}.prisma`);
  const out = join(bench, "node_modules", ".bench-prisma", name);
  const stampFile = join(out, ".stamp");
  const stamp = createHash("sha256").update(version).update(readFileSync(schema)).digest("hex");
  if (
    !force &&
    existsSync(join(out, "client.ts")) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, "utf8") === stamp
  ) {
    continue;
  }
  const started = Date.now();
  const r = spawnSync(process.execPath, [cli, "generate", "--schema", schema], {
    cwd: bench,
    encoding: "utf8",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: join(bench, "scripts", "no-schema-engine.sh"),
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  if (r.status !== 0) {
    failed = true;
    console.warn(`prisma-generate: generating the ${name} client failed:\n${r.stdout}${r.stderr}`);
    continue;
  }
  writeFileSync(stampFile, stamp);
  console.log(
    `prisma-generate: generated the ${name} client (Prisma ${version}) in ${Date.now() - started} ms`,
  );
}
// A failed generation makes only the prisma system unavailable; the benchmark still runs the others.
process.exit(failed && process.argv.includes("--strict") ? 1 : 0);
