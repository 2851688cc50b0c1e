import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import {
  DetachedInstanceError,
  flagModified,
  InvalidRequestError,
  NoResultFound,
  ObjectDeletedError,
  objectStatus,
  Session,
  select,
  selectinload,
  sessionmaker,
  text,
  UnloadedAttributeError,
} from "../../../src/index.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";
import { clearTables, counting, INSERT, SELECT, UPDATE } from "../../support/orm-helpers.js";
import { shopModels } from "../../support/shop-models.js";

forEachDatabaseAndPgBouncer("session and object states", (tdb) => {
  const { Base, Customer, Order, Product, Category } = shopModels();
  const SessionLocal = sessionmaker({ bind: undefined as never });

  beforeAll(async () => {
    await Base.metadata.createAll(tdb.engine);
    SessionLocal.configure({ bind: tdb.engine });
  });
  beforeEach(async () => {
    await clearTables(tdb.engine, Base.metadata);
  });
  afterEach(() => {
    // Every session of a test is closed by its end: no connection stays checked out.
    expect(tdb.engine.pool.checkedOut).toBe(0);
  });

  async function seedCustomer(email = "ann@x.io"): Promise<number> {
    return SessionLocal.begin(async (db) => {
      const c = new Customer({ email, name: "Ann" });
      db.add(c);
      await db.flush();
      return c.id;
    });
  }

  it("sessionmaker keeps its options and configure() changes later sessions", () => {
    const f = sessionmaker({ bind: tdb.engine, autoflush: false, expireOnCommit: false, autobegin: false });
    const s = f();
    expect(s).toBeInstanceOf(Session);
    expect([s.autoflush, s.expireOnCommit, s.autobegin]).toEqual([false, false, false]);
    expect(f({ autoflush: true }).autoflush).toBe(true);
    f.configure({ expireOnCommit: true });
    expect(f().expireOnCommit).toBe(true);
    expect(f.options.autoflush).toBe(false);
    const d = sessionmaker({ bind: tdb.engine })();
    expect([d.autoflush, d.expireOnCommit, d.autobegin]).toEqual([true, true, true]);
  });

  it("SessionLocal.begin commits on success and closes the session", async () => {
    let kept: InstanceType<typeof Customer> | null = null;
    const id = await SessionLocal.begin(async (db) => {
      kept = new Customer({ email: "b@x.io", name: "Bo" });
      db.add(kept);
      await db.flush();
      return kept.id;
    });
    expect(objectStatus(kept!)).toBe("detached");
    await using db = SessionLocal();
    expect((await db.get(Customer, id))?.email).toBe("b@x.io");
  });

  it("SessionLocal.begin rolls back when the callback throws, then closes", async () => {
    const boom = new Error("boom");
    await expect(
      SessionLocal.begin(async (db) => {
        db.add(new Customer({ email: "c@x.io", name: "Cy" }));
        await db.flush();
        throw boom;
      }),
    ).rejects.toBe(boom);
    await using db = SessionLocal();
    expect(await db.scalar(select(Customer.id).where(Customer.email.eq("c@x.io")))).toBeNull();
  });

  it("await using closes the session: objects are detached and the connection is returned", async () => {
    let c: InstanceType<typeof Customer>;
    {
      await using db = SessionLocal();
      c = new Customer({ email: "d@x.io", name: "Di" });
      db.add(c);
      await db.commit();
      await db.refresh(c);
      expect(objectStatus(c)).toBe("persistent");
      await db.execute(select(Customer.id)); // a connection is checked out again
    }
    expect(objectStatus(c)).toBe("detached");
    expect(c.email).toBe("d@x.io"); // loaded values stay readable
    // Nothing was left uncommitted or checked out: a new session can write the same row.
    await SessionLocal.begin(async (db) => {
      const again = await db.getOne(Customer, c.id);
      again.name = "Diana";
    });
  });

  it("goes through transient, pending, persistent, deleted and detached", async () => {
    const db = SessionLocal();
    const c = new Customer({ email: "e@x.io", name: "Ed" });
    expect(objectStatus(c)).toBe("transient");
    db.add(c);
    expect(objectStatus(c)).toBe("pending");
    expect(db.new.includes(c)).toBe(true);
    await db.flush();
    expect(objectStatus(c)).toBe("persistent");
    expect(db.new).toHaveLength(0);
    db.delete(c);
    expect(db.deleted.includes(c)).toBe(true);
    expect(objectStatus(c)).toBe("persistent");
    await db.flush();
    expect(objectStatus(c)).toBe("deleted");
    expect(db.contains(c)).toBe(false);
    await db.commit();
    expect(objectStatus(c)).toBe("detached");
    await db.close();
    expect(() => objectStatus({} as object)).toThrow(/not an instance of a mapped class/);
  });

  it("holds one object per primary key: get, queries and relationships return the same object", async () => {
    const id = await seedCustomer();
    await using db = SessionLocal();
    const a = await db.get(Customer, id);
    const { result: b, count } = await counting(tdb.engine, () => db.get(Customer, id));
    expect(b).toBe(a);
    expect(count()).toBe(0); // from the identity map
    const c = (await db.scalars(select(Customer).where(Customer.id.eq(id)))).one();
    expect(c).toBe(a);
    const d = await db.query(Customer).filterBy({ email: "ann@x.io" }).one();
    expect(d).toBe(a);
    const o = new Order({});
    o.customer = a!; // as in SQLAlchemy 2.0, a backref does not cascade o into the session
    expect(objectStatus(o)).toBe("transient");
    db.add(o);
    await db.flush();
    db.expunge(o);
    const loaded = (await db.scalars(select(Order).options(selectinload(Order.customer)))).one();
    expect(loaded).not.toBe(o); // expunged: a new object for the row
    expect(loaded.customer).toBe(a);
  });

  it("get returns null for a missing key; getOne raises NoResultFound", async () => {
    await using db = SessionLocal();
    expect(await db.get(Customer, 987654)).toBeNull();
    await expect(db.getOne(Customer, 987654)).rejects.toThrow(NoResultFound);
    await expect(db.getOne(Customer, 987654)).rejects.toThrow(/Customer.*987654/);
  });

  it("autoflushes pending changes before queries, and not when autoflush is off", async () => {
    {
      await using db = SessionLocal({ autoflush: true });
      db.add(new Customer({ email: "f@x.io", name: "Fi" }));
      const n = await db.scalar(select(Customer.id).where(Customer.email.eq("f@x.io")));
      expect(n).not.toBeNull();
      await db.rollback();
    }
    {
      await using db = SessionLocal({ autoflush: false });
      db.add(new Customer({ email: "g@x.io", name: "Gi" }));
      const n = await db.scalar(select(Customer.id).where(Customer.email.eq("g@x.io")));
      expect(n).toBeNull();
      const legacy = await db.query(Customer).filter(Customer.email.eq("g@x.io")).first();
      expect(legacy).toBeNull();
      await db.flush();
      expect(await db.scalar(select(Customer.id).where(Customer.email.eq("g@x.io")))).not.toBeNull();
      await db.rollback();
    }
    {
      await using db = SessionLocal({ autoflush: true });
      db.add(new Customer({ email: "h@x.io", name: "Hi" }));
      const inside = await db.noAutoflush(() =>
        db.scalar(select(Customer.id).where(Customer.email.eq("h@x.io"))),
      );
      expect(inside).toBeNull();
      expect(await db.scalar(select(Customer.id).where(Customer.email.eq("h@x.io")))).not.toBeNull();
    }
  });

  it("autoflushes before a query only what changed: loaded, unchanged objects write nothing", async () => {
    await SessionLocal.begin(async (db) => {
      db.addAll([new Category({ name: "a" }), new Category({ name: "b" })]);
    });
    await using db = SessionLocal();
    const [a, b] = (await db.scalars(select(Category).orderBy(Category.name))).all();
    const names = () => db.scalars(select(Category.name).orderBy(Category.name));
    const writes = /^\s*(INSERT|UPDATE|DELETE)/i;
    expect((await counting(tdb.engine, names)).count(writes)).toBe(0);
    a!.parent = b!;
    expect((await counting(tdb.engine, names)).count(UPDATE)).toBe(1);
    expect(await db.scalar(select(Category.parentId).where(Category.id.eq(a!.id)))).toBe(b!.id);
    flagModified(b!, "name");
    expect((await counting(tdb.engine, names)).count(UPDATE)).toBe(1);
    expect((await counting(tdb.engine, names)).count(writes)).toBe(0);
    await db.delete(a!);
    expect((await counting(tdb.engine, names)).count(/^\s*DELETE/i)).toBe(1);
    expect((await names()).all()).toEqual(["b"]);
  });

  it("refuses to replace a collection that is not loaded (it can't tell who leaves); loaded, the replacement unlinks them", async () => {
    await SessionLocal.begin(async (db) => {
      const root = new Category({ name: "root" });
      root.children.push(new Category({ name: "c1" }), new Category({ name: "c2" }));
      db.add(root);
    });
    await using db = SessionLocal();
    const [root, , c2] = (await db.scalars(select(Category).orderBy(Category.name)))
      .all()
      .sort((x, y) => x.id - y.id);
    expect(() => {
      root!.children = [c2!];
    }).toThrow(/Category\.children is not loaded on .*Load it first \(`await db\.load\(obj, "children"\)`/);
    await db.load(root!, "children");
    root!.children = [c2!];
    await db.commit();
    const parents = (await db.execute(select(Category.name, Category.parentId).orderBy(Category.name))).all();
    expect(parents.map((r) => [r[0], r[1]])).toEqual([
      ["c1", null],
      ["c2", root!.id],
      ["root", null],
    ]);
  });

  it("autoflushes a changed attribute before a query that filters on it", async () => {
    const id = await seedCustomer();
    await using db = SessionLocal();
    const c = (await db.get(Customer, id))!;
    c.name = "Anna";
    const found = await db.scalars(select(Customer).where(Customer.name.eq("Anna")));
    expect(found.all()).toHaveLength(1);
  });

  it("expires objects on commit; refresh or a query reloads them", async () => {
    const id = await seedCustomer();
    await using db = SessionLocal();
    const c = (await db.get(Customer, id))!;
    c.name = "Annie";
    await db.commit();
    expect(() => c.name).toThrow(UnloadedAttributeError);
    expect(() => c.name).toThrow(/expired.*refresh/);
    // Another transaction changes the row: the reload sees it.
    await tdb.engine.begin(async (conn) => {
      await conn.execute(text("UPDATE customers SET name = 'Anne' WHERE id = :id"), { id });
    });
    await db.refresh(c);
    expect(c.name).toBe("Anne");
    await db.commit();
    const again = (await db.scalars(select(Customer).where(Customer.id.eq(id)))).one();
    expect(again).toBe(c);
    expect(c.name).toBe("Anne");
  });

  it("keeps values after commit with expireOnCommit: false", async () => {
    const id = await seedCustomer();
    await using db = SessionLocal({ expireOnCommit: false });
    const c = (await db.get(Customer, id))!;
    await db.commit();
    expect(c.name).toBe("Ann");
  });

  it("expire, expireAll and refresh of named attributes", async () => {
    const id = await seedCustomer();
    await using db = SessionLocal();
    const c = (await db.get(Customer, id))!;
    db.expire(c, ["name"]);
    expect(c.email).toBe("ann@x.io");
    expect(() => c.name).toThrow(UnloadedAttributeError);
    await db.refresh(c, ["name"]);
    expect(c.name).toBe("Ann");
    db.expireAll();
    expect(() => c.email).toThrow(UnloadedAttributeError);
    await db.refresh(c);
    expect(c.email).toBe("ann@x.io");
    // Assigning over an expired attribute is a change to write.
    db.expire(c, ["name"]);
    c.name = "Ana";
    expect(db.isModified(c)).toBe(true);
    await db.commit();
    expect(await db.scalar(select(Customer.name).where(Customer.id.eq(id)))).toBe("Ana");
  });

  it("refresh of a row deleted elsewhere raises ObjectDeletedError", async () => {
    const id = await seedCustomer();
    await using db = SessionLocal();
    const c = (await db.get(Customer, id))!;
    // Deleted behind the ORM's back (Core, same transaction: SQLite in memory has one connection).
    await db.execute(text("DELETE FROM customers WHERE id = :id"), { id });
    await expect(db.refresh(c)).rejects.toThrow(ObjectDeletedError);
    await expect(db.refresh(c)).rejects.toThrow(/deleted/);
  });

  it("a detached object that needs unloaded state raises DetachedInstanceError naming the fix", async () => {
    const id = await seedCustomer();
    const db = SessionLocal();
    const c = (await db.get(Customer, id))!;
    await db.commit(); // expires c
    await db.close();
    expect(objectStatus(c)).toBe("detached");
    expect(() => c.name).toThrow(DetachedInstanceError);
    expect(() => c.name).toThrow(/detached.*refresh.*expireOnCommit: false/s);

    const db2 = SessionLocal();
    const c2 = (await db2.get(Customer, id))!;
    await db2.close();
    expect(c2.name).toBe("Ann"); // loaded state stays readable
    expect(() => c2.orders).toThrow(DetachedInstanceError);
    expect(() => c2.orders).toThrow(/selectinload\(Customer\.orders\).*db\.load/);
  });

  it("expunge and expungeAll detach objects; add re-attaches them", async () => {
    const id = await seedCustomer();
    await using db = SessionLocal();
    const c = (await db.get(Customer, id))!;
    db.expunge(c);
    expect(objectStatus(c)).toBe("detached");
    const fresh = await db.get(Customer, id);
    expect(fresh).not.toBe(c);
    db.expungeAll();
    expect(objectStatus(fresh!)).toBe("detached");
    db.add(c);
    expect(objectStatus(c)).toBe("persistent");
    expect(await db.get(Customer, id)).toBe(c);
    expect(() => db.expunge(fresh!)).toThrow(InvalidRequestError);
    // An object can't be in two sessions at once.
    await using other = SessionLocal();
    expect(() => other.add(c)).toThrow(/another session.*merge/);
  });

  it("merge copies a detached object's state onto the session's object for its key", async () => {
    const id = await seedCustomer();
    const db1 = SessionLocal({ expireOnCommit: false });
    const detached = (await db1.get(Customer, id))!;
    await db1.close();
    detached.name = "Merged";

    await using db = SessionLocal();
    const merged = await db.merge(detached);
    expect(merged).not.toBe(detached);
    expect(objectStatus(detached)).toBe("detached");
    expect(merged.name).toBe("Merged");
    expect(db.dirty.includes(merged)).toBe(true);
    expect(await db.merge(detached)).toBe(merged); // same identity, same object
    await db.commit();
    expect(await db.scalar(select(Customer.name).where(Customer.id.eq(id)))).toBe("Merged");

    // A transient object with no row becomes pending.
    const brandNew = await db.merge(new Customer({ email: "new@x.io", name: "New" }));
    expect(objectStatus(brandNew)).toBe("pending");
    await db.commit();
    expect(await db.scalar(select(Customer.id).where(Customer.email.eq("new@x.io")))).not.toBeNull();
  });

  it("load() loads a relationship explicitly, in one query", async () => {
    await SessionLocal.begin(async (db) => {
      const c = new Customer({ email: "l@x.io", name: "Lu" });
      c.orders.push(new Order({}), new Order({ status: "paid" }));
      db.add(c);
    });
    await using db = SessionLocal();
    const c = (await db.scalars(select(Customer).where(Customer.email.eq("l@x.io")))).one();
    expect(() => c.orders).toThrow(UnloadedAttributeError);
    expect(() => c.orders).toThrow(/selectinload\(Customer\.orders\).*await db\.load\(obj, "orders"\)/);
    const { count } = await counting(tdb.engine, () => db.load(c, "orders"));
    expect(count(SELECT)).toBe(1);
    expect(c.orders.map((o) => o.status)).toEqual(["open", "paid"]);
    await expect(db.load(c, "nope" as never)).rejects.toThrow(/no relationship 'nope'.*orders/);
  });

  it("isModified, new, dirty and deleted follow unflushed changes", async () => {
    const id = await seedCustomer();
    await using db = SessionLocal();
    const c = (await db.get(Customer, id))!;
    expect(db.isModified(c)).toBe(false);
    expect(db.dirty).toHaveLength(0);
    c.name = "Ann"; // same value: not a change
    expect(db.isModified(c)).toBe(false);
    c.name = "Other";
    expect(db.isModified(c)).toBe(true);
    expect(db.dirty.includes(c)).toBe(true);
    c.name = "Ann"; // back to the loaded value
    expect(db.isModified(c)).toBe(false);
    const p = new Product({ name: "P", price: 1 });
    db.add(p);
    expect(db.new.includes(p)).toBe(true);
    expect(db.isModified(p)).toBe(true);
    db.delete(c);
    expect(db.deleted.includes(c)).toBe(true);
    expect(db.dirty.includes(c)).toBe(false);
    await db.flush();
    expect([db.new.length, db.dirty.length, db.deleted.length]).toEqual([0, 0, 0]);
  });

  it("flushes only what changed: an unchanged object issues no UPDATE", async () => {
    const id = await seedCustomer();
    await using db = SessionLocal();
    const c = (await db.get(Customer, id))!;
    const { count } = await counting(tdb.engine, async () => {
      const same = c.name;
      c.name = same; // assigning the loaded value is not a change
      await db.flush();
    });
    expect(count(UPDATE)).toBe(0);
    c.email = "changed@x.io";
    const second = await counting(tdb.engine, () => db.flush());
    expect(second.count(UPDATE)).toBe(1);
    expect(second.sql.find((s) => UPDATE.test(s))).not.toMatch(/\bname\b/);
  });

  it("autobegin: false needs begin() first", async () => {
    await using db = SessionLocal({ autobegin: false });
    await expect(db.execute(select(Customer.id))).rejects.toThrow(/autobegin: false.*begin\(\)/);
    await db.begin();
    expect(db.inTransaction()).toBe(true);
    db.add(new Customer({ email: "ab@x.io", name: "Ab" }));
    await db.commit();
    expect(db.inTransaction()).toBe(false);
    await db.begin();
    expect(await db.scalar(select(Customer.id).where(Customer.email.eq("ab@x.io")))).not.toBeNull();
    await expect(db.begin()).rejects.toThrow(/already begun.*beginNested/);
    await db.rollback();
  });

  it("rollback discards pending objects and expires persistent ones", async () => {
    const id = await seedCustomer();
    await using db = SessionLocal();
    const c = (await db.get(Customer, id))!;
    c.name = "Changed";
    const p = new Product({ name: "Tmp", price: 1 });
    db.add(p);
    await db.flush();
    expect(objectStatus(p)).toBe("persistent");
    await db.rollback();
    expect(objectStatus(p)).toBe("transient");
    await db.refresh(c);
    expect(c.name).toBe("Ann");
    expect(await db.scalar(select(Product.id).where(Product.name.eq("Tmp")))).toBeNull();
  });

  it("execute runs Core statements and text() in the session transaction", async () => {
    await using db = SessionLocal();
    db.add(new Category({ name: "Core" }));
    const rows = (await db.execute(text("SELECT name FROM categories WHERE name = :n"), { n: "Core" })).all();
    expect(rows.map((r) => r[0])).toEqual(["Core"]); // autoflushed before the text query
    const n = await db.scalar(select(Category.id).where(Category.name.eq("Core")));
    expect(typeof n).toBe("number");
    await db.rollback();
    expect(
      await (async () => {
        await using d2 = SessionLocal();
        return await d2.scalar(select(Category.id).where(Category.name.eq("Core")));
      })(),
    ).toBeNull();
  });

  it("a commit with nothing to do runs no statements", async () => {
    await using db = SessionLocal();
    const { count } = await counting(tdb.engine, () => db.commit());
    expect(count()).toBe(0);
    const c = new Customer({ email: "z@x.io", name: "Zed" });
    db.add(c);
    const second = await counting(tdb.engine, () => db.commit());
    expect(second.count(INSERT)).toBe(1);
  });

  it("regression: contains() was true for an object whose deletion was flushed", async () => {
    const id = await seedCustomer();
    await using db = SessionLocal();
    const c = (await db.get(Customer, id))!;
    db.delete(c);
    expect(db.contains(c)).toBe(true); // marked, not flushed
    await db.flush();
    expect(db.contains(c)).toBe(false);
    await db.rollback();
  });

  it("regression: primary key attributes were unreadable after commit (they are the identity key)", async () => {
    const id = await seedCustomer();
    const db = SessionLocal();
    const c = (await db.get(Customer, id))!;
    await db.commit();
    expect(c.id).toBe(id);
    expect(() => c.name).toThrow(/expired/);
    db.expire(c);
    expect(c.id).toBe(id);
    await db.close();
    expect(c.id).toBe(id); // detached too
  });

  it("regression: merge(obj, { load: false }) inserted a duplicate instead of attaching it as persistent", async () => {
    const id = await seedCustomer();
    const db1 = SessionLocal({ expireOnCommit: false });
    const detached = (await db1.get(Customer, id))!;
    await db1.close();
    await using db = SessionLocal();
    const { result: merged, count } = await counting(tdb.engine, () => db.merge(detached, { load: false }));
    expect(count()).toBe(0);
    expect(objectStatus(merged)).toBe("persistent");
    expect(db.isModified(merged)).toBe(false);
    merged.name = "Changed";
    await db.commit();
    expect(await db.scalar(select(Customer.name).where(Customer.id.eq(id)))).toBe("Changed");
    // An object with unflushed changes can't be taken as the row's state.
    detached.name = "dirty";
    await using other = SessionLocal();
    await expect(other.merge(detached, { load: false })).rejects.toThrow(/unflushed changes.*load: true/);
  });
});
