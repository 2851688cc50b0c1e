import { inspect } from "node:util";
import { beforeAll, expect, it } from "vitest";
import {
  column,
  createEngine,
  delete_,
  type Engine,
  type EngineOptions,
  func,
  Integer,
  IntegrityError,
  insert,
  MetaData,
  makeUrl,
  OperationalError,
  ProgrammingError,
  String,
  select,
  Table,
  TimeoutError,
} from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";
import { memoryLogger, sleep } from "./support.js";

const md = new MetaData();
const notes = new Table("notes", md, {
  id: column(Integer).primaryKey(),
  body: column(String(200)).unique(),
});

forEachDatabase(
  "engine options",
  (db) => {
    const queuePooled = db.name !== "pglite";

    /** Another engine; PGlite's is a database of its own, so it gets the tables. */
    const newEngine = async (options?: EngineOptions): Promise<Engine> => {
      const engine = db.newEngine(options);
      if (db.name === "pglite") await md.createAll(engine);
      return engine;
    };
    const count = async (engine: Engine) => {
      await using conn = await engine.connect();
      return await conn.scalar(select(func.count()).selectFrom(notes));
    };

    beforeAll(async () => {
      await md.createAll(db.engine);
    });

    if (db.name === "postgresql") {
      it("passes URL query parameters to the driver (application_name, connect_timeout, sslmode)", async () => {
        const url = `${db.url}?application_name=athanor-url-test&connect_timeout=5&sslmode=disable`;
        const engine = db.newEngine();
        const other = createEngine(url);
        try {
          {
            await using conn = await other.connect();
            expect(await conn.scalar(select(func.current_setting("application_name")))).toBe(
              "athanor-url-test",
            );
          }
          await using conn = await engine.connect();
          const names = (
            await conn.executeDriverSql(
              "SELECT application_name, ssl FROM pg_stat_activity JOIN pg_stat_ssl USING (pid) WHERE application_name = $1",
              ["athanor-url-test"],
            )
          ).all();
          expect(names.map((r) => [r[0], r[1]])).toEqual([["athanor-url-test", false]]);
        } finally {
          await other.dispose();
        }
      });

      it("passes connectArgs to the driver, over the URL", async () => {
        const engine = createEngine(`${db.url}?application_name=from-url`, {
          connectArgs: { application_name: "from-connect-args" },
        });
        try {
          await using conn = await engine.connect();
          expect(await conn.scalar(select(func.current_setting("application_name")))).toBe(
            "from-connect-args",
          );
        } finally {
          await engine.dispose();
        }
      });

      it("masks the password in echo logs, error messages and util.inspect", async () => {
        const secret = "Sup3r$ecret/pw";
        const url = makeUrl(db.url).set({ password: secret }); // trust authentication accepts any
        const logger = memoryLogger();
        const engine = createEngine(url, { echo: "debug", echoPool: "debug", logger });
        try {
          await using conn = await engine.connect();
          await conn.execute(select(func.count()).selectFrom(notes));
          const error = await conn
            .execute(select(func.count()).selectFrom(notes).where(notes.c.body.eq(func.no_such_fn())))
            .catch((e: unknown) => e);
          const connectError = await createEngine(url.set({ database: "athanor_no_such_db" }))
            .connect()
            .catch((e: unknown) => e);
          expect(connectError).toBeInstanceOf(OperationalError);
          expect((connectError as Error).message).toContain("athanor_no_such_db");
          for (const text of [
            ...logger.lines,
            `${error}`,
            inspect(error, { depth: 4 }),
            `${connectError}`,
            inspect(connectError, { depth: 4 }),
            inspect(engine, { depth: 4 }),
            inspect(conn, { depth: 4 }),
            `${engine}`,
          ]) {
            expect(text).not.toContain(secret);
            expect(text).not.toContain(encodeURIComponent(secret));
          }
          expect((connectError as Error).message).toContain(":***@");
        } finally {
          await engine.dispose();
        }
      });
    }

    if (db.name === "mysql") {
      it("passes URL query parameters and connectArgs to mysql2", async () => {
        const engine = createEngine(`${db.url}?connect_timeout=5&charset=latin1_swedish_ci`, {
          connectArgs: { multipleStatements: true },
        });
        try {
          await using conn = await engine.connect();
          expect(await conn.scalar(select(func.charset("x")))).toBe("latin1");
          const raw = conn.driverConnection as { query(sql: string): Promise<[unknown[][]]> };
          const [sets] = await raw.query("SELECT 1 AS a; SELECT 2 AS b");
          expect(sets).toHaveLength(2);
        } finally {
          await engine.dispose();
        }
      });

      it("reports a wrong password as OperationalError without the password", async () => {
        const secret = "wrong-Pa$$word";
        const error = await createEngine(makeUrl(db.url).set({ password: secret }))
          .connect()
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OperationalError);
        expect((error as OperationalError).sqlstate).toBe("28000");
        expect((error as Error).message).toMatch(/Access denied/);
        for (const text of [`${error}`, inspect(error, { depth: 4 })]) expect(text).not.toContain(secret);
      });
    }

    if (db.name === "sqlite") {
      it("reports a database file that cannot be opened as OperationalError", async () => {
        const error = await createEngine("sqlite:////nonexistent-dir/athanor/x.db")
          .connect()
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OperationalError);
        expect((error as Error).message).toContain("sqlite:////nonexistent-dir/athanor/x.db");
      });

      it("passes connectArgs to better-sqlite3", async () => {
        const engine = createEngine(db.url, { connectArgs: { readonly: true } });
        await using conn = await engine.connect();
        expect(await conn.scalar(select(func.count()).selectFrom(notes))).toBeTypeOf("number");
        await expect(conn.execute(insert(notes).values({ body: "read only" }))).rejects.toThrow(/readonly/);
        await conn.close();
        await engine.dispose();
      });
    }

    it("raises TimeoutError after poolTimeout when the pool is exhausted, and leaks nothing", async () => {
      const engine = db.newEngine({ poolSize: 2, maxOverflow: 1, poolTimeout: 0.3 });
      // PGlite's StaticPool has one connection; the QueuePools poolSize + maxOverflow.
      const held = [];
      for (let i = 0; i < (queuePooled ? 3 : 1); i++) held.push(await engine.connect());
      const before = Date.now();
      const error = await engine.connect().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(Date.now() - before).toBeGreaterThanOrEqual(250);
      expect((error as Error).message).toContain("timeout 0.30s");
      if (queuePooled)
        expect((error as Error).message).toContain("QueuePool limit of size 2 overflow 1 reached");
      for (const c of held) await c.close();
      expect(engine.pool.checkedOut).toBe(0);
      await using again = await engine.connect();
      expect(await again.scalar(select(func.count()))).toBe(1);
    });

    it("returns connections after statement errors, failed transactions and engine.begin failures", async () => {
      const engine = db.engine;
      await engine.begin((c) => c.execute(insert(notes).values({ body: "dup" })));
      for (let i = 0; i < 3; i++) {
        await using conn = await engine.connect();
        await expect(conn.execute(insert(notes).values({ body: "dup" }))).rejects.toThrow(IntegrityError);
      }
      await expect(engine.begin((c) => c.executeDriverSql("SELECT * FROM no_such_table"))).rejects.toThrow(
        ProgrammingError,
      );
      const stream = async () => {
        await using conn = await engine.connect();
        for await (const _ of await conn.stream(select(notes.c.id).where(notes.c.id.eq(func.no_such_fn())))) {
          // unreachable
        }
      };
      await expect(stream()).rejects.toThrow(ProgrammingError);
      expect(engine.pool.checkedOut).toBe(0);
      await engine.begin((c) => c.execute(delete_(notes)));
    });

    if (queuePooled) {
      it("recycles connections older than poolRecycle", async () => {
        const engine = db.newEngine({ poolSize: 1, poolRecycle: 0.05 });
        let connects = 0;
        engine.on("connect", () => connects++);
        for (let i = 0; i < 2; i++) {
          await using conn = await engine.connect();
          await conn.execute(select(func.count()).selectFrom(notes));
        }
        expect(connects).toBe(1);
        await sleep(80);
        await using _conn = await engine.connect();
        expect(connects).toBe(2);
      });

      it("hands out the most recently returned connection with poolUseLifo, the oldest without", async () => {
        for (const poolUseLifo of [false, true]) {
          const engine = db.newEngine({ poolSize: 2, poolUseLifo });
          const a = await engine.connect();
          const b = await engine.connect();
          const [rawA, rawB] = [a.driverConnection, b.driverConnection];
          await a.close();
          await b.close();
          await using next = await engine.connect();
          expect(next.driverConnection).toBe(poolUseLifo ? rawB : rawA);
        }
      });

      it("poolClass null opens a connection per checkout; static shares one", async () => {
        const nullPool = db.newEngine({ poolClass: "null" });
        let opened = 0;
        nullPool.on("connect", () => opened++);
        for (let i = 0; i < 3; i++) {
          await using conn = await nullPool.connect();
          await conn.execute(select(func.count()).selectFrom(notes));
        }
        expect(opened).toBe(3);
        const staticPool = db.newEngine({ poolClass: "static" });
        const first = await staticPool.connect();
        const raw = first.driverConnection;
        await first.close();
        await using second = await staticPool.connect();
        expect(second.driverConnection).toBe(raw);
      });
    }

    it("poolResetOnReturn: rollback (default), commit, or nothing", async () => {
      await db.engine.begin((c) => c.execute(delete_(notes)));
      for (const [reset, body] of [
        [undefined, "reset-default"],
        ["rollback", "reset-rollback"],
        ["commit", "reset-commit"],
      ] as const) {
        const engine = db.name === "pglite" ? db.engine : db.newEngine({ poolResetOnReturn: reset });
        if (db.name === "pglite" && reset === "commit") continue; // one shared engine there
        const conn = await engine.connect();
        await conn.execute(insert(notes).values({ body }));
        await conn.close();
      }
      await using conn = await db.engine.connect();
      const bodies = (await conn.execute(select(notes.c.body))).scalars().all();
      expect(bodies).toEqual(db.name === "pglite" ? [] : ["reset-commit"]);
      await conn.execute(delete_(notes));
      await conn.commit();
      if (db.name !== "pglite") {
        // null: the transaction stays open on the pooled connection (nothing committed).
        const engine = db.newEngine({ poolResetOnReturn: null, poolSize: 1 });
        const c = await engine.connect();
        await c.execute(insert(notes).values({ body: "reset-none" }));
        await c.close();
        expect(await count(db.engine)).toBe(0);
        await engine.dispose();
      }
    });

    // Engine-level logging and events do not depend on the database (PostgreSQL covers the
    // dialect); on PGlite every new engine is a new embedded database costing seconds.
    const everyEngineTest = db.name === "pglite" ? it.skip : it;

    everyEngineTest(
      "echo logs each statement with its parameters, duration and whether its SQL was cached",
      async () => {
        const logger = memoryLogger();
        const engine = await newEngine({ echo: true, logger });
        await using conn = await engine.connect();
        for (const body of ["first", "second"])
          await conn.execute(select(notes.c.id).where(notes.c.body.eq(body)));
        await conn.executeDriverSql("SELECT 1");
        const text = logger.lines.join("\n");
        expect(text).toMatch(/SELECT notes\.id\s+FROM notes\s+WHERE notes\.body = /);
        expect(text).toMatch(/\[generated in \d+\.\d\dms\] \("first"\)/);
        expect(text).toMatch(/\[cached in \d+\.\d\dms\] \("second"\)/);
        expect(text).toMatch(/SELECT 1\n\[athanor\.engine\] \[raw sql in \d+\.\d\dms\] \(\)/);
        expect(logger.lines.some((l) => l.includes("Row"))).toBe(false);
      },
    );

    everyEngineTest(
      'echo "debug" also logs rows; hideParameters keeps values out of logs and errors',
      async () => {
        const logger = memoryLogger();
        const engine = await newEngine({ echo: "debug", logger, hideParameters: true });
        await using conn = await engine.connect();
        await conn.execute(insert(notes).values({ body: "secret-value-1" }));
        const error = await conn
          .execute(insert(notes).values({ body: "secret-value-1" }))
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(IntegrityError);
        expect((error as IntegrityError).params).toBeUndefined();
        expect((error as Error).message).toContain("[parameters: [hidden]]");
        const text = logger.lines.join("\n");
        expect(text).toContain("[parameters hidden]");
        expect(text).not.toContain("secret-value-1");
        await conn.rollback();
        const visible = memoryLogger();
        const debug = await newEngine({ echo: "debug", logger: visible });
        await using c2 = await debug.connect();
        await c2.execute(select(func.count().label("n")).selectFrom(notes));
        expect(visible.lines.some((l) => /Row \("?\d+"?\)/.test(l))).toBe(true);
      },
    );

    everyEngineTest("echoPool logs opened connections, and checkouts and check-ins at debug", async () => {
      const info = memoryLogger();
      const engine = await newEngine({ echoPool: true, logger: info });
      {
        await using conn = await engine.connect();
        await conn.execute(select(func.count()).selectFrom(notes));
      }
      expect(info.lines.some((l) => /\[athanor\.pool\] pool: created connection #\d+/.test(l))).toBe(true);
      expect(info.lines.some((l) => l.includes("checked out"))).toBe(false);
      const debug = memoryLogger();
      const engine2 = await newEngine({ echoPool: "debug", logger: debug });
      {
        await using _conn = await engine2.connect();
      }
      expect(debug.lines.some((l) => /connection #\d+ checked out/.test(l))).toBe(true);
      expect(debug.lines.some((l) => /connection #\d+ checked in/.test(l))).toBe(true);
    });

    everyEngineTest(
      "emits connect, checkout, checkin, begin, commit, rollback, beforeExecute and afterExecute",
      async () => {
        const engine = await newEngine({ poolSize: 1 });
        const seen: string[] = [];
        for (const name of ["connect", "checkout", "checkin", "begin", "commit", "rollback"] as const)
          engine.on(name, (e) => {
            expect(e.raw).toBeTruthy();
            seen.push(name);
          });
        engine.on("beforeExecute", (e) => seen.push(`before ${e.sql.split(" ")[0]}`));
        engine.on("afterExecute", (e) => seen.push(`after ${e.sql.split(" ")[0]} ${e.rowCount}`));
        {
          await using conn = await engine.connect();
          await conn.execute(insert(notes).values({ body: "evented" }));
          await conn.commit();
          await conn.execute(delete_(notes).where(notes.c.body.eq("evented")));
          await conn.rollback();
        }
        // MySQL under REPEATABLE READ runs with autocommit off: the first statement begins.
        const sentBegin = db.name === "mysql" ? [] : ["before BEGIN", "after BEGIN 0"];
        expect(seen.filter((s) => !s.endsWith("INSERT 1") && !s.startsWith("before INSERT"))).toEqual([
          ...(db.name === "pglite" ? [] : ["connect"]),
          "checkout",
          ...sentBegin,
          "begin",
          "before COMMIT",
          "after COMMIT 0",
          "commit",
          ...sentBegin,
          "begin",
          "before DELETE",
          "after DELETE 1",
          "before ROLLBACK",
          "after ROLLBACK 0",
          "rollback",
          "checkin",
        ]);
      },
    );

    it("handleError: listeners see the mapped error, and may raise another instead", async () => {
      class AppError extends Error {}
      const seen: string[] = [];
      const listener = (e: { error: Error; sql: string | null }) => {
        seen.push(`${e.error.name}: ${e.sql}`);
        if (e.error instanceof ProgrammingError)
          return new AppError(`wrapped: ${e.error.message.split("\n")[0]}`);
        return undefined;
      };
      db.engine.on("handleError", listener);
      try {
        await using conn = await db.engine.connect();
        const error = await conn.executeDriverSql("SELECT * FROM no_such_table").catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect((error as Error).message).toMatch(/^wrapped: .*no_such_table/);
        expect(seen).toEqual(["ProgrammingError: SELECT * FROM no_such_table"]);
      } finally {
        db.engine.off("handleError", listener);
      }
    });
  },
  { file: true },
);
