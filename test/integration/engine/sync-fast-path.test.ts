import { afterEach, expect, it, vi } from "vitest";
import {
  Connection,
  column,
  declarativeBase,
  type Engine,
  type EngineOptions,
  Integer,
  String as Str,
  select,
  sessionmaker,
} from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/**
 * Work that needs no waiting (an idle pooled connection, a query on better-sqlite3, a close with
 * nothing to roll back) skips the asynchronous path, and one predicate decides when:
 * Engine._syncAllowed(). Off with `syncFastPath: false` (how the ORM suite runs "sqlite-async"),
 * and while an execute listener or echo observes statements. Either way the results are the same.
 */
forEachDatabase(
  "the synchronous fast path and its one switch",
  (tdb) => {
    const Base = declarativeBase();
    class Pet extends Base.table("fast_path_pets", {
      id: column(Integer).primaryKey(),
      name: column(Str(20)),
    }) {}

    afterEach(() => vi.restoreAllMocks());

    /** An engine of its own on the file's database (in-memory ones are per engine), with two pets. */
    async function seeded(options?: EngineOptions): Promise<Engine> {
      const engine = tdb.newEngine(options);
      await Base.metadata.dropAll(engine);
      await Base.metadata.createAll(engine);
      await sessionmaker({ bind: engine }).begin(async (db) => {
        db.addAll([new Pet({ id: 1, name: "Rex" }), new Pet({ id: 2, name: "Tom" })]);
      });
      return engine;
    }

    /** What the fast path did during a short session (a get, a select, a close), and its results. */
    async function shortSession(engine: Engine) {
      vi.restoreAllMocks();
      const checkouts = vi.spyOn(engine.pool, "tryConnectSync");
      const checkins = vi.spyOn(engine.pool, "tryReleaseSync");
      const returnedLater = vi.spyOn(engine.pool, "releaseAfter");
      const runs = vi.spyOn(Connection.prototype, "_runPreparedSync");
      const SessionLocal = sessionmaker({ bind: engine });
      const db = SessionLocal();
      const pet = await db.get(Pet, 1);
      const names = (await db.scalars(select(Pet).orderBy(Pet.id))).all().map((p) => p.name);
      const closing = db.close();
      await closing;
      const ranNow = runs.mock.results.filter((r) => r.value !== null).length;
      const checkedOut = engine.pool.checkedOut;
      await engine.pool.returned();
      return {
        results: { name: pet?.name, names, checkedOut },
        syncCheckouts: checkouts.mock.calls.length,
        syncCheckins: checkins.mock.results.filter((r) => r.value === true).length,
        backgroundCheckins: returnedLater.mock.calls.length,
        ranNow,
      };
    }

    it("is taken by default, and on better-sqlite3 runs the queries without waiting", async () => {
      const engine = await seeded();
      expect(engine._syncAllowed()).toBe(true);
      await shortSession(engine); // the pool opens its connection asynchronously first
      const fast = await shortSession(engine);
      expect(fast.results).toEqual({ name: "Rex", names: ["Rex", "Tom"], checkedOut: 0 });
      expect(fast.syncCheckouts).toBe(1);
      // Where reads open a transaction (MySQL under REPEATABLE READ), close() sends its ROLLBACK
      // and the connection returns when it completes; elsewhere it is back at once.
      const dialect = engine.dialect;
      const readsBegin = dialect.beginsImplicitly(dialect.defaultIsolationLevel);
      expect([fast.syncCheckins, fast.backgroundCheckins]).toEqual(readsBegin ? [0, 1] : [1, 0]);
      expect(fast.ranNow).toBe(tdb.engine.dialect.name === "sqlite" ? 2 : 0);
    });

    it("is never taken with syncFastPath: false, with the same results", async () => {
      const engine = await seeded({ syncFastPath: false });
      expect(engine._syncAllowed()).toBe(false);
      await shortSession(engine);
      const slow = await shortSession(engine);
      expect(slow.results).toEqual({ name: "Rex", names: ["Rex", "Tom"], checkedOut: 0 });
      expect([slow.syncCheckouts, slow.syncCheckins, slow.ranNow]).toEqual([0, 0, 0]);
    });

    it("is left while an execute listener or echo observes statements", async () => {
      const engine = await seeded();
      const seen: string[] = [];
      const listener = (e: { sql: string }) => {
        seen.push(e.sql);
      };
      engine.on("afterExecute", listener);
      expect(engine._syncAllowed()).toBe(false);
      await shortSession(engine);
      const observed = await shortSession(engine);
      expect([observed.syncCheckouts, observed.syncCheckins, observed.ranNow]).toEqual([0, 0, 0]);
      // Every statement reached the listener: the asynchronous path reports them all.
      expect(seen.filter((s) => /^SELECT/i.test(s)).length).toBe(4);
      engine.off("afterExecute", listener);
      expect(engine._syncAllowed()).toBe(true);
      engine.on("commit", () => undefined);
      expect(engine._syncAllowed()).toBe(true);
      const logged: string[] = [];
      const echoing = await seeded({ echo: true, logger: { info: (m) => logged.push(m) } });
      expect(echoing._syncAllowed()).toBe(false);
      expect((await shortSession(echoing)).results.names).toEqual(["Rex", "Tom"]);
      expect(logged.some((m) => m.includes("fast_path_pets"))).toBe(true);
    });
  },
  { file: true },
);
