import { describe, expect, it } from "vitest";
import type { DriverConnection } from "../../../src/dialects/driver.js";
import { type PoolHooks, type PoolOptions, QueuePool } from "../../../src/engine/pool.js";
import { NullPool, StaticPool, TimeoutError } from "../../../src/index.js";

/** A fake driver connection: `alive` decides whether pings pass. */
interface FakeRaw {
  readonly id: number;
  alive: boolean;
  closed: boolean;
}

function fakeHooks(opts: { failCreate?: () => boolean; failReset?: boolean } = {}) {
  let next = 0;
  const raws: FakeRaw[] = [];
  const log: string[] = [];
  const hooks: PoolHooks = {
    async create(): Promise<DriverConnection> {
      if (opts.failCreate?.()) throw new Error("connection refused");
      const raw: FakeRaw = { id: ++next, alive: true, closed: false };
      raws.push(raw);
      return {
        raw,
        async execute() {
          return { rows: [], fields: null, rowCount: 0 };
        },
        async executeMany() {
          return 0;
        },
        async *stream() {},
        async close() {
          raw.closed = true;
        },
      };
    },
    async ping(conn) {
      if (!(conn.raw as FakeRaw).alive) throw new Error("server closed the connection");
    },
    async reset(conn) {
      if (opts.failReset && conn.inTransaction) throw new Error("reset failed");
      conn.inTransaction = false;
    },
    onConnect: (c) => log.push(`connect ${(c.driver.raw as FakeRaw).id}`),
    onCheckout: (c) => log.push(`checkout ${(c.driver.raw as FakeRaw).id}`),
    onCheckin: (c) => log.push(`checkin ${(c.driver.raw as FakeRaw).id}`),
  };
  return { hooks, raws, log, open: () => raws.filter((r) => !r.closed).length };
}

const idOf = (c: { driver: DriverConnection }) => (c.driver.raw as FakeRaw).id;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function queuePool(options: PoolOptions, hookOptions?: Parameters<typeof fakeHooks>[0]) {
  const fake = fakeHooks(hookOptions);
  return { pool: new QueuePool(fake.hooks, options), ...fake };
}

