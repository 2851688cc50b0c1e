import { expect, it } from "vitest";
import {
  column,
  declarativeBase,
  Integer,
  StatementCancelledError,
  select,
  sessionmaker,
  text,
  update,
} from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/**
 * Issue 14, item 3: statement timeouts (engine-wide and per call) and AbortSignal on execute,
 * scalars, flush and commit. On PostgreSQL and MariaDB the statement is cancelled on the server
 * and the connection is clean afterwards; SQLite and PGlite run in-process and cannot stop a
 * running statement, so there a fired signal stops the next statement before it is sent.
 * Every test is bounded: the slow statements sleep 5 s and must be stopped within 2 s.
 */
forEachDatabase("timeouts and cancellation", (db) => {
  const server = db.name === "postgresql" || db.name === "mysql";
  const sleep = db.name === "mysql" ? "SELECT SLEEP(5)" : "SELECT pg_sleep(5)";
  const Base = declarativeBase();
  class Counter extends Base.table("hc_counters", {
    id: column(Integer).primaryKey(),
    n: column(Integer),
  }) {}

  it("an already fired signal refuses the statement before sending it, on every database", async () => {
    await Base.metadata.createAll(db.engine);
    await using conn = await db.engine.connect();
    const sent: string[] = [];
    const listener = (e: { sql: string }) => sent.push(e.sql);
    db.engine.on("afterExecute", listener);
    try {
      const err = await conn
        .execute(select(Counter.id), {}, { signal: AbortSignal.abort() })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StatementCancelledError);
      expect((err as StatementCancelledError).reason).toBe("aborted");
      expect((err as Error).message).toMatch(/aborted by its AbortSignal\. It was not sent/);
      expect(sent.filter((s) => /hc_counters/.test(s))).toEqual([]);
    } finally {
      db.engine.off("afterExecute", listener);
    }
    // A timeout that does not run out changes nothing.
    expect((await conn.scalars(select(Counter.id), {}, { timeout: 5000 })).all()).toEqual([]);
  });

  if (server)
    it("a per-call timeout cancels on the server; the connection is usable after", async () => {
      await using conn = await db.engine.connect();
      const start = performance.now();
      const err = await conn.execute(text(sleep), {}, { timeout: 150 }).catch((e: unknown) => e);
      expect(performance.now() - start).toBeLessThan(2000);
      expect(err).toBeInstanceOf(StatementCancelledError);
      expect(err).toMatchObject({ reason: "timeout", connectionInvalidated: false });
      expect((err as Error).message).toMatch(/150 ms timeout.*The server cancelled it/);
      await conn.rollback();
      expect((await conn.execute(text("SELECT 7"))).scalar()).toBe(7);
      expect(conn.invalidated).toBe(false);
    });

  if (server)
    it("an AbortSignal firing mid-statement cancels it; so does the engine's statementTimeout", async () => {
      {
        await using conn = await db.engine.connect();
        const ac = new AbortController();
        setTimeout(() => ac.abort(), 100);
        const err = await conn.execute(text(sleep), {}, { signal: ac.signal }).catch((e: unknown) => e);
        expect(err).toMatchObject({ reason: "aborted", connectionInvalidated: false });
      }
      const engine = db.newEngine({ statementTimeout: 150 });
      await using conn = await engine.connect();
      const start = performance.now();
      await expect(conn.execute(text(sleep))).rejects.toMatchObject({ reason: "timeout" });
      expect(performance.now() - start).toBeLessThan(2000);
      await conn.rollback();
      // A narrower per-call limit wins; a wider one does not widen the engine's.
      await expect(conn.execute(text(sleep), {}, { timeout: 60_000 })).rejects.toMatchObject({
        reason: "timeout",
      });
    });

  if (server)
    it("a flush waiting on a row lock is cancelled by its signal; the session rolls back cleanly", async () => {
      await Base.metadata.createAll(db.engine);
      await db.engine.begin((c) => c.execute(text("DELETE FROM hc_counters")));
      await db.engine.begin((c) => c.execute(text("INSERT INTO hc_counters (id, n) VALUES (1, 0)")));
      await using holder = await db.engine.connect();
      await holder.execute(update(Counter.__table__).values({ n: 1 }).where(Counter.__table__.c.id.eq(1)));
      const SessionLocal = sessionmaker({ bind: db.engine });
      await using s = SessionLocal();
      const counter = (await s.get(Counter, 1))!;
      counter.n = 2;
      const start = performance.now();
      const err = await s.flush({ signal: AbortSignal.timeout(200) }).catch((e: unknown) => e);
      expect(performance.now() - start).toBeLessThan(2500);
      expect(err).toBeInstanceOf(StatementCancelledError);
      await s.rollback();
      await holder.commit();
      counter.n = 3;
      await s.commit({ timeout: 2000 });
      const n = await db.engine.begin(async (c) =>
        (await c.execute(text("SELECT n FROM hc_counters"))).scalar(),
      );
      expect(n).toBe(3);
    });

  if (db.name === "postgresql")
    it("node-pg's own query_timeout no longer lends a busy connection: it is discarded", async () => {
      const timed = db.newEngine({
        poolSize: 1,
        maxOverflow: 0,
        poolTimeout: 5,
        connectArgs: { query_timeout: 150 },
      });
      await expect(timed.begin((c) => c.execute(text("SELECT pg_sleep(3)")))).rejects.toMatchObject({
        connectionInvalidated: true,
      });
      const start = performance.now();
      for (let i = 0; i < 6; i++)
        expect(await timed.begin(async (c) => (await c.execute(text("SELECT 1"))).scalar())).toBe(1);
      // A busy connection would have made each checkout wait behind the 3 s sleep.
      expect(performance.now() - start).toBeLessThan(1500);
      expect(timed.pool.checkedOut).toBe(0);
    });

  if (!server)
    it("in-process databases: a signal fired during a statement stops the next one, within the transaction", async () => {
      const SessionLocal = sessionmaker({ bind: db.engine });
      await using s = SessionLocal();
      const ac = new AbortController();
      s.add(new Counter({ id: 10, n: 1 }));
      await s.flush({ signal: ac.signal });
      ac.abort();
      s.add(new Counter({ id: 11, n: 1 }));
      await expect(s.flush({ signal: ac.signal })).rejects.toMatchObject({ reason: "aborted" });
      await s.rollback();
      const ids = await db.engine.begin(async (c) => (await c.execute(select(Counter.id))).scalars().all());
      expect(ids).toEqual([]);
    });

  it("no connection is left checked out", async () => {
    expect(db.engine.pool.checkedOut).toBe(0);
  });
});
