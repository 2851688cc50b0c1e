import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import {
  desc,
  exists,
  func,
  joinedload,
  MultipleResultsFound,
  NoResultFound,
  objectStatus,
  selectinload,
  sessionmaker,
} from "../../../src/index.js";
import { custodyModels } from "../../support/custody-models.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";
import { clearTables, counting, SELECT } from "../../support/orm-helpers.js";
import { shopModels } from "../../support/shop-models.js";

/** The seeds' legacy Query API: `db.query(Model).filter(...).orderBy(...).all()` and friends. */
forEachDatabaseAndPgBouncer("legacy Query", (tdb) => {
  const custody = custodyModels();
  const shop = shopModels();
  const { User, Kit, CustodyEvent } = custody;
  const { Product, Category } = shop;
  const SessionLocal = sessionmaker({ bind: undefined as never, autoflush: false });

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
      const trin = new User({ email: "trinity@gmail.com", name: "Trinity", role: "coach" });
      const morph = new User({ email: "morpheus@gmail.com", name: "Morpheus", isActive: false });
      db.addAll([neo, trin, morph]);
      for (let i = 1; i <= 12; i++) {
        const k = new Kit({
          code: `KIT-${String(i).padStart(3, "0")}`,
          description: `Rifle Kit #${i}`,
          status: i % 4 === 0 ? "lost" : "available",
        });
        if (i <= 3)
          k.custodyEvents.push(
            new CustodyEvent({ eventType: "check_out", user: i === 1 ? trin : neo } as never),
          );
        db.add(k);
      }
      const electronics = new Category({ name: "Electronics" });
      const toys = new Category({ name: "Toys" });
      db.addAll([
        new Product({ name: "Radio", price: 150, category: electronics } as never),
        new Product({ name: "TV", price: 900, category: electronics } as never),
        new Product({ name: "Ball", price: 5, category: toys } as never),
      ]);
    });
  });
  afterEach(() => {
    expect(tdb.engine.pool.checkedOut).toBe(0);
  });

  it("all(), filter() with several criteria, filterBy()", async () => {
    await using db = SessionLocal();
    expect(await db.query(Kit).all()).toHaveLength(12);
    const users = await db.query(User).filter(User.isActive.is(true), User.email.like("%@gmail.com")).all();
    expect(users.map((u) => u.name)).toEqual(["Trinity"]);
    const coaches = await db.query(User).filterBy({ role: "coach", isActive: true }).orderBy(User.name).all();
    expect(coaches.map((u) => u.name)).toEqual(["Neo", "Trinity"]);
    // @ts-expect-error no such column: a type error, and the run-time error for JavaScript callers
    expect(() => db.query(User).filterBy({ nope: 1 })).toThrow(/nope/);
  });

  it("orderBy, offset and limit paginate", async () => {
    await using db = SessionLocal();
    const page = await db.query(Kit).orderBy(Kit.code.desc()).offset(3).limit(4).all();
    expect(page.map((k) => k.code)).toEqual(["KIT-009", "KIT-008", "KIT-007", "KIT-006"]);
    const byDesc = await db.query(Kit).orderBy(desc(Kit.code)).limit(1).all();
    expect(byDesc[0]!.code).toBe("KIT-012");
  });

  it("first(), one(), oneOrNone(), get()", async () => {
    await using db = SessionLocal();
    const first = await db.query(Kit).filter(Kit.code.eq("KIT-002")).first();
    expect(first!.description).toBe("Rifle Kit #2");
    expect(await db.query(Kit).filter(Kit.code.eq("none")).first()).toBeNull();
    expect((await db.query(Kit).filter(Kit.code.eq("KIT-002")).one()).id).toBe(first!.id);
    await expect(db.query(Kit).filter(Kit.code.eq("none")).one()).rejects.toThrow(NoResultFound);
    await expect(db.query(Kit).one()).rejects.toThrow(MultipleResultsFound);
    expect(await db.query(Kit).filter(Kit.code.eq("none")).oneOrNone()).toBeNull();
    await expect(db.query(Kit).oneOrNone()).rejects.toThrow(MultipleResultsFound);
    const { result, count } = await counting(tdb.engine, () => db.query(Kit).get(first!.id));
    expect(result).toBe(first);
    expect(count()).toBe(0); // identity map
  });

  it("count() counts the rows of the query (also with joins and distinct)", async () => {
    await using db = SessionLocal();
    expect(await db.query(Kit).count()).toBe(12);
    expect(await db.query(Product).filter(Product.price.gt(100)).count()).toBe(2);
    expect(await db.query(Kit).join(Kit.custodyEvents).count()).toBe(3);
    expect(await db.query(CustodyEvent.userId).distinct().count()).toBe(2);
  });

  it("join() by model, by relationship, and outerjoin()", async () => {
    await using db = SessionLocal();
    const viaJoin = await db.query(CustodyEvent).join(User).filter(User.email.eq("trinity@gmail.com")).all();
    expect(viaJoin).toHaveLength(1);
    const products = await db
      .query(Product)
      .join(Category)
      .filter(Category.name.eq("Electronics"))
      .orderBy(Product.price)
      .all();
    expect(products.map((p) => p.name)).toEqual(["Radio", "TV"]);
    const viaRel = await db.query(Kit).join(Kit.custodyEvents).filter(CustodyEvent.userId.isNot(null)).all();
    expect(viaRel).toHaveLength(3);
    const rows = await db
      .query(Kit.code, func.count(CustodyEvent.id).label("n"))
      .outerjoin(CustodyEvent)
      .groupBy(Kit.code)
      .orderBy(Kit.code)
      .limit(4)
      .all();
    expect(rows.map((r) => [r.code, Number(r.n)])).toEqual([
      ["KIT-001", 1],
      ["KIT-002", 1],
      ["KIT-003", 1],
      ["KIT-004", 0],
    ]);
  });

  it("groupBy() and having() with column queries", async () => {
    await using db = SessionLocal();
    const counts = await db
      .query(CustodyEvent.userId, func.count(CustodyEvent.id).label("count"))
      .groupBy(CustodyEvent.userId)
      .having(func.count(CustodyEvent.id).gt(1))
      .all();
    expect(counts).toHaveLength(1);
    expect(Number(counts[0]!.count)).toBe(2);
    const statuses = await db.query(Kit.status).distinct().orderBy(Kit.status).all();
    expect(statuses.map((r) => r.status)).toEqual(["available", "lost"]);
  });

  it("column queries yield rows: db.query(Kit.id, Kit.code)", async () => {
    await using db = SessionLocal();
    const rows = await db.query(Kit.id, Kit.code).orderBy(Kit.code).limit(2).all();
    expect(rows.map((r) => r.code)).toEqual(["KIT-001", "KIT-002"]);
    const [id, code] = rows[0]!;
    expect(typeof id).toBe("number");
    expect(code).toBe("KIT-001");
    const one = await db.query(Kit.code).filter(Kit.code.eq("KIT-005")).scalar();
    expect(one).toBe("KIT-005");
  });

  it("exists(): as a filter, and db.query(exists().where(...)).scalar()", async () => {
    await using db = SessionLocal();
    const hasEvents = await db
      .query(Kit)
      .filter(exists().where(CustodyEvent.kitId.eq(Kit.id)))
      .all();
    expect(hasEvents).toHaveLength(3);
    expect(Boolean(await db.query(exists().where(Kit.status.eq("lost"))).scalar())).toBe(true);
    expect(Boolean(await db.query(exists().where(Kit.code.eq("nope"))).scalar())).toBe(false);
    const q = db.query(Kit).filter(Kit.status.eq("lost"));
    expect(Boolean(await db.query(q.exists()).scalar())).toBe(true);
  });

  it("options(): joinedload and selectinload", async () => {
    await using db = SessionLocal();
    const withEvents = await db
      .query(Kit)
      .options(joinedload(Kit.custodyEvents))
      .filter(Kit.code.eq("KIT-001"))
      .first();
    expect(withEvents!.custodyEvents.map((e) => e.eventType)).toEqual(["check_out"]);
    const all = await db.query(Kit).options(selectinload(Kit.custodyEvents)).orderBy(Kit.code).limit(5).all();
    expect(all.map((k) => k.custodyEvents.length)).toEqual([1, 1, 1, 0, 0]);
  });

  it("update(dict) updates matching rows and the session's objects", async () => {
    await using db = SessionLocal();
    const lost = await db.query(Kit).filter(Kit.status.eq("lost")).all();
    const n = await db.query(Kit).filter(Kit.status.eq("lost")).update({ status: "available" });
    expect(n).toBe(3);
    expect(lost.every((k) => k.status === "available")).toBe(true);
    await db.commit();
    expect(await db.query(Kit).filter(Kit.status.eq("lost")).count()).toBe(0);
    const m = await db
      .query(Kit)
      .filter(Kit.id.eq(lost[0]!.id))
      .update({ description: "Updated description", status: "available" });
    expect(m).toBe(1);
    await db.commit();
    expect(await db.query(Kit.description).filter(Kit.id.eq(lost[0]!.id)).scalar()).toBe(
      "Updated description",
    );
  });

  it("delete() deletes matching rows and removes the session's objects", async () => {
    await using db = SessionLocal();
    const doomed = await db.query(Kit).filter(Kit.status.eq("lost")).all();
    const n = await db.query(Kit).filter(Kit.status.eq("lost")).delete();
    expect(n).toBe(3);
    expect(objectStatus(doomed[0]!)).toBe("deleted");
    await db.commit();
    expect(await db.query(Kit).count()).toBe(9);
  });

  it("update()/delete() refuse queries with joins, naming the alternative", async () => {
    await using db = SessionLocal();
    await expect(db.query(Kit).join(Kit.custodyEvents).update({ status: "lost" })).rejects.toThrow(
      /joins.*any\(\)/,
    );
  });

  it("iterates with for await", async () => {
    await using db = SessionLocal();
    const codes: string[] = [];
    for await (const k of db.query(Kit).orderBy(Kit.code).limit(3)) codes.push(k.code);
    expect(codes).toEqual(["KIT-001", "KIT-002", "KIT-003"]);
  });

  it("the seeds' CRUD cycle: create, refresh, read, update, delete", async () => {
    const db = SessionLocal();
    try {
      const user = new User({ email: "newuser@example.com", name: "newuser" });
      db.add(user);
      await db.commit();
      await db.refresh(user);
      expect(typeof user.id).toBe("number");
      expect(user.role).toBe("volunteer");
      const found = await db.query(User).filter(User.name.eq("newuser")).first();
      expect(found).toBe(user);
      found!.email = "updated_email@example.com";
      await db.commit();
      await db.refresh(found!);
      expect(found!.email).toBe("updated_email@example.com");
      db.delete(found!);
      await db.commit();
      expect(await db.query(User).filter(User.name.eq("newuser")).first()).toBeNull();
    } catch (e) {
      await db.rollback();
      throw e;
    } finally {
      await db.close();
    }
  });

  it("statement() exposes the select(); queries are immutable", async () => {
    await using db = SessionLocal();
    const base = db.query(Kit);
    const filtered = base.filter(Kit.status.eq("lost"));
    expect(await base.count()).toBe(12);
    expect(await filtered.count()).toBe(3);
    const { count } = await counting(tdb.engine, () => db.execute(filtered.statement));
    expect(count(SELECT)).toBe(1);
  });
});
