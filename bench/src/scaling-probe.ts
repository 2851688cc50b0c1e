/** Child process of lib/scaling.ts: one system's per-row cost and memory at growing sizes. Prints "PROBE {json}". */
import { generate } from "./lib/data.ts";
import { type Admin, openPgAdmin, openSqliteAdmin } from "./lib/database.ts";
import { openMysqlAdmin } from "./lib/database-mysql.ts";
import { fullGc, runProbeChild } from "./lib/probe-child.ts";
import { loadSystemModule } from "./lib/registry.ts";
import type { ScalingPoint, ScalingRequest, ScalingResult } from "./lib/scaling.ts";
import type { DbTarget } from "./system.ts";

function openAdmin(t: DbTarget): Promise<Admin> {
  if (t.kind === "pg") return openPgAdmin(t.url);
  if (t.kind === "mysql") return openMysqlAdmin(t.url);
  return openSqliteAdmin(t.file, false);
}

async function probe(req: ScalingRequest): Promise<ScalingResult> {
  const largest = req.counts[req.counts.length - 1]!;
  const newOrders = generate({ ...req.sizes, w4Rows: largest }).newOrders;
  const admin = await openAdmin(req.target);
  const system = (await loadSystemModule(req.systemFile))();
  await system.setup(req.target);
  const reps = (n: number) => Math.max(1, Math.ceil(req.minRows / n));

  const times = () => req.counts.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  const loads = times();
  const inserts = times();
  /** Runs fn, and returns wall and CPU microseconds per row for `rows` rows. */
  const clock = async (rows: number, fn: () => Promise<void>) => {
    fullGc();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const wall = ((performance.now() - t0) * 1000) / rows;
    const cpu = process.cpuUsage(cpu0);
    return { wall, cpu: (cpu.user + cpu.system) / rows };
  };
  const load = (i: number) => {
    const n = req.counts[i]!;
    return clock(reps(n) * n, async () => {
      for (let r = 0; r < reps(n); r++) {
        const rows = await system.loadOrders(n);
        if (rows.length !== n) throw new Error(`loadOrders(${n}) returned ${rows.length} rows`);
      }
    });
  };
  const insert = async (i: number) => {
    const n = req.counts[i]!;
    const rows = newOrders.slice(0, n);
    const t = await clock(reps(n) * n, async () => {
      for (let r = 0; r < reps(n); r++) await system.insertOrders(rows);
    });
    try {
      const { count } = await admin.insertedSummary(req.sizes.orders);
      if (count !== reps(n) * n) throw new Error(`insertOrders(${n} rows) x ${reps(n)} inserted ${count}`);
    } finally {
      await admin.cleanupInserted(req.sizes.orders);
    }
    return t;
  };

  // Warm-up (untimed): every size once each way.
  for (let i = 0; i < req.counts.length; i++) {
    await load(i);
    await insert(i);
  }
  // Rounds: the sizes in a rotating order, so none always runs first.
  for (let round = 0; round < req.rounds; round++) {
    for (let k = 0; k < req.counts.length; k++) {
      const i = (k + round) % req.counts.length;
      const l = await load(i);
      loads[i]!.wall.push(l.wall);
      loads[i]!.cpu.push(l.cpu);
      const w = await insert(i);
      inserts[i]!.wall.push(w.wall);
      inserts[i]!.cpu.push(w.cpu);
    }
  }

  const points: ScalingPoint[] = [];
  for (let i = 0; i < req.counts.length; i++) {
    const n = req.counts[i]!;
    // Heap held by n entities, as in memory-probe.ts: the difference between holding three results and
    // holding one, so that a result still referenced from elsewhere (a suspended async frame keeps the
    // last awaited value) is counted the same way in both states.
    const held: (readonly unknown[])[] = [await system.loadOrders(n)];
    fullGc();
    const holdingOne = process.memoryUsage().heapUsed;
    for (let k = 0; k < 2; k++) held.push(await system.loadOrders(n));
    fullGc();
    const bytes = (process.memoryUsage().heapUsed - holdingOne) / 2 / n;
    if (held.some((r) => r.length !== n)) throw new Error(`loadOrders(${n}) returned the wrong row count`);
    held.length = 0;
    points.push({
      n,
      loadUs: loads[i]!.wall,
      insertUs: inserts[i]!.wall,
      loadCpuUs: loads[i]!.cpu,
      insertCpuUs: inserts[i]!.cpu,
      bytesPerEntity: bytes,
    });
  }
  await system.teardown();
  await admin.close();
  return { id: system.id, label: system.label, points };
}

runProbeChild(probe);
