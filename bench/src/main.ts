/**
 * Benchmark harness entry point: `npm run bench` (see README.md).
 *
 * For each database: create and seed the schema with the raw driver, set every system up, run one untimed
 * warm-up round (which also counts statements and checks every result), then the timed rounds with the
 * systems interleaved (W1: A B C ..., W2: A B C ..., ...), then measure memory in child processes, and
 * write results/latest.json, results/latest.md and results/ratios.svg.
 */
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { measureColdStart } from "./lib/coldstart.ts";
import { BENCH_DIR, FULL, type Options, parseOptions } from "./lib/config.ts";
import { type DataSet, generate } from "./lib/data.ts";
import { type Admin, openPgAdmin, openSqliteAdmin } from "./lib/database.ts";
import { mysqlReachable, openMysqlAdmin } from "./lib/database-mysql.ts";
import { installStatementCounters, resetStatementCount, statementCount } from "./lib/instrument.ts";
import { measureMemory } from "./lib/memory.ts";
import { loadSystems, type SystemModuleInfo } from "./lib/registry.ts";
import { updateReadme, writeReports } from "./lib/report.ts";
import { baselineTable, coldStartTable, scalingTables } from "./lib/report-scaling.ts";
import {
  type DbResult,
  median,
  perWorkload,
  type RunResult,
  type SystemResult,
  summarize,
} from "./lib/results.ts";
import { measureScaling, scalingCounts } from "./lib/scaling.ts";
import { WORKLOADS, type WorkloadContext } from "./lib/workloads.ts";
import type { DbKind, DbTarget, System } from "./system.ts";

