/**
 * The five workloads: how each is timed, and how its result is checked afterwards (outside the timing).
 */
import type { CustomerWithOrdersLike, OrderLike, System } from "../system.ts";
import type { DataSet } from "./data.ts";
import { w5Status } from "./data.ts";
import type { Admin } from "./database.ts";

export type WorkloadId = "W1" | "W2" | "W3" | "W4" | "W5";

export interface Workload {
  readonly id: WorkloadId;
  readonly title: string;
  describe(d: DataSet): string;
  /**
   * Runs the workload once. Only the part inside ctx.timed() is timed; checks and cleanup come after.
   * Throws if the result is wrong.
   */
  run(system: System, ctx: WorkloadContext): Promise<void>;
}

export interface WorkloadContext {
  readonly data: DataSet;
  readonly admin: Admin;
  /** W5 runs so far on this database (each run writes statuses that differ from the previous run's). */
  w5Runs: number;
  /**
   * Times `fn` (after a garbage collection) and counts the statements the drivers receive meanwhile; the
   * result is left in `last`.
   */
  timed<T>(fn: () => Promise<T>): Promise<T>;
  last: { ms: number; cpuMs: number; statements: number };
  /** What W2 returned, e.g. "Order instances, created_at: Date, total: string" (set by every W2 run). */
  rowShape: string;
}

class Mismatch extends Error {
  constructor(workload: WorkloadId, message: string) {
    super(`${workload} returned a wrong result: ${message}`);
  }
}

/** The created_at value under whichever name the library uses, in epoch milliseconds. */
function createdAtMs(row: object): number {
  const r = row as { createdAt?: unknown; created_at?: unknown };
  const v = r.createdAt ?? r.created_at;
  if (v instanceof Date) return v.getTime();
  if (typeof v === "string") return Date.parse(v);
  if (typeof v === "number") return v;
  return Number.NaN;
}

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (v instanceof Date) return "Date";
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return typeof v;
}

/** Describes a loaded row: its class (if any) and the JS types of created_at and total. */
function rowShape(row: object | undefined): string {
  if (!row) return "no rows";
  const r = row as { createdAt?: unknown; created_at?: unknown; total?: unknown };
  const cls = row.constructor?.name;
  const what = !cls || cls === "Object" ? "plain objects" : `${cls} instances`;
  return `${what}, created_at: ${kindOf(r.createdAt ?? r.created_at)}, total: ${kindOf(r.total)}`;
}

function checkDate(w: WorkloadId, what: string, row: object, expected: number): void {
  const got = createdAtMs(row);
  if (got !== expected) {
    throw new Mismatch(
      w,
      `${what}: created_at is ${new Date(got).toISOString()}, expected ${new Date(expected).toISOString()}`,
    );
  }
}

