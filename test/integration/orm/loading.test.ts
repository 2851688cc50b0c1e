import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import {
  column,
  containsEager,
  DetachedInstanceError,
  declarativeBase,
  defer,
  ForeignKey,
  Integer,
  joinedload,
  loadOnly,
  noload,
  raiseload,
  relationship,
  String as Str,
  select,
  selectinload,
  sessionmaker,
  text,
  UnloadedAttributeError,
  undefer,
} from "../../../src/index.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";
import { clearTables, counting, SELECT } from "../../support/orm-helpers.js";
import { shopModels } from "../../support/shop-models.js";

forEachDatabaseAndPgBouncer("loading", (tdb) => {
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

  /** Three customers: ann (2 orders of 2 lines), bob (1 order, no lines), cy (no orders). */
  async function seed(): Promise<void> {
    await SessionLocal.begin(async (db) => {
      const red = new Tag({ name: "red" });
      const tools = new Category({ name: "tools" });
      const hammer = new Product({ name: "hammer", price: 10, manual: "hit nails" });
      const saw = new Product({ name: "saw", price: 20, manual: "cut wood" });
      hammer.category = tools;
      saw.category = tools;
      hammer.tags.push(red);
      const ann = new Customer({ email: "ann@x.io", name: "Ann" });
      const bob = new Customer({ email: "bob@x.io", name: "Bob" });
      const cy = new Customer({ email: "cy@x.io", name: "Cy" });
      for (let i = 0; i < 2; i++) {
        const o = new Order({ status: i === 0 ? "open" : "paid" });
        o.lines.push(new OrderLine({ product: hammer, quantity: 1 } as never));
        o.lines.push(new OrderLine({ product: saw, quantity: 2 } as never));
        ann.orders.push(o);
      }
      bob.orders.push(new Order({ status: "open" }));
      db.addAll([ann, bob, cy]);
    });
  }

  const byName = select(Customer).orderBy(Customer.name);

  it("reading an unloaded relationship throws an error naming the fix, and runs no query", async () => {
    await seed();
    await using db = SessionLocal();
    const [ann] = (await db.scalars(byName)).all();
    const { count } = await counting(tdb.engine, async () => {
      expect(() => ann!.orders).toThrow(UnloadedAttributeError);
      expect(() => ann!.orders).toThrow(
        /Customer\.orders is not loaded.*never queries.*selectinload\(Customer\.orders\).*await db\.load\(obj, "orders"\)/s,
      );
    });
    expect(count()).toBe(0);
    // A many-to-one too.
    const o = (await db.scalars(select(Order).limit(1))).one();
    expect(() => o.customer).toThrow(/Order\.customer is not loaded/);
    await db.load(o, "customer");
    expect(o.customer.email).toMatch(/@x\.io$/);
  });

  it("joinedload: one query, LEFT OUTER JOIN, parents de-duplicated, parents without children kept", async () => {
    await seed();
    await using db = SessionLocal();
    const { result, count } = await counting(tdb.engine, async () =>
      (await db.scalars(byName.options(joinedload(Customer.orders)))).all(),
    );
    expect(count(SELECT)).toBe(1);
    expect(result.map((c) => [c.name, c.orders.length])).toEqual([
      ["Ann", 2],
      ["Bob", 1],
      ["Cy", 0],
    ]);
    expect(result[0]!.orders.map((o) => o.status)).toEqual(["open", "paid"]);
    // Members know their parent without a query.
    expect(result[0]!.orders[0]!.customer).toBe(result[0]);
  });

  it("joinedload with LIMIT / first() limits the parents, not the joined rows", async () => {
    await seed();
    await using db = SessionLocal();
    const two = (await db.scalars(byName.options(joinedload(Customer.orders)).limit(2))).all();
    expect(two.map((c) => [c.name, c.orders.length])).toEqual([
      ["Ann", 2],
      ["Bob", 1],
    ]);
    const first = await db
      .query(Customer)
      .options(joinedload(Customer.orders))
      .orderBy(Customer.name)
      .first();
    expect(first!.name).toBe("Ann");
    expect(first!.orders).toHaveLength(2);
    const page = await db
      .query(Customer)
      .options(joinedload(Customer.orders))
      .orderBy(Customer.name)
      .offset(1)
      .limit(1)
      .all();
    expect(page.map((c) => [c.name, c.orders.length])).toEqual([["Bob", 1]]);
  });

  it("joinedload: nested collections and many-to-ones in one query", async () => {
    await seed();
    await using db = SessionLocal();
    const { result, count } = await counting(tdb.engine, async () =>
      (
        await db.scalars(
          byName.options(joinedload(Customer.orders).joinedload(Order.lines).joinedload(OrderLine.product)),
        )
      ).all(),
    );
    expect(count(SELECT)).toBe(1);
    const ann = result[0]!;
    expect(ann.orders.map((o) => o.lines.map((l) => `${l.product.name}x${l.quantity}`))).toEqual([
      ["hammerx1", "sawx2"],
      ["hammerx1", "sawx2"],
    ]);
    expect(ann.orders[0]!.lines[0]!.product).toBe(ann.orders[1]!.lines[0]!.product); // identity map
    expect(result[1]!.orders[0]!.lines).toEqual([]);
  });

  it("joinedload with innerjoin drops parents without children", async () => {
    await seed();
    await using db = SessionLocal();
    const rows = (await db.scalars(byName.options(joinedload(Customer.orders, { innerjoin: true })))).all();
    expect(rows.map((c) => c.name)).toEqual(["Ann", "Bob"]);
  });

  it("selectinload: one IN query per level", async () => {
    await seed();
    await using db = SessionLocal();
    const { result, count, sql } = await counting(tdb.engine, async () =>
      (
        await db.scalars(
          byName.options(
            selectinload(Customer.orders).selectinload(Order.lines).selectinload(OrderLine.product),
            selectinload(Customer.profile),
          ),
        )
      ).all(),
    );
    expect(count(SELECT)).toBe(5);
    expect(sql.filter((s) => / IN \(| = ANY\(/.test(s))).toHaveLength(4);
    expect(result.map((c) => c.orders.length)).toEqual([2, 1, 0]);
    expect(result[0]!.orders[1]!.lines.map((l) => l.product.name)).toEqual(["hammer", "saw"]);
    expect(result[2]!.profile).toBeNull();
  });

  it("selectinload chunks large key sets into several IN queries", async () => {
    const n = 5001;
    await SessionLocal.begin(async (db) => {
      await db.bulkInsertMappings(
        Tag,
        Array.from({ length: n }, (_, i) => ({ name: `t${i}` })),
      );
    });
    await using db = SessionLocal();
    const { result, sql } = await counting(tdb.engine, async () =>
      (await db.scalars(select(Tag).options(selectinload(Tag.products)))).all(),
    );
    expect(result).toHaveLength(n);
    expect(sql.filter((s) => /product_tags/.test(s))).toHaveLength(2);
    expect(result.every((t) => t.products.length === 0)).toBe(true);
  });

  it("mixes strategies: joinedload then selectinload, selectinload then joinedload", async () => {
    await seed();
    await using db = SessionLocal();
    const a = await counting(tdb.engine, async () =>
      (await db.scalars(byName.options(joinedload(Customer.orders).selectinload(Order.lines)))).all(),
    );
    expect(a.count(SELECT)).toBe(2);
    expect(a.result[0]!.orders[0]!.lines).toHaveLength(2);
    db.expungeAll();
    const b = await counting(tdb.engine, async () =>
      (
        await db.scalars(
          byName.options(selectinload(Customer.orders).joinedload(Order.lines).joinedload(OrderLine.product)),
        )
      ).all(),
    );
    expect(b.count(SELECT)).toBe(2);
    expect(b.result[0]!.orders[1]!.lines[1]!.product.name).toBe("saw");
  });

  it("raiseload keeps a relationship unloaded (explicitly) and the error says so", async () => {
    await seed();
    await using db = SessionLocal();
    const ann = (await db.scalars(byName.options(raiseload(Customer.orders)).limit(1))).one();
    expect(() => ann.orders).toThrow(UnloadedAttributeError);
    await db.load(ann, "orders");
    expect(ann.orders).toHaveLength(2);
  });

  it("noload: the relationship reads as empty and is never loaded", async () => {
    await seed();
    await using db = SessionLocal();
    const { result, count } = await counting(tdb.engine, async () =>
      (await db.scalars(byName.options(noload(Customer.orders)))).all(),
    );
    expect(count(SELECT)).toBe(1);
    expect(result[0]!.orders).toEqual([]);
  });

  it("loadOnly and defer leave columns unloaded; reading them raises until refreshed", async () => {
    await seed();
    await using db = SessionLocal();
    const { result: c, sql } = await counting(tdb.engine, async () =>
      (await db.scalars(byName.options(loadOnly(Customer.name)).limit(1))).one(),
    );
    expect(sql[0]).not.toMatch(/email/);
    expect(c.name).toBe("Ann");
    expect(typeof c.id).toBe("number");
    expect(() => c.email).toThrow(/deferred.*undefer\(Customer\.email\).*refresh/);
    await db.refresh(c, ["email"]);
    expect(c.email).toBe("ann@x.io");

    const p = (
      await db.scalars(select(Product).where(Product.name.eq("saw")).options(defer(Product.price)))
    ).one();
    expect(() => p.price).toThrow(UnloadedAttributeError);
    expect(p.name).toBe("saw");
    await db.refresh(p);
    expect(p.price).toBe(20);
  });

  it("deferred columns are not loaded unless undeferred", async () => {
    await seed();
    await using db = SessionLocal();
    const { result: p, sql } = await counting(tdb.engine, async () =>
      (await db.scalars(select(Product).where(Product.name.eq("hammer")))).one(),
    );
    expect(sql[0]).not.toMatch(/manual/);
    expect(() => p.manual).toThrow(/deferred/);
    db.expungeAll();
    const q = (
      await db.scalars(select(Product).where(Product.name.eq("hammer")).options(undefer(Product.manual)))
    ).one();
    expect(q.manual).toBe("hit nails");
    // Changing other columns of an object with a deferred column unloaded writes only those.
    q.price = 11;
    await db.commit();
  });

  it("regression: selectinload with loadOnly on the children matched none of them to their parents", async () => {
    await seed();
    await using db = SessionLocal();
    const ann = (
      await db.scalars(
        select(Customer)
          .where(Customer.email.eq("ann@x.io"))
          .options(selectinload(Customer.orders).loadOnly(Order.status)),
      )
    ).one();
    expect(ann.orders.map((o) => o.status)).toEqual(["open", "paid"]);
    expect(() => ann.orders[0]!.placedAt).toThrow(/deferred/);
  });

  it("containsEager fills a collection from the query's own join and filter", async () => {
    await seed();
    await using db = SessionLocal();
    const rows = (
      await db.scalars(
        select(Customer)
          .join(Customer.orders)
          .where(Order.status.eq("paid"))
          .options(containsEager(Customer.orders)),
      )
    ).all();
    expect(rows.map((c) => c.name)).toEqual(["Ann"]);
    expect(rows[0]!.orders.map((o) => o.status)).toEqual(["paid"]);
  });

  it("default lazy strategies from the relationship: lazy selectin / joined / noload", async () => {
    const {
      declarativeBase,
      column,
      Integer,
      ForeignKey,
      relationship,
      String: Str,
    } = await import("../../../src/index.js");
    const B = declarativeBase();
    class Team extends B.table("lz_teams", { id: column(Integer).primaryKey(), name: column(Str(20)) }) {
      static players = relationship(() => Player, { lazy: "selectin", backPopulates: "team" });
      static coaches = relationship(() => Coach, { lazy: "joined" });
      static fans = relationship(() => Fan, { lazy: "noload" });
      declare players: Player[];
      declare coaches: Coach[];
      declare fans: Fan[];
    }
    class Player extends B.table("lz_players", {
      id: column(Integer).primaryKey(),
      teamId: column(Integer, ForeignKey("lz_teams.id")),
    }) {
      static team = relationship(() => Team, { backPopulates: "players" });
      declare team: Team;
    }
    class Coach extends B.table("lz_coaches", {
      id: column(Integer).primaryKey(),
      teamId: column(Integer, ForeignKey("lz_teams.id")),
    }) {}
    class Fan extends B.table("lz_fans", {
      id: column(Integer).primaryKey(),
      teamId: column(Integer, ForeignKey("lz_teams.id")),
    }) {}
    await B.metadata.createAll(tdb.engine);
    await SessionLocal.begin(async (db) => {
      const t = new Team({ name: "t" });
      t.players.push(new Player({}), new Player({}));
      db.add(t);
      await db.flush();
      db.add(new Coach({ teamId: t.id }));
      db.add(new Fan({ teamId: t.id }));
    });
    await using db = SessionLocal();
    const { result, count } = await counting(tdb.engine, async () => (await db.scalars(select(Team))).one());
    expect(count(SELECT)).toBe(2); // teams JOIN coaches, then players IN (...)
    expect(result.players).toHaveLength(2);
    expect(result.coaches).toHaveLength(1);
    expect(result.fans).toEqual([]);
    expect(result.players[0]!.team).toBe(result);
  });

  it("a noload many-to-one reads as null, and a flush of the object's other changes keeps its foreign key", async () => {
    const B = declarativeBase();
    class Club extends B.table("nl_clubs", { id: column(Integer).primaryKey(), name: column(Str(20)) }) {}
    class Member extends B.table("nl_members", {
      id: column(Integer).primaryKey(),
      clubId: column(Integer, ForeignKey("nl_clubs.id")).nullable(),
    }) {
      static club = relationship(() => Club, { lazy: "noload" });
      static notes = relationship(() => Note);
      declare club: Club | null;
      declare notes: Note[];
    }
    class Note extends B.table("nl_notes", {
      id: column(Integer).primaryKey(),
      memberId: column(Integer, ForeignKey("nl_members.id")),
    }) {}
    await B.metadata.createAll(tdb.engine);
    const memberId = await SessionLocal.begin(async (db) => {
      const club = new Club({ name: "c" });
      db.add(club);
      await db.flush();
      const m = new Member({ clubId: club.id });
      db.add(m);
      await db.flush();
      return m.id;
    });
    await using db = SessionLocal();
    const m = (
      await db.scalars(select(Member).where(Member.id.eq(memberId)).options(selectinload(Member.notes)))
    ).one();
    expect(m.club).toBeNull();
    m.notes.push(new Note({}));
    await db.commit();
    const clubId = await db.scalar(select(Member.clubId).where(Member.id.eq(memberId)));
    expect(clubId).not.toBeNull();
  });

  it("populateExisting overwrites loaded attributes (and unflushed changes) with the row", async () => {
    await seed();
    await using db = SessionLocal({ autoflush: false });
    const ann = (await db.scalars(byName.limit(1))).one();
    ann.name = "Changed";
    await db.execute(text("UPDATE customers SET email = 'ann2@x.io' WHERE name = 'Ann'"));
    const again = (await db.scalars(byName.limit(1))).one();
    expect(again).toBe(ann);
    expect(ann.name).toBe("Changed"); // plain query: the identity map wins
    expect(ann.email).toBe("ann@x.io");
    const fresh = (await db.scalars(byName.limit(1).executionOptions({ populateExisting: true }))).one();
    expect(fresh).toBe(ann);
    expect(ann.name).toBe("Ann");
    expect(ann.email).toBe("ann2@x.io");
    expect(db.isModified(ann)).toBe(false);
    const viaQuery = await db.query(Customer).populateExisting().filterBy({ name: "Ann" }).one();
    expect(viaQuery).toBe(ann);
    const viaGet = await db.get(Customer, ann.id, { populateExisting: true });
    expect(viaGet).toBe(ann);
  });

  it("populateExisting reloads a relationship loaded before", async () => {
    await seed();
    await using db = SessionLocal({ autoflush: false });
    const ann = (await db.scalars(byName.limit(1).options(selectinload(Customer.orders)))).one();
    expect(ann.orders).toHaveLength(2);
    await db.execute(text("DELETE FROM order_lines"));
    await db.execute(text("DELETE FROM orders WHERE status = 'paid'"));
    const again = (
      await db.scalars(
        byName.limit(1).options(selectinload(Customer.orders)).executionOptions({ populateExisting: true }),
      )
    ).one();
    expect(again.orders).toHaveLength(1);
  });

  it("get() takes loader options", async () => {
    await seed();
    await using db = SessionLocal();
    const id = (await db.scalar(select(Customer.id).where(Customer.name.eq("Ann"))))!;
    const ann = (await db.get(Customer, id, { options: [selectinload(Customer.orders)] }))!;
    expect(ann.orders).toHaveLength(2);
  });

  it("streams ORM results in chunks of yieldPer, with their eager loads (regression: hung on PostgreSQL and MySQL)", async () => {
    await SessionLocal.begin(async (db) => {
      for (let i = 0; i < 25; i++) {
        const c = new Category({ name: `s${String(i).padStart(2, "0")}` });
        c.products.push(new Product({ name: `p${i}`, price: i }));
        db.add(c);
      }
    });
    await using db = SessionLocal();
    const seen: string[] = [];
    const { sql } = await counting(tdb.engine, async () => {
      for await (const c of db.stream(
        select(Category).orderBy(Category.name).options(selectinload(Category.products)),
        undefined,
        { yieldPer: 10 },
      )) {
        seen.push(`${c.name}:${c.products.length}`);
      }
    });
    expect(seen).toHaveLength(25);
    expect(seen[0]).toBe("s00:1");
    expect(seen[24]).toBe("s24:1");
    // One IN query per chunk of 10.
    expect(sql.filter((s) => /FROM [`"]?products/.test(s) && / IN \(| = ANY\(/.test(s))).toHaveLength(3);
    // Entities with columns yield rows keyed like execute()'s.
    const pairs: string[] = [];
    for await (const row of db.stream(
      select(Product, Category.name).join(Product.category).orderBy(Product.id),
      undefined,
      { yieldPer: 4 },
    ))
      pairs.push(`${row[0] instanceof Product}:${row[0].name}:${row.name}`);
    expect(pairs[0]).toBe("true:p0:s00");
    expect(pairs).toHaveLength(25);
    // Streams of one column yield its values; of several, rows.
    const names: string[] = [];
    for await (const name of db.stream(select(Category.name).orderBy(Category.name), undefined, {
      yieldPer: 7,
    }))
      names.push(name);
    expect(names).toHaveLength(25);
    expect(names[0]).toBe("s00");
    const rows: string[] = [];
    for await (const row of db.stream(select(Category.id, Category.name).orderBy(Category.name), undefined, {
      yieldPer: 7,
    }))
      rows.push(row.name);
    expect(rows).toEqual(names);
  });

  it("a relationship read after the session closed raises DetachedInstanceError; loaded ones stay readable", async () => {
    await seed();
    const db = SessionLocal();
    const ann = (await db.scalars(byName.limit(1).options(selectinload(Customer.orders)))).one();
    await db.close();
    expect(ann.orders).toHaveLength(2);
    expect(() => ann.profile).toThrow(DetachedInstanceError);
  });

  it("many-to-many loads with selectinload and joinedload agree", async () => {
    await seed();
    await using db = SessionLocal();
    const a = (
      await db.scalars(select(Product).orderBy(Product.name).options(selectinload(Product.tags)))
    ).all();
    const sel = a.map((p) => [p.name, p.tags.map((t) => t.name)]);
    db.expungeAll();
    const b = (
      await db.scalars(select(Product).orderBy(Product.name).options(joinedload(Product.tags)))
    ).all();
    expect(b.map((p) => [p.name, p.tags.map((t) => t.name)])).toEqual(sel);
    expect(sel).toEqual([
      ["hammer", ["red"]],
      ["saw", []],
    ]);
  });

  it("regression: reading a member's many-to-one after loading its parent's collection raised", async () => {
    await seed();
    await using db = SessionLocal();
    const { result, count } = await counting(tdb.engine, async () => {
      const ann = (await db.scalars(byName.limit(1).options(selectinload(Customer.orders)))).one();
      return ann;
    });
    expect(count(SELECT)).toBe(2);
    for (const o of result.orders) expect(o.customer).toBe(result);
  });
});