const gc: () => void = typeof globalThis.gc === "function" ? (globalThis.gc as () => void) : () => {};

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${ms.toFixed(0)}ms`;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message.split("\n").slice(0, 3).join(" ").slice(0, 400);
  return String(err);
}

function wanted(opts: Options, id: string): boolean {
  if (opts.systems.length === 0) return true;
  return opts.systems.some((s) => s === id || (s === "raw" && id.startsWith("raw-")));
}

interface Active {
  readonly system: System;
  readonly result: SystemResult;
}

async function runDatabase(
  kind: DbKind,
  opts: Options,
  data: DataSet,
  modules: readonly SystemModuleInfo[],
): Promise<DbResult> {
  const admin: Admin =
    kind === "pg"
      ? await openPgAdmin(opts.pgUrl)
      : kind === "mysql"
        ? await openMysqlAdmin(opts.mysqlUrl)
        : await openSqliteAdmin(opts.sqliteFile);
  const db: DbResult = { kind, version: admin.version, baseline: "", seedSeconds: 0, systems: [] };
  log(`\n== ${admin.version} ==`);
  const seedStart = performance.now();
  await admin.seed(data);
  db.seedSeconds = (performance.now() - seedStart) / 1000;
  log(
    `seeded ${data.sizes.customers.toLocaleString("en")} customers and ` +
      `${data.sizes.orders.toLocaleString("en")} orders in ${db.seedSeconds.toFixed(1)}s`,
  );

  const target: DbTarget = admin.target;
  const candidates: Active[] = [];
  for (const m of modules) {
    if (!m.factory) {
      if (wanted(opts, m.id)) {
        db.systems.push(unavailable(m.id, m.id, `module failed to load: ${m.loadError}`));
        log(`  ${m.id}: unavailable (${m.loadError})`);
      }
      continue;
    }
    const system = m.factory();
    if (system.id !== m.id)
      throw new Error(`src/systems/${m.id}.ts has id "${system.id}"; ids must match file names`);
    if (!system.supports.includes(kind)) continue;
    if (!system.baseline && !wanted(opts, m.id)) continue;
    candidates.push({ system, result: newResult(system, opts.sizes.rounds) });
  }
  candidates.sort(
    (a, b) =>
      Number(!!b.system.baseline) - Number(!!a.system.baseline) || a.system.id.localeCompare(b.system.id),
  );
  const baselines = candidates.filter((c) => c.system.baseline);
  if (baselines.length !== 1)
    throw new Error(`expected exactly one baseline system for ${kind}, found ${baselines.length}`);
  db.baseline = baselines[0]!.system.id;

  const active: Active[] = [];
  for (const c of candidates) {
    db.systems.push(c.result);
    try {
      await c.system.setup(target);
      active.push(c);
    } catch (err) {
      c.result.status = "unavailable";
      c.result.error = `setup failed: ${errorText(err)}`;
      log(`  ${c.system.id}: setup failed: ${errorText(err)}`);
    }
  }
  if (!active.some((a) => a.system.baseline)) throw new Error(`baseline ${db.baseline} could not be set up`);
  log(`systems: ${active.map((a) => a.system.id).join(", ")}`);

  const ctx: WorkloadContext = {
    data,
    admin,
    w5Runs: 0,
    last: { ms: 0, cpuMs: 0, statements: 0 },
    rowShape: "",
    async timed<T>(fn: () => Promise<T>): Promise<T> {
      gc();
      resetStatementCount();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const value = await fn();
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      ctx.last = { ms, cpuMs: (cpu.user + cpu.system) / 1000, statements: statementCount() };
      return value;
    },
  };
  const fail = (a: Active, err: unknown, when: string) => {
    a.result.status = "failed";
    a.result.error = `${when}: ${errorText(err)}`;
    log(`  ${a.system.id} FAILED ${when}: ${errorText(err)}`);
  };

  // Warm-up round: untimed, counts statements, checks every result.
  log("warm-up (untimed; counts statements and checks results)");
  const workloads = WORKLOADS.filter((w) => !opts.workloads.length || opts.workloads.includes(w.id));
  for (const w of workloads) {
    const parts: string[] = [];
    for (const a of active) {
      if (a.result.status !== "ok") continue;
      try {
        await w.run(a.system, ctx);
        a.result.statements[w.id] = ctx.last.statements;
        if (w.id === "W2") a.result.rowShape = ctx.rowShape;
        parts.push(`${a.system.id} ${fmtMs(ctx.last.ms)}/${ctx.last.statements} stmts`);
      } catch (err) {
        fail(a, err, `warm-up ${w.id}`);
        if (a.system.baseline) throw err;
      }
    }
    log(`  ${w.id}: ${parts.join(", ")}`);
  }

  for (let round = 0; round < opts.sizes.rounds; round++) {
    log(`round ${round + 1}/${opts.sizes.rounds}`);
    const order = williamsOrder(active.length, round).map((i) => active[i]!);
    for (const w of workloads) {
      const parts: string[] = [];
      for (const a of order) {
        if (a.result.status !== "ok") continue;
        try {
          await w.run(a.system, ctx);
          a.result.times[w.id][round] = ctx.last.ms;
          a.result.cpu![w.id][round] = ctx.last.cpuMs;
          parts.push(`${a.system.id} ${fmtMs(ctx.last.ms)}`);
        } catch (err) {
          fail(a, err, `round ${round + 1} ${w.id}`);
          if (a.system.baseline) throw err;
        }
      }
      log(`  ${w.id}: ${parts.join(", ")}`);
    }
  }

  for (const a of active) {
    try {
      await a.system.teardown();
    } catch (err) {
      log(`  ${a.system.id}: teardown failed: ${errorText(err)}`);
    }
  }
  await admin.close();
  summarize(db);
  return db;
}

/**
 * The order of n systems in a round: row `round` of a Williams design. Over n rounds every system
 * runs once in every position, and (for even n) right after every other system exactly once: a
 * system's time depends on what ran just before it (caches, the database file, the heap).
 */
export function williamsOrder(n: number, round: number): number[] {
  const base: number[] = [];
  for (let i = 0, lo = 0, hi = n - 1; i < n; i++) base.push(i % 2 === 0 ? lo++ : hi--);
  // base is 0, n-1, 1, n-2, ...: consecutive differences cover every step once.
  return base.map((b) => (b + round) % n);
}

function targetOf(kind: DbKind, opts: Options): DbTarget {
  if (kind === "pg") return { kind: "pg", url: opts.pgUrl };
  if (kind === "mysql") return { kind: "mysql", url: opts.mysqlUrl };
  return { kind: "sqlite", file: opts.sqliteFile };
}

function newResult(system: System, rounds: number): SystemResult {
  return {
    id: system.id,
    label: system.label,
    notes: system.notes ?? "",
    baseline: !!system.baseline,
    status: "ok",
    statements: {},
    times: perWorkload(() => new Array<number | null>(rounds).fill(null)),
    cpu: perWorkload(() => new Array<number | null>(rounds).fill(null)),
    medianMs: perWorkload(() => null),
    ratios: perWorkload(() => []),
    medianRatio: perWorkload(() => null),
  };
}

function unavailable(id: string, label: string, error: string): SystemResult {
  return { ...newResult({ id, label } as System, 0), status: "unavailable", error };
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2), process.env);
  const started = new Date();
  const t0 = performance.now();
  if (typeof globalThis.gc !== "function") {
    log(
      "note: run with node --expose-gc for a garbage collection before each timed run (npm run bench does)",
    );
  }
  if (!import.meta.resolve("athanor").endsWith(".js")) {
    log(
      "note: Athanor loads from its TypeScript sources; run with --import ./scripts/athanor-js.mjs to load it as JavaScript like the peers (npm run bench does)",
    );
  }
  if (loadavg()[0]! > 0.5 * cpus().length) {
    log(
      `warning: load average ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores: other processes are busy, ` +
        "timings will be noisy",
    );
  }
  installStatementCounters();
  // MySQL/MariaDB joins the default selection only when its server answers (it was not asked for by name).
  const dbs: DbKind[] = [];
  for (const kind of opts.dbs) {
    if (opts.optionalDbs.includes(kind) && kind === "mysql" && !(await mysqlReachable(opts.mysqlUrl))) {
      log(
        `note: no MySQL/MariaDB server at ${opts.mysqlUrl}: skipping it (set BENCH_MYSQL_URL to measure it)`,
      );
      continue;
    }
    dbs.push(kind);
  }
  const data = generate(opts.sizes);
  const modules = await loadSystems();
  log(
    `${opts.quick ? "QUICK smoke run" : "full run"}: ${opts.sizes.rounds} timed rounds after 1 warm-up round; ` +
      `databases: ${dbs.join(", ")}; systems: ${modules
        .filter((m) => wanted(opts, m.id))
        .map((m) => m.id)
        .join(", ")}`,
  );

  const result: RunResult = {
    schemaVersion: 1,
    startedAt: started.toISOString(),
    finishedAt: "",
    durationSeconds: 0,
    quick: opts.quick,
    sizes: opts.sizes,
    environment: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpu: `${cpus().length} x ${cpus()[0]?.model.trim() ?? "?"}`,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      gcExposed: typeof globalThis.gc === "function",
      loadAverageAtStart: loadavg()[0]!,
      loadAverageAtEnd: 0,
    },
    workloads: WORKLOADS.map((w) => ({ id: w.id, title: w.title, description: w.describe(data) })),
    databases: [],
  };

  for (const kind of dbs) {
    result.databases.push(await runDatabase(kind, opts, data, modules));
  }

  if (opts.memory) {
    log(
      "\n== memory (one child process per system: set up, then W2's query 4 times, keeping the results) ==",
    );
    for (const db of result.databases) {
      const target = targetOf(db.kind, opts);
      for (const s of db.systems) {
        if (s.status === "unavailable") continue;
        const m = modules.find((x) => x.id === s.id)!;
        try {
          s.memory = await measureMemory(m.file, target, opts.sizes.w2Limit);
          log(
            `  ${db.kind} ${s.id}: peak RSS ${s.memory.peakRssMiB.toFixed(0)} MiB ` +
              `(${s.memory.rssBeforeMiB.toFixed(0)} MiB before), ` +
              `one W2 result holds ${s.memory.retainedHeapMiB.toFixed(1)} MiB of heap`,
          );
        } catch (err) {
          s.memoryError = errorText(err);
          log(`  ${db.kind} ${s.id}: memory measurement failed: ${s.memoryError}`);
        }
      }
    }
  }

  if (opts.scaling) {
    const counts = scalingCounts(opts.sizes.orders);
    log(
      `\n== scaling (one child process per system: W2's load and W4's flush at ${counts.map((n) => n.toLocaleString("en")).join(" / ")} rows) ==`,
    );
    for (const db of result.databases) {
      db.scaling = [];
      for (const s of db.systems) {
        // W2 and W4 are the same code in athanor-json (only its W3 differs): not measured twice.
        if (s.status !== "ok" || !(s.baseline || s.id === "athanor" || s.id === "athanor-baseline")) continue;
        const m = modules.find((x) => x.id === s.id)!;
        try {
          const r = await measureScaling({
            systemFile: m.file,
            target: targetOf(db.kind, opts),
            sizes: opts.sizes,
            counts,
            rounds: Math.min(opts.sizes.rounds, 5),
            minRows: counts[1]!,
          });
          db.scaling.push(r);
          const us = (xs: readonly number[]) => median(xs)!.toFixed(2);
          log(
            `  ${db.kind} ${s.id}: load ${r.points.map((p) => us(p.loadUs)).join(" / ")} µs/row ` +
              `(CPU ${r.points.map((p) => us(p.loadCpuUs)).join(" / ")}), ` +
              `flush ${r.points.map((p) => us(p.insertUs)).join(" / ")} µs/row ` +
              `(CPU ${r.points.map((p) => us(p.insertCpuUs)).join(" / ")}), ` +
              `heap ${r.points.map((p) => p.bytesPerEntity.toFixed(0)).join(" / ")} B/entity`,
          );
        } catch (err) {
          db.scaling.push({ id: s.id, label: s.label, points: [], error: errorText(err) });
          log(`  ${db.kind} ${s.id}: scaling failed: ${errorText(err)}`);
        }
      }
    }
  }

  if (opts.coldStart && wanted(opts, "athanor")) {
    const runs = opts.quick ? 3 : 9;
    log(`\n== cold start (fresh node per run, 100 models, in-memory SQLite; median of ${runs} runs) ==`);
    const labels = Object.fromEntries(
      modules.filter((m) => m.factory).map((m) => [m.id, m.factory!().label] as const),
    );
    result.coldStart = await measureColdStart(runs, labels, log);
  }

  result.environment.loadAverageAtEnd = loadavg()[0]!;
  result.finishedAt = new Date().toISOString();
  result.durationSeconds = (performance.now() - t0) / 1000;
  const files = await writeReports(result, opts.outDir);
  const canonical =
    !opts.quick &&
    opts.sizes.rounds === FULL.rounds &&
    opts.optionalDbs.length > 0 &&
    dbs.includes("pg") &&
    dbs.includes("sqlite") &&
    opts.systems.length === 0 &&
    opts.workloads.length === 0 &&
    opts.outDir === join(BENCH_DIR, "results") &&
    !process.env.BENCH_ATHANOR_BASELINE &&
    opts.scaling &&
    opts.coldStart &&
    result.databases.every((d) => d.systems.every((s) => s.status === "ok"));
  if (canonical && (await updateReadme(result, join(BENCH_DIR, "README.md"))))
    files.push(join(BENCH_DIR, "README.md"));
  // The scaling, cold-start and baseline tables, printed as well (the workload tables are in latest.md).
  const extra = [
    ...result.databases.flatMap((d) => {
      const t = [...baselineTable(d), ...scalingTables(d)];
      return t.length ? [`### ${d.version}`, "", ...t] : [];
    }),
    ...coldStartTable(result),
  ];
  if (extra.length) log(`\n${extra.join("\n")}`);
  log(`\ndone in ${result.durationSeconds.toFixed(0)}s; wrote ${files.join(", ")}`);
  const broken = result.databases.flatMap((d) =>
    d.systems.filter((s) => s.status !== "ok").map((s) => `${d.kind}/${s.id}`),
  );
  if (broken.length) log(`not measured: ${broken.join(", ")} (see the report for the reasons)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
