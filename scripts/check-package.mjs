#!/usr/bin/env node
// The package as npm would publish it, checked: the tarball holds only dist/, bin/, README, LICENSE
// and package.json; publint finds nothing (strict); Are the Types Wrong finds nothing for ES module
// consumers. The package is ES modules only: CommonJS code loads it with require() on Node 20.19+
// (require of ES modules), so attw runs with its esm-only profile, which does not count the
// "ESM (dynamic import only)" verdict of TypeScript's node16 mode for CommonJS files.
// Run after `npm run build` (npm test does); nothing is rebuilt here.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const bin = (name) => join(root, "node_modules", ".bin", name);
const run = (cmd, args) =>
  execFileSync(cmd, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

const out = mkdtempSync(join(tmpdir(), "athanor-pack-"));
try {
  const [packed] = JSON.parse(run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", out]));
  const allowed = /^(dist\/|bin\/|README\.md$|LICENSE$|package\.json$)/;
  const stray = packed.files.map((f) => f.path).filter((p) => !allowed.test(p));
  if (stray.length > 0) throw new Error(`the tarball holds files users do not need: ${stray.join(", ")}`);
  if (!packed.files.some((f) => f.path === "dist/index.js"))
    throw new Error("dist/ is missing: run `npm run build`");
  console.log(
    `tarball: ${packed.files.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`,
  );
  process.stdout.write(run(bin("publint"), ["--strict", "--pack", "false"]));
  process.stdout.write(
    run(bin("attw"), [join(out, packed.filename), "--profile", "esm-only", "--format", "table-flipped"]),
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
