import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import {
  column,
  declarativeBase,
  ForeignKey,
  Integer,
  objectStatus,
  relationship,
  String,
  select,
  selectinload,
  sessionmaker,
  text,
} from "../../../src/index.js";
import { custodyModels } from "../../support/custody-models.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";
import { clearTables, counting, DELETE, SELECT } from "../../support/orm-helpers.js";
import { shopModels } from "../../support/shop-models.js";

/** Parents and children with a relationship that cascades nothing. */
function noCascadeModels() {
  const Base = declarativeBase();
  class Folder extends Base.table("folders", { id: column(Integer).primaryKey(), name: column(String(20)) }) {
    static files = relationship(() => File, { cascade: "none", backPopulates: "folder" });
    declare files: File[];
  }
  class File extends Base.table("files", {
    id: column(Integer).primaryKey(),
    folderId: column(Integer, ForeignKey("folders.id")).nullable(),
    name: column(String(20)),
  }) {
    static folder = relationship(() => Folder, { backPopulates: "files", cascade: "none" });
    declare folder: Folder | null;
  }
  return { Base, Folder, File };
}

forEachDatabaseAndPgBouncer("cascades", (tdb) => {
  const shop = shopModels();
  const custody = custodyModels();
  const plain = noCascadeModels();
  const { Customer, Order, OrderLine, Product, Category, Tag, Profile } = shop;
  const { Kit, CustodyEvent, User } = custody;
  const SessionLocal = sessionmaker({ bind: undefined as never });

  beforeAll(async () => {
    await shop.Base.metadata.createAll(tdb.engine);
    await custody.Base.metadata.createAll(tdb.engine);
    await plain.Base.metadata.createAll(tdb.engine);
    SessionLocal.configure({ bind: tdb.engine });
  });
  beforeEach(async () => {
    await clearTables(tdb.engine, shop.Base.metadata);
    await clearTables(tdb.engine, custody.Base.metadata);
    await clearTables(tdb.engine, plain.Base.metadata);
  });
  afterEach(() => {
    expect(tdb.engine.pool.checkedOut).toBe(0);
  });

  const count = async (table: string) => {
    await using db = SessionLocal();
    return Number(await db.scalar(text(`SELECT count(*) FROM ${table}`)));
  };

  async function seedKit(events = 2): Promise<number> {
    return SessionLocal.begin(async (db) => {
      const u = new User({ email: `u${Math.random()}@x.io`, name: "U" });
      const k = new Kit({ code: `K-${Math.random()}`, description: "kit" });
      for (let i = 0; i < events; i++)
        k.custodyEvents.push(new CustodyEvent({ eventType: "check_out", user: u } as never));
      db.add(k);
      await db.flush();
      return k.id;
    });
  }

  it("save-update: adding a parent adds the objects its relationships hold, at add() and at flush", async () => {
    await using db = SessionLocal();
    const k = new Kit({ code: "K1", description: "d" });
    const u = new User({ email: "a@x.io", name: "A" });
    const e1 = new CustodyEvent({ eventType: "check_out" });
    e1.user = u;
    k.custodyEvents.push(e1);
    db.add(k);
    expect(objectStatus(e1)).toBe("pending");
    expect(objectStatus(u)).toBe("pending");
    // Attached after add(): picked up at flush.
    const e2 = new CustodyEvent({ eventType: "check_in" });
    e2.user = u;
    k.custodyEvents.push(e2);
    await db.flush();
    expect(objectStatus(e2)).toBe("persistent");
    expect(e2.kitId).toBe(k.id);
    await db.commit();
    expect(await count("custody_events")).toBe(2);
  });

  it("save-update: an object appended to a loaded collection of a persistent parent joins the session", async () => {
    const id = await seedKit(1);
    await using db = SessionLocal();
    const k = (
      await db.scalars(select(Kit).where(Kit.id.eq(id)).options(selectinload(Kit.custodyEvents)))
    ).one();
    const u = new User({ email: "b@x.io", name: "B" });
    const e = new CustodyEvent({ eventType: "transfer", user: u } as never);
    k.custodyEvents.push(e);
    expect(objectStatus(e)).toBe("pending");
    await db.commit();
    expect(await count("custody_events")).toBe(2);
  });

  it("without save-update, a transient related object is not inserted and the flush says why", async () => {
    const { Folder, File } = plain;
    await using db = SessionLocal();
    const f = new Folder({ name: "docs" });
    const file = new File({ name: "a.txt" });
    f.files.push(file);
    db.add(f);
    expect(objectStatus(file)).toBe("transient");
    await db.flush();
    expect(objectStatus(file)).toBe("transient");
    await db.commit();
    expect(await count("files")).toBe(0);
    expect(await count("folders")).toBe(1);
  });

  it("delete: deleting a parent deletes its children, loading them in one query when needed", async () => {
    const id = await seedKit(3);
    await using db = SessionLocal();
    const k = (await db.get(Kit, id))!;
    db.delete(k);
    const { count: n } = await counting(tdb.engine, () => db.flush());
    expect(n(SELECT)).toBe(1); // the unloaded collection, loaded once to delete its members
    expect(n(DELETE)).toBe(2); // custody_events IN (...), then kits
    await db.commit();
    expect(await count("custody_events")).toBe(0);
    expect(await count("kits")).toBe(0);
  });

  it("without delete cascade, deleting a parent sets the children's foreign key to NULL", async () => {
    await SessionLocal.begin(async (db) => {
      const c = new Category({ name: "gone" });
      c.products.push(new Product({ name: "a", price: 1 }), new Product({ name: "b", price: 2 }));
      db.add(c);
    });
    await using db = SessionLocal();
    const c = (await db.scalars(select(Category).where(Category.name.eq("gone")))).one();
    db.delete(c);
    await db.commit();
    const rows = (await db.execute(select(Product.name, Product.categoryId).orderBy(Product.name))).all();
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ["a", null],
      ["b", null],
    ]);
  });

  it("delete-orphan: an object removed from its parent's collection is deleted", async () => {
    const id = await seedKit(2);
    await using db = SessionLocal();
    const k = (
      await db.scalars(select(Kit).where(Kit.id.eq(id)).options(selectinload(Kit.custodyEvents)))
    ).one();
    const [first] = k.custodyEvents.splice(0, 1);
    expect(first!.kit).toBeNull();
    await db.flush();
    expect(objectStatus(first!)).toBe("deleted");
    await db.commit();
    expect(await count("custody_events")).toBe(1);
    // Assigning a new collection orphans every member left out.
    await db.load(k, "custodyEvents");
    k.custodyEvents = [];
    await db.commit();
    expect(await count("custody_events")).toBe(0);
  });

  it("regression: a pending child removed from a delete-orphan collection was still inserted; a re-parented child is kept", async () => {
    await using db = SessionLocal();
    const u = new User({ email: "c@x.io", name: "C" });
    const a = new Kit({ code: "A", description: "a" });
    const b = new Kit({ code: "B", description: "b" });
    const e = new CustodyEvent({ eventType: "lost", user: u } as never);
    const moving = new CustodyEvent({ eventType: "found", user: u } as never);
    a.custodyEvents.push(e, moving);
    db.addAll([a, b]);
    a.custodyEvents.splice(a.custodyEvents.indexOf(e), 1);
    moving.kit = b; // re-parented, not orphaned
    await db.commit();
    expect(await count("custody_events")).toBe(1);
    const kitOfEvent = await db.scalar(select(Kit.code).join(Kit.custodyEvents));
    expect(kitOfEvent).toBe("B");
  });

  it("delete-orphan on a one-to-one: clearing the scalar deletes the child", async () => {
    await SessionLocal.begin(async (db) => {
      const c = new Customer({ email: "p@x.io", name: "P" });
      c.profile = new Profile({ bio: "x" });
      db.add(c);
    });
    await using db = SessionLocal();
    const c = (await db.scalars(select(Customer).options(selectinload(Customer.profile)))).one();
    c.profile = null;
    await db.commit();
    expect(await count("profiles")).toBe(0);
  });

  it("merge cascades to related objects", async () => {
    const id = await seedKit(2);
    const db1 = SessionLocal({ expireOnCommit: false });
    const detached = (
      await db1.scalars(select(Kit).where(Kit.id.eq(id)).options(selectinload(Kit.custodyEvents)))
    ).one();
    await db1.close();
    detached.description = "merged kit";
    detached.custodyEvents[0]!.notes = "merged note";

    await using db = SessionLocal();
    const merged = await db.merge(detached);
    expect(merged).not.toBe(detached);
    expect(merged.custodyEvents).toHaveLength(2);
    expect(objectStatus(merged.custodyEvents[0]!)).toBe("persistent");
    expect(merged.custodyEvents[0]).not.toBe(detached.custodyEvents[0]);
    await db.commit();
    const notes = (await db.execute(select(CustodyEvent.notes).orderBy(CustodyEvent.id))).scalars().all();
    expect(notes).toEqual(["merged note", null]);
    expect(await db.scalar(select(Kit.description).where(Kit.id.eq(id)))).toBe("merged kit");
  });

  it("expunge cascades to related objects", async () => {
    const id = await seedKit(2);
    await using db = SessionLocal();
    const k = (
      await db.scalars(select(Kit).where(Kit.id.eq(id)).options(selectinload(Kit.custodyEvents)))
    ).one();
    const events = [...k.custodyEvents];
    db.expunge(k);
    expect(objectStatus(k)).toBe("detached");
    for (const e of events) expect(objectStatus(e)).toBe("detached");
  });

  it("regression: expire() and refresh() did not cascade along refresh-expire to loaded children", async () => {
    const id = await seedKit(1);
    await using db = SessionLocal();
    const k = (
      await db.scalars(select(Kit).where(Kit.id.eq(id)).options(selectinload(Kit.custodyEvents)))
    ).one();
    const e = k.custodyEvents[0]!;
    db.expire(k);
    expect(() => e.notes).toThrow(/expired/);
    await db.execute(text("UPDATE custody_events SET notes = 'fresh'"));
    const e2 = (await db.scalars(select(CustodyEvent))).one();
    expect(e2).toBe(e);
    expect(e.notes).toBe("fresh"); // it was expired, so the query reloaded it
    // refresh() reloads the parent and, as SQLAlchemy, expires the children it cascades to.
    await db.load(k, "custodyEvents");
    await db.refresh(k);
    expect(k.code).toMatch(/^K-/);
    expect(() => e.notes).toThrow(/expired/);
    await db.execute(text("UPDATE custody_events SET notes = 'fresher'"));
    await db.load(k, "custodyEvents");
    expect(k.custodyEvents[0]).toBe(e);
    expect(e.notes).toBe("fresher");
  });

  it("passiveDeletes: deleting a parent leaves unloaded children to ON DELETE CASCADE, without loading them", async () => {
    await SessionLocal.begin(async (db) => {
      const c = new Customer({ email: "pd@x.io", name: "PD" });
      const p = new Product({ name: "w", price: 1 });
      for (let i = 0; i < 3; i++) {
        const o = new Order({});
        o.lines.push(new OrderLine({ product: p } as never));
        c.orders.push(o);
      }
      db.add(c);
    });
    await using db = SessionLocal();
    const c = (await db.scalars(select(Customer))).one();
    db.delete(c);
    const { sql } = await counting(tdb.engine, () => db.flush());
    // The orders are never selected (the profile and the messages are: they are not passive).
    expect(sql.filter((s) => SELECT.test(s) && /FROM [`"]?orders/.test(s))).toEqual([]);
    expect(sql.filter((s) => DELETE.test(s))).toHaveLength(1);
    await db.commit();
    expect(await count("orders")).toBe(0);
    expect(await count("order_lines")).toBe(0);
  });

  it("passiveDeletes: children already loaded are deleted by the flush", async () => {
    await SessionLocal.begin(async (db) => {
      const c = new Customer({ email: "pl@x.io", name: "PL" });
      c.orders.push(new Order({}), new Order({}));
      db.add(c);
    });
    await using db = SessionLocal();
    const c = (await db.scalars(select(Customer).options(selectinload(Customer.orders)))).one();
    const orders = [...c.orders];
    db.delete(c);
    await db.flush();
    for (const o of orders) expect(objectStatus(o)).toBe("deleted");
    await db.commit();
    expect(await count("orders")).toBe(0);
  });

  it("regression: deleting an object with a loaded many-to-many collection left its association rows", async () => {
    await SessionLocal.begin(async (db) => {
      const t1 = new Tag({ name: "t1" });
      const t2 = new Tag({ name: "t2" });
      const a = new Product({ name: "a", price: 1 });
      const b = new Product({ name: "b", price: 1 });
      a.tags.push(t1, t2);
      b.tags.push(t1);
      db.addAll([a, b]);
    });
    await using db = SessionLocal();
    const a = (
      await db.scalars(select(Product).where(Product.name.eq("a")).options(selectinload(Product.tags)))
    ).one();
    db.delete(a);
    await db.commit();
    expect(await count("product_tags")).toBe(1);
    const t1 = (await db.scalars(select(Tag).where(Tag.name.eq("t1")))).one();
    db.delete(t1); // its collection was never loaded
    await db.commit();
    expect(await count("product_tags")).toBe(0);
    expect(await count("products")).toBe(1);
  });

  it("a new object without the parent its delete-orphan relationship requires is refused at flush", async () => {
    await using db = SessionLocal();
    const u = new User({ email: "o@x.io", name: "O" });
    const e = new CustodyEvent({ eventType: "lost" });
    e.user = u;
    db.add(e);
    await expect(db.flush()).rejects.toThrow(/pending and is an orphan.*Kit\.custodyEvents.*expunge/);
    await db.rollback();
    // With its parent (or just its foreign key), it is saved.
    const k = new Kit({ code: "OK", description: "d" });
    db.add(k);
    await db.flush();
    const e2 = new CustodyEvent({ eventType: "found", kitId: k.id } as never);
    // A new user: `u` still holds the orphan in u.custodyEvents, and adding it would cascade
    // the orphan back into the session (and refuse the flush again, as in SQLAlchemy).
    e2.user = new User({ email: "o2@x.io", name: "O2" });
    db.add(e2);
    await db.commit();
    expect(await count("custody_events")).toBe(1);
  });
});
