/**
 * Where a statement's caches live: its compiled form (the dialect's) and the ORM's plan of a
 * select. CPU time of 2,000 operations on in-memory SQLite, median of interleaved rounds:
 * `session.get()` (one statement per mapper, reused), an ORM select built per call, and a Core
 * select built per call. BASELINE_SRC=/path/to/another/checkout/src runs that copy of Athanor in
 * the same rounds and prints the ratios. Asserts nothing:
 *   node --import tsx bench/micro/statement-caches.ts
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { CUSTOMERS, cpuTime, customersDatabase, median } from "./customers.js";

type Athanor = typeof import("../../src/index.js");

const N = CUSTOMERS;
const ROUNDS = Number(process.env.ROUNDS ?? 21);

async function system(athanor: Athanor) {
  const { Customer, engine, SessionLocal } = await customersDatabase(athanor);
  const { select } = athanor;
  const table = Customer.__table__;
  return {
    "session.get()": async () => {
      for (let id = 1; id <= N; id++) {
        const db = SessionLocal();
        if ((await db.get(Customer, id))?.id !== id) throw new Error(`customer ${id} not found`);
        await db.close();
      }
    },
    "ORM select per call": async () => {
      const db = SessionLocal();
      for (let id = 1; id <= N; id++) {
        const rows = (await db.scalars(select(Customer).where(Customer.id.eq(id)))).all();
        if (rows.length !== 1) throw new Error(`customer ${id} not found`);
      }
      await db.close();
    },
    "Core select per call": async () => {
      const conn = await engine.connect();
      for (let id = 1; id <= N; id++) {
        const rows = (await conn.execute(select(table.c.id, table.c.name).where(table.c.id.eq(id)))).all();
        if (rows.length !== 1) throw new Error(`row ${id} not found`);
      }
      await conn.close();
    },
  };
}

const systems: Record<string, Awaited<ReturnType<typeof system>>> = {
  current: await system(await import("../../src/index.js")),
};
if (process.env.BASELINE_SRC) {
  const url = pathToFileURL(resolve(process.env.BASELINE_SRC, "index.ts")).href;
  systems.baseline = await system((await import(url)) as Athanor);
}
const runs = Object.entries(systems).flatMap(([s, cases]) =>
  Object.entries(cases).map(([c, fn]) => ({ label: `${c} [${s}]`, system: s, name: c, fn })),
);
for (let i = 0; i < 3; i++) for (const r of runs) await r.fn();
const times = new Map<string, number[]>(runs.map((r) => [r.label, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const r of round % 2 === 0 ? runs : [...runs].reverse()) times.get(r.label)!.push(await cpuTime(r.fn));
}
console.log(`CPU time of ${N} operations, median of ${ROUNDS} rounds:`);
for (const r of runs) console.log(`  ${r.label.padEnd(34)} ${median(times.get(r.label)!).toFixed(1)} ms`);
if (systems.baseline)
  for (const name of Object.keys(systems.current!))
    console.log(
      `  ${name}: current / baseline ${(median(times.get(`${name} [current]`)!) / median(times.get(`${name} [baseline]`)!)).toFixed(2)}`,
    );
