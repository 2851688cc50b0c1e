/**
 * 2,000 `session.get()` lookups on in-memory SQLite, a fresh session each (the bench's W1 shape):
 * the synchronous fast path against the asynchronous one (`syncFastPath: false`). Prints figures,
 * asserts nothing:  npx tsx bench/micro/session-get.ts
 */
import {
  column,
  createEngine,
  declarativeBase,
  type Engine,
  Integer,
  sessionmaker,
  Text,
} from "../../src/index.js";

const N = 2000;
const ROUNDS = Number(process.env.ROUNDS ?? 7);

const Base = declarativeBase();
class Customer extends Base.table("customers", {
  id: column(Integer).primaryKey(),
  name: column(Text),
  email: column(Text),
  city: column(Text),
}) {}

async function setUp(syncFastPath: boolean): Promise<Engine> {
  const engine = createEngine("sqlite://", { syncFastPath });
  await Base.metadata.createAll(engine);
  const SessionLocal = sessionmaker({ bind: engine });
  await SessionLocal.begin(async (db) => {
    for (let i = 1; i <= N; i++)
      db.add(new Customer({ id: i, name: `c${i}`, email: `c${i}@example.com`, city: "Lyon" }));
  });
  return engine;
}

async function lookups(engine: Engine): Promise<number> {
  const SessionLocal = sessionmaker({ bind: engine, expireOnCommit: false });
  const start = performance.now();
  for (let id = 1; id <= N; id++) {
    const db = SessionLocal();
    try {
      if ((await db.get(Customer, id))?.id !== id) throw new Error(`customer ${id} not found`);
    } finally {
      await db.close();
    }
  }
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
// MODES=sync measures the fast path alone (the asynchronous runs make shared call sites polymorphic).
const modes = (process.env.MODES ?? "sync,async").split(",") as ("sync" | "async")[];
const engines = new Map<string, Engine>();
for (const k of modes) engines.set(k, await setUp(k === "sync"));
const times = new Map<string, number[]>(modes.map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) for (const k of modes) times.get(k)!.push(await lookups(engines.get(k)!));
for (const [k, t] of times)
  console.log(`${k}: median ${median(t).toFixed(1)} ms, min ${Math.min(...t).toFixed(1)} ms per ${N} gets`);
if (modes.length === 2)
  console.log(
    `async / sync: ${(median(times.get("async")!) / median(times.get("sync")!)).toFixed(2)} (medians)`,
  );
for (const e of engines.values()) await e.dispose();
