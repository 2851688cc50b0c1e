/**
 * A second build of Athanor, run interleaved with the current one to compare two versions in the same
 * rounds: BENCH_ATHANOR_BASELINE names its built dist/ folder (scripts/athanor-js.mjs maps the specifier
 * `athanor-baseline` to it). Without that variable the system runs on no database.
 */
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import type * as Athanor from "athanor";
import { defineSystem } from "../system.ts";
import { athanorSystem } from "./_athanor.ts";

const dir = process.env.BENCH_ATHANOR_BASELINE;

/** The build's commit when its folder is in a git work tree (e.g. "6a3de8b"), else the folder. */
function describe(folder: string): string {
  try {
    const cwd = dirname(resolve(folder));
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd, encoding: "utf8" }).trim();
  } catch {
    return folder;
  }
}

export default dir
  ? athanorSystem(
      // The specifier exists only when the variable is set; its API is the one the harness uses from "athanor".
      (await import("athanor-baseline" as string)) as typeof Athanor,
      "athanor-baseline",
      `Athanor baseline (${describe(dir)})`,
    )
  : defineSystem(
      {
        id: "athanor-baseline",
        label: "Athanor baseline (BENCH_ATHANOR_BASELINE not set)",
        supports: [],
      },
      () => Promise.reject(new Error("set BENCH_ATHANOR_BASELINE to a built dist/ folder")),
    );
