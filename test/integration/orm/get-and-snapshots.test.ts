import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import {
  column,
  DatabaseError,
  DateTime,
  declarativeBase,
  ForeignKey,
  Integer,
  relationship,
  String as Str,
  select,
  selectinload,
  sessionmaker,
} from "../../../src/index.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";
import { clearTables, counting, SELECT } from "../../support/orm-helpers.js";
import { shopModels } from "../../support/shop-models.js";

/**
 * session.get() runs without waiting on a synchronous driver (better-sqlite3) when a connection
 * is at hand; every database must behave the same either way. Snapshots keep a Date column's
 * time value: updates and deletes keyed by a Date must still find their rows.
 */
forEachDatabaseAndPgBouncer("session.get and snapshots", (tdb) => {
  const { Base, Customer, Order, OrderLine, Product } = shopModels();
  const SessionLocal = sessionmaker({ bind: undefined as never });

  const DateBase = declarativeBase();
  class Day extends DateBase.table("get_fast_days", {
    day: column(DateTime({ timezone: true })).primaryKey(),
  }) {
    static events = relationship(() => DayEvent, { backPopulates: "dayRow" });
    declare events: DayEvent[];
  }
  class DayEvent extends DateBase.table("get_fast_day_events", {
    id: column(Integer).primaryKey(),
    day: column(DateTime({ timezone: true }), ForeignKey("get_fast_days.day")),
  }) {
    static dayRow = relationship(() => Day, { backPopulates: "events" });
    declare dayRow: Day;
  }
  class Reading extends DateBase.table("get_fast_readings", {
    takenAt: column(DateTime({ timezone: true })).primaryKey(),
    sensor: column(Str(20)).primaryKey(),
    value: column(Integer),
  }) {}
  const NeverCreated = declarativeBase();
  class Missing extends NeverCreated.table("get_fast_never_created", {
    id: column(Integer).primaryKey(),
  }) {}

  beforeAll(async () => {
    await Base.metadata.createAll(tdb.engine);
    await DateBase.metadata.createAll(tdb.engine);
    SessionLocal.configure({ bind: tdb.engine });
  });
  beforeEach(async () => {
    await clearTables(tdb.engine, Base.metadata);
    await clearTables(tdb.engine, DateBase.metadata);
  });
  afterEach(() => {
    expect(tdb.engine.pool.checkedOut).toBe(0);
  });

  async function seedCustomer(email: string): Promise<number> {
    return SessionLocal.begin(async (db) => {
      const c = new Customer({ email, name: "Ann" });
      db.add(c);
      await db.flush();
      return c.id;
    });
  }

  it("get() loads once per session, then answers from the identity map", async () => {
    const id = await seedCustomer("ann@x.io");
    await using db = SessionLocal();
    const a = await db.get(Customer, id);
    expect(a!.email).toBe("ann@x.io");
    const { result: b, count } = await counting(tdb.engine, () => db.get(Customer, id));
    expect(b).toBe(a);
    expect(count(SELECT)).toBe(0);
    expect(await db.get(Customer, id + 1000)).toBeNull();
  });

  it("get() after close() starts over with a new connection and a new object", async () => {
    const id = await seedCustomer("bo@x.io");
    const db = SessionLocal();
    const first = await db.get(Customer, id);
    await db.close();
    expect(tdb.engine.pool.checkedOut).toBe(0);
    const again = await db.get(Customer, id);
    expect(again).not.toBe(first);
    expect(again!.email).toBe("bo@x.io");
    await db.close();
  });

  it("get() flushes pending objects first (autoflush), so a pending row is found", async () => {
    await using db = SessionLocal();
    const c = new Customer({ email: "cy@x.io", name: "Cy" });
    db.add(c);
    const found = await db.get(Customer, (await db.scalar(select(Customer.id)))!);
    expect(found).toBe(c);
  });

  it("get() of a missing table rejects with the mapped database error and leaves the session usable", async () => {
    const id = await seedCustomer("di@x.io");
    await using db = SessionLocal();
    const err = await db.get(Missing, 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect(String((err as Error).message)).toMatch(/get_fast_never_created/);
    await db.rollback();
    expect((await db.get(Customer, id))!.email).toBe("di@x.io");
  });

  it("rows keyed by a Date are updated and deleted through their snapshot", async () => {
    const at = new Date("2024-02-03T04:05:06.789Z");
    await SessionLocal.begin(async (db) => {
      db.add(new Reading({ takenAt: new Date(at.getTime()), sensor: "s1", value: 1 }));
    });
    await SessionLocal.begin(async (db) => {
      const r = (await db.get(Reading, [at, "s1"]))!;
      expect(r.takenAt).toBeInstanceOf(Date);
      expect(r.takenAt.getTime()).toBe(at.getTime());
      r.value = 2;
    });
    await SessionLocal.begin(async (db) => {
      const r = (await db.get(Reading, [at, "s1"]))!;
      expect(r.value).toBe(2);
      r.takenAt.setTime(Date.parse("2025-01-01T00:00:00.000Z"));
      expect(db.isModified(r)).toBe(true);
    });
    await SessionLocal.begin(async (db) => {
      expect(await db.get(Reading, [at, "s1"])).toBeNull();
      const moved = (await db.get(Reading, [new Date("2025-01-01T00:00:00.000Z"), "s1"]))!;
      expect(moved.value).toBe(2);
      await db.delete(moved);
    });
    await using db = SessionLocal();
    expect((await db.scalars(select(Reading))).all()).toEqual([]);
  });

  /** Two days and events on them ([id, day index]), each Date a fresh object. */
  async function seedDays(d1: Date, d2: Date, events: readonly [number, 0 | 1][]): Promise<void> {
    await SessionLocal.begin(async (db) => {
      for (const d of [d1, d2]) db.add(new Day({ day: new Date(d.getTime()) }));
      await db.flush();
      for (const [id, i] of events) db.add(new DayEvent({ id, day: new Date([d1, d2][i]!.getTime()) }));
    });
  }

  it("selectin loading matches children to parents keyed by a Date (by value, not by object)", async () => {
    const d1 = new Date("2024-01-01T00:00:00.000Z");
    const d2 = new Date("2024-01-02T00:00:00.000Z");
    await seedDays(d1, d2, [
      [1, 0],
      [2, 0],
      [3, 1],
    ]);
    await using db = SessionLocal();
    const days = (await db.scalars(select(Day).orderBy(Day.day).options(selectinload(Day.events)))).all();
    expect(days.map((d) => d.events.map((e) => e.id).sort())).toEqual([[1, 2], [3]]);
    const events = (
      await db.scalars(select(DayEvent).orderBy(DayEvent.id).options(selectinload(DayEvent.dayRow)))
    ).all();
    expect(events.map((e) => e.dayRow.day.getTime())).toEqual([d1.getTime(), d1.getTime(), d2.getTime()]);
  });

  it("a many-to-one filled by a loaded collection's back-population is still diffed when it changes", async () => {
    const d1 = new Date("2024-03-01T00:00:00.000Z");
    const d2 = new Date("2024-03-02T00:00:00.000Z");
    await seedDays(d1, d2, [[7, 0]]);
    await SessionLocal.begin(async (db) => {
      const [first, second] = (
        await db.scalars(select(Day).orderBy(Day.day).options(selectinload(Day.events)))
      ).all();
      const event = first!.events[0]!;
      expect(db.isModified(event)).toBe(false);
      event.dayRow = second!;
      expect(db.isModified(event)).toBe(true);
    });
    await using db = SessionLocal();
    const moved = (await db.get(DayEvent, 7))!;
    expect(moved.day.getTime()).toBe(d2.getTime());
  });

  it("a loaded one-way many-to-one changed to a new (pending) object gets its key at flush", async () => {
    const lineId = await SessionLocal.begin(async (db) => {
      const order = new Order({ customerId: await seedCustomer("gus@x.io"), status: "open" });
      const line = new OrderLine({ quantity: 2 });
      line.product = new Product({ name: "Old", price: 1 });
      order.lines.push(line);
      db.add(order);
      await db.flush();
      return line.id;
    });
    const newProductId = await SessionLocal.begin(async (db) => {
      const line = (
        await db.scalars(
          select(OrderLine).where(OrderLine.id.eq(lineId)).options(selectinload(OrderLine.product)),
        )
      ).one();
      expect(line.product.name).toBe("Old");
      const fresh = new Product({ name: "New", price: 2 });
      line.product = fresh;
      await db.flush();
      return fresh.id;
    });
    await using db = SessionLocal();
    expect((await db.get(OrderLine, lineId))!.productId).toBe(newProductId);
  });

  it("a back-populated many-to-one moved to a new (pending) parent gets the parent's key at flush", async () => {
    const id = await seedCustomer("eve@x.io");
    await SessionLocal.begin(async (db) => {
      db.add(new Order({ customerId: id, status: "open" }));
    });
    const newId = await SessionLocal.begin(async (db) => {
      const c = (await db.scalars(select(Customer).options(selectinload(Customer.orders)))).one();
      const order = c.orders[0]!;
      const other = new Customer({ email: "fay@x.io", name: "Fay" });
      order.customer = other;
      await db.flush();
      expect(order.customerId).toBe(other.id);
      return other.id;
    });
    await using db = SessionLocal();
    const orders = (await db.scalars(select(Order))).all();
    expect(orders.map((o) => o.customerId)).toEqual([newId]);
  });
});
