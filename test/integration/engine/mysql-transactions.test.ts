import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  column,
  createEngine,
  declarativeBase,
  delete_,
  type Engine,
  type EngineOptions,
  func,
  Integer,
  insert,
  MetaData,
  String,
  select,
  sessionmaker,
  Table,
} from "../../../src/index.js";
import { configuredDatabases, type Provisioned, provision } from "../../support/databases.js";

/**
 * How transactions reach MySQL / MariaDB: under REPEATABLE READ (the server's default) the
 * connection runs with autocommit off, so a read-only session sends its SELECT and the closing
 * ROLLBACK, no START TRANSACTION; under READ COMMITTED, START TRANSACTION waits for the first
 * write and reads alone send nothing else; AUTOCOMMIT sends no transaction statements at all.
 */
const md = new MetaData();
const notes = new Table("notes", md, {
  id: column(Integer).primaryKey(),
  body: column(String(50)),
});

/** The same table as a model, for sessions. */
const Base = declarativeBase();
class Note extends Base.table("notes", {
  id: column(Integer).primaryKey(),
  body: column(String(50)),
}) {}

interface Traced {
  readonly engine: Engine;
  /** Every statement the driver sent after its connection's setup (the pool's ROLLBACK too). */
  readonly sql: string[];
  /** Holds every ROLLBACK back (before it reaches the driver) until the returned function is called. */
  holdRollbacks(): () => void;
}

