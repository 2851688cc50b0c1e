import type { DbKind } from "../system.ts";
import type { ColdStartSystem } from "./coldstart.ts";
import type { Sizes } from "./config.ts";
import type { ScalingResult } from "./scaling.ts";
import type { WorkloadId } from "./workloads.ts";

export type PerWorkload<T> = Record<WorkloadId, T>;

export interface MemoryResult {
  /**
   * Peak resident set size of a child process (src/memory-probe.ts) while it ran W2's query four times and
   * kept all four results (Linux VmHWM, reset after setup and a warm-up run).
   */
  readonly peakRssMiB: number;
  /** RSS of that child after setup and one warm-up W2 query, right before the measured part. */
  readonly rssBeforeMiB: number;
  /** V8 heap kept alive by one W2 result (10,000 orders as entities): (heap holding 4 - holding 1) / 3. */
  readonly retainedHeapMiB: number;
}

export interface SystemResult {
  readonly id: string;
  label: string;
  notes: string;
  readonly baseline: boolean;
  status: "ok" | "failed" | "unavailable";
  error?: string;
  /** What W2 returns: class of the rows, JS types of created_at and total. */
  rowShape?: string;
  /** Statements the driver received during the untimed warm-up run of each workload. */
  statements: Partial<PerWorkload<number>>;
  /** Milliseconds of each timed round (null: not run, after a failure). */
  times: PerWorkload<(number | null)[]>;
  /**
   * CPU milliseconds (user + system, all threads of the harness) of each timed round: less sensitive than
   * wall time to other processes on a loaded machine; not the database server's work.
   */
  cpu?: PerWorkload<(number | null)[]>;
  medianMs: PerWorkload<number | null>;
  /** Per round: this system's time divided by the baseline's time in the same round. */
  ratios: PerWorkload<(number | null)[]>;
  medianRatio: PerWorkload<number | null>;
  memory?: MemoryResult;
  memoryError?: string;
}

export interface DbResult {
  readonly kind: DbKind;
  version: string;
  baseline: string;
  seedSeconds: number;
  systems: SystemResult[];
  /** Athanor's builds and the raw driver at 1k / 10k / 100k rows (lib/scaling.ts). */
  scaling?: ScalingResult[];
}

export interface RunResult {
  readonly schemaVersion: 1;
  readonly startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  readonly quick: boolean;
  readonly sizes: Sizes;
  readonly environment: {
    readonly node: string;
    readonly platform: string;
    readonly cpu: string;
    readonly memoryGiB: number;
    readonly gcExposed: boolean;
    /** 1-minute load averages: other processes on the machine add noise to the timings. */
    readonly loadAverageAtStart: number;
    loadAverageAtEnd: number;
  };
  readonly workloads: { id: WorkloadId; title: string; description: string }[];
  databases: DbResult[];
  /** Process start to first query with 100 models, on in-memory SQLite (lib/coldstart.ts). */
  coldStart?: ColdStartSystem[];
}

export const WORKLOAD_IDS: readonly WorkloadId[] = ["W1", "W2", "W3", "W4", "W5"];

export function perWorkload<T>(make: () => T): PerWorkload<T> {
  return { W1: make(), W2: make(), W3: make(), W4: make(), W5: make() };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Fills medianMs, ratios and medianRatio of every system from the raw times. */
export function summarize(db: DbResult): void {
  const base = db.systems.find((s) => s.id === db.baseline);
  for (const s of db.systems) {
    for (const w of WORKLOAD_IDS) {
      const times = s.times[w];
      s.medianMs[w] = median(times.filter((t): t is number => t !== null));
      s.ratios[w] = times.map((t, r) => {
        const b = base?.times[w][r];
        return t === null || b === null || b === undefined || b <= 0 ? null : t / b;
      });
      s.medianRatio[w] = median(s.ratios[w].filter((x): x is number => x !== null));
    }
  }
}