describe("QueuePool", () => {
  it("opens up to poolSize + maxOverflow, then times out with size, overflow and timeout in the message", async () => {
    const { pool, open } = queuePool({ poolSize: 2, maxOverflow: 1, poolTimeout: 0.2 });
    const held = [await pool.connect(), await pool.connect(), await pool.connect()];
    expect(pool.checkedOut).toBe(3);
    expect(pool.overflow).toBe(1);
    const error = await pool.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain("QueuePool limit of size 2 overflow 1 reached");
    expect((error as Error).message).toContain("timeout 0.20s");
    expect(pool.checkedOut).toBe(3);
    for (const c of held) await pool.release(c);
    // The overflow connection is closed on return; poolSize connections stay open.
    expect(pool.checkedOut).toBe(0);
    expect(open()).toBe(2);
    expect(pool.status()).toContain("Connections in pool: 2");
  });

  it("hands a returned connection to the longest waiter", async () => {
    const { pool } = queuePool({ poolSize: 1, maxOverflow: 0, poolTimeout: 5 });
    const first = await pool.connect();
    const order: string[] = [];
    const take = (name: string) =>
      pool.connect().then((c) => {
        order.push(name);
        return c;
      });
    const a = take("a");
    const b = take("b");
    await sleep(5);
    await pool.release(first);
    const ca = await a;
    expect(idOf(ca)).toBe(idOf(first));
    await pool.release(ca);
    const cb = await b;
    expect(order).toEqual(["a", "b"]);
    await pool.release(cb);
    expect(pool.checkedOut).toBe(0);
  });

  it("hands out the oldest idle connection first, or the newest with poolUseLifo", async () => {
    for (const lifo of [false, true]) {
      const { pool } = queuePool({ poolSize: 3, poolUseLifo: lifo });
      const [c1, c2, c3] = [await pool.connect(), await pool.connect(), await pool.connect()];
      await pool.release(c1);
      await pool.release(c2);
      await pool.release(c3);
      const next = await pool.connect();
      expect(idOf(next)).toBe(lifo ? idOf(c3) : idOf(c1));
      await pool.release(next);
    }
  });

  it("replaces connections older than poolRecycle at checkout", async () => {
    const { pool, raws } = queuePool({ poolSize: 1, poolRecycle: 0.01 });
    const c = await pool.connect();
    await pool.release(c);
    await sleep(20);
    const again = await pool.connect();
    expect(idOf(again)).not.toBe(idOf(c));
    expect(raws[0]!.closed).toBe(true);
    await pool.release(again);
  });

  it("keeps connections without poolRecycle, and with poolRecycle -1", async () => {
    for (const poolRecycle of [undefined, -1]) {
      const { pool } = queuePool({ poolSize: 1, poolRecycle });
      const c = await pool.connect();
      await pool.release(c);
      await sleep(5);
      const again = await pool.connect();
      expect(idOf(again)).toBe(idOf(c));
      await pool.release(again);
    }
  });

  it("pre-pings: a dead connection is replaced, and every older idle one is invalidated too", async () => {
    const { pool, raws } = queuePool({ poolSize: 3, poolPrePing: true });
    const cs = [await pool.connect(), await pool.connect(), await pool.connect()];
    for (const c of cs) await pool.release(c);
    for (const r of raws) r.alive = false; // the server restarted
    const fresh = [await pool.connect(), await pool.connect(), await pool.connect()];
    expect(fresh.map(idOf)).toEqual([4, 5, 6]);
    // One failed ping was enough: the other two were discarded without a ping of their own.
    expect(raws.slice(0, 3).every((r) => r.closed)).toBe(true);
    for (const c of fresh) await pool.release(c);
    expect(pool.checkedOut).toBe(0);
  });

  it("without pre-ping, invalidateAll() replaces only connections created before it", async () => {
    const { pool } = queuePool({ poolSize: 3 });
    const old = await pool.connect();
    pool.invalidateAll();
    const young = await pool.connect();
    await pool.release(old);
    await pool.release(young);
    const a = await pool.connect();
    const b = await pool.connect();
    expect([idOf(a), idOf(b)].sort()).toEqual([idOf(young), 3].sort());
    await pool.release(a);
    await pool.release(b);
  });

  it("discards a connection whose reset fails, and one released with invalidate", async () => {
    const { pool, open } = queuePool({ poolSize: 2 }, { failReset: true });
    const a = await pool.connect();
    const b = await pool.connect();
    a.inTransaction = true;
    await pool.release(a);
    await pool.release(b, { invalidate: true });
    expect(open()).toBe(0);
    expect(pool.checkedOut).toBe(0);
    const c = await pool.connect();
    expect(idOf(c)).toBe(3);
    await pool.release(c);
  });

  it("does not leak a slot when opening a connection fails, and wakes a waiter to retry", async () => {
    let fail = false;
    const { pool } = queuePool({ poolSize: 1, maxOverflow: 0, poolTimeout: 5 }, { failCreate: () => fail });
    const held = await pool.connect();
    const waiter = pool.connect();
    await sleep(5);
    fail = true;
    await pool.release(held, { invalidate: true }); // the waiter retries, and its open fails
    await expect(waiter).rejects.toThrow("connection refused");
    fail = false;
    const ok = await pool.connect();
    expect(pool.checkedOut).toBe(1);
    await pool.release(ok);
    expect(pool.checkedOut).toBe(0);
  });

  it("emits connect, checkout and checkin", async () => {
    const { pool, log } = queuePool({ poolSize: 1 });
    const c = await pool.connect();
    await pool.release(c);
    expect(log).toEqual(["connect 1", "checkout 1", "checkin 1"]);
  });

  it("closes idle connections on dispose, and returned ones afterwards", async () => {
    const { pool, open } = queuePool({ poolSize: 2 });
    const a = await pool.connect();
    const b = await pool.connect();
    await pool.release(a);
    await pool.dispose();
    expect(open()).toBe(1);
    await pool.release(b);
    expect(open()).toBe(0);
  });
});

describe("NullPool", () => {
  it("opens a connection per checkout and closes it on return", async () => {
    const fake = fakeHooks();
    const pool = new NullPool(fake.hooks);
    const a = await pool.connect();
    const b = await pool.connect();
    expect(idOf(a)).not.toBe(idOf(b));
    await pool.release(a);
    await pool.release(b);
    expect(fake.open()).toBe(0);
    expect(pool.checkedOut).toBe(0);
  });
});

describe("StaticPool", () => {
  it("lends its one connection to one borrower at a time", async () => {
    const fake = fakeHooks();
    const pool = new StaticPool(fake.hooks, { poolSize: 10, maxOverflow: 10 });
    const a = await pool.connect();
    let bReady = false;
    const b = pool.connect().then((c) => {
      bReady = true;
      return c;
    });
    await sleep(5);
    expect(bReady).toBe(false);
    await pool.release(a);
    expect(idOf(await b)).toBe(idOf(a));
    await pool.release(await b);
    expect(fake.raws).toHaveLength(1);
  });

  it("never discards its connection for staleness (it holds the data)", async () => {
    const fake = fakeHooks();
    const pool = new StaticPool(fake.hooks, { poolRecycle: 0.001, poolPrePing: true });
    const a = await pool.connect();
    await pool.release(a);
    pool.invalidateAll();
    await sleep(5);
    const b = await pool.connect();
    expect(idOf(b)).toBe(idOf(a));
    await pool.release(b);
  });

  it("says why a second checkout waits when it times out", async () => {
    const pool = new StaticPool(fakeHooks().hooks, { poolTimeout: 0.05 });
    const a = await pool.connect();
    const error = await pool.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/StaticPool.*single connection/s);
    expect((error as Error).message).toContain("timeout 0.05s");
    await pool.release(a);
  });
});
