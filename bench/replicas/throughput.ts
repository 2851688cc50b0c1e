/**
 * Read throughput with and without a read replica (issue 16's bench scenario; prints figures,
 * asserts nothing). Needs the scale-out servers:
 *
 *   eval "$(scripts/ci/scaleout-servers.sh)"
 *   ATHANOR_TEST_POSTGRES_URL=postgresql://root@127.0.0.1:5432/test npm run bench:replicas
 *
 * Bounded: SECONDS per configuration (default 3), WORKERS concurrent sessions (default 16). On
 * one machine the replica shares the primary's cores, so the ratio shows the routing's cost more
 * than a second server's capacity.
 */
import { randomBytes } from "node:crypto";
import {
  column,
  createEngine,
  declarativeBase,
  type Engine,
  type EngineOptions,
  func,
  Integer,
  insert,
  makeUrl,
  select,
  sessionmaker,
  Text,
} from "../../src/index.js";

const Base = declarativeBase();
class Note extends Base.table("notes", {
  id: column(Integer).primaryKey(),
  body: column(Text),
}) {}

const ROWS = 1000;
const SECONDS = Number(process.env.SECONDS ?? 3);
const WORKERS = Number(process.env.WORKERS ?? 16);
/** The next id to write (over all configurations, which share the table). */
let next = ROWS + 1;

async function readsPerSecond(engine: Engine, writeEvery: number, seconds = SECONDS): Promise<number> {
  const SessionLocal = sessionmaker({ bind: engine });
  const deadline = performance.now() + seconds * 1000;
  let reads = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      let n = 0;
      while (performance.now() < deadline) {
        await using db = SessionLocal();
        if (writeEvery > 0 && ++n % writeEvery === 0) {
          const id = next++;
          db.add(new Note({ id, body: "w" }));
          await db.commit();
          if ((await db.get(Note, id)) === null) throw new Error("a session did not read its own write");
        } else {
          await db.get(Note, 1 + Math.floor(Math.random() * ROWS));
        }
        reads++;
      }
    }),
  );
  return reads / seconds;
}

async function main(): Promise<void> {
  const primaryUrl = process.env.ATHANOR_TEST_POSTGRES_URL;
  const replicaServer = process.env.ATHANOR_TEST_REPLICA_URL;
  if (!primaryUrl || !replicaServer)
    throw new Error('Set ATHANOR_TEST_POSTGRES_URL and run eval "$(scripts/ci/scaleout-servers.sh)" first');
  const name = `athanor_b_${randomBytes(5).toString("hex")}`;
  const admin = createEngine(primaryUrl, { poolClass: "null", isolationLevel: "AUTOCOMMIT" });
  await admin.begin(async (c) => c.executeDriverSql(`CREATE DATABASE ${name}`));
  const url = makeUrl(primaryUrl).set({ database: name }).render(false);
  const replicaUrl = makeUrl(replicaServer).set({ database: name }).render(false);
  try {
    const setup = createEngine(url);
    await Base.metadata.createAll(setup);
    await setup.begin(async (c) =>
      c.execute(
        insert(Note),
        Array.from({ length: ROWS }, (_, i) => ({ id: i + 1, body: `note ${i + 1}` })),
      ),
    );
    await setup.dispose();
    // The replica has the rows once it answers a read of the last one.
    const probe = createEngine(replicaUrl, { poolClass: "null" });
    for (let i = 0; ; i++) {
      try {
        const n = await probe.begin(async (c) => c.scalar(select(func.count()).selectFrom(Note)));
        if (Number(n) === ROWS) break;
      } catch (e) {
        if (i > 200) throw e;
      }
      if (i > 200) throw new Error("the replica did not replay the rows within 10 s");
      await new Promise((r) => setTimeout(r, 50));
    }
    await probe.dispose();

    const configs: [string, EngineOptions, number][] = [
      ["primary only, reads", {}, 0],
      ["primary + 1 replica, reads", { replicas: [replicaUrl] }, 0],
      ["primary only, 1 write in 10", {}, 10],
      ['primary + replica, 1 write in 10, readYourWrites "lsn"', { replicas: [replicaUrl] }, 10],
      [
        'primary + replica, 1 write in 10, readYourWrites "primary"',
        { replicas: [replicaUrl], readYourWrites: "primary" },
        10,
      ],
    ];
    // Warm up: connections, compiled statements, the server's caches.
    const warm = createEngine(url, { poolSize: WORKERS, replicas: [replicaUrl] });
    await readsPerSecond(warm, 10, 1);
    await warm.dispose();
    const figures: number[] = [];
    console.log(`${WORKERS} concurrent sessions, ${SECONDS} s each, one get() per session`);
    for (const [label, options, writeEvery] of configs) {
      const engine = createEngine(url, { poolSize: WORKERS, ...options });
      try {
        const rate = await readsPerSecond(engine, writeEvery);
        figures.push(rate);
        console.log(`${label.padEnd(62)} ${rate.toFixed(0).padStart(7)} sessions/s`);
      } finally {
        await engine.dispose();
      }
    }
    console.log(`ratio with replica / without (reads): ${(figures[1]! / figures[0]!).toFixed(2)}`);
    console.log(
      `ratio with replica / without (1 write in 10, lsn): ${(figures[3]! / figures[2]!).toFixed(2)}`,
    );
  } finally {
    await admin.begin(async (c) => c.executeDriverSql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    await admin.dispose();
  }
}

await main();
