import { expect, it } from "vitest";
import {
  type Connection,
  type Engine,
  func,
  Integer,
  literal,
  OperationalError,
  select,
} from "../../../src/index.js";
import { type DatabaseName, forEachDatabase } from "../../support/databases.js";
import { backendId, isServer, killBackend, sleep } from "./support.js";

const one = select(literal(1, Integer()).label("one"));

/** Waits until the session runs a statement (so a kill lands mid-statement). */
async function waitUntilBusy(engine: Engine, name: DatabaseName, id: number): Promise<void> {
  await using admin = await engine.connect();
  const sql =
    name === "mysql"
      ? "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO LIKE 'SELECT SLEEP%'"
      : // A cursor's statement (extended protocol, no Sync yet) may still show as idle: its wait
        // event says it sleeps.
        "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND (state = 'active' OR wait_event = 'PgSleep')";
  for (let i = 0; i < 1000; i++) {
    if (Number((await admin.executeDriverSql(sql, [id])).scalar()) > 0) return;
    await sleep(10);
  }
  throw new Error(`session ${id} never started its statement`);
}

const sleepSql = (name: DatabaseName) => (name === "mysql" ? "SELECT SLEEP(5)" : "SELECT pg_sleep(5)");

/** Runs a 5 s sleep on `conn` and kills its backend from another connection while it runs. */
async function killMidStatement(
  db: { engine: Engine; name: DatabaseName },
  conn: Connection,
): Promise<unknown> {
  const id = await backendId(conn, db.name);
  const running = conn.executeDriverSql(sleepSql(db.name)).catch((e: unknown) => e);
  await waitUntilBusy(db.engine, db.name, id);
  await killBackend(db.engine, db.name, id);
  return running;
}

forEachDatabase(
  "lost connections",
  (db) => {
    if (isServer(db.name)) {
      it("a backend killed mid-statement raises OperationalError and invalidates the connection", async () => {
        const engine = db.newEngine({ poolSize: 2, poolPrePing: true });
        const conn = await engine.connect();
        const error = await killMidStatement(db, conn);
        expect(error).toBeInstanceOf(OperationalError);
        expect((error as OperationalError).connectionInvalidated).toBe(true);
        expect((error as Error).message).toContain("The connection was lost");
        expect(conn.invalidated).toBe(true);
        expect(engine.pool.checkedOut).toBe(0);
        // The transaction died with the connection: the caller must say so before going on.
        await expect(conn.execute(one)).rejects.toThrow(/call rollback\(\)/);
        await expect(conn.commit()).rejects.toThrow(/cannot commit/);
        await conn.rollback();
        expect((await conn.execute(one)).scalar()).toBe(1);
        await conn.close();
        expect(engine.pool.checkedOut).toBe(0);
        await using next = await engine.connect();
        expect((await next.execute(one)).scalar()).toBe(1);
      });

      it("outside a transaction (AUTOCOMMIT) the next statement reconnects by itself", async () => {
        const engine = db.newEngine({ isolationLevel: "AUTOCOMMIT" });
        await using conn = await engine.connect();
        const error = await killMidStatement(db, conn);
        expect(error).toBeInstanceOf(OperationalError);
        expect((await conn.execute(one)).scalar()).toBe(1);
        expect(conn.inTransaction()).toBe(false);
      });

      it("engine.begin() fails with the OperationalError and returns the connection", async () => {
        const engine = db.newEngine({ poolSize: 1 });
        const error = await engine
          .begin((conn) => killMidStatement(db, conn).then((e) => Promise.reject(e)))
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OperationalError);
        expect(engine.pool.checkedOut).toBe(0);
        expect(await engine.begin(async (conn) => (await conn.execute(one)).scalar())).toBe(1);
      });

      it("with poolPrePing, every pooled connection killed while idle is replaced at checkout", async () => {
        const engine = db.newEngine({ poolSize: 3, poolPrePing: true });
        const held = [await engine.connect(), await engine.connect(), await engine.connect()];
        const ids = await Promise.all(held.map((c) => backendId(c, db.name)));
        for (const c of held) await c.close();
        for (const id of ids) await killBackend(db.engine, db.name, id);
        const fresh = [await engine.connect(), await engine.connect(), await engine.connect()];
        const freshIds = await Promise.all(fresh.map((c) => backendId(c, db.name)));
        expect(freshIds.filter((id) => ids.includes(id))).toEqual([]);
        for (const c of fresh) await c.close();
        expect(engine.pool.checkedOut).toBe(0);
      });

      it("without pre-ping, one failure invalidates every older pooled connection", async () => {
        const engine = db.newEngine({ poolSize: 3 });
        const held = [await engine.connect(), await engine.connect(), await engine.connect()];
        const ids = await Promise.all(held.map((c) => backendId(c, db.name)));
        for (const c of held) await c.close();
        for (const id of ids) await killBackend(db.engine, db.name, id);
        await sleep(50); // let the clients notice their sockets closed
        {
          await using victim = await engine.connect();
          const error = await victim.execute(one).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(OperationalError);
          expect((error as OperationalError).connectionInvalidated).toBe(true);
        }
        // The two other dead connections were never handed out again.
        const fresh = [await engine.connect(), await engine.connect(), await engine.connect()];
        for (const c of fresh) expect((await c.execute(one)).scalar()).toBe(1);
        for (const c of fresh) await c.close();
        expect(engine.pool.checkedOut).toBe(0);
      });

      it("a killed stream raises OperationalError and leaks nothing", async () => {
        const engine = db.newEngine({ poolSize: 1 });
        const conn = await engine.connect();
        const id = await backendId(conn, db.name);
        const series =
          db.name === "mysql" ? select(func.sleep(5).label("s")) : select(func.pg_sleep(5).label("s"));
        const consume = (async () => {
          for await (const _ of await conn.stream(series)) {
            // one row after 5 s: killed before
          }
        })().catch((e: unknown) => e);
        await waitUntilBusy(db.engine, db.name, id);
        await killBackend(db.engine, db.name, id);
        expect(await consume).toBeInstanceOf(OperationalError);
        await conn.close();
        expect(engine.pool.checkedOut).toBe(0);
      });
    }

    if (db.name === "pglite") {
      it("a statement on a PGlite database closed underneath is an OperationalError", async () => {
        const engine = db.newEngine();
        const conn = await engine.connect();
        await conn.execute(one);
        await engine.dispose();
        const error = await conn.execute(one).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OperationalError);
        expect((error as OperationalError).connectionInvalidated).toBe(true);
        await conn.close();
        await expect(engine.connect()).rejects.toThrow(/disposed/);
      });
    }

    if (db.name === "sqlite") {
      it("a closed database handle is a lost connection: OperationalError, then a fresh one", async () => {
        const engine = db.newEngine({ poolSize: 2 });
        await using conn = await engine.connect();
        await conn.execute(one);
        (conn.driverConnection as { close(): void }).close();
        const error = await conn.execute(one).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(OperationalError);
        expect((error as OperationalError).connectionInvalidated).toBe(true);
        await conn.rollback();
        expect((await conn.execute(one)).scalar()).toBe(1);
      });
    }
  },
  { file: true },
);