describe.skipIf(!configuredDatabases().includes("mysql"))("MySQL transactions [mysql]", () => {
  let db: Provisioned;
  const engines: Engine[] = [];

  /** An engine whose driver connections record what they send (mysql2's query and execute). */
  const traced = (options?: EngineOptions): Traced => {
    const engine = createEngine(db.url, options);
    engines.push(engine);
    const sql: string[] = [];
    let gate: Promise<void> | null = null;
    engine.on("connect", ({ raw }) => {
      // Text statements (query) and prepared ones (execute, compiled statements).
      const conn = raw as Record<"query" | "execute", (...args: unknown[]) => unknown>;
      for (const method of ["query", "execute"] as const) {
        const send = conn[method].bind(conn);
        conn[method] = (q: unknown, ...rest: unknown[]) => {
          const text = typeof q === "string" ? q : (q as { sql: string }).sql;
          if (text === "ROLLBACK" && gate !== null)
            return gate.then(() => {
              sql.push(text);
              return send(q, ...rest);
            });
          sql.push(text);
          return send(q, ...rest);
        };
      }
    });
    const holdRollbacks = () => {
      let open = () => {};
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      return () => {
        gate = null;
        open();
      };
    };
    return { engine, sql, holdRollbacks };
  };
  /** Lets pending I/O callbacks and promise jobs run a few times over. */
  const turns = async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  /** The first word of each statement sent, from index `from` on. */
  const words = (t: Traced, from = 0) => t.sql.slice(from).map((s) => s.split(" ")[0]);
  const count = select(func.count()).selectFrom(notes);
  /** Commits a row from another engine (autocommit), between two reads of a session. */
  const commitElsewhere = async (body: string) => {
    const other = engines[0]!;
    await other.begin((c) => c.execute(insert(notes).values({ body })));
  };

  beforeAll(async () => {
    db = await provision("mysql", {});
    const setup = createEngine(db.url);
    engines.push(setup);
    await md.createAll(setup);
  });

  afterAll(async () => {
    for (const e of engines) await e.dispose();
    await db.cleanup();
  });

  beforeEach(async () => {
    await engines[0]!.begin((c) => c.execute(delete_(notes)));
  });

  it("REPEATABLE READ: a read-only session sends SELECT and ROLLBACK, no START TRANSACTION", async () => {
    const t = traced();
    {
      await using conn = await t.engine.connect();
      await conn.scalar(count);
    }
    const from = t.sql.length;
    {
      await using conn = await t.engine.connect();
      await conn.scalar(count);
      await conn.scalar(select(notes.c.body));
    }
    expect(words(t, from)).toEqual(["SELECT", "SELECT", "ROLLBACK"]);
    expect(t.engine.dialect.defaultIsolationLevel).toBe("REPEATABLE READ");
    await using conn = await t.engine.connect();
    expect(Number((await conn.executeDriverSql("SELECT @@autocommit, @@in_transaction")).first()?.[0])).toBe(
      0,
    );
  });

  it("REPEATABLE READ: two reads of a session see one snapshot while another commits", async () => {
    const t = traced();
    await using conn = await t.engine.connect();
    expect(await conn.scalar(count)).toBe(0);
    await commitElsewhere("other");
    expect(await conn.scalar(count)).toBe(0);
    await conn.rollback();
    expect(await conn.scalar(count)).toBe(1);
  });

  it("READ COMMITTED: reads send no transaction statement and see commits; the first write begins", async () => {
    const t = traced({ isolationLevel: "READ COMMITTED" });
    {
      await using warm = await t.engine.connect();
      await warm.scalar(count);
    }
    const from = t.sql.length;
    {
      await using conn = await t.engine.connect();
      expect(await conn.scalar(count)).toBe(0);
      await commitElsewhere("other");
      expect(await conn.scalar(count)).toBe(1);
    }
    expect(words(t, from)).toEqual(["SELECT", "SELECT"]);
    const writes = t.sql.length;
    {
      await using conn = await t.engine.connect();
      await conn.scalar(count);
      await conn.execute(insert(notes).values({ body: "mine" }));
      await conn.commit();
    }
    expect(words(t, writes)).toEqual(["SELECT", "START", "INSERT", "COMMIT"]);
    await using check = await t.engine.connect();
    expect(await check.scalar(count)).toBe(2);
  });

  it("writes after reads commit, or roll back, under both levels", async () => {
    for (const isolationLevel of ["REPEATABLE READ", "READ COMMITTED"] as const) {
      await engines[0]!.begin((c) => c.execute(delete_(notes)));
      const t = traced({ isolationLevel });
      {
        await using conn = await t.engine.connect();
        await conn.scalar(count);
        await conn.execute(insert(notes).values({ body: "kept" }));
        await conn.commit();
        await conn.scalar(count);
        await conn.execute(insert(notes).values({ body: "dropped" }));
        await conn.rollback();
        await conn.execute(insert(notes).values({ body: "closed" }));
      }
      await using check = await engines[0]!.connect();
      expect((await check.scalars(select(notes.c.body))).all()).toEqual(["kept"]);
      expect(words(t).filter((w) => w === "START").length).toBe(isolationLevel === "READ COMMITTED" ? 3 : 0);
    }
  });

  it("savepoints work when the transaction begins implicitly", async () => {
    const t = traced();
    const began: unknown[] = [];
    t.engine.on("begin", (e) => began.push(e));
    await using conn = await t.engine.connect();
    await conn.begin();
    expect(began).toHaveLength(0);
    await conn.execute(insert(notes).values({ body: "outer" }));
    expect(began).toHaveLength(1);
    const nested = await conn.beginNested();
    await conn.execute(insert(notes).values({ body: "inner" }));
    await nested.rollback();
    await conn.commit();
    expect((await conn.scalars(select(notes.c.body))).all()).toEqual(["outer"]);
    expect(words(t).includes("START")).toBe(false);
  });

  it("AUTOCOMMIT engines and connections autocommit; the connection goes back with autocommit off", async () => {
    const auto = traced({ isolationLevel: "AUTOCOMMIT" });
    {
      await using conn = await auto.engine.connect();
      await conn.execute(insert(notes).values({ body: "auto" }));
    }
    expect(words(auto).filter((w) => w !== "SET")).toEqual(["INSERT"]);
    const t = traced({ poolSize: 1 });
    {
      await using conn = await t.engine.connect();
      await conn.executionOptions({ isolationLevel: "AUTOCOMMIT" });
      await conn.execute(insert(notes).values({ body: "auto2" }));
    }
    await using check = await engines[0]!.connect();
    expect(await check.scalar(count)).toBe(2);
    await using conn = await t.engine.connect();
    const row = (await conn.executeDriverSql("SELECT @@autocommit, @@tx_isolation")).first();
    expect([Number(row?.[0]), row?.[1]]).toEqual([0, "REPEATABLE-READ"]);
  });

  it("a connection never goes back to the pool inside a transaction (raw driver use included)", async () => {
    const t = traced({ poolSize: 1 });
    const inTransaction = async () => {
      const raw = await t.engine.rawConnection();
      const [rows] = (await (raw.raw as { query: (s: string) => Promise<[unknown[][]]> }).query(
        "SELECT @@in_transaction AS t",
      )) as unknown as [{ t: number }[]];
      await raw.release();
      return Number(rows[0]!.t);
    };
    {
      await using conn = await t.engine.connect();
      await conn.scalar(count);
    }
    expect(await inTransaction()).toBe(0);
    {
      await using conn = await t.engine.connect();
      await (conn.driverConnection as { query: (s: string) => Promise<unknown> }).query(
        "SELECT * FROM notes",
      );
    }
    expect(await inTransaction()).toBe(0);
    // A snapshot left open would hide this commit from the next session.
    await commitElsewhere("late");
    await using conn = await t.engine.connect();
    expect(await conn.scalar(count)).toBe(1);
  });

  it("a read-only session sends SELECT and ROLLBACK; the next one on its connection sees new commits", async () => {
    const t = traced({ poolSize: 1 });
    const Session = sessionmaker({ bind: t.engine });
    await commitElsewhere("first");
    let id = 0;
    {
      await using conn = await engines[0]!.connect();
      id = Number(await conn.scalar(select(notes.c.id)));
    }
    const from = t.sql.length;
    {
      const s = Session();
      expect(await s.get(Note, id)).not.toBeNull();
      await s.close();
    }
    expect(words(t, from)).toEqual(["SELECT", "ROLLBACK"]);
    // Same connection (poolSize 1): a snapshot left open would hide this commit.
    await commitElsewhere("second");
    const s = Session();
    expect(await s.scalar(count)).toBe(2);
    await s.close();
  });

  it("a read-only session's close() does not wait for its ROLLBACK; nobody gets the connection before it completes", async () => {
    const t = traced({ poolSize: 1 });
    const Session = sessionmaker({ bind: t.engine });
    const rollbacks: unknown[] = [];
    t.engine.on("rollback", (e) => rollbacks.push(e));
    await commitElsewhere("first");
    const first = Session();
    expect(await first.scalar(count)).toBe(1);
    const release = t.holdRollbacks();
    await first.close();
    expect(t.engine.pool.checkedOut).toBe(0);
    expect(t.engine.pool.status()).toMatch(/Connections in pool: 0 .* Ending a read-only transaction: 1$/);
    expect(rollbacks).toHaveLength(0);
    // The snapshot of `first` is still open on the pool's one connection: this commit is hidden
    // from whoever runs a statement on that connection before the ROLLBACK.
    await commitElsewhere("second");
    const next = Session();
    let seen: number | null = null;
    const reading = next.scalar(count).then((n) => {
      seen = Number(n);
    });
    await turns();
    expect(seen).toBeNull();
    release();
    await reading;
    expect(seen).toBe(2);
    expect(rollbacks).toHaveLength(1);
    await next.close();
    await t.engine.pool.returned();
    expect(t.engine.pool.status()).not.toContain("Ending");
    expect(words(t).slice(-4)).toEqual(["SELECT", "ROLLBACK", "SELECT", "ROLLBACK"]);
  });

  it("one waiter waits for a connection ending its ROLLBACK; the next opens an overflow connection", async () => {
    // With the overflow unused while any connection is returning, a busy server (where some
    // read-only session always is ending) would queue its requests until the pool timeout.
    const t = traced({ poolSize: 1, maxOverflow: 2, poolTimeout: 2 });
    const Session = sessionmaker({ bind: t.engine });
    const first = Session();
    await first.scalar(count);
    const release = t.holdRollbacks();
    let waited: number | null = null;
    const waiting = Session();
    const overflow = Session();
    let reading: Promise<void>;
    try {
      await first.close();
      reading = waiting.scalar(count).then((n) => {
        waited = Number(n);
      });
      await turns();
      expect(Number(await overflow.scalar(count))).toBe(0);
      expect(waited).toBeNull();
      expect(t.engine.pool.status()).toContain("Current Overflow: 1");
    } finally {
      release();
    }
    await reading;
    expect(waited).toBe(0);
    await overflow.close();
    await waiting.close();
    await t.engine.pool.returned();
  });

  it("a session that wrote or locked rows is rolled back before close() resolves", async () => {
    const t = traced();
    const Session = sessionmaker({ bind: t.engine });
    await commitElsewhere("locked");
    const sessions = {
      wrote: async (s: ReturnType<typeof Session>) => {
        s.add(new Note({ body: "never" }));
        await s.flush();
      },
      locked: async (s: ReturnType<typeof Session>) => {
        await s.scalars(select(Note).forUpdate());
      },
    };
    for (const [name, work] of Object.entries(sessions)) {
      const s = Session();
      await work(s);
      const release = t.holdRollbacks();
      let closed = false;
      const closing = s.close().then(() => {
        closed = true;
      });
      await turns();
      expect(closed, name).toBe(false);
      release();
      await closing;
      // Its row lock is gone: another connection takes it without waiting.
      await using other = await engines[0]!.connect();
      await other.executeDriverSql("SELECT id FROM notes FOR UPDATE NOWAIT");
      await other.rollback();
    }
    await using check = await engines[0]!.connect();
    expect((await check.scalars(select(notes.c.body))).all()).toEqual(["locked"]);
  });

  it("engine.dispose() waits for a ROLLBACK still on its way", async () => {
    const t = traced();
    const Session = sessionmaker({ bind: t.engine });
    const s = Session();
    await s.scalar(count);
    const release = t.holdRollbacks();
    await s.close();
    let disposed = false;
    const disposing = t.engine.dispose().then(() => {
      disposed = true;
    });
    await turns();
    expect(disposed).toBe(false);
    release();
    await disposing;
    expect(words(t).at(-1)).toBe("ROLLBACK");
  });
});
