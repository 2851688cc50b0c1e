import { beforeAll, beforeEach, expect, it } from "vitest";
import {
  bindparam,
  column,
  DataError,
  delete_,
  type Engine,
  type EngineOptions,
  func,
  Integer,
  IntegrityError,
  InvalidRequestError,
  insert,
  literal,
  MetaData,
  String,
  select,
  Table,
  text,
  update,
} from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";
import { recordSql, sessionIsolation, sleep } from "./support.js";

const md = new MetaData();
const items = new Table("items", md, {
  id: column(Integer).primaryKey(),
  name: column(String(100)),
  qty: column(Integer).default(0),
});
const big = new Table("big", md, {
  id: column(Integer).primaryKey(),
  label: column(String(20)),
});

const bigRows = () => Array.from({ length: 20_000 }, (_, i) => ({ id: i + 1, label: `row ${i + 1}` }));

const names = async (conn: { execute: (s: any) => Promise<any> }) =>
  ((await conn.execute(select(items.c.name).orderBy(items.c.name))).scalars().all() as string[]).join(",");

forEachDatabase(
  "connections",
  (db) => {
    /** Another engine on this database; PGlite's is a database of its own, so it gets the tables. */
    const newEngine = async (options?: EngineOptions): Promise<Engine> => {
      const engine = db.newEngine(options);
      if (db.name === "pglite") await md.createAll(engine);
      return engine;
    };

    beforeAll(async () => {
      await md.createAll(db.engine);
      await db.engine.begin(async (conn) => {
        await conn.execute(insert(big), bigRows());
      });
    });

    beforeEach(async () => {
      await db.engine.begin((conn) => conn.execute(delete_(items)));
    });

    it("executes statements and reads rows", async () => {
      await using conn = await db.engine.connect();
      const res = await conn.execute(insert(items).values({ name: "a", qty: 2 }));
      expect(res.rowCount).toBe(1);
      expect(await conn.scalar(select(items.c.qty).where(items.c.name.eq("a")))).toBe(2);
      await conn.commit();
    });

    it("executemany: an INSERT with a list of parameter sets becomes batched multi-row VALUES", async () => {
      const inserts: string[] = [];
      const listener = (e: { sql: string }) => {
        if (/^INSERT/i.test(e.sql)) inserts.push(e.sql);
      };
      db.engine.on("afterExecute", listener);
      try {
        await using conn = await db.engine.connect();
        const rows = Array.from({ length: 2500 }, (_, i) => ({ name: `n${i}`, qty: i }));
        const res = await conn.execute(insert(items), rows);
        expect(res.rowCount).toBe(2500);
        // Two values per row: 1000 rows per statement, so 3 statements, not 2500.
        expect(inserts).toHaveLength(3);
        expect(await conn.scalar(select(func.count()).selectFrom(items))).toBe(2500);
        expect(await conn.scalar(select(func.sum(items.c.qty)).selectFrom(items))).toBe((2499 * 2500) / 2);
        await conn.commit();
      } finally {
        db.engine.off("afterExecute", listener);
      }
    });

    it("executemany: a multi-row INSERT fills column defaults and requires the same keys in every set", async () => {
      await using conn = await db.engine.connect();
      await conn.execute(insert(items), [{ name: "x" }, { name: "y" }]);
      expect((await conn.execute(select(items.c.qty))).scalars().all()).toEqual([0, 0]);
      await expect(conn.execute(insert(items), [{ name: "x" }, { qty: 1 } as never])).rejects.toThrow(
        /lacks 'name'/,
      );
    });

    it("executemany: other statements run once per parameter set, seen once by the events", async () => {
      await using conn = await db.engine.connect();
      await conn.execute(insert(items), [
        { name: "a", qty: 1 },
        { name: "b", qty: 2 },
        { name: "c", qty: 3 },
      ]);
      const seen: { sql: string; executemany: boolean }[] = [];
      const listener = (e: { sql: string; executemany?: boolean }) => {
        seen.push({ sql: e.sql, executemany: e.executemany ?? false });
      };
      db.engine.on("afterExecute", listener);
      try {
        const stmt = update(items)
          .where(items.c.name.eq(bindparam("target")))
          .values({ qty: bindparam("newQty") });
        const res = await conn.execute(stmt, [
          { target: "a", newQty: 10 },
          { target: "c", newQty: 30 },
          { target: "zzz", newQty: 0 },
        ]);
        expect(res.rowCount).toBe(2);
        expect(seen).toEqual([{ sql: expect.stringMatching(/^UPDATE/), executemany: true }]);
      } finally {
        db.engine.off("afterExecute", listener);
      }
      expect((await conn.execute(select(items.c.qty).orderBy(items.c.name))).scalars().all()).toEqual([
        10, 2, 30,
      ]);
    });

    it("streams 20k rows through a cursor in batches of yieldPer", async () => {
      await using conn = await db.engine.connect();
      const result = await conn.stream(select(big.c.id, big.c.label).orderBy(big.c.id), undefined, {
        yieldPer: 1500,
      });
      let expected = 1;
      const sizes: number[] = [];
      for await (const batch of result.partitions()) {
        sizes.push(batch.length);
        for (const row of batch) {
          expect(row.id).toBe(expected);
          expect(row[1]).toBe(`row ${expected}`);
          expected++;
        }
      }
      expect(expected - 1).toBe(20_000);
      expect(sizes.slice(0, -1).every((n) => n === 1500)).toBe(true);
      expect(sizes).toHaveLength(Math.ceil(20_000 / 1500));
    });

    it("streams row by row with bind parameters, and stops early leaving the connection usable", async () => {
      await using conn = await db.engine.connect();
      const result = await conn.stream(
        select(big.c.id)
          .where(big.c.id.gt(bindparam("after")))
          .orderBy(big.c.id),
        { after: 100 },
        { yieldPer: 50 },
      );
      const seen: number[] = [];
      for await (const row of result) {
        seen.push(row.id);
        if (seen.length === 120) break;
      }
      expect(seen[0]).toBe(101);
      expect(seen).toHaveLength(120);
      // The stream was abandoned mid-way: the connection must still answer.
      expect(await conn.scalar(select(func.count()).selectFrom(big))).toBe(20_000);
      const scalars: number[] = [];
      for await (const id of (
        await conn.stream(select(big.c.id).where(big.c.id.le(3)).orderBy(big.c.id))
      ).scalars())
        scalars.push(id);
      expect(scalars).toEqual([1, 2, 3]);
    });

    // PGlite: a new engine is a new embedded database; the option is dialect-independent.
    it.skipIf(db.name === "pglite")(
      "takes the stream batch size from the engine's executionOptions",
      async () => {
        const engine = await newEngine({ executionOptions: { yieldPer: 7000 } });
        await using conn = await engine.connect();
        const sizes: number[] = [];
        for await (const batch of (await conn.stream(select(big.c.id))).partitions())
          sizes.push(batch.length);
        expect(sizes).toEqual([7000, 7000, 6000]);
      },
    );

    it("commits, rolls back, and rolls back on close what was not committed", async () => {
      {
        await using conn = await db.engine.connect();
        await conn.execute(insert(items).values({ name: "kept" }));
        await conn.commit();
        await conn.execute(insert(items).values({ name: "undone" }));
        await conn.rollback();
        const tx = await conn.begin();
        await conn.execute(insert(items).values({ name: "explicit" }));
        await tx.commit();
        expect(tx.isActive).toBe(false);
        await conn.execute(insert(items).values({ name: "closed without commit" }));
      }
      await using conn = await db.engine.connect();
      expect(await names(conn)).toBe("explicit,kept");
    });

    it("engine.begin commits on success and rolls back when the callback throws", async () => {
      await db.engine.begin((c) => c.execute(insert(items).values({ name: "ok" })));
      await expect(
        db.engine.begin(async (c) => {
          await c.execute(insert(items).values({ name: "boom" }));
          throw new Error("callback failed");
        }),
      ).rejects.toThrow("callback failed");
      await using conn = await db.engine.connect();
      expect(await names(conn)).toBe("ok");
      expect(db.engine.pool.checkedOut).toBe(1);
    });

    it("refuses a second begin() and a commit after the connection is closed", async () => {
      const conn = await db.engine.connect();
      await conn.begin();
      await expect(conn.begin()).rejects.toThrow(InvalidRequestError);
      await conn.close();
      await expect(conn.execute(select(items.c.id))).rejects.toThrow(/closed/);
    });

    it("nested savepoints: rolling one back keeps the outer transaction's work", async () => {
      const events: string[] = [];
      const onSp = (e: { name: string }) => events.push(`savepoint ${e.name}`);
      const onRb = (e: { name: string }) => events.push(`rollback ${e.name}`);
      const onRel = (e: { name: string }) => events.push(`release ${e.name}`);
      db.engine.on("savepoint", onSp).on("rollbackSavepoint", onRb).on("releaseSavepoint", onRel);
      try {
        await using conn = await db.engine.connect();
        await conn.begin();
        await conn.execute(insert(items).values({ name: "outer" }));
        const sp1 = await conn.beginNested();
        await conn.execute(insert(items).values({ name: "sp1" }));
        const sp2 = await conn.beginNested();
        expect(conn.inNestedTransaction()).toBe(true);
        await conn.execute(insert(items).values({ name: "sp2" }));
        await sp2.rollback();
        await sp1.commit();
        const sp3 = await conn.beginNested();
        await conn.execute(insert(items).values({ name: "sp3" }));
        await sp3.rollback();
        expect(await names(conn)).toBe("outer,sp1");
        await conn.commit();
      } finally {
        db.engine.off("savepoint", onSp).off("rollbackSavepoint", onRb).off("releaseSavepoint", onRel);
      }
      await using check = await db.engine.connect();
      expect(await names(check)).toBe("outer,sp1");
      expect(events).toEqual([
        "savepoint sa_savepoint_1",
        "savepoint sa_savepoint_2",
        "rollback sa_savepoint_2",
        "release sa_savepoint_1",
        "savepoint sa_savepoint_1",
        "rollback sa_savepoint_1",
      ]);
    });

    it("a failed statement inside a savepoint is recovered by rolling the savepoint back", async () => {
      await db.engine.begin((c) => c.execute(insert(items).values({ id: 100_000, name: "first" })));
      await using conn = await db.engine.connect();
      await conn.begin();
      await conn.execute(insert(items).values({ name: "before" }));
      const sp = await conn.beginNested();
      await expect(conn.execute(insert(items).values({ id: 100_000, name: "duplicate" }))).rejects.toThrow(
        IntegrityError,
      );
      await sp.rollback();
      await conn.execute(insert(items).values({ name: "after" }));
      await conn.commit();
      expect(await names(conn)).toBe("after,before,first");
    });

    it("sets the isolation level per engine, per connection, and restores it on return", async () => {
      const level = db.name === "sqlite" ? "READ UNCOMMITTED" : "SERIALIZABLE";
      const engine = await newEngine({ isolationLevel: level, poolSize: 1 });
      {
        await using conn = await engine.connect();
        expect(await sessionIsolation(conn, db.name)).toBe(level);
        expect(conn.isolationLevel).toBe(level);
      }
      const other = db.name === "sqlite" ? "SERIALIZABLE" : "REPEATABLE READ";
      {
        await using conn = await engine.connect();
        await conn.executionOptions({ isolationLevel: other });
        expect(await sessionIsolation(conn, db.name)).toBe(other);
      }
      {
        await using conn = await engine.connect();
        expect(await sessionIsolation(conn, db.name)).toBe(level);
      }
      // Engine-wide executionOptions apply the level to every checkout (dialect-independent:
      // PGlite, where every engine is a new embedded database costing seconds, skips it).
      if (db.name === "pglite") return;
      const viaOptions = await newEngine({ executionOptions: { isolationLevel: level } });
      await using conn = await viaOptions.connect();
      expect(conn.isolationLevel).toBe(level);
      expect(await sessionIsolation(conn, db.name)).toBe(level);
    });

    // Server databases (SQLite has no REPEATABLE READ; PGlite is one connection).
    if (db.name === "postgresql" || db.name === "mysql")
      it("returns a connection that only read after its ROLLBACK, without the caller waiting; the next user sees later commits", async () => {
        const engine = await newEngine({ isolationLevel: "REPEATABLE READ", poolSize: 1 });
        const log = recordSql(engine);
        const rollbacks: unknown[] = [];
        engine.on("rollback", (e) => rollbacks.push(e));
        const count = select(func.count()).selectFrom(items);
        {
          await using conn = await engine.connect();
          expect(await conn.scalar(count)).toBe(0);
        }
        expect(engine.pool.checkedOut).toBe(0);
        await db.engine.begin((c) => c.execute(insert(items).values({ name: "later" })));
        {
          // The pool's one connection: lent only once the snapshot above has ended.
          await using conn = await engine.connect();
          expect(await conn.scalar(count)).toBe(1);
        }
        await engine.pool.returned();
        expect(rollbacks).toHaveLength(2);
        const ends = log.sql.filter((sql) => sql === "ROLLBACK" || sql.startsWith("SELECT"));
        expect(ends.map((sql) => sql.split(" ")[0])).toEqual(["SELECT", "ROLLBACK", "SELECT", "ROLLBACK"]);
        log.stop();
        await engine.dispose();
      });

    it("refuses to change the isolation level in the middle of a transaction", async () => {
      await using conn = await db.engine.connect();
      await conn.execute(insert(items).values({ name: "x" }));
      await expect(conn.executionOptions({ isolationLevel: "SERIALIZABLE" })).rejects.toThrow(
        /before the transaction begins/,
      );
    });

    it("AUTOCOMMIT: each statement commits by itself", async () => {
      // Per engine (not on PGlite, whose new engine is a new database), then per connection.
      if (db.name !== "pglite") {
        const engine = await newEngine({ isolationLevel: "AUTOCOMMIT" });
        await using conn = await engine.connect();
        await conn.execute(insert(items).values({ name: "auto" }));
        expect(conn.inTransaction()).toBe(false);
      }
      {
        await using conn = await db.engine.connect();
        await conn.executionOptions({ isolationLevel: "AUTOCOMMIT" });
        await conn.execute(insert(items).values({ name: "auto2" }));
      }
      await using check = await db.engine.connect();
      expect(await names(check)).toBe(db.name === "pglite" ? "auto2" : "auto,auto2");
    });

    it("gives access to the raw driver connection", async () => {
      const nativeOne = async (raw: any): Promise<unknown> => {
        switch (db.name) {
          case "sqlite":
            return raw.prepare("SELECT 1 AS one").get().one;
          case "mysql":
            return (await raw.query("SELECT 1 AS one"))[0][0].one;
          default:
            return (await raw.query("SELECT 1 AS one")).rows[0].one;
        }
      };
      {
        await using conn = await db.engine.connect();
        expect(await nativeOne(conn.driverConnection)).toBe(1);
      }
      const raw = await db.engine.rawConnection();
      expect(await nativeOne(raw.raw)).toBe(1);
      expect(db.engine.pool.checkedOut).toBe(1);
      await raw.release();
      expect(db.engine.pool.checkedOut).toBe(0);
    });

    // PGlite: disconnects.test.ts disposes an engine under an open connection.
    it.skipIf(db.name === "pglite")(
      "dispose() closes the pool; the engine refuses new connections",
      async () => {
        const engine = await newEngine();
        await using conn = await engine.connect();
        expect(await conn.scalar(select(func.count()).selectFrom(items))).toBe(0);
        await conn.close();
        await engine.dispose();
        await expect(engine.connect()).rejects.toThrow(/disposed/);
      },
    );

    if (db.name === "postgresql" || db.name === "pglite") {
      it("defers BEGIN while a transaction only reads; the first write sends it", async () => {
        const log = recordSql(db.engine);
        try {
          await using conn = await db.engine.connect();
          await conn.execute(select(items.c.id));
          await conn.execute(select(func.count()).selectFrom(items));
          expect(log.sql.some((s) => s === "BEGIN")).toBe(false);
          await conn.execute(insert(items).values({ name: "w" }));
          await conn.commit();
          expect(log.sql.map((s) => s.split(" ")[0])).toEqual([
            "SELECT",
            "SELECT",
            "BEGIN",
            "INSERT",
            "COMMIT",
          ]);
          log.sql.length = 0;
          // A read-only unit of work costs no BEGIN and no COMMIT.
          await conn.execute(select(items.c.id));
          await conn.commit();
          expect(log.sql).toHaveLength(1);
        } finally {
          log.stop();
        }
      });

      it("a statement failing mid-stream raises its error and leaves the connection usable", async () => {
        await using conn = await db.engine.connect();
        const failing = select(big.c.id, literal(1, Integer()).div(big.c.id.sub(150)).label("x")).orderBy(
          big.c.id,
        );
        const seen: number[] = [];
        const consume = async () => {
          for await (const row of await conn.stream(failing, undefined, { yieldPer: 100 })) seen.push(row.id);
        };
        await expect(consume()).rejects.toThrow(DataError);
        await conn.rollback();
        expect(await conn.scalar(select(func.count()).selectFrom(big))).toBe(20_000);
      });

      it("begins at once for FOR UPDATE, text(), now() and with explicit stricter isolation", async () => {
        const log = recordSql(db.engine);
        try {
          await using conn = await db.engine.connect();
          for (const stmt of [select(items.c.id).forUpdate(), text("SELECT 1"), select(func.now())]) {
            log.sql.length = 0;
            await conn.execute(stmt);
            expect(log.sql[0]).toBe("BEGIN");
            await conn.rollback();
          }
          await conn.executionOptions({ isolationLevel: "REPEATABLE READ" });
          log.sql.length = 0;
          await conn.execute(select(items.c.id));
          expect(log.sql[0]).toBe("BEGIN");
          await conn.rollback();
        } finally {
          log.stop();
        }
      });

      it("reads the same with a deferred BEGIN as in a READ COMMITTED transaction", async () => {
        await using reader = await db.engine.connect();
        const count = () => reader.scalar(select(func.count()).selectFrom(items));
        expect(await count()).toBe(0);
        if (db.name === "postgresql") {
          // Another session commits in between: READ COMMITTED sees it either way.
          await db.engine.begin((c) => c.execute(insert(items).values({ name: "other" })));
          expect(await count()).toBe(1);
        }
        // now() is the transaction's start time on every read of one transaction.
        const t1 = await reader.scalar(select(func.now()));
        await sleep(5);
        const t2 = await reader.scalar(select(func.now()));
        expect(t2).toEqual(t1);
        await reader.rollback();
      });
    }
  },
  { file: true },
);
