/**
 * Memory per system, measured in a child process so that one library's heap, caches and native allocations
 * do not blur another's. The child (src/memory-probe.ts) sets the system up and runs W2's query once to warm
 * up; then it loads the 10,000 orders four times, keeping every result, and reports (1) the heap one result
 * keeps alive: (heapUsed holding four - heapUsed holding one) / 3, each after a full gc, and (2) the peak
 * RSS of that phase (Linux VmHWM, reset right before it), next to the RSS it started from.
 */
import { join } from "node:path";
import type { DbTarget } from "../system.ts";
import { runNodeChild } from "./child.ts";
import { BENCH_DIR } from "./config.ts";
import type { MemoryResult } from "./results.ts";

export interface ProbeRequest {
  readonly systemFile: string;
  readonly target: DbTarget;
  readonly limit: number;
}

export function measureMemory(systemFile: string, target: DbTarget, limit: number): Promise<MemoryResult> {
  const request: ProbeRequest = { systemFile, target, limit };
  return runProbe<MemoryResult>("memory-probe.ts", request, 120_000, []);
}

/**
 * Runs `src/<script>` in a fresh `node --expose-gc` with `nodeFlags` (Athanor as built JavaScript, like the harness) with
 * `request` as JSON in BENCH_PROBE, and parses the "PROBE {json}" line it prints.
 */
export async function runProbe<T>(
  script: string,
  request: unknown,
  timeoutMs: number,
  nodeFlags: readonly string[],
): Promise<T> {
  const args = [
    "--expose-gc",
    ...nodeFlags,
    "--import",
    "tsx",
    "--import",
    join(BENCH_DIR, "scripts", "athanor-js.mjs"),
    join(BENCH_DIR, "src", script),
  ];
  const env = { ...process.env, BENCH_PROBE: JSON.stringify(request) };
  try {
    return (await runNodeChild(args, "PROBE ", timeoutMs, env)).value as T;
  } catch (err) {
    throw new Error(`probe ${err instanceof Error ? err.message : String(err)}`);
  }
}
