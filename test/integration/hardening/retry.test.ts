import { expect, it } from "vitest";
import {
  column,
  declarativeBase,
  func,
  Integer,
  isRetryableError,
  OperationalError,
  select,
  sessionmaker,
  update,
  VARCHAR,
} from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/** Two promises that resolve when both sides have arrived: forces the interleaving of a race. */
function barrier(): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((r) => {
    release = r;
  });
  return () => {
    if (++arrived === 2) release();
    return all;
  };
}

/**
 * Issue 14, item 4 on real servers: PostgreSQL SERIALIZABLE write skew and deadlocks on
 * PostgreSQL and MariaDB. Without retry one unit of work fails with a retryable error; with
 * `retry` both complete and the invariant holds. SQLite and PGlite serialize every writer on one
 * connection, so no such race exists there.
 */
forEachDatabase("retrying serialization failures and deadlocks", (db) => {
  const Base = declarativeBase();
  class Doctor extends Base.table("hr_doctors", {
    id: column(Integer).primaryKey(),
    name: column(VARCHAR(20)),
    onCall: column(Integer),
  }) {}
  const doctors = Doctor.__table__;

  async function reset(): Promise<void> {
    await Base.metadata.createAll(db.engine);
    await db.engine.begin(async (c) => {
      await c.execute(doctors.delete());
      await c.execute(
        doctors.insert().values([
          { id: 1, name: "alice", onCall: 1 },
          { id: 2, name: "bob", onCall: 1 },
        ]),
      );
    });
  }

  /** Each doctor goes off call if someone else is still on call: write skew under snapshot isolation. */
  const goOffCall = (SessionLocal: ReturnType<typeof sessionmaker>, id: number, meet: () => Promise<void>) =>
    SessionLocal.begin(async (s) => {
      const onCall = (await s.execute(select(func.sum(Doctor.onCall)))).scalar();
      await meet();
      if (Number(onCall) >= 2) {
        const me = (await s.get(Doctor, id))!;
        me.onCall = 0;
      }
    });

  it("a retryable failure rolls the run back and re-runs the work in a new session", async () => {
    await reset();
    const SessionLocal = sessionmaker({ bind: db.engine });
    const sessions = new Set<unknown>();
    const result = await SessionLocal.begin(
      async (s) => {
        sessions.add(s);
        s.add(new Doctor({ id: 10 + sessions.size, name: `run ${sessions.size}`, onCall: 0 }));
        await s.flush();
        if (sessions.size === 1)
          throw new OperationalError("deadlock detected", { orig: { code: "40P01" }, sqlstate: "40P01" });
        return sessions.size;
      },
      { retry: { attempts: 3, baseDelay: 1 } },
    );
    expect(result).toBe(2);
    const names = await db.engine.begin(async (c) =>
      (await c.execute(select(doctors.c.name).where(doctors.c.id.gt(2)))).scalars().all(),
    );
    expect(names).toEqual(["run 2"]);
  });

  if (db.name === "postgresql")
    it("SERIALIZABLE write skew: one side fails with 40001 without retry; with retry one doctor stays on call", async () => {
      const engine = db.newEngine({ isolationLevel: "SERIALIZABLE" });
      const SessionLocal = sessionmaker({ bind: engine });
      await reset();
      const meet = barrier();
      const outcomes = await Promise.allSettled([
        goOffCall(SessionLocal, 1, meet),
        goOffCall(SessionLocal, 2, meet),
      ]);
      const failed = outcomes.filter((o) => o.status === "rejected") as PromiseRejectedResult[];
      expect(failed).toHaveLength(1);
      expect(failed[0]!.reason).toBeInstanceOf(OperationalError);
      expect(isRetryableError(failed[0]!.reason)).toBe(true);

      await reset();
      const meetAgain = barrier();
      let retries = 0;
      const retry = { attempts: 5, baseDelay: 5, onRetry: () => retries++ };
      const [a, b] = [1, 2].map((id) =>
        SessionLocal.begin(
          async (s) => {
            const onCall = (await s.execute(select(func.sum(Doctor.onCall)))).scalar();
            await meetAgain();
            if (Number(onCall) >= 2) (await s.get(Doctor, id))!.onCall = 0;
          },
          { retry },
        ),
      );
      await Promise.all([a, b]);
      expect(retries).toBeGreaterThanOrEqual(1);
      const left = await engine.begin(async (c) =>
        (await c.execute(select(func.sum(doctors.c.onCall)))).scalar(),
      );
      expect(Number(left)).toBe(1);
    });

  if (db.name === "postgresql" || db.name === "mysql")
    it("a deadlock: the victim's unit of work is re-run and both increments land", async () => {
      await reset();
      const SessionLocal = sessionmaker({ bind: db.engine });
      const meet = barrier();
      let retries = 0;
      const work = (first: number, second: number) =>
        SessionLocal.begin(
          async (s) => {
            await s.execute(
              update(doctors)
                .values({ onCall: doctors.c.onCall.add(1) })
                .where(doctors.c.id.eq(first)),
            );
            await meet();
            await s.execute(
              update(doctors)
                .values({ onCall: doctors.c.onCall.add(1) })
                .where(doctors.c.id.eq(second)),
            );
          },
          { retry: { attempts: 5, baseDelay: 5, onRetry: (e) => (isRetryableError(e) ? retries++ : 0) } },
        );
      await Promise.all([work(1, 2), work(2, 1)]);
      expect(retries).toBe(1);
      const rows = await db.engine.begin(async (c) =>
        (await c.execute(select(doctors.c.id, doctors.c.onCall).orderBy(doctors.c.id)))
          .all()
          .map((r) => [r.id, r.onCall]),
      );
      expect(rows).toEqual([
        [1, 3],
        [2, 3],
      ]);
      expect(db.engine.pool.checkedOut).toBe(0);
    });
});
