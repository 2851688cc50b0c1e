import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import {
  ArgumentError,
  IntegrityError,
  objectStatus,
  PendingRollbackError,
  StaleDataError,
  select,
  sessionmaker,
  text,
} from "../../../src/index.js";
import { custodyModels } from "../../support/custody-models.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";
import { clearTables } from "../../support/orm-helpers.js";
import { shopModels } from "../../support/shop-models.js";

forEachDatabaseAndPgBouncer("errors and concurrency", (tdb) => {
  const shop = shopModels();
  const custody = custodyModels();
  const { Customer, Order, Product, Category } = shop;
  const { Kit, CustodyEvent, User } = custody;
  const SessionLocal = sessionmaker({ bind: undefined as never });
  /** Sessions on their own connections (in-memory SQLite and PGlite have a single one). */
  const servers = tdb.name === "postgresql" || tdb.name === "pgbouncer" || tdb.name === "mysql";

  beforeAll(async () => {
    await shop.Base.metadata.createAll(tdb.engine);
    await custody.Base.metadata.createAll(tdb.engine);
    SessionLocal.configure({ bind: tdb.engine });
  });
  beforeEach(async () => {
    await clearTables(tdb.engine, shop.Base.metadata);
    await clearTables(tdb.engine, custody.Base.metadata);
  });
  afterEach(() => {
    expect(tdb.engine.pool.checkedOut).toBe(0);
  });

  const count = async (table: string) => {
    await using db = SessionLocal();
    return Number(await db.scalar(text(`SELECT count(*) FROM ${table}`)));
  };

  it("a flush violating a constraint raises IntegrityError and writes nothing of the flush", async () => {
    await SessionLocal.begin(async (db) => {
      db.add(new Customer({ email: "taken@x.io", name: "First" }));
    });
    await using db = SessionLocal();
    const ok = new Category({ name: "fine" });
    const dup = new Customer({ email: "taken@x.io", name: "Second" });
    db.addAll([ok, dup]);
    let err: unknown;
    try {
      await db.flush();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IntegrityError);
    expect((err as IntegrityError).orig).toBeTruthy();
    await db.rollback();
    expect(await count("categories")).toBe(0); // not half written
    expect(await count("customers")).toBe(1);
  });

  it("after a failed flush the session raises PendingRollbackError until rollback()", async () => {
    await SessionLocal.begin(async (db) => {
      db.add(new Customer({ email: "taken@x.io", name: "First" }));
    });
    await using db = SessionLocal();
    db.add(new Customer({ email: "taken@x.io", name: "Second" }));
    await expect(db.commit()).rejects.toThrow(IntegrityError);
    await expect(db.execute(select(Customer.id))).rejects.toThrow(PendingRollbackError);
    await expect(db.scalars(select(Customer))).rejects.toThrow(/rollback\(\)/);
    await expect(db.query(Customer).all()).rejects.toThrow(PendingRollbackError);
    await expect(db.flush()).rejects.toThrow(PendingRollbackError);
    await expect(db.commit()).rejects.toThrow(PendingRollbackError);
    await db.rollback();
    expect(await db.scalar(select(Customer.name))).toBe("First");
  });

  it("after rollback the identity map agrees with the database", async () => {
    await SessionLocal.begin(async (db) => {
      db.add(new Customer({ email: "a@x.io", name: "Ann" }));
      db.add(new Customer({ email: "b@x.io", name: "Bob" }));
    });
    await using db = SessionLocal();
    const [ann, bob] = (await db.scalars(select(Customer).orderBy(Customer.name))).all();
    ann!.name = "Annie"; // flushed before the failure, then rolled back
    await db.flush();
    const pending = new Category({ name: "new one" });
    db.add(pending);
    bob!.email = "a@x.io"; // violates the unique constraint
    db.delete(ann!);
    await expect(db.flush()).rejects.toThrow(IntegrityError);
    await db.rollback();
    // New objects are transient again; changed ones are expired and reload the database's values.
    expect(objectStatus(pending)).toBe("transient");
    expect(objectStatus(ann!)).toBe("persistent");
    expect(db.deleted).toHaveLength(0);
    const again = (await db.scalars(select(Customer).orderBy(Customer.name))).all();
    expect(again[0]).toBe(ann);
    expect(again.map((c) => [c.name, c.email])).toEqual([
      ["Ann", "a@x.io"],
      ["Bob", "b@x.io"],
    ]);
    expect(db.isModified(bob!)).toBe(false);
    // The session works normally afterwards.
    ann!.name = "Ann 2";
    await db.commit();
    expect(await db.scalar(select(Customer.name).where(Customer.email.eq("a@x.io")))).toBe("Ann 2");
  });

  it("a foreign key violation is an IntegrityError too", async () => {
    await using db = SessionLocal();
    db.add(new Order({ customerId: 987654 }));
    await expect(db.flush()).rejects.toThrow(IntegrityError);
    await db.rollback();
  });

  it("NOT NULL violations name the column", async () => {
    await using db = SessionLocal();
    db.add(new Product({ name: "no price" } as never));
    await expect(db.flush()).rejects.toThrow(/price/);
    await db.rollback();
  });

  it("a string outside an Enum's values is refused at flush, naming the attribute and the values", async () => {
    await using db = SessionLocal();
    const k = new Kit({ code: "K", description: "d" });
    (k as { status: string }).status = "stolen";
    db.add(k);
    let err: unknown;
    try {
      await db.flush();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArgumentError);
    expect((err as Error).message).toMatch(/Kit\.status/);
    expect((err as Error).message).toMatch(/"stolen"/);
    expect((err as Error).message).toMatch(/"available".*"checked_out"/);
    await db.rollback();
    expect(await count("kits")).toBe(0);
  });

  it("an Enum value changed on a persistent object is checked too", async () => {
    await SessionLocal.begin(async (db) => {
      db.add(new Kit({ code: "K", description: "d" }));
    });
    await using db = SessionLocal();
    const k = (await db.scalars(select(Kit))).one();
    (k as { status: string }).status = "LOST";
    await expect(db.commit()).rejects.toThrow(/Kit\.status.*"LOST"/);
    await db.rollback();
    await db.refresh(k);
    expect(k.status).toBe("available");
  });

  it("a non-date in a DateTime column is refused at flush with a clear error", async () => {
    await using db = SessionLocal();
    const u = new User({ email: "u@x.io", name: "U" });
    const k = new Kit({ code: "K", description: "d" });
    for (const bad of ["next tuesday", 12345, { when: "now" }, new Date("garbage")]) {
      const ev = new CustodyEvent({ eventType: "check_out" });
      ev.kit = k;
      ev.user = u;
      (ev as { expectedReturnDate: unknown }).expectedReturnDate = bad;
      db.add(ev);
      await expect(db.flush(), String(bad)).rejects.toThrow(/CustodyEvent\.expectedReturnDate.*(Date|date)/);
      await db.rollback();
    }
    // A Date and an ISO string are fine.
    const ok = new CustodyEvent({ eventType: "check_out" });
    ok.kit = new Kit({ code: "K2", description: "d" });
    ok.user = new User({ email: "v@x.io", name: "V" });
    ok.expectedReturnDate = new Date("2030-01-02T03:04:05Z");
    db.add(ok);
    await db.commit();
    await db.refresh(ok);
    expect(ok.expectedReturnDate!.toISOString()).toBe("2030-01-02T03:04:05.000Z");
  });

  it("wrong JavaScript types for numbers, strings and booleans are refused at flush", async () => {
    await using db = SessionLocal();
    const cases: [object, string, unknown, RegExp][] = [
      [new Product({ name: "p", price: 1 }), "price", "12 euros", /Product\.price.*integer/i],
      [new Product({ name: "p", price: 1 }), "price", 1.5, /Product\.price.*integer/i],
      [new Product({ name: "p", price: 1 }), "name", 42, /Product\.name.*string/i],
      [new User({ email: "x@x.io", name: "x" }), "isActive", "yes", /User\.isActive.*boolean/i],
    ];
    for (const [obj, key, value, pattern] of cases) {
      (obj as Record<string, unknown>)[key] = value;
      db.add(obj);
      await expect(db.flush()).rejects.toThrow(pattern);
      await db.rollback();
    }
  });

  it("two sessions update one versioned row: exactly one wins, the other raises StaleDataError", async () => {
    const id = await SessionLocal.begin(async (db) => {
      const c = new Customer({ email: "v@x.io", name: "V" });
      const o = new Order({ status: "open" });
      c.orders.push(o);
      db.add(c);
      await db.flush();
      return o.id;
    });
    if (!servers) {
      // One connection: the sessions take turns, as two requests would with a stale read.
      const a = SessionLocal();
      const oa = (await a.get(Order, id))!;
      await a.close();
      await using b = SessionLocal();
      const ob = (await b.get(Order, id))!;
      ob.status = "paid";
      await b.commit();
      // Session A's copy (version 1) comes back in a new session: merging it is refused.
      await using a2 = SessionLocal();
      oa.status = "cancelled";
      await expect(a2.merge(oa)).rejects.toThrow(StaleDataError);
      await expect(a2.merge(oa)).rejects.toThrow(/Version 1 .* current version 2.*Reload/);
      // Without its version, the copy merges onto the latest version (a deliberate overwrite).
      const { version: _v, ...rest } = { version: oa.version, status: oa.status };
      void _v;
      const latest = (await a2.get(Order, id))!;
      Object.assign(latest, rest);
      await a2.commit();
      // And an object of an old version written directly (load: false) hits the version check.
      const c = SessionLocal();
      const stale = (await c.get(Order, id))!;
      await c.close();
      await SessionLocal.begin(async (d) => {
        (await d.get(Order, id))!.status = "shipped";
      });
      await using a3 = SessionLocal();
      const merged = await a3.merge(stale, { load: false });
      merged.status = "open";
      await expect(a3.commit()).rejects.toThrow(StaleDataError);
      await a3.rollback();
    } else {
      await using a = SessionLocal();
      await using b = SessionLocal();
      const oa = (await a.get(Order, id))!;
      const ob = (await b.get(Order, id))!;
      oa.status = "paid";
      ob.status = "cancelled";
      const results = await Promise.allSettled([a.commit(), b.commit()]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(StaleDataError);
      expect(String(lost[0]!.reason.message)).toMatch(/orders.*version.*reload and retry/s);
      await (results[0]!.status === "rejected" ? a : b).rollback();
    }
    await using check = SessionLocal();
    const final = (await check.get(Order, id))!;
    if (servers) {
      expect(final.version).toBe(2); // one update, none lost silently
      expect(["paid", "cancelled"]).toContain(final.status);
    } else {
      expect(final.version).toBe(4); // paid, cancelled (deliberately), shipped
      expect(final.status).toBe("shipped");
    }
  });

  it("a versioned row deleted by another session: the update raises StaleDataError", async () => {
    const id = await SessionLocal.begin(async (db) => {
      const c = new Customer({ email: "w@x.io", name: "W" });
      c.orders.push(new Order({}));
      db.add(c);
      await db.flush();
      return c.orders[0]!.id;
    });
    await using db = SessionLocal();
    const o = (await db.get(Order, id))!;
    await db.execute(text("DELETE FROM orders WHERE id = :id"), { id });
    o.status = "paid";
    await expect(db.flush()).rejects.toThrow(StaleDataError);
    await db.rollback();
  });

  it("deleting a versioned row changed meanwhile raises StaleDataError", async () => {
    const id = await SessionLocal.begin(async (db) => {
      const c = new Customer({ email: "d@x.io", name: "D" });
      c.orders.push(new Order({}));
      db.add(c);
      await db.flush();
      return c.orders[0]!.id;
    });
    await using db = SessionLocal();
    const o = (await db.get(Order, id))!;
    await db.execute(text("UPDATE orders SET version = version + 1 WHERE id = :id"), { id });
    db.delete(o);
    await expect(db.flush()).rejects.toThrow(StaleDataError);
    await db.rollback();
    expect(await count("orders")).toBe(1);
  });

  it("unknown attributes and wrong objects are refused where they are written", async () => {
    await using db = SessionLocal();
    expect(() => db.add({} as object)).toThrow(/mapped class/);
    const o = new Order({});
    expect(() => {
      (o as { customer: unknown }).customer = { id: 1 };
    }).toThrow(/Order\.customer holds Customer objects/);
    expect(() => {
      (o as { lines: unknown }).lines = "x";
    }).toThrow(/collection; assign an array/);
  });

  it("regression: merging an object loaded at an older version overwrote the newer row", async () => {
    const id = await SessionLocal.begin(async (db) => {
      const c = new Customer({ email: "m@x.io", name: "M" });
      c.orders.push(new Order({}));
      db.add(c);
      await db.flush();
      return c.orders[0]!.id;
    });
    const old = SessionLocal({ expireOnCommit: false });
    const copy = (await old.get(Order, id))!;
    await old.close();
    await SessionLocal.begin(async (db) => {
      (await db.get(Order, id))!.status = "paid";
    });
    copy.status = "cancelled";
    await using db = SessionLocal();
    await expect(db.merge(copy)).rejects.toThrow(StaleDataError);
    expect(await db.scalar(select(Order.status).where(Order.id.eq(id)))).toBe("paid");
  });
});
