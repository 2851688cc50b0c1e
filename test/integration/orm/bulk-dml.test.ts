import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import {
  insert,
  objectStatus,
  StaleDataError,
  select,
  sessionmaker,
  text,
  update,
} from "../../../src/index.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";
import { clearTables, counting, INSERT, UPDATE } from "../../support/orm-helpers.js";
import { shopModels } from "../../support/shop-models.js";

forEachDatabaseAndPgBouncer("bulk operations", (tdb) => {
  const { Base, Product, Category, Customer, Order } = shopModels();
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

  const countRows = async (table: string) => {
    await using db = SessionLocal();
    return Number(await db.scalar(text(`SELECT count(*) FROM ${table}`)));
  };

  it("bulkInsertMappings inserts plain objects in batched statements, with client defaults", async () => {
    await using db = SessionLocal();
    const rows = Array.from({ length: 500 }, (_, i) => ({ name: `p${i}`, price: i }));
    const { count } = await counting(tdb.engine, () => db.bulkInsertMappings(Product, rows));
    expect(count(INSERT)).toBeLessThanOrEqual(2);
    expect(db.new).toHaveLength(0); // plain rows, not objects of the session
    await db.commit();
    expect(await countRows("products")).toBe(500);
    const sample = (await db.execute(select(Product.stock, Product.sku).where(Product.name.eq("p7")))).one();
    expect(sample.stock).toBe(0); // scalar default
    expect(sample.sku).toMatch(/^SKU-\d+$/); // function default, called per row
  });

  it("bulkInsertMappings groups rows by the keys they set and rejects unknown keys", async () => {
    await using db = SessionLocal();
    const { count } = await counting(tdb.engine, () =>
      db.bulkInsertMappings(Product, [
        { name: "a", price: 1 },
        { name: "b", price: 2, description: "with description" },
        { name: "c", price: 3 },
      ]),
    );
    expect(count(INSERT)).toBeLessThanOrEqual(2);
    await expect(
      db.bulkInsertMappings(Product, [{ name: "x", price: 1, colour: "red" } as never]),
    ).rejects.toThrow(/Product has no column 'colour'/);
    await db.rollback();
  });

  it("regression: bulkInsertMappings ignored returnDefaults (generated keys now written back)", async () => {
    await using db = SessionLocal();
    const rows: { id?: number; name: string }[] = [{ name: "c1" }, { name: "c2" }, { name: "c3" }];
    await db.bulkInsertMappings(Category, rows, { returnDefaults: true });
    expect(rows.every((r) => typeof r.id === "number")).toBe(true);
    await db.commit();
    const names = (await db.execute(select(Category.id, Category.name).orderBy(Category.id))).all();
    expect(names.map((r) => [r[0], r[1]])).toEqual(rows.map((r) => [r.id, r.name]));
  });

  it("bulkUpdateMappings updates rows by primary key in one statement per column set", async () => {
    await using db = SessionLocal();
    await db.bulkInsertMappings(
      Product,
      Array.from({ length: 300 }, (_, i) => ({ name: `p${i}`, price: i })),
    );
    const ids = (await db.execute(select(Product.id).orderBy(Product.id))).scalars().all();
    const { count } = await counting(tdb.engine, () =>
      db.bulkUpdateMappings(
        Product,
        ids.map((id, i) => ({ id, price: i * 10 })),
      ),
    );
    expect(count(UPDATE)).toBe(1);
    await db.commit();
    const prices = (await db.execute(select(Product.price).orderBy(Product.id))).scalars().all();
    expect(prices).toEqual(ids.map((_, i) => i * 10));
  });

  it("bulkUpdateMappings expires the session's objects of updated rows", async () => {
    await SessionLocal.begin(async (s) => {
      s.add(new Product({ name: "x", price: 1 }));
    });
    await using db = SessionLocal();
    const p = (await db.scalars(select(Product))).one();
    await db.bulkUpdateMappings(Product, [{ id: p.id, price: 99 }]);
    expect(() => p.price).toThrow(/expired/);
    await db.refresh(p);
    expect(p.price).toBe(99);
  });

  it("bulkUpdateMappings needs the primary key, and reports rows that do not exist", async () => {
    await using db = SessionLocal();
    await expect(db.bulkUpdateMappings(Product, [{ price: 1 }])).rejects.toThrow(/primary key 'id'/);
    await expect(db.bulkUpdateMappings(Product, [{ id: 123456, price: 1 }])).rejects.toThrow(StaleDataError);
    await db.rollback();
  });

  it("bulkSaveObjects inserts new and updates changed objects in batches", async () => {
    await SessionLocal.begin(async (s) => {
      s.addAll(Array.from({ length: 10 }, (_, i) => new Category({ name: `old${i}` })));
    });
    await using db = SessionLocal();
    const existing = (await db.scalars(select(Category).orderBy(Category.id))).all();
    for (const c of existing) c.name = `${c.name}!`;
    const fresh = Array.from({ length: 50 }, (_, i) => new Category({ name: `new${i}` }));
    const { count } = await counting(tdb.engine, () => db.bulkSaveObjects([...existing, ...fresh]));
    expect(count(INSERT)).toBe(1);
    expect(count(UPDATE)).toBe(1);
    expect(objectStatus(fresh[0]!)).toBe("persistent");
    await db.commit();
    expect(await countRows("categories")).toBe(60);
    expect(await db.scalar(select(Category.name).where(Category.id.eq(existing[0]!.id)))).toBe("old0!");
  });

  it("insert(Model) with a list of parameter sets through the session", async () => {
    await using db = SessionLocal();
    const res = await db.execute(insert(Customer), [
      { email: "a@x.io", name: "A" },
      { email: "b@x.io", name: "B" },
    ]);
    expect(res.rowCount).toBe(2);
    await db.commit();
    expect(await countRows("customers")).toBe(2);
  });

  it("update(Model) with a list of parameter sets updates by primary key", async () => {
    await using db = SessionLocal();
    await db.execute(insert(Customer), [
      { email: "a@x.io", name: "A" },
      { email: "b@x.io", name: "B" },
    ]);
    const ids = (await db.execute(select(Customer.id).orderBy(Customer.id))).scalars().all();
    await db.execute(
      update(Customer),
      ids.map((id, i) => ({ id, name: `renamed${i}` })),
    );
    await db.commit();
    expect((await db.execute(select(Customer.name).orderBy(Customer.id))).scalars().all()).toEqual([
      "renamed0",
      "renamed1",
    ]);
  });

  it("bulk rows keep JSON and binary values intact", async () => {
    await using db = SessionLocal();
    const c = new Customer({ email: "j@x.io", name: "J" });
    db.add(c);
    await db.flush();
    await db.bulkInsertMappings(Order, [
      { customerId: c.id, data: { items: ["a", "b"], note: "n" }, attachment: Buffer.from([0, 255, 7]) },
    ]);
    await db.commit();
    const o = (await db.scalars(select(Order))).one();
    expect(o.data).toEqual({ items: ["a", "b"], note: "n" });
    expect([...o.attachment!]).toEqual([0, 255, 7]);
    expect(o.version).toBe(1);
  });
});
