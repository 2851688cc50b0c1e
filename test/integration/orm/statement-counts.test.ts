import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { joinedload, select, selectinload, sessionmaker } from "../../../src/index.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";
import { clearTables, counting, DELETE, INSERT, SELECT, UPDATE } from "../../support/orm-helpers.js";
import { shopModels } from "../../support/shop-models.js";

/**
 * How many statements the ORM sends for bulk work, counted with the engine's afterExecute event.
 * Set ATHANOR_TEST_REPORT_COUNTS=1 to print the counts per database.
 */
forEachDatabaseAndPgBouncer("statement counts", (tdb) => {
  const { Base, Customer, Order } = shopModels();
  const SessionLocal = sessionmaker({ bind: undefined as never });
  const measured: Record<string, number> = {};
  const N = 1000;

  beforeAll(async () => {
    await Base.metadata.createAll(tdb.engine);
    SessionLocal.configure({ bind: tdb.engine });
  });
  beforeEach(async () => {
    await clearTables(tdb.engine, Base.metadata);
  });
  afterEach(() => {
    expect(tdb.engine.pool.checkedOut).toBe(0);
  });
  afterAll(() => {
    if (process.env.ATHANOR_TEST_REPORT_COUNTS) console.info(`[${tdb.name}] statements`, measured);
  });

  /** N customers with one order each: 2N objects over two related tables. */
  async function seed(): Promise<void> {
    await SessionLocal.begin(async (db) => {
      for (let i = 0; i < N; i++) {
        const c = new Customer({ email: `c${i}@x.io`, name: `C${i}` });
        c.orders.push(new Order({ status: i % 2 ? "paid" : "open" }));
        db.add(c);
      }
    });
  }

  it("a flush of 1,000 new objects over two related tables emits a handful of INSERTs", async () => {
    await using db = SessionLocal();
    const customers = Array.from({ length: N / 2 }, (_, i) => {
      const c = new Customer({ email: `n${i}@x.io`, name: `N${i}` });
      c.orders.push(new Order({}));
      return c;
    });
    db.addAll(customers);
    const { count } = await counting(tdb.engine, () => db.flush());
    measured.flushInsert1000 = count(INSERT);
    expect(count(SELECT) + count(UPDATE)).toBe(0);
    expect(count(INSERT)).toBeLessThanOrEqual(4);
    if (tdb.engine.dialect.name === "postgresql") expect(count(INSERT)).toBe(2);
    // Keys were read back and the children point at their own parents.
    for (const c of customers) expect(c.orders[0]!.customerId).toBe(c.id);
    await db.commit();
  });

  it("flushes of the same shape reuse one compiled INSERT, each row with its own values", async () => {
    await using db = SessionLocal();
    const cached: (boolean | null)[] = [];
    const listener = (e: { sql: string; cached: boolean | null }) => {
      if (INSERT.test(e.sql)) cached.push(e.cached);
    };
    tdb.engine.events.on("afterExecute", listener);
    try {
      for (const batch of [0, 1]) {
        db.addAll([0, 1, 2].map((i) => new Customer({ email: `s${batch}${i}@x.io`, name: `S${batch}${i}` })));
        await db.flush();
      }
    } finally {
      tdb.engine.events.off("afterExecute", listener);
    }
    expect(cached).toHaveLength(2);
    expect(cached[1]).toBe(true);
    const rows = (await db.execute(select(Customer.email, Customer.c.name).orderBy(Customer.email))).all();
    expect(rows.map((r) => [r[0], r[1]])).toEqual(
      ["s00", "s01", "s02", "s10", "s11", "s12"].map((k) => [`${k}@x.io`, `S${k.slice(1)}`]),
    );
    await db.commit();
  });

  it("a flush of 2,000 new objects (1,000 parents, 1,000 children)", async () => {
    await using db = SessionLocal();
    const { count } = await counting(tdb.engine, async () => {
      for (let i = 0; i < N; i++) {
        const c = new Customer({ email: `m${i}@x.io`, name: `M${i}` });
        c.orders.push(new Order({}));
        db.add(c);
      }
      await db.flush();
    });
    measured.flushInsert2000 = count(INSERT);
    expect(count(INSERT)).toBeLessThanOrEqual(4);
    await db.commit();
  });

  it("selectinload over 1,000 parents emits exactly 2 SELECTs", async () => {
    await seed();
    await using db = SessionLocal();
    const { result, count } = await counting(tdb.engine, async () =>
      (await db.scalars(select(Customer).options(selectinload(Customer.orders)))).all(),
    );
    measured.selectinload1000 = count(SELECT);
    expect(result).toHaveLength(N);
    expect(count(SELECT)).toBe(2);
    expect(result.every((c) => c.orders.length === 1)).toBe(true);
  });

  it("joinedload over 1,000 parents emits 1 SELECT", async () => {
    await seed();
    await using db = SessionLocal();
    const { result, count } = await counting(tdb.engine, async () =>
      (await db.scalars(select(Customer).options(joinedload(Customer.orders)))).all(),
    );
    measured.joinedload1000 = count(SELECT);
    expect(result).toHaveLength(N);
    expect(count(SELECT)).toBe(1);
    expect(result.every((c) => c.orders.length === 1)).toBe(true);
  });

  it("a many-to-one selectinload from 1,000 children emits 2 SELECTs", async () => {
    await seed();
    await using db = SessionLocal();
    const { result, count } = await counting(tdb.engine, async () =>
      (await db.scalars(select(Order).options(selectinload(Order.customer)))).all(),
    );
    measured.selectinloadManyToOne1000 = count(SELECT);
    expect(count(SELECT)).toBe(2);
    expect(result.every((o) => o.customer.id === o.customerId)).toBe(true);
  });

  it("changing one column of 1,000 objects emits one UPDATE (per version-checked batch)", async () => {
    await seed();
    await using db = SessionLocal();
    const customers = (await db.scalars(select(Customer))).all();
    for (const c of customers) c.name = `${c.name}!`;
    const a = await counting(tdb.engine, () => db.flush());
    measured.update1000 = a.count(UPDATE);
    expect(a.count(UPDATE)).toBe(1);
    const orders = (await db.scalars(select(Order))).all();
    for (const o of orders) o.status = "shipped";
    const b = await counting(tdb.engine, () => db.flush());
    measured.updateVersioned1000 = b.count(UPDATE);
    expect(b.count(UPDATE)).toBe(1);
    expect(orders.every((o) => o.version === 2)).toBe(true);
    await db.commit();
  });

  it("deleting 1,000 loaded parents with their loaded children emits two DELETEs", async () => {
    await seed();
    await using db = SessionLocal();
    const customers = (
      await db.scalars(
        select(Customer).options(
          selectinload(Customer.orders).selectinload(Order.lines),
          selectinload(Customer.profile),
          selectinload(Customer.sentMessages),
          selectinload(Customer.receivedMessages),
        ),
      )
    ).all();
    for (const c of customers) db.delete(c);
    const { count, sql } = await counting(tdb.engine, () => db.flush());
    measured.delete1000 = count(DELETE);
    expect(sql.filter((s) => SELECT.test(s))).toEqual([]);
    expect(count(DELETE)).toBe(2);
    await db.commit();
  });

  it("get() of loaded objects and reading loaded relationships emit nothing", async () => {
    await seed();
    await using db = SessionLocal();
    const customers = (await db.scalars(select(Customer).options(selectinload(Customer.orders)))).all();
    const { count } = await counting(tdb.engine, async () => {
      for (const c of customers.slice(0, 100)) {
        expect(await db.get(Customer, c.id)).toBe(c);
        void c.orders[0]!.status;
      }
    });
    expect(count()).toBe(0);
  });
});
