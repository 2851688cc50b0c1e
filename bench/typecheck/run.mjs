#!/usr/bin/env node
// Prints how long TypeScript takes to check the synthetic 100-model app (bench/typecheck/app/, made
// by generate.mjs) against the built package, as a user's project sees it: `athanor` resolved
// through its package exports to dist/*.d.ts, tsconfig from `tsc --init`. TypeScript 5.9 and 7,
// median of 3 runs each. A printed figure, not a test: the target is a check time under 2 s under
// TypeScript 5.9 on the 2-core development machine. Run after `npm run build`.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
if (!existsSync(join(root, "dist/index.d.ts")))
  throw new Error("Athanor is not built: run `npm run build` first");
const compilers = [
  ["5.9", "node_modules/typescript-5.9/bin/tsc"],
  ["7", "node_modules/typescript/bin/tsc"],
];
const ROUNDS = 3;

const dir = mkdtempSync(join(tmpdir(), "athanor-typecheck-"));
try {
  cpSync(new URL("./app/", import.meta.url), dir, { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(root, join(dir, "node_modules/athanor"), "dir");
  execFileSync("node", [join(root, compilers[1][1]), "--init"], { cwd: dir, stdio: "ignore" });
  for (const [version, tsc] of compilers) {
    const checks = [];
    const totals = [];
    let counts = "";
    for (let round = 0; round < ROUNDS; round++) {
      let out;
      try {
        out = execFileSync("node", [join(root, tsc), "--noEmit", "--extendedDiagnostics"], {
          cwd: dir,
          encoding: "utf8",
        });
      } catch (e) {
        throw new Error(`the synthetic app does not type-check under TypeScript ${version}:\n${e.stdout}`);
      }
      const seconds = (label) =>
        Number(new RegExp(`^${label}:\\s+([\\d.]+)s`, "m").exec(out)?.[1] ?? Number.NaN);
      checks.push(seconds("Check time"));
      // Counts do not depend on the machine's load, unlike the times.
      const count = (label) => new RegExp(`^${label}:\\s+(\\d+)`, "m").exec(out)?.[1] ?? "?";
      counts = `${count("Types")} types, ${count("Instantiations")} instantiations`;
      totals.push(seconds("Total time"));
    }
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(2);
    console.log(
      `TypeScript ${version}: check ${median(checks)} s, total ${median(totals)} s (median of ${ROUNDS}; ${counts}; 100 models, 300 queries)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
