import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import {
  flagModified,
  objectStatus,
  StaleDataError,
  select,
  selectinload,
  sessionmaker,
  text,
} from "../../../src/index.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";
import { clearTables, counting, DELETE, INSERT, SELECT, UPDATE } from "../../support/orm-helpers.js";
import { shopModels } from "../../support/shop-models.js";

forEachDatabaseAndPgBouncer("unit of work", (tdb) => {
  const { Base, Customer, Order, OrderLine, Product, Category, Tag } = shopModels();
  const SessionLocal = sessionmaker({ bind: undefined as never });

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

  async function newOrder(init: Partial<InstanceType<typeof Order>> = {}): Promise<number> {
    return SessionLocal.begin(async (db) => {
      const c = new Customer({ email: `o${Math.random()}@x.io`, name: "O" });
      const o = new Order(init);
      c.orders.push(o);
      db.add(c);
      await db.flush();
      return o.id;
    });
  }

  it("detects changes by comparing with the loaded snapshot (Date values by time)", async () => {
    const when = new Date("2024-05-06T07:08:09.000Z");
    const id = await newOrder({ placedAt: when });
    await using db = SessionLocal();
    const o = (await db.get(Order, id))!;
    expect(o.placedAt).toEqual(when);
    o.placedAt = new Date(when.getTime()); // another object, same instant: not a change
    expect(db.isModified(o)).toBe(false);
    const { count } = await counting(tdb.engine, () => db.flush());
    expect(count(UPDATE)).toBe(0);
    o.placedAt = new Date("2025-01-01T00:00:00.000Z");
    expect(db.isModified(o)).toBe(true);
    await db.commit();
    await db.refresh(o);
    expect(o.placedAt!.toISOString()).toBe("2025-01-01T00:00:00.000Z");
  });

  it("regression: a Date changed in place (setTime) was not seen as a change", async () => {
    const id = await newOrder({ placedAt: new Date("2024-05-06T07:08:09.000Z") });
    await using db = SessionLocal();
    const o = (await db.get(Order, id))!;
    o.placedAt!.setTime(Date.parse("2030-01-01T00:00:00.000Z"));
    expect(db.isModified(o)).toBe(true);
    await db.commit();
    await db.refresh(o);
    expect(o.placedAt!.toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });

  it("regression: bytes changed in place were not seen as a change (binary compared by content)", async () => {
    const id = await newOrder({ attachment: Buffer.from([1, 2, 3]) });
    await using db = SessionLocal();
    const o = (await db.get(Order, id))!;
    expect([...o.attachment!]).toEqual([1, 2, 3]);
    o.attachment = Buffer.from([1, 2, 3]);
    expect(db.isModified(o)).toBe(false);
    o.attachment[0] = 9; // in place
    expect(db.isModified(o)).toBe(true);
    await db.commit();
    await db.refresh(o);
    expect([...o.attachment!]).toEqual([9, 2, 3]);
  });

  it("sees JSON documents changed in place, and flagModified forces a write", async () => {
    const id = await newOrder({ data: { items: ["a"] } });
    await using db = SessionLocal();
    const o = (await db.get(Order, id))!;
    o.data!.items!.push("b"); // in place
    expect(db.isModified(o)).toBe(true);
    await db.commit();
    await db.refresh(o);
    expect(o.data).toEqual({ items: ["a", "b"] });

    // flagModified: written although the value compares equal.
    expect(db.isModified(o)).toBe(false);
    flagModified(o, "data");
    expect(db.isModified(o)).toBe(true);
    const { count } = await counting(tdb.engine, () => db.flush());
    expect(count(UPDATE)).toBe(1);
    expect(() => flagModified(o, "nope")).toThrow(/no column attribute 'nope'/);
  });

  it("inserts parents before children whatever the order objects were added", async () => {
    await using db = SessionLocal();
    const c = new Customer({ email: "p@x.io", name: "P" });
    const o = new Order({});
    const line = new OrderLine({ quantity: 2 });
    const product = new Product({ name: "Widget", price: 3 });
    line.product = product;
    line.order = o;
    o.customer = c;
    // Children first: the flush orders by foreign keys, not by add() order.
    db.add(line);
    db.add(o);
    db.add(product);
    db.add(c);
    const { sql } = await counting(tdb.engine, () => db.flush());
    const tables = sql.filter((s) => INSERT.test(s)).map((s) => /INSERT INTO [`"]?(\w+)/i.exec(s)![1]);
    expect(tables.indexOf("customers")).toBeLessThan(tables.indexOf("orders"));
    expect(tables.indexOf("orders")).toBeLessThan(tables.indexOf("order_lines"));
    expect(tables.indexOf("products")).toBeLessThan(tables.indexOf("order_lines"));
    expect(line.orderId).toBe(o.id);
    expect(line.productId).toBe(product.id);
    expect(o.customerId).toBe(c.id);
    await db.commit();
  });

  it("deletes children before parents", async () => {
    const id = await newOrder();
    await using db = SessionLocal();
    const o = (
      await db.scalars(
        select(Order).where(Order.id.eq(id)).options(selectinload(Order.customer), selectinload(Order.lines)),
      )
    ).one();
    const line = new OrderLine({ quantity: 1, product: new Product({ name: "x", price: 1 }) } as never);
    o.lines.push(line);
    await db.flush();
    db.delete(o.customer);
    db.delete(o);
    db.delete(line);
    const { sql } = await counting(tdb.engine, () => db.flush());
    const tables = sql.filter((s) => DELETE.test(s)).map((s) => /DELETE FROM [`"]?(\w+)/i.exec(s)![1]);
    expect(tables).toEqual(["order_lines", "orders", "customers"]);
    await db.commit();
  });

  it("inserts rows with server-generated keys in one INSERT ... RETURNING per table", async () => {
    await using db = SessionLocal();
    const cats = Array.from({ length: 30 }, (_, i) => new Category({ name: `c${i}` }));
    db.addAll(cats);
    const { count } = await counting(tdb.engine, () => db.flush());
    expect(count(INSERT)).toBe(1);
    const ids = cats.map((c) => c.id);
    expect(new Set(ids).size).toBe(30);
    // Keys were matched to the right objects.
    const rows = (await db.execute(select(Category.id, Category.name))).all();
    const byId = new Map(rows.map((r) => [r[0], r[1]]));
    for (const c of cats) expect(byId.get(c.id)).toBe(c.name);
    await db.commit();
  });

  it("without RETURNING, inserts needing generated keys go one row at a time (MySQL)", async () => {
    if (tdb.name !== "mysql") return;
    const engine = tdb.newEngine();
    const conn = await engine.connect(); // the dialect refines its flags on first connect
    await conn.close();
    engine.dialect.supportsReturning = false;
    await using db = sessionmaker({ bind: engine })();
    const cats = Array.from({ length: 5 }, (_, i) => new Category({ name: `r${i}` }));
    db.addAll(cats);
    const { count } = await counting(engine, () => db.flush());
    expect(count(INSERT)).toBe(5);
    const rows = (await db.execute(select(Category.id, Category.name))).all();
    const byId = new Map(rows.map((r) => [r[0], r[1]]));
    for (const c of cats) expect(byId.get(c.id)).toBe(c.name);
    // Server defaults it could not read back are expired, then loaded on refresh.
    expect(() => cats[0]!.createdAt).toThrow(/expired/);
    await db.refresh(cats[0]!);
    expect(cats[0]!.createdAt).toBeInstanceOf(Date);
    await db.commit();
  });

  it("batches UPDATEs of rows changing the same columns, and DELETEs by key (regression: the batched UPDATE failed on MariaDB)", async () => {
    await SessionLocal.begin(async (db) => {
      db.addAll(Array.from({ length: 20 }, (_, i) => new Product({ name: `p${i}`, price: i })));
    });
    await using db = SessionLocal();
    const products = (await db.scalars(select(Product).orderBy(Product.id))).all();
    for (const p of products) p.price += 100;
    products[0]!.name = "renamed"; // a different set of columns: its own statement
    const up = await counting(tdb.engine, () => db.flush());
    expect(up.count(UPDATE)).toBe(2);
    await db.commit();
    const prices = (await db.execute(select(Product.price).orderBy(Product.id))).scalars().all();
    expect(prices).toEqual(Array.from({ length: 20 }, (_, i) => i + 100));
    expect(await db.scalar(select(Product.revisedBy).where(Product.name.eq("renamed")))).toBe("reviser");

    const all = (await db.scalars(select(Product))).all();
    for (const p of all) db.delete(p);
    const del = await counting(tdb.engine, () => db.flush());
    expect(del.count(/^DELETE FROM [`"]?products/i)).toBe(1);
    // Their (unloaded) many-to-many rows go too, in one statement.
    expect(del.count(/^DELETE FROM [`"]?product_tags/i)).toBe(1);
    await db.commit();
    expect(Number(await db.scalar(text("SELECT count(*) FROM products")))).toBe(0);
  });

  it("increments the version column on every UPDATE and checks it", async () => {
    const id = await newOrder();
    await using db = SessionLocal({ expireOnCommit: false });
    const o = (await db.get(Order, id))!;
    expect(o.version).toBe(1);
    o.status = "paid";
    await db.flush();
    expect(o.version).toBe(2);
    o.status = "shipped";
    await db.commit();
    expect(o.version).toBe(3);
    expect(await db.scalar(select(Order.version).where(Order.id.eq(id)))).toBe(3);
    // Someone else bumps the version: our next write is refused.
    await db.execute(text("UPDATE orders SET version = 10 WHERE id = :id"), { id });
    o.status = "cancelled";
    await expect(db.flush()).rejects.toThrow(StaleDataError);
    await db.rollback();
  });

  it("regression: a version column without a default was NULL on INSERT (now 1)", async () => {
    const { declarativeBase, column, Integer, String: Str } = await import("../../../src/index.js");
    const B = declarativeBase();
    class Doc extends B.table(
      "docs_v",
      { id: column(Integer).primaryKey(), title: column(Str(20)), rev: column(Integer) },
      { versionId: "rev" },
    ) {}
    await B.metadata.createAll(tdb.engine);
    await using db = SessionLocal();
    const d = new Doc({ title: "a" });
    db.add(d);
    await db.flush();
    expect(d.rev).toBe(1);
    d.title = "b";
    await db.flush();
    expect(d.rev).toBe(2);
    await db.rollback();
  });

  it("beginNested: releasing a savepoint keeps its work in the outer transaction", async () => {
    await using db = SessionLocal();
    db.add(new Category({ name: "outer" }));
    const sp = await db.beginNested();
    expect(db.inNestedTransaction()).toBe(true);
    db.add(new Category({ name: "inner" }));
    await sp.commit();
    expect(db.inNestedTransaction()).toBe(false);
    await db.commit();
    const names = (await db.execute(select(Category.name).orderBy(Category.name))).scalars().all();
    expect(names).toEqual(["inner", "outer"]);
  });

  it("beginNested: rolling back expires what it touched, makes its new objects transient, and the outer transaction goes on", async () => {
    await SessionLocal.begin(async (db) => {
      db.add(new Category({ name: "kept" }));
    });
    await using db = SessionLocal();
    const kept = (await db.scalars(select(Category).where(Category.name.eq("kept")))).one();
    const before = new Category({ name: "before" });
    db.add(before);
    const sp = await db.beginNested();
    kept.name = "changed-in-savepoint";
    const inner = new Category({ name: "inner" });
    db.add(inner);
    await db.flush();
    expect(objectStatus(inner)).toBe("persistent");
    await sp.rollback();
    expect(objectStatus(inner)).toBe("transient");
    expect(objectStatus(before)).toBe("persistent");
    expect(() => kept.name).toThrow(/expired/);
    await db.refresh(kept);
    expect(kept.name).toBe("kept");
    // The outer transaction is still usable and commits what preceded the savepoint.
    db.add(new Category({ name: "after" }));
    await db.commit();
    const names = (await db.execute(select(Category.name).orderBy(Category.name))).scalars().all();
    expect(names).toEqual(["after", "before", "kept"]);
  });

  it("beginNested: a failed flush inside a savepoint is undone by rolling the savepoint back", async () => {
    await SessionLocal.begin(async (db) => {
      db.add(new Customer({ email: "dup@x.io", name: "D" }));
    });
    await using db = SessionLocal();
    db.add(new Category({ name: "safe" }));
    const sp = await db.beginNested();
    db.add(new Customer({ email: "dup@x.io", name: "D2" }));
    await expect(db.flush()).rejects.toThrow();
    await sp.rollback();
    await db.commit();
    expect(await db.scalar(select(Category.id).where(Category.name.eq("safe")))).not.toBeNull();
    expect(Number(await db.scalar(text("SELECT count(*) FROM customers")))).toBe(1);
  });

  it("regression: objects added inside a rolled-back savepoint were inserted by the next commit", async () => {
    await using db = SessionLocal();
    const sp1 = await db.beginNested();
    db.add(new Tag({ name: "one" }));
    const sp2 = await db.beginNested();
    db.add(new Tag({ name: "two" }));
    await sp2.rollback();
    db.add(new Tag({ name: "three" }));
    await sp1.commit();
    await db.commit();
    const names = (await db.execute(select(Tag.name).orderBy(Tag.name))).scalars().all();
    expect(names).toEqual(["one", "three"]);
  });

  it("a flush with nothing changed runs no SQL; a read-only unit of work only SELECTs", async () => {
    await newOrder();
    await using db = SessionLocal();
    const { count, sql } = await counting(tdb.engine, async () => {
      const orders = (await db.scalars(select(Order).options(selectinload(Order.lines)))).all();
      void orders[0]!.lines.length;
      await db.flush();
      await db.commit();
    });
    // Only the two SELECTs (and, on MySQL, START TRANSACTION / COMMIT): nothing is written.
    expect(count(SELECT)).toBe(2);
    expect(sql.filter((s) => /^\s*(INSERT|UPDATE|DELETE)/i.test(s))).toEqual([]);
  });

  it("regression: a versioned DELETE of a few hundred rows matched nothing on PGlite (row-value IN lists)", async () => {
    await SessionLocal.begin(async (db) => {
      const c = new Customer({ email: "many@x.io", name: "Many" });
      for (let i = 0; i < 400; i++) c.orders.push(new Order({}));
      db.add(c);
    });
    await using db = SessionLocal();
    const orders = (await db.scalars(select(Order))).all();
    expect(orders).toHaveLength(400);
    for (const o of orders) db.delete(o);
    const { count } = await counting(tdb.engine, () => db.flush());
    expect(count(DELETE)).toBe(1);
    await db.commit();
    expect(Number(await db.scalar(text("SELECT count(*) FROM orders")))).toBe(0);
  });
});
