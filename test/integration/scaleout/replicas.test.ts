import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import {
  column,
  createEngine,
  declarativeBase,
  type Engine,
  type EngineOptions,
  Integer,
  insert,
  makeUrl,
  select,
  sessionmaker,
  Text,
} from "../../../src/index.js";
import type { Provisioned } from "../../support/databases.js";
import { describeScaleout, provisionReplicated, sameDatabase } from "./support.js";
import { TcpProxy } from "./tcp-proxy.js";

const Base = declarativeBase();
class Note extends Base.table("notes", {
  id: column(Integer).primaryKey(),
  body: column(Text),
}) {}

/** Reads of the notes table that reached each engine (health and LSN queries left out). */
function noteReads(engines: readonly Engine[]): { counts: number[]; reset(): void } {
  const counts = engines.map(() => 0);
  engines.forEach((e, i) => {
    e.on("afterExecute", ({ sql }) => {
      if (/^SELECT\b[\s\S]*\bnotes\b/.test(sql)) counts[i]!++;
    });
  });
  return { counts, reset: () => counts.fill(0) };
}

describeScaleout("read replicas on a PostgreSQL streaming replica", (servers) => {
  let db: Provisioned & { replicaUrl: string };
  let admin: Engine;
  let replicaAdmin: Engine;
  const engines: Engine[] = [];

  function routed(options: EngineOptions = {}, replicaUrls?: string[]): Engine {
    const engine = createEngine(db.url, { replicas: replicaUrls ?? [db.replicaUrl], ...options });
    engines.push(engine);
    return engine;
  }

  beforeAll(async () => {
    db = await provisionReplicated(servers);
    admin = createEngine(db.url);
    replicaAdmin = createEngine(db.replicaUrl, { poolClass: "null" });
    await Base.metadata.createAll(admin);
    await admin.begin(async (c) => {
      await c.execute(insert(Note), [{ id: 1, body: "seed" }]);
    });
  });
  afterEach(async () => {
    // Replay is paused by some tests: never leave the shared replica behind.
    await replicaAdmin.begin(async (c) => c.executeDriverSql("SELECT pg_wal_replay_resume()"));
    for (const e of engines.splice(0)) await e.dispose();
  });
  afterAll(async () => {
    await admin?.dispose();
    await replicaAdmin?.dispose();
    await db?.cleanup();
  });

  async function pauseReplay(): Promise<void> {
    await replicaAdmin.begin(async (c) => c.executeDriverSql("SELECT pg_wal_replay_pause()"));
  }

  it("sends reads outside a writing transaction to the replicas, round robin, and none to the primary", async () => {
    const engine = routed({}, [db.replicaUrl, db.replicaUrl]);
    const reads = noteReads([engine, ...engine.replicas]);
    const SessionLocal = sessionmaker({ bind: engine });
    for (let i = 0; i < 10; i++) {
      await using s = SessionLocal();
      expect((await s.get(Note, 1))?.body).toBe("seed");
      // A session that only reads holds no connection to the primary.
      expect(engine.pool.checkedOut).toBe(0);
    }
    await using conn = await engine.connect();
    for (let i = 0; i < 4; i++)
      expect(await conn.scalar(select(Note.body).where(Note.id.eq(1)))).toBe("seed");
    expect(reads.counts).toEqual([0, 7, 7]);
  });

  it("sends writes, and reads after a write in the same transaction, to the primary", async () => {
    const engine = routed();
    const reads = noteReads([engine, ...engine.replicas]);
    await using s = sessionmaker({ bind: engine })();
    expect(await s.scalar(select(Note.body).where(Note.id.eq(1)))).toBe("seed");
    s.add(new Note({ id: 2, body: "in transaction" }));
    await s.flush();
    expect(await s.scalar(select(Note.body).where(Note.id.eq(2)))).toBe("in transaction");
    expect(reads.counts).toEqual([1, 1]);
    await s.rollback();
  });

  it("reads a session's own commit at once: on the primary while the replica's replay is paused", async () => {
    const engine = routed({ replicaCatchUpTimeout: 100 });
    const reads = noteReads([engine, ...engine.replicas]);
    const SessionLocal = sessionmaker({ bind: engine });
    await pauseReplay();
    await using s = SessionLocal();
    s.add(new Note({ id: 10, body: "written" }));
    await s.commit();
    reads.reset();
    const started = performance.now();
    expect((await s.get(Note, 10))?.body).toBe("written");
    // It waited for the replica (up to the bound), then read on the primary.
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(reads.counts).toEqual([1, 0]);
    // Another session did not write: it reads the replica, which has not replayed the row.
    await using other = SessionLocal();
    expect(await other.get(Note, 10)).toBeNull();
    expect(reads.counts).toEqual([1, 1]);
  });

  it("reads a session's own commit on the replica once the replica has replayed it", async () => {
    const engine = routed({ replicaCatchUpTimeout: 5000 });
    const reads = noteReads([engine, ...engine.replicas]);
    await pauseReplay();
    await using s = sessionmaker({ bind: engine })();
    s.add(new Note({ id: 11, body: "replayed later" }));
    await s.commit();
    reads.reset();
    setTimeout(
      () => void replicaAdmin.begin(async (c) => c.executeDriverSql("SELECT pg_wal_replay_resume()")),
      150,
    );
    expect((await s.get(Note, 11))?.body).toBe("replayed later");
    expect(reads.counts).toEqual([0, 1]);
  });

  it("without readYourWrites a read after a commit may miss it (the lag the other tests guard against)", async () => {
    const engine = routed({ readYourWrites: false });
    await pauseReplay();
    await using s = sessionmaker({ bind: engine })();
    s.add(new Note({ id: 12, body: "not yet replayed" }));
    await s.commit();
    expect(await s.get(Note, 12)).toBeNull();
  });

  it('readYourWrites: "primary" reads on the primary after the session wrote', async () => {
    const engine = routed({ readYourWrites: "primary" });
    const reads = noteReads([engine, ...engine.replicas]);
    await using s = sessionmaker({ bind: engine })();
    await s.get(Note, 1);
    s.add(new Note({ id: 13, body: "x" }));
    await s.commit();
    reads.reset();
    await s.get(Note, 13);
    await s.scalar(select(Note.body).where(Note.id.eq(1)));
    expect(reads.counts).toEqual([2, 0]);
  });

  it("skips a replica that lags past maxReplicaLag", async () => {
    const engine = routed({ readYourWrites: false, maxReplicaLag: 100, replicaLagCheckInterval: 0 });
    const reads = noteReads([engine, ...engine.replicas]);
    await pauseReplay();
    // A write the replica receives but does not replay: its replay lag grows from now on.
    await admin.begin(async (c) => c.execute(insert(Note), [{ id: 14, body: "pending" }]));
    await new Promise((r) => setTimeout(r, 300));
    await using s = sessionmaker({ bind: engine })();
    expect((await s.get(Note, 1))?.body).toBe("seed");
    expect(reads.counts).toEqual([1, 0]);
  });

  it("pins a session, a connection or one statement to the primary", async () => {
    const engine = routed();
    const reads = noteReads([engine, ...engine.replicas]);
    const SessionLocal = sessionmaker({ bind: engine });
    {
      await using pinned = SessionLocal({ usePrimary: true });
      await pinned.get(Note, 1);
      await pinned.scalar(select(Note.body));
    }
    expect(reads.counts).toEqual([2, 0]);
    {
      await using s = SessionLocal();
      await s.scalar(select(Note.body).where(Note.id.eq(1)), undefined, { usePrimary: true });
      await s.scalar(select(Note.body).where(Note.id.eq(1)));
    }
    expect(reads.counts).toEqual([3, 1]);
    {
      await using conn = await engine.connect();
      await conn.executionOptions({ usePrimary: true });
      await conn.execute(select(Note.body));
    }
    expect(reads.counts).toEqual([4, 1]);
  });

  it("skips a replica that is down (a closed port) and reads on the next", async () => {
    const closed = makeUrl(db.replicaUrl).set({ port: 1 }).render(false);
    const engine = routed({}, [closed, db.replicaUrl]);
    const reads = noteReads([engine, ...engine.replicas]);
    const SessionLocal = sessionmaker({ bind: engine });
    for (let i = 0; i < 6; i++) {
      await using s = SessionLocal();
      expect((await s.get(Note, 1))?.body).toBe("seed");
    }
    expect(reads.counts).toEqual([0, 0, 6]);
    expect(engine._replicas!.down()).toEqual([0]);
  });

  it("falls back to the primary while the only replica is gone, and uses it again when it is back", async () => {
    const target = makeUrl(servers.replica);
    const proxy = new TcpProxy({ host: target.host!, port: target.port! });
    await proxy.up();
    try {
      const viaProxy = makeUrl(db.replicaUrl).set({ port: proxy.port }).render(false);
      const engine = routed({ replicaRetryInterval: 200 }, [viaProxy]);
      const reads = noteReads([engine, ...engine.replicas]);
      const SessionLocal = sessionmaker({ bind: engine });
      const readOnce = async () => {
        await using s = SessionLocal();
        return (await s.get(Note, 1))?.body;
      };
      expect(await readOnce()).toBe("seed");
      expect(reads.counts).toEqual([0, 1]);
      // Gone: its pooled connection is cut, new ones are refused.
      await proxy.down();
      for (let i = 0; i < 3; i++) expect(await readOnce()).toBe("seed");
      expect(reads.counts[0]).toBe(3);
      expect(engine._replicas!.down()).toEqual([0]);
      // Back: after replicaRetryInterval it is tried, and used, again.
      await proxy.up();
      await new Promise((r) => setTimeout(r, 250));
      reads.reset();
      for (let i = 0; i < 3; i++) expect(await readOnce()).toBe("seed");
      expect(reads.counts).toEqual([0, 3]);
    } finally {
      await proxy.down();
    }
  });

  it("rejects replicas on a database that cannot have them", () => {
    expect(() => createEngine("sqlite://", { replicas: ["sqlite://"] })).toThrow(/needs PostgreSQL/);
    expect(() => createEngine(db.url, { replicas: [sameDatabase(db.url, "sqlite://")] })).toThrow();
    expect(() => createEngine(db.url, { replicas: [db.replicaUrl], maxReplicaLag: -1 })).toThrow(
      /maxReplicaLag/,
    );
  });
});