export const WORKLOADS: readonly Workload[] = [
  {
    id: "W1",
    title: "primary-key lookups, fresh context each",
    describe: (d) => `${d.sizes.w1Lookups.toLocaleString("en")} sequential customer lookups by id`,
    async run(system, { data, timed }) {
      const ids = data.lookupIds;
      const results = new Array<Awaited<ReturnType<System["findCustomer"]>>>(ids.length);
      await timed(async () => {
        for (let i = 0; i < ids.length; i++) results[i] = await system.findCustomer(ids[i]!);
      });
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        const c = results[i];
        if (!c) throw new Mismatch("W1", `customer ${id} not found`);
        if (Number(c.id) !== id || c.email !== data.customers.email[id - 1]) {
          throw new Mismatch("W1", `lookup ${i} for id ${id} returned id ${c.id} / ${c.email}`);
        }
        if (i < 5) checkDate("W1", `customer ${id}`, c, data.customers.createdAt[id - 1]!);
      }
    },
  },
  {
    id: "W2",
    title: "load orders as entities",
    describe: (d) => `${d.sizes.w2Limit.toLocaleString("en")} orders in one query, ${d.sizes.w2Reps} times`,
    async run(system, ctx) {
      const { data, timed } = ctx;
      const { w2Limit: limit, w2Reps: reps } = data.sizes;
      const lengths: number[] = [];
      let last: readonly OrderLike[] = [];
      await timed(async () => {
        for (let r = 0; r < reps; r++) {
          last = await system.loadOrders(limit);
          lengths.push(last.length);
        }
      });
      if (lengths.some((n) => n !== limit))
        throw new Mismatch("W2", `row counts ${lengths.join(",")}, expected ${limit}`);
      for (let i = 0; i < last.length; i++) {
        const o = last[i]!;
        if (Number(o.id) !== i + 1) throw new Mismatch("W2", `row ${i} has id ${o.id}`);
        // Orders up to w5Limit get new statuses in W5; the others keep their seeded status.
        if (i % 97 === 0 && i >= data.sizes.w5Limit) {
          if (o.status !== data.orders.status[i])
            throw new Mismatch("W2", `order ${i + 1} status ${o.status}`);
          checkDate("W2", `order ${i + 1}`, o, data.orders.createdAt[i]!);
        }
      }
      ctx.rowShape = rowShape(last[0]);
    },
  },
  {
    id: "W3",
    title: "customers with their orders (eager loading)",
    describe: (d) =>
      `${d.sizes.w3Limit.toLocaleString("en")} customers with all their orders, ${d.sizes.w3Reps} times`,
    async run(system, { data, timed }) {
      const { w3Limit: limit, w3Reps: reps } = data.sizes;
      const lengths: number[] = [];
      let last: readonly CustomerWithOrdersLike[] = [];
      await timed(async () => {
        for (let r = 0; r < reps; r++) {
          last = await system.loadCustomersWithOrders(limit);
          lengths.push(last.length);
        }
      });
      if (lengths.some((n) => n !== limit)) throw new Mismatch("W3", `customer counts ${lengths.join(",")}`);
      for (let i = 0; i < last.length; i++) {
        const c = last[i]!;
        if (Number(c.id) !== i + 1) throw new Mismatch("W3", `customer ${i} has id ${c.id}`);
        const expected = data.ordersPerCustomer[i]!;
        if (c.orders.length !== expected) {
          throw new Mismatch("W3", `customer ${c.id} has ${c.orders.length} orders, expected ${expected}`);
        }
      }
    },
  },
  {
    id: "W4",
    title: "insert orders",
    describe: (d) =>
      `${d.sizes.w4Rows.toLocaleString("en")} new orders (deleted again after each run, untimed)`,
    async run(system, { data, admin, timed }) {
      const maxSeeded = data.sizes.orders;
      await timed(() => system.insertOrders(data.newOrders));
      try {
        const s = await admin.insertedSummary(maxSeeded);
        if (s.count !== data.newOrders.length) throw new Mismatch("W4", `${s.count} rows inserted`);
        if (s.totalCents !== data.newOrdersTotalCents) {
          throw new Mismatch(
            "W4",
            `sum of totals ${s.totalCents / 100}, expected ${data.newOrdersTotalCents / 100}`,
          );
        }
        if (s.nullNotes !== data.newOrdersNullNotes) throw new Mismatch("W4", `${s.nullNotes} null notes`);
        if (s.createdAtMsSum !== data.newOrdersCreatedAtMsSum) {
          const off =
            s.createdAtMsSum === null
              ? "unreadable"
              : `${(s.createdAtMsSum - data.newOrdersCreatedAtMsSum) / data.newOrders.length} ms off on average`;
          throw new Mismatch("W4", `created_at values are wrong (${off})`);
        }
      } finally {
        await admin.cleanupInserted(maxSeeded);
      }
    },
  },
  {
    id: "W5",
    title: "load, change and save orders",
    describe: (d) => `load ${d.sizes.w5Limit.toLocaleString("en")} orders, give each a new status, persist`,
    async run(system, ctx) {
      const { data, admin, timed } = ctx;
      const limit = data.sizes.w5Limit;
      const run = ++ctx.w5Runs;
      const next = (id: number) => w5Status(run, id);
      const changed = await timed(() => system.updateOrderStatuses(limit, next));
      if (changed !== limit)
        throw new Mismatch("W5", `reported ${changed} orders changed, expected ${limit}`);
      const rows = await admin.w5Rows(limit, data);
      for (let i = 0; i < limit; i++) {
        if (rows[i]?.status !== next(i + 1)) {
          throw new Mismatch("W5", `order ${i + 1} has status ${rows[i]?.status}, expected ${next(i + 1)}`);
        }
        if (!rows[i]!.createdAtIntact) throw new Mismatch("W5", `order ${i + 1}: created_at was rewritten`);
      }
      await admin.vacuum();
    },
  },
];
