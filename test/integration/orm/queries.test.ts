import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import {
  aliased,
  delete_,
  exists,
  func,
  insert,
  MultipleResultsFound,
  NoResultFound,
  not_,
  objectStatus,
  select,
  selectinload,
  sessionmaker,
  text,
  update,
} from "../../../src/index.js";
import { custodyModels } from "../../support/custody-models.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";
import { clearTables, counting, SELECT } from "../../support/orm-helpers.js";
import { shopModels } from "../../support/shop-models.js";

forEachDatabaseAndPgBouncer("2.0-style queries", (tdb) => {
  const custody = custodyModels();
  const shop = shopModels();
  const { User, Kit, CustodyEvent } = custody;
  const { Category, Product, Tag, Customer, Message } = shop;
  const SessionLocal = sessionmaker({ bind: undefined as never });

  beforeAll(async () => {
    await custody.Base.metadata.createAll(tdb.engine);
    await shop.Base.metadata.createAll(tdb.engine);
    SessionLocal.configure({ bind: tdb.engine });
  });
  beforeEach(async () => {
    await clearTables(tdb.engine, custody.Base.metadata);
    await clearTables(tdb.engine, shop.Base.metadata);
    await SessionLocal.begin(async (db) => {
      const neo = new User({ email: "neo@matrix.com", name: "Neo", role: "coach" });
      const trin = new User({ email: "trinity@gmail.com", name: "Trinity", role: "armorer" });
      const morph = new User({
        email: "morpheus@gmail.com",
        name: "Morpheus",
        role: "admin",
        isActive: false,
      });
      const k1 = new Kit({ code: "KIT-001", description: "Rifle Kit #1" });
      const k2 = new Kit({ code: "KIT-002", description: "Rifle Kit #2", status: "lost" });
      const k3 = new Kit({ code: "KIT-003", description: "Pistol Kit", status: "maintenance" });
      k1.custodyEvents.push(
        new CustodyEvent({ eventType: "check_out", user: neo } as never),
        new CustodyEvent({ eventType: "check_in", user: neo } as never),
      );
      k2.custodyEvents.push(new CustodyEvent({ eventType: "lost", user: trin, notes: "gone" } as never));
      db.addAll([neo, trin, morph, k1, k2, k3]);
    });
  });
  afterEach(() => {
    expect(tdb.engine.pool.checkedOut).toBe(0);
  });

  it("select(Model) with where, scalars().all/first/one/oneOrNone", async () => {
    await using db = SessionLocal();
    const coaches = (
      await db.scalars(select(User).where(User.role.eq("coach"), User.isActive.is(true)))
    ).all();
    expect(coaches.map((u) => u.name)).toEqual(["Neo"]);
    const gmail = (
      await db.scalars(select(User).where(User.email.like("%@gmail.com")).orderBy(User.name))
    ).all();
    expect(gmail.map((u) => u.name)).toEqual(["Morpheus", "Trinity"]);
    expect((await db.scalars(select(Kit).orderBy(Kit.code))).first()!.code).toBe("KIT-001");
    expect((await db.scalars(select(Kit).where(Kit.code.eq("nope")))).first()).toBeNull();
    await expect(async () => (await db.scalars(select(Kit))).one()).rejects.toThrow(MultipleResultsFound);
    await expect(async () => (await db.scalars(select(Kit).where(Kit.id.eq(-1)))).one()).rejects.toThrow(
      NoResultFound,
    );
    expect((await db.scalars(select(Kit).where(Kit.id.eq(-1)))).oneOrNone()).toBeNull();
  });

  it("select(Model, Other.col): rows of an object and a value, by position and by key", async () => {
    await using db = SessionLocal();
    const rows = (
      await db.execute(select(CustodyEvent, Kit.code).join(CustodyEvent.kit).orderBy(CustodyEvent.id))
    ).all();
    expect(rows).toHaveLength(3);
    const [ev, code] = rows[0]!;
    expect(ev).toBeInstanceOf(CustodyEvent);
    expect(code).toBe("KIT-001");
    expect(rows[2]!.code).toBe("KIT-002");
    expect(rows[2]![0].notes).toBe("gone");
    const maps = (await db.execute(select(Kit.code, Kit.status).orderBy(Kit.code))).mappings().all();
    expect(maps[1]).toEqual({ code: "KIT-002", status: "lost" });
  });

  it("aggregates with labels: rows typed by label", async () => {
    await using db = SessionLocal();
    const counts = (
      await db.execute(
        select(CustodyEvent.kitId, func.count(CustodyEvent.id).label("count"))
          .groupBy(CustodyEvent.kitId)
          .orderBy(CustodyEvent.kitId),
      )
    ).all();
    expect(counts.map((r) => Number(r.count))).toEqual([2, 1]);
    expect(Number(await db.scalar(select(func.count()).selectFrom(Kit.__table__)))).toBe(3);
  });

  it("scalar, get and getOne", async () => {
    await using db = SessionLocal();
    const id = (await db.scalar(select(Kit.id).where(Kit.code.eq("KIT-002"))))!;
    const k = await db.get(Kit, id);
    expect(k!.code).toBe("KIT-002");
    expect(await db.getOne(Kit, id)).toBe(k);
    expect(await db.scalar(select(Kit).where(Kit.id.eq(id)))).toBe(k);
    expect(await db.get(Kit, [id])).toBe(k);
    expect(await db.get(Kit, { id })).toBe(k);
  });

  it("joins along relationships, in either direction and through a secondary table", async () => {
    await SessionLocal.begin(async (s) => {
      const p = new Product({ name: "ball", price: 1 });
      p.tags.push(new Tag({ name: "round" }));
      s.add(p);
    });
    await using db = SessionLocal();
    const kits = (
      await db.scalars(
        select(Kit).join(Kit.custodyEvents).where(CustodyEvent.eventType.eq("lost")).distinct(),
      )
    ).all();
    expect(kits.map((k) => k.code)).toEqual(["KIT-002"]);
    const usersOfKit1 = (
      await db.scalars(
        select(User).join(User.custodyEvents).join(CustodyEvent.kit).where(Kit.code.eq("KIT-001")).distinct(),
      )
    ).all();
    expect(usersOfKit1.map((u) => u.name)).toEqual(["Neo"]);
    // Many-to-many through the association table.
    const tagged = (await db.scalars(select(Product).join(Product.tags).where(Tag.name.eq("round")))).all();
    expect(tagged.map((p) => p.name)).toEqual(["ball"]);
    // Joining a model by its foreign key, as the seeds' query(CustodyEvent).join(User).
    const viaModel = (
      await db.scalars(select(CustodyEvent).join(User).where(User.email.eq("trinity@gmail.com")))
    ).all();
    expect(viaModel.map((e) => e.eventType)).toEqual(["lost"]);
  });

  it("outer joins keep rows without a match", async () => {
    await using db = SessionLocal();
    const rows = (
      await db.execute(
        select(Kit.code, func.count(CustodyEvent.id).label("n"))
          .outerjoin(Kit.custodyEvents)
          .groupBy(Kit.code)
          .orderBy(Kit.code),
      )
    ).all();
    expect(rows.map((r) => [r.code, Number(r.n)])).toEqual([
      ["KIT-001", 2],
      ["KIT-002", 1],
      ["KIT-003", 0],
    ]);
  });

  it("aliased entities: a model twice in one query, and self-referential joins", async () => {
    await SessionLocal.begin(async (s) => {
      const root = new Category({ name: "root" });
      root.children.push(new Category({ name: "a" }), new Category({ name: "b" }));
      s.add(root);
      const ann = new Customer({ email: "ann@x.io", name: "Ann" });
      const bob = new Customer({ email: "bob@x.io", name: "Bob" });
      s.add(new Message({ sender: ann, recipient: bob, body: "hi" } as never));
    });
    await using db = SessionLocal();
    const parent = aliased(Category, "parent");
    const rows = (
      await db.execute(
        select(Category, parent.name).join(parent, Category.parentId.eq(parent.id)).orderBy(Category.name),
      )
    ).all();
    expect(rows.map((r) => [r[0].name, r[1]])).toEqual([
      ["a", "root"],
      ["b", "root"],
    ]);
    // Joining along a self-referential relationship onto an alias.
    const child = aliased(Category, "child");
    const parents = (
      await db.scalars(select(Category).join(Category.children.of(child)).where(child.name.eq("b")))
    ).all();
    expect(parents.map((c) => c.name)).toEqual(["root"]);
    // An aliased entity yields objects of the model, from the same identity map.
    const viaAlias = (await db.scalars(select(parent).where(parent.name.eq("root")))).one();
    expect(viaAlias).toBe(parents[0]);
    // Two aliases of one model: sender and recipient.
    const s = aliased(Customer, "s");
    const r = aliased(Customer, "r");
    const pair = (
      await db.execute(
        select(s.name, r.name)
          .selectFrom(Message.__table__)
          .join(s, Message.senderId.eq(s.id))
          .join(r, Message.recipientId.eq(r.id)),
      )
    ).all();
    expect(pair.map((x) => [x[0], x[1]])).toEqual([["Ann", "Bob"]]);
  });

  it("any() and has() comparators, with and without criteria", async () => {
    await using db = SessionLocal();
    const withEvents = (await db.scalars(select(Kit).where(Kit.custodyEvents.any()).orderBy(Kit.code))).all();
    expect(withEvents.map((k) => k.code)).toEqual(["KIT-001", "KIT-002"]);
    const withCheckIn = (
      await db.scalars(select(Kit).where(Kit.custodyEvents.any(CustodyEvent.eventType.eq("check_in"))))
    ).all();
    expect(withCheckIn.map((k) => k.code)).toEqual(["KIT-001"]);
    const noEvents = (await db.scalars(select(Kit).where(not_(Kit.custodyEvents.any())))).all();
    expect(noEvents.map((k) => k.code)).toEqual(["KIT-003"]);
    const lostKitEvents = (
      await db.scalars(select(CustodyEvent).where(CustodyEvent.kit.has(Kit.status.eq("lost"))))
    ).all();
    expect(lostKitEvents.map((e) => e.eventType)).toEqual(["lost"]);
    expect(() => Kit.custodyEvents.has()).toThrow(/any\(\)/);
    expect(() => CustodyEvent.kit.any()).toThrow(/has\(\)/);
  });

  it("any() / has() on a self-referential relationship compare parent and child rows", async () => {
    await SessionLocal.begin(async (s) => {
      const root = new Category({ name: "root" });
      const a = new Category({ name: "a" });
      a.children.push(new Category({ name: "a1" }));
      root.children.push(a, new Category({ name: "b" }));
      s.add(root);
    });
    await using db = SessionLocal();
    const withChildren = (
      await db.scalars(select(Category).where(Category.children.any()).orderBy(Category.name))
    ).all();
    expect(withChildren.map((c) => c.name)).toEqual(["a", "root"]);
    const parentOfA1 = (
      await db.scalars(select(Category).where(Category.children.any(Category.name.eq("a1"))))
    ).all();
    expect(parentOfA1.map((c) => c.name)).toEqual(["a"]);
    const childrenOfRoot = (
      await db.scalars(
        select(Category)
          .where(Category.parent.has(Category.name.eq("root")))
          .orderBy(Category.name),
      )
    ).all();
    expect(childrenOfRoot.map((c) => c.name)).toEqual(["a", "b"]);
  });

  it("relationship eq() compares a many-to-one with an object or null", async () => {
    await using db = SessionLocal();
    const k1 = (await db.scalars(select(Kit).where(Kit.code.eq("KIT-001")))).one();
    const evs = (await db.scalars(select(CustodyEvent).where(CustodyEvent.kit.eq(k1)))).all();
    expect(evs).toHaveLength(2);
    const none = (await db.scalars(select(CustodyEvent).where(CustodyEvent.kit.eq(null)))).all();
    expect(none).toHaveLength(0);
    const others = (await db.scalars(select(CustodyEvent).where(CustodyEvent.kit.ne(k1)))).all();
    expect(others).toHaveLength(1);
  });

  it("exists() subqueries, as the seeds write them", async () => {
    await using db = SessionLocal();
    const hasEvents = (
      await db.scalars(
        select(Kit)
          .where(exists().where(CustodyEvent.kitId.eq(Kit.id)))
          .orderBy(Kit.code),
      )
    ).all();
    expect(hasEvents.map((k) => k.code)).toEqual(["KIT-001", "KIT-002"]);
    const any = await db.scalar(select(exists().where(Kit.status.eq("available"))));
    expect(Boolean(any)).toBe(true);
  });

  it("update() with synchronizeSession 'auto' and 'evaluate' updates matching objects in the session", async () => {
    await using db = SessionLocal();
    const kits = (await db.scalars(select(Kit).orderBy(Kit.code))).all();
    const res = await db.execute(update(Kit).where(Kit.status.eq("lost")).values({ status: "available" }));
    expect(res.rowCount).toBe(1);
    expect(kits[1]!.status).toBe("available"); // evaluated in memory
    expect(db.isModified(kits[1]!)).toBe(false);
    await db.execute(
      update(Kit)
        .where(Kit.code.in(["KIT-001", "KIT-003"]))
        .values({ description: "bulk" })
        .executionOptions({ synchronizeSession: "evaluate" }),
    );
    expect(kits.map((k) => k.description)).toEqual(["bulk", "Rifle Kit #2", "bulk"]);
    await db.commit();
    expect((await db.execute(select(Kit.description).orderBy(Kit.code))).scalars().all()).toEqual([
      "bulk",
      "Rifle Kit #2",
      "bulk",
    ]);
  });

  it("update() with synchronizeSession 'fetch' gets the matched keys (RETURNING, or a SELECT first); SQL-valued SETs are expired", async () => {
    await using db = SessionLocal();
    const kits = (await db.scalars(select(Kit).orderBy(Kit.code))).all();
    const { count } = await counting(tdb.engine, () =>
      db.execute(
        update(Kit)
          .where(Kit.id.in(select(CustodyEvent.kitId)))
          .values({ status: "checked_out" })
          .executionOptions({ synchronizeSession: "fetch" }),
      ),
    );
    // One UPDATE ... RETURNING where the dialect has it (issue 14); MySQL / MariaDB select first.
    expect(count(SELECT)).toBe(tdb.engine.dialect.supportsUpdateReturning ? 0 : 1);
    expect(kits.map((k) => k.status)).toEqual(["checked_out", "checked_out", "maintenance"]);
    // A value computed by SQL can't be known in memory: the attribute is expired.
    await db.execute(
      update(Kit)
        .where(Kit.code.eq("KIT-003"))
        .values({ description: func.upper(Kit.code) }),
    );
    expect(() => kits[2]!.description).toThrow(/expired/);
    await db.refresh(kits[2]!);
    expect(kits[2]!.description).toBe("KIT-003");
  });

  it("'evaluate' raises when the criteria can't be evaluated in memory; 'auto' falls back to fetch", async () => {
    await using db = SessionLocal();
    const kits = (await db.scalars(select(Kit).orderBy(Kit.code))).all();
    const subq = Kit.id.in(select(CustodyEvent.kitId).where(CustodyEvent.eventType.eq("lost")));
    await expect(
      db.execute(
        update(Kit)
          .where(subq)
          .values({ status: "maintenance" })
          .executionOptions({ synchronizeSession: "evaluate" }),
      ),
    ).rejects.toThrow(/can't evaluate.*"fetch"/);
    await db.execute(update(Kit).where(subq).values({ status: "maintenance" }));
    expect(kits[1]!.status).toBe("maintenance");
  });

  it("update() with synchronizeSession false leaves session objects alone", async () => {
    await using db = SessionLocal();
    const k = (await db.scalars(select(Kit).where(Kit.code.eq("KIT-002")))).one();
    await db.execute(
      update(Kit).where(Kit.code.eq("KIT-002")).values({ status: "available" }).executionOptions({
        synchronizeSession: false,
      }),
    );
    expect(k.status).toBe("lost");
    await db.refresh(k);
    expect(k.status).toBe("available");
  });

  it("delete() with synchronizeSession removes matched objects from the session", async () => {
    await using db = SessionLocal();
    const kits = (await db.scalars(select(Kit).orderBy(Kit.code))).all();
    await db.execute(delete_(Kit).where(Kit.code.eq("KIT-003")));
    expect(objectStatus(kits[2]!)).toBe("deleted");
    expect(await db.get(Kit, kits[2]!.id)).toBeNull();
    await db.execute(
      delete_(CustodyEvent)
        .where(CustodyEvent.eventType.eq("lost"))
        .executionOptions({ synchronizeSession: "fetch" }),
    );
    await db.commit();
    expect(objectStatus(kits[2]!)).toBe("detached");
    expect(Number(await db.scalar(text("SELECT count(*) FROM custody_events")))).toBe(2);
  });

  it("ORM bulk insert and bulk update by primary key through execute()", async () => {
    await using db = SessionLocal();
    await db.execute(insert(Kit), [
      { code: "B-1", description: "bulk 1" },
      { code: "B-2", description: "bulk 2" },
    ]);
    const ids = (await db.execute(select(Kit.id).where(Kit.code.like("B-%")).orderBy(Kit.code)))
      .scalars()
      .all();
    const b1 = (await db.get(Kit, ids[0]!))!;
    await db.execute(update(Kit), [
      { id: ids[0], status: "lost" },
      { id: ids[1], status: "lost" },
    ]);
    expect(() => b1.status).toThrow(/expired/); // objects of updated rows are expired
    await db.refresh(b1);
    expect(b1.status).toBe("lost");
    await db.commit();
  });

  it("text() queries in the session", async () => {
    await using db = SessionLocal();
    const raw = (
      await db.execute(text("SELECT code FROM kits WHERE status = :status"), { status: "available" })
    )
      .scalars()
      .all();
    expect(raw).toEqual(["KIT-001"]);
  });

  it("loader options on 2.0 statements compose with where/order/limit", async () => {
    await using db = SessionLocal();
    const kits = (
      await db.scalars(
        select(Kit)
          .where(Kit.code.like("KIT-%"))
          .orderBy(Kit.code.desc())
          .limit(2)
          .options(selectinload(Kit.custodyEvents)),
      )
    ).all();
    expect(kits.map((k) => [k.code, k.custodyEvents.length])).toEqual([
      ["KIT-003", 0],
      ["KIT-002", 1],
    ]);
  });

  it("regression: synchronizeSession 'evaluate' refused objects with any expired attribute", async () => {
    await using db = SessionLocal();
    const kits = (await db.scalars(select(Kit).orderBy(Kit.code))).all();
    db.expire(kits[0]!, ["description", "updatedAt"]); // not read by the criteria below
    await db.execute(
      update(Kit)
        .where(Kit.status.eq("available"))
        .values({ serialNumber: "SN" })
        .executionOptions({ synchronizeSession: "evaluate" }),
    );
    expect(kits[0]!.serialNumber).toBe("SN");
    expect(kits[1]!.serialNumber).toBeNull();
  });
});
