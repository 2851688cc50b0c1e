import { select, sessionmaker } from "../../src/index.js";
import { batchModels } from "./models.js";
import { type ServerDb, sleep } from "./support.js";

export interface WorkerFigures {
  readonly workers: number;
  readonly seconds: number;
  readonly killRounds: number;
  readonly sessionsKilled: number;
  readonly commitsAcknowledged: number;
  readonly failedUnitsOfWork: number;
  /** Acknowledged commits whose rows are not in the database (must be 0). */
  readonly acknowledgedMissing: number;
  /** The longest time from killing every backend to the next acknowledged commit. */
  readonly worstRecoveryMs: number;
  /** Connections still checked out of the pool once the workers stopped (must be 0). */
  readonly leakedCheckouts: number;
  /** Server sessions left on the database after engine.dispose() (must be 0). */
  readonly leakedServerSessions: number;
}

/**
 * `workers` concurrent units of work (one batch row and two items each) for `seconds`, while
 * every backend of the database is killed every `everyMs`. A unit of work that fails is not
 * retried: its rows must be absent, and every acknowledged one present.
 */
export async function killingWorkers(
  db: ServerDb,
  workers = 50,
  seconds = 10,
  everyMs = 3000,
): Promise<WorkerFigures> {
  const { Base, Batch, Item } = batchModels();
  const engine = db.engine({ poolSize: workers, maxOverflow: 0, poolPrePing: true, poolTimeout: 30 });
  await Base.metadata.createAll(engine);
  const SessionLocal = sessionmaker({ bind: engine });
  const acked = new Set<number>();
  let failed = 0;
  let nextId = 1;
  let stop = false;
  let lastKill = -1;
  let worstRecovery = 0;
  const onCommit = () => {
    if (lastKill < 0) return;
    worstRecovery = Math.max(worstRecovery, performance.now() - lastKill);
    lastKill = -1;
  };
  const worker = async (w: number) => {
    while (!stop) {
      const id = nextId++;
      try {
        await SessionLocal.begin(async (s) => {
          const b = new Batch({ id, worker: w, size: 2 });
          b.items.push(new Item({ id: id * 10, label: "a" }), new Item({ id: id * 10 + 1, label: "b" }));
          s.add(b);
        });
        acked.add(id);
        onCommit();
      } catch {
        failed++;
        await sleep(5);
      }
    }
  };
  let killRounds = 0;
  let killed = 0;
  const killer = (async () => {
    for (let t = everyMs; t < seconds * 1000; t += everyMs) {
      await sleep(everyMs);
      if (stop) break;
      killRounds++;
      const at = performance.now();
      killed += await db.killAll();
      lastKill = at;
    }
  })();
  const running = Array.from({ length: workers }, (_, w) => worker(w));
  await sleep(seconds * 1000);
  stop = true;
  await Promise.all(running);
  await killer;
  const leakedCheckouts = engine.pool.checkedOut;
  const present = new Set(
    await engine.begin(async (c) => (await c.execute(select(Batch.id))).scalars().all()),
  );
  const missing = [...acked].filter((id) => !present.has(id)).length;
  await engine.dispose();
  await sleep(200);
  return {
    workers,
    seconds,
    killRounds,
    sessionsKilled: killed,
    commitsAcknowledged: acked.size,
    failedUnitsOfWork: failed,
    acknowledgedMissing: missing,
    worstRecoveryMs: Math.round(worstRecovery),
    leakedCheckouts,
    leakedServerSessions: await db.sessions(),
  };
}
