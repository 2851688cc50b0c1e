/**
 * Scaling (issue 17): W2's load and W4's flush at growing sizes (by default 1,000 / 10,000 / 100,000 rows),
 * per-row cost and heap per loaded entity, so that growth is visible. One child process per system and
 * database (src/scaling-probe.ts), like the memory measurement: a fresh heap, no other library in it.
 */
import type { DbTarget } from "../system.ts";
import type { Sizes } from "./config.ts";
import { runProbe } from "./memory.ts";

export interface ScalingRequest {
  readonly systemFile: string;
  readonly target: DbTarget;
  readonly sizes: Sizes;
  /** Row counts, ascending (the largest at most the seeded orders). */
  readonly counts: readonly number[];
  readonly rounds: number;
  /** A timed run repeats a small size until it covers this many rows (10,000: 1,000 rows 10 times). */
  readonly minRows: number;
}

export interface ScalingPoint {
  readonly n: number;
  /** Microseconds per row of each round: W2's query for n rows, and a flush of n new objects. */
  readonly loadUs: number[];
  readonly insertUs: number[];
  /**
   * The same in CPU time of the process (user + system, all threads): on a loaded machine the wall time
   * includes waiting for a core, this does not (nor the database server's work, on PostgreSQL and MySQL).
   */
  readonly loadCpuUs: number[];
  readonly insertCpuUs: number[];
  /**
   * Heap kept alive per loaded entity (held after their session closed): (heap holding three results -
   * heap holding one) / 2 / n, each after a full gc.
   */
  readonly bytesPerEntity: number;
}

export interface ScalingResult {
  readonly id: string;
  readonly label: string;
  readonly points: ScalingPoint[];
  error?: string;
}

/** Row counts for a data set of `orders` rows: orders/100, orders/10, orders. */
export function scalingCounts(orders: number): number[] {
  return [orders / 100, orders / 10, orders].map(Math.round);
}

export function measureScaling(request: ScalingRequest): Promise<ScalingResult> {
  // Sweeping on the main thread: right after gc() heapUsed then counts only what is alive (with concurrent
  // sweeping, a loaded machine left the previous result's garbage in "before", and heap per entity read 0).
  return runProbe<ScalingResult>("scaling-probe.ts", request, 900_000, ["--no-concurrent-sweeping"]);
}
