/**
 * Does keeping the newest Session, IdentityMap, InstanceState, ... alive (src/orm/newest.ts) keep
 * V8's optimized code across a full garbage collection? CPU time of 2,000 `session.get()` on
 * in-memory SQLite (a fresh session each) right after a full GC: with the objects kept, with them
 * released before the GC, and kept again as an A/A control of the noise, in interleaved rounds.
 * Prints medians and ratios, asserts nothing:
 *   node --expose-gc --import tsx bench/micro/newest-gc.ts
 */
import { column, createEngine, declarativeBase, Integer, sessionmaker, Text } from "../../src/index.js";
import { mapperFor } from "../../src/orm/mapper/mapping.js";
import { releaseNewest } from "../../src/orm/newest.js";

const N = 2000;
const ROUNDS = Number(process.env.ROUNDS ?? 31);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

const Base = declarativeBase();
class Customer extends Base.table("customers", {
  id: column(Integer).primaryKey(),
  name: column(Text),
  email: column(Text),
  city: column(Text),
}) {}

const engine = createEngine("sqlite://");
await Base.metadata.createAll(engine);
const SessionLocal = sessionmaker({ bind: engine, expireOnCommit: false });
await SessionLocal.begin(async (db) => {
  for (let i = 1; i <= N; i++)
    db.add(new Customer({ id: i, name: `c${i}`, email: `c${i}@example.com`, city: "Lyon" }));
});

/** CPU time (user + system) of the lookups: other processes on a busy machine inflate wall time. */
async function lookups(): Promise<number> {
  const start = process.cpuUsage();
  for (let id = 1; id <= N; id++) {
    const db = SessionLocal();
    try {
      if ((await db.get(Customer, id))?.id !== id) throw new Error(`customer ${id} not found`);
    } finally {
      await db.close();
    }
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
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
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const m = { kept: median(times.kept), released: median(times.released), control: median(times.control) };
console.log(`CPU time of 2,000 session.get() after a full GC, median of ${ROUNDS} rounds:`);
for (const mode of ["kept", "released", "control"] as const)
  console.log(`  ${mode.padEnd(9)} ${m[mode].toFixed(1)} ms`);
console.log(
  `  released / kept: ${(m.released / m.kept).toFixed(2)}; control / kept: ${(m.control / m.kept).toFixed(2)}`,
);
await engine.dispose();
