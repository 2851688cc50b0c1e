/**
 * The report's tables beyond the five workloads: current build against a baseline build of Athanor, the
 * scaling tables (per-row cost and heap per entity at 1k / 10k / 100k rows) and the cold-start table.
 */
import { COLD_MODELS } from "./coldstart.ts";
import { fmtMs, fmtRatio, table } from "./format.ts";
import {
  type DbResult,
  median,
  type PerWorkload,
  type RunResult,
  type SystemResult,
  WORKLOAD_IDS,
} from "./results.ts";
import type { ScalingPoint } from "./scaling.ts";

/** Above this, a workload of the current build counts as slower than the baseline build (issue 15). */
export const SLOWER = 1.05;

function fmtUs(us: number | null): string {
  if (us === null) return "–";
  return us >= 10 ? `${us.toFixed(1)} µs` : `${us.toFixed(2)} µs`;
}

function rows(n: number): string {
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

/** Median over rounds of (per-row cost at the largest size / per-row cost at the smallest) in that round. */
function growth(
  points: readonly ScalingPoint[],
  pick: (p: ScalingPoint) => readonly number[],
): number | null {
  const small = pick(points[0]!);
  const large = pick(points[points.length - 1]!);
  return median(large.map((t, r) => t / small[r]!).filter((x) => Number.isFinite(x)));
}

/** Per round: a / b where both ran. */
function roundRatios(a: readonly (number | null)[], b: readonly (number | null)[]): number[] {
  return a.flatMap((t, r) => (t === null || !b[r] ? [] : [t / b[r]!]));
}

/**
 * Current Athanor against athanor-baseline, per workload: the median over rounds of the ratio of their
 * times in the same round (wall, and CPU of the harness process), and the rounds above SLOWER.
 */
export function baselineTable(db: DbResult): string[] {
  const cur = db.systems.find((s) => s.id === "athanor" && s.status === "ok");
  const base = db.systems.find((s) => s.id === "athanor-baseline" && s.status === "ok");
  if (!cur || !base) return [];
  const cell = (ratios: number[]) => {
    const m = median(ratios);
    if (m === null) return "–";
    const slower = ratios.filter((x) => x > SLOWER).length;
    const r = fmtRatio(m);
    return `${m > SLOWER ? `**${r}**` : r} (${slower}/${ratios.length})`;
  };
  const row = (what: string, pick: (s: SystemResult) => PerWorkload<(number | null)[]> | undefined) => [
    what,
    ...WORKLOAD_IDS.map((w) => cell(roundRatios(pick(cur)?.[w] ?? [], pick(base)?.[w] ?? []))),
  ];
  return [
    `Current build against the baseline build (${base.label}): median over rounds of current / baseline in ` +
      `the same round, in bold above ${SLOWER.toFixed(2)}×, with the number of rounds in which the current ` +
      `build was more than ${Math.round((SLOWER - 1) * 100)}% slower; wall time, and CPU time of the harness ` +
      "process (steadier on a loaded machine; without the database server's share):",
    "",
    ...table(
      ["", ...WORKLOAD_IDS],
      ["l", ...WORKLOAD_IDS.map(() => "r" as const)],
      [row("current / baseline, wall", (s) => s.times), row("current / baseline, CPU", (s) => s.cpu)],
    ),
    "",
  ];
}

export function scalingTables(db: DbResult): string[] {
  const measured = (db.scaling ?? []).filter((s) => s.points.length > 0);
  const lines: string[] = [];
  for (const s of db.scaling ?? [])
    if (s.error) lines.push(`- scaling of **${s.id}** failed: ${s.error}`, "");
  if (measured.length === 0) return lines;
  const sizes = measured[0]!.points.map((p) => p.n);
  const span = `${rows(sizes[sizes.length - 1]!)} / ${rows(sizes[0]!)}`;
  const right = (k: number) => Array.from({ length: k }, () => "r" as const);
  const perRow = (wall: readonly number[], cpu: readonly number[]) =>
    `${fmtUs(median(wall))} (${fmtUs(median(cpu))})`;
  lines.push(
    "Scaling, W2's load: time per row, wall (CPU of the process), median over rounds (a small size is repeated " +
      `to cover ${rows(sizes[1] ?? sizes[0]!)} rows per timed run); growth ${span} = the per-round ratio of the ` +
      "per-row costs, median, in wall and CPU time; heap per loaded entity = (heap used holding three results - " +
      "heap used holding one) / 2 / rows, each after a full gc:",
    "",
    ...table(
      [
        "system",
        ...sizes.map((n) => `${rows(n)} rows`),
        `${span} wall`,
        `${span} CPU`,
        ...sizes.map((n) => `heap/entity ${rows(n)}`),
      ],
      ["l", ...right(sizes.length + 2 + sizes.length)],
      measured.map((s) => [
        s.label,
        ...s.points.map((p) => perRow(p.loadUs, p.loadCpuUs)),
        fmtRatio(growth(s.points, (p) => p.loadUs)),
        fmtRatio(growth(s.points, (p) => p.loadCpuUs)),
        ...s.points.map((p) => `${p.bytesPerEntity.toFixed(0)} B`),
      ]),
    ),
    "",
    "Scaling, W4's flush (insert through the library's normal path, one transaction per flush): time per row, " +
      "wall (CPU), and its growth:",
    "",
    ...table(
      ["system", ...sizes.map((n) => `${rows(n)} objects`), `${span} wall`, `${span} CPU`],
      ["l", ...right(sizes.length + 2)],
      measured.map((s) => [
        s.label,
        ...s.points.map((p) => perRow(p.insertUs, p.insertCpuUs)),
        fmtRatio(growth(s.points, (p) => p.insertUs)),
        fmtRatio(growth(s.points, (p) => p.insertCpuUs)),
      ]),
    ),
    "",
  );
  return lines;
}

export function coldStartTable(result: RunResult): string[] {
  const systems = result.coldStart ?? [];
  if (systems.length === 0) return [];
  const lines = [
    `### Cold start: ${COLD_MODELS} models, in-memory SQLite`,
    "",
    `A fresh \`node\` per run (plain ES modules, no loader hooks): import the library, define ${COLD_MODELS} models ` +
      "(8 columns and 2 relationships each), create one table, run one primary-key query. Milliseconds since the " +
      `process started, median of ${systems[0]!.firstQuery.length} runs, the systems interleaved; "exit" is the ` +
      "parent's wall time from spawn to the child's exit. CPU is the user + system time the process had used at " +
      "its first result (all threads): on a loaded machine wall times grow while a process waits for a core, CPU " +
      "time much less.",
    "",
    ...table(
      ["system", "imports done", "models defined", "first query", "CPU at first query", "exit"],
      ["l", "r", "r", "r", "r", "r"],
      systems.map((s) =>
        s.error
          ? [s.label, "failed", "", "", "", ""]
          : [
              s.label,
              fmtMs(median(s.imported)),
              s.id.startsWith("raw") ? "–" : fmtMs(median(s.defined)),
              `**${fmtMs(median(s.firstQuery))}**`,
              fmtMs(median(s.cpu)),
              fmtMs(median(s.exited)),
            ],
      ),
    ),
    "",
  ];
  for (const s of systems) if (s.error) lines.push(`- cold start of **${s.id}** failed: ${s.error}`);
  return lines;
}
