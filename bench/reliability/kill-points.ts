import { func, select, sessionmaker, text } from "../../src/index.js";
import { batchModels } from "./models.js";
import { random, type ServerDb, sleep } from "./support.js";

export interface KillPointFigures {
  readonly tried: number;
  /** Units of work whose connection was killed before they finished. */
  readonly interrupted: number;
  /** Batches found with some of their rows but not all (must be 0). */
  readonly partialCommits: number;
  /** Batches whose commit resolved but which are not in the database (must be 0). */
  readonly acknowledgedMissing: number;
}

const ITEMS = 20;

/**
 * Kills the unit of work's server session at a random moment: during one of its four flushes,
 * during COMMIT, or after. Then the database must hold the whole batch or none of it, and every
 * batch whose commit resolved.
 */
export async function killPoints(db: ServerDb, tries: number, seed = 14): Promise<KillPointFigures> {
  const { Base, Batch, Item } = batchModels();
  const engine = db.engine({ poolSize: 2 });
  await Base.metadata.createAll(engine);
  const SessionLocal = sessionmaker({ bind: engine });
  const rnd = random(seed);
  const acked = new Set<number>();
  let interrupted = 0;
  for (let i = 1; i <= tries; i++) {
    // 0-30 ms: during any of the four flushes, during COMMIT, or after it.
    const delay = rnd() * 30;
    try {
      await SessionLocal.begin(async (s) => {
        const id = Number((await s.execute(text(db.idSql))).scalar());
        const killer = sleep(delay).then(() => db.kill(id));
        const batch = new Batch({ id: i, worker: 0, size: ITEMS });
        s.add(batch);
        for (let j = 0; j < ITEMS; j++) {
          batch.items.push(new Item({ id: i * 100 + j, label: `item ${j}` }));
          if (j % 5 === 4) await s.flush();
        }
        void killer;
      });
      acked.add(i);
    } catch {
      interrupted++;
    }
  }
  await sleep(50);
  const check = db.engine({ poolSize: 1 });
  const counts = await check.begin(async (c) => {
    const rows = (
      await c.execute(select(Item.batchId, func.count(Item.id).label("n")).groupBy(Item.batchId))
    ).all();
    const batches = new Set((await c.execute(select(Batch.id))).scalars().all());
    return { items: new Map(rows.map((r) => [r.batchId, Number(r.n)])), batches };
  });
  let partial = 0;
  for (let i = 1; i <= tries; i++) {
    const n = counts.items.get(i) ?? 0;
    if (counts.batches.has(i) ? n !== ITEMS : n !== 0) partial++;
  }
  const missing = [...acked].filter((i) => !counts.batches.has(i)).length;
  await engine.dispose();
  await check.dispose();
  return { tried: tries, interrupted, partialCommits: partial, acknowledgedMissing: missing };
}
