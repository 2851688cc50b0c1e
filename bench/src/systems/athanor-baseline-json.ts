/**
 * The baseline build (BENCH_ATHANOR_BASELINE, as athanor-baseline) with W3 by jsonload, as
 * athanor-json runs the current build: the two jsonload builds compared in the same rounds.
 */
import type * as Athanor from "athanor";
import { defineSystem } from "../system.ts";
import { athanorSystem } from "./_athanor.ts";

const dir = process.env.BENCH_ATHANOR_BASELINE;

export default dir
  ? athanorSystem(
      (await import("athanor-baseline" as string)) as typeof Athanor,
      "athanor-baseline-json",
      "Athanor baseline (W3 jsonload)",
      "jsonload",
    )
  : defineSystem(
      {
        id: "athanor-baseline-json",
        label: "Athanor baseline, W3 jsonload (BENCH_ATHANOR_BASELINE not set)",
        supports: [],
      },
      () => Promise.reject(new Error("set BENCH_ATHANOR_BASELINE to a built dist/ folder")),
    );
