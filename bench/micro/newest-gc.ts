/**
 * Does keeping the newest Session, IdentityMap, InstanceState, ... alive (src/orm/newest.ts) keep
 * V8's optimized code across a full garbage collection? CPU time of 2,000 `session.get()` on
 * in-memory SQLite (a fresh session each) right after a full GC: with the objects kept, with them
 * released before the GC, and kept again as an A/A control of the noise, in interleaved rounds.
 * Prints medians and ratios, asserts nothing:
 *   node --expose-gc --import tsx bench/micro/newest-gc.ts
 */
import * as athanor from "../../src/index.js";
import { mapperFor } from "../../src/orm/mapper/mapping.js";
import { releaseNewest } from "../../src/orm/newest.js";
import { CUSTOMERS, cpuTime, customersDatabase, median } from "./customers.js";

const ROUNDS = Number(process.env.ROUNDS ?? 31);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

const { Customer, engine, SessionLocal } = await customersDatabase(athanor);

function lookups(): Promise<number> {
  return cpuTime(async () => {
    for (let id = 1; id <= CUSTOMERS; id++) {
      const db = SessionLocal();
      try {
        if ((await db.get(Customer, id))?.id !== id) throw new Error(`customer ${id} not found`);
      } finally {
        await db.close();
      }
    }
  });
}

/** What the runs without src/orm/newest.ts would have at the GC: none of the ORM's newest objects. */
function release(): void {
  releaseNewest();
  const mapper = mapperFor(Customer);
  mapper.newestLoaded = null;
  mapper.newestCreated = null;
}

type Mode = "kept" | "released" | "control";
for (let i = 0; i < 5; i++) await lookups();
const times: Record<Mode, number[]> = { kept: [], released: [], control: [] };
const orders: Mode[][] = [
  ["kept", "released", "control"],
  ["released", "control", "kept"],
  ["control", "kept", "released"],
];
for (let r = 0; r < ROUNDS; r++) {
  for (const mode of orders[r % orders.length]!) {
    if (mode === "released") release();
    gc();
    times[mode].push(await lookups());
  }
}
const m = { kept: median(times.kept), released: median(times.released), control: median(times.control) };
console.log(`CPU time of 2,000 session.get() after a full GC, median of ${ROUNDS} rounds:`);
for (const mode of ["kept", "released", "control"] as const)
  console.log(`  ${mode.padEnd(9)} ${m[mode].toFixed(1)} ms`);
console.log(
  `  released / kept: ${(m.released / m.kept).toFixed(2)}; control / kept: ${(m.control / m.kept).toFixed(2)}`,
);
await engine.dispose();
