import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AmbiguousForeignKeysError,
  CircularDependencyError,
  Column,
  column,
  configureMappers,
  declarativeBase,
  ForeignKey,
  type InstrumentedList,
  Integer,
  MapperConfigurationError,
  NoForeignKeysError,
  objectStatus,
  relationship,
  String,
  select,
  selectinload,
  sessionmaker,
  text,
  UniqueConstraint,
} from "../../../src/index.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";
import { clearTables, counting } from "../../support/orm-helpers.js";
import { shopModels } from "../../support/shop-models.js";

describe("declarative mapping (no database)", () => {
  // Known limitation (reported): a class's own `name` property (the class name, defined by
  // JavaScript when the subclass is declared) shadows the column getter until the class is mapped,
  // and nothing runs when a subclass is declared. See the next test for what works, and
  // test/integration/hardening/name-column.test.ts: `static { mapped(this); }` removes it.
  it.fails("maps a column keyed `name` as a class attribute when `.name` is the very first touch", () => {
    const { Product } = shopModels();
    expect(Product.name).toBeInstanceOf(Column);
  });

  it("maps a column keyed `name` as a class attribute once the class is used", () => {
    const { Product, Tag, Category } = shopModels();
    expect(Product.c.name).toBeInstanceOf(Column); // `.c` is safe at any time
    void Product.price; // any other class attribute maps the class
    expect(Product.name).toBeInstanceOf(Column);
    expect(Product.name.key).toBe("name");
    new Category({ name: "x" }); // so does constructing an instance
    expect(Category.name.like("a%")).toBeTruthy();
    select(Tag); // and using it in a statement
    expect(Tag.name).toBe(Tag.__table__.c.name);
    // Relationship targets are mapped when a mapper is configured.
    const other = shopModels();
    configureMappers(other.Order);
    expect(other.Customer.name).toBeInstanceOf(Column);
  });

  it("regression: select(Model).where(Model.name...) saw the class name when select() was the first use", () => {
    const { Tag } = shopModels();
    const stmt = select(Tag).where(Tag.name.eq("red"));
    expect(stmt).toBeTruthy();
  });

  it("regression: messages printed a model with a `name` column as [object Object]", async () => {
    const { Category } = shopModels();
    void Category.name; // mapped: the class's own `name` is now the column
    const { createEngine } = await import("../../../src/index.js");
    const engine = createEngine("sqlite://");
    await using db = sessionmaker({ bind: engine })();
    await Category.__table__.metadata.createAll(engine);
    await expect(db.getOne(Category, 1)).rejects.toThrow(/^No Category with primary key 1/);
    expect(() => db.add({ constructor: Category } as object)).toThrow(/an object of class Category/);
    await db.close();
    await engine.dispose();
  });

  it("keeps columns, defaults and methods of abstract bases through several levels", () => {
    const { Category, Product, Base } = shopModels();
    const cat = new Category({ name: "Tools" });
    expect(Object.keys(Category.__table__.c).sort()).toEqual(
      ["createdAt", "createdBy", "editedBy", "id", "name", "parentId", "updatedAt"].sort(),
    );
    expect(Object.keys(Product.__table__.c)).not.toContain("createdBy");
    expect(cat.audit()).toBe("categories#undefined by undefined");
    expect(typeof cat.label).toBe("function");
    expect([...Base.metadata.tables.keys()].sort()).toEqual(
      [
        "categories",
        "customers",
        "entries",
        "messages",
        "order_lines",
        "orders",
        "product_tags",
        "products",
        "profiles",
        "tags",
        "widgets",
      ].sort(),
    );
  });

  it("names columns in snake_case from camelCase properties, unless named explicitly", () => {
    const Base = declarativeBase();
    class Thing extends Base.table("things", {
      id: column(Integer).primaryKey(),
      serialNumber: column(String(20)),
      legacyCode: column(String(20)).name("LegacyCODE"),
    }) {}
    expect(Thing.serialNumber.name).toBe("serial_number");
    expect(Thing.legacyCode.name).toBe("LegacyCODE");
    const { Product } = shopModels();
    expect(Product.categoryId.name).toBe("category_id");
    expect(Product.__table__.c.createdAt.name).toBe("created_at");
  });

  it("passes table args: constraints, indexes and the version column", () => {
    const Base = declarativeBase();
    class Pair extends Base.table(
      "pairs",
      { id: column(Integer).primaryKey(), a: column(Integer), b: column(Integer), v: column(Integer) },
      { constraints: [UniqueConstraint("a", "b", { name: "uq_pair" })], versionId: "v", comment: "pairs" },
    ) {}
    expect(Pair.__table__.constraints.some((c) => (c as { name?: string }).name === "uq_pair")).toBe(true);
    expect(Pair.__mapper__.versionColumn?.key).toBe("v");
    expect(Pair.__table__.comment).toBe("pairs");
  });

  it("reports a backPopulates naming no relationship with the model, property and fix", () => {
    const Base = declarativeBase();
    class A extends Base.table("a", { id: column(Integer).primaryKey() }) {
      // @ts-expect-error B has no relationship "parent": a type error, and at run time (JavaScript) the error below
      static bs = relationship(() => B, { backPopulates: "parent" });
    }
    class B extends Base.table("b", {
      id: column(Integer).primaryKey(),
      aId: column(Integer, ForeignKey("a.id")),
    }) {
      static a = relationship(() => A);
    }
    let err: unknown;
    try {
      configureMappers(A, B);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MapperConfigurationError);
    const msg = (err as Error).message;
    expect(msg).toContain("A.bs");
    expect(msg).toContain('"parent"');
    expect(msg).toContain("B");
    expect(msg).toMatch(/static parent = relationship\(\(\) => A, \{ backPopulates: "bs" \}\)/);
  });

  it("reports a relationship without a foreign-key path, naming the tables and the fix", () => {
    const Base = declarativeBase();
    class A extends Base.table("a", { id: column(Integer).primaryKey() }) {
      static bs = relationship(() => B);
    }
    class B extends Base.table("b", { id: column(Integer).primaryKey(), aId: column(Integer) }) {}
    expect(() => configureMappers(A, B)).toThrow(NoForeignKeysError);
    expect(() => configureMappers(A, B)).toThrow(/A\.bs.*'a'.*'b'.*ForeignKey.*primaryjoin/s);
  });

  it("reports ambiguous foreign-key paths, naming the relationship and foreignKeys", () => {
    const Base = declarativeBase();
    class Person extends Base.table("people", { id: column(Integer).primaryKey() }) {}
    class Loan extends Base.table("loans", {
      id: column(Integer).primaryKey(),
      lenderId: column(Integer, ForeignKey("people.id")),
      borrowerId: column(Integer, ForeignKey("people.id")),
    }) {
      static lender = relationship(() => Person);
    }
    expect(() => configureMappers(Loan, Person)).toThrow(AmbiguousForeignKeysError);
    expect(() => configureMappers(Loan, Person)).toThrow(/Loan\.lender.*2 foreign key paths.*foreignKeys/s);
  });

  it("reports a cycle between tables without postUpdate as CircularDependencyError at flush", async () => {
    const Base = declarativeBase();
    class P extends Base.table("p", {
      id: column(Integer).primaryKey(),
      qId: column(Integer, ForeignKey("q.id", { useAlter: true })).nullable(),
    }) {
      static q = relationship(() => Q, { foreignKeys: () => [P.qId] });
      declare q: Q | null;
    }
    class Q extends Base.table("q", {
      id: column(Integer).primaryKey(),
      pId: column(Integer, ForeignKey("p.id")),
    }) {
      static p = relationship(() => P, { foreignKeys: () => [Q.pId] });
      declare p: P;
    }
    const { createEngine } = await import("../../../src/index.js");
    const engine = createEngine("sqlite://");
    await Base.metadata.createAll(engine);
    const db = sessionmaker({ bind: engine })();
    const p = new P({});
    const q = new Q({});
    p.q = q;
    q.p = p;
    db.add(p);
    await expect(db.flush()).rejects.toThrow(CircularDependencyError);
    await expect(db.rollback()).resolves.toBeUndefined();
    await db.close();
    await engine.dispose();
    expect(objectStatus(p)).toBe("transient");
  });
});

const name = (o: { name: string }) => o.name;

forEachDatabaseAndPgBouncer("models and relationships", (tdb) => {
  const m = shopModels();
  const { Base, Category, Product, Tag, Customer, Profile, Message, Order, Widget, Entry } = m;
  const SessionLocal = sessionmaker({ bind: undefined as never });

  beforeAll(async () => {
    await Base.metadata.createAll(tdb.engine);
    SessionLocal.configure({ bind: tdb.engine });
  });
  beforeEach(async () => {
    await clearTables(tdb.engine, Base.metadata);
  });

  it("applies client defaults (values and functions), reads server keys and server defaults back", async () => {
    await using db = SessionLocal();
    const p = new Product({ name: "Hammer", price: 10 });
    const c = new Category({ name: "Tools" });
    db.add(p);
    db.add(c);
    await db.flush();
    expect(typeof p.id).toBe("number");
    expect(p.stock).toBe(0);
    expect(p.sku).toMatch(/^SKU-\d+$/);
    expect(c.createdBy).toBe("system");
    expect(c.editedBy).toBeNull();
    expect(p.createdAt).toBeInstanceOf(Date);
    expect(p.updatedAt).toBeInstanceOf(Date);
    expect(Math.abs(p.createdAt.getTime() - Date.now())).toBeLessThan(5 * 60_000);
    const { id, sku } = p;
    await db.commit();
    // A second session sees the same values in the database.
    await using db2 = SessionLocal();
    const p2 = await db2.get(Product, id);
    expect(p2!.sku).toBe(sku);
    expect(p2!.stock).toBe(0);
    expect(p2!.createdAt).toBeInstanceOf(Date);
  });

  it("maps camelCase properties to snake_case columns in SQL", async () => {
    await using db = SessionLocal();
    const c = new Category({ name: "Garden" });
    // Relationships are accepted by the constructor (not in its type: reported to the lead).
    const p = new Product({ name: "Rake", price: 5, category: c } as never);
    db.add(p);
    await db.commit();
    await db.refresh(c);
    const raw = (
      await db.execute(
        text("SELECT p.category_id, c.created_by FROM products p JOIN categories c ON c.id = p.category_id"),
      )
    ).all();
    expect(raw.map((r) => [Number(r[0]), r[1]])).toEqual([[c.id, "system"]]);
  });

  it("runs client onUpdate functions and server onUpdate expressions on UPDATE", async () => {
    await using db = SessionLocal({ expireOnCommit: false });
    const c = new Category({ name: "Paint" });
    db.add(c);
    await db.flush();
    const created = c.updatedAt;
    expect(c.editedBy).toBeNull();
    c.name = "Paints";
    await db.flush();
    expect(c.editedBy).toBe("editor");
    // updatedAt is set by SQL (func.now()): expired, then read back by refresh.
    await db.refresh(c);
    expect(c.updatedAt).toBeInstanceOf(Date);
    expect(c.updatedAt.getTime()).toBeGreaterThanOrEqual(created.getTime());
    await db.commit();
  });

  it("one-to-many and many-to-one keep backPopulates in sync on push, splice, remove and assignment", async () => {
    await using db = SessionLocal();
    const tools = new Category({ name: "Tools" });
    const garden = new Category({ name: "Garden" });
    const saw = new Product({ name: "Saw", price: 20 });
    const drill = new Product({ name: "Drill", price: 90 });
    const hose = new Product({ name: "Hose", price: 15 });
    db.addAll([tools, garden]);

    tools.products.push(saw, drill);
    expect(saw.category).toBe(tools);
    expect(drill.category).toBe(tools);
    expect(db.new.includes(saw)).toBe(true); // save-update cascade from a pending parent

    hose.category = garden;
    expect(garden.products.map(name)).toEqual(["Hose"]);

    // Re-parenting by assignment moves the object between collections.
    drill.category = garden;
    expect(tools.products.map(name)).toEqual(["Saw"]);
    expect(garden.products.map(name)).toEqual(["Hose", "Drill"]);

    tools.products.splice(0, 1);
    expect(saw.category).toBeNull();
    (garden.products as InstrumentedList<InstanceType<typeof Product>>).remove(hose);
    expect(hose.category).toBeNull();

    tools.products = [hose, saw];
    expect(hose.category).toBe(tools);
    expect(saw.category).toBe(tools);
    garden.products.pop();
    expect(drill.category).toBeNull();
    garden.products.unshift(drill);
    expect(drill.category).toBe(garden);
    await db.commit();

    await using db2 = SessionLocal();
    const cats = (
      await db2.scalars(select(Category).options(selectinload(Category.products)).orderBy(Category.name))
    ).all();
    expect(cats.map((c) => [c.name, c.products.map((p) => p.name)])).toEqual([
      ["Garden", ["Drill"]],
      ["Tools", ["Saw", "Hose"]],
    ]);
  });

  it("many-to-many through secondary writes and removes association rows with the collections", async () => {
    await using db = SessionLocal();
    const red = new Tag({ name: "red" });
    const big = new Tag({ name: "big" });
    const p = new Product({ name: "Ball", price: 3 });
    p.tags.push(red, big);
    expect(red.products.length === 1 && red.products[0] === p).toBe(true);
    db.add(p);
    await db.commit();
    const countRows = async () =>
      Number((await db.execute(text("SELECT count(*) FROM product_tags"))).scalar());
    expect(await countRows()).toBe(2);

    await db.refresh(p);
    await db.load(p, "tags");
    expect(p.tags.map((t) => t.name)).toEqual(["big", "red"]); // orderBy Tag.name
    const bigTag = p.tags[0]!;
    p.tags.splice(p.tags.indexOf(bigTag), 1);
    await db.commit();
    expect(await countRows()).toBe(1);

    // The other side of the pair writes the same table.
    const r = (
      await db.scalars(select(Tag).where(Tag.name.eq("red")).options(selectinload(Tag.products)))
    ).one();
    r.products.splice(0);
    await db.commit();
    expect(await countRows()).toBe(0);
  });

  it("one-to-one with uselist: false is a scalar on both sides", async () => {
    await using db = SessionLocal();
    const c = new Customer({ email: "a@x.io", name: "Ann" });
    const prof = new Profile({ bio: "hi" });
    c.profile = prof;
    expect(prof.customer).toBe(c);
    db.add(c);
    await db.commit();
    const got = (
      await db.scalars(
        select(Customer).where(Customer.email.eq("a@x.io")).options(selectinload(Customer.profile)),
      )
    ).one();
    expect(got.profile).not.toBeInstanceOf(Array);
    expect(got.profile!.bio).toBe("hi");
    // Removing the profile orphans it (delete-orphan). As in SQLAlchemy, a flush writes INSERTs
    // before DELETEs, so with a UNIQUE key the old row goes in its own flush before the new one.
    got.profile = null;
    await db.flush();
    got.profile = new Profile({ bio: "new" });
    await db.commit();
    const bios = (await db.execute(text("SELECT bio FROM profiles"))).scalars().all();
    expect(bios).toEqual(["new"]);
  });

  it("self-referential tree with remoteSide: parents before children, loaded both ways", async () => {
    await using db = SessionLocal();
    const root = new Category({ name: "root" });
    const a = new Category({ name: "a" });
    const b = new Category({ name: "b" });
    const a1 = new Category({ name: "a1" });
    a1.parent = a; // added out of order on purpose
    db.add(a1);
    root.children.push(b, a);
    expect(a.parent).toBe(root);
    db.add(root);
    await db.commit();

    await using db2 = SessionLocal();
    const got = (
      await db2.scalars(
        select(Category)
          .where(Category.name.eq("root"))
          .options(selectinload(Category.children).selectinload(Category.children)),
      )
    ).one();
    expect(got.children.map((c) => c.name)).toEqual(["a", "b"]); // orderBy name
    expect(got.children[0]!.children.map((c) => c.name)).toEqual(["a1"]);
    const leaf = (
      await db2.scalars(select(Category).where(Category.name.eq("a1")).options(selectinload(Category.parent)))
    ).one();
    expect(leaf.parent).toBe(got.children[0]);
  });

  it("resolves two foreign keys to the same table with foreignKeys and with primaryjoin", async () => {
    await using db = SessionLocal();
    const ann = new Customer({ email: "ann@x.io", name: "Ann" });
    const bob = new Customer({ email: "bob@x.io", name: "Bob" });
    const m1 = new Message({ body: "hello bob" });
    m1.sender = ann;
    m1.recipient = bob;
    const m2 = new Message({ body: "hi ann" });
    bob.sentMessages.push(m2);
    ann.receivedMessages.push(m2);
    db.addAll([ann, bob]);
    await db.commit();

    await using db2 = SessionLocal();
    const people = (
      await db2.scalars(
        select(Customer)
          .options(selectinload(Customer.sentMessages), selectinload(Customer.receivedMessages))
          .orderBy(Customer.name),
      )
    ).all();
    const [a, b] = people;
    expect(a!.sentMessages.map((x) => x.body)).toEqual(["hello bob"]);
    expect(a!.receivedMessages.map((x) => x.body)).toEqual(["hi ann"]);
    expect(b!.sentMessages.map((x) => x.body)).toEqual(["hi ann"]);
    expect(b!.receivedMessages.map((x) => x.body)).toEqual(["hello bob"]);
    expect(a!.sentMessages[0]!.recipientId).toBe(b!.id);
  });

  it("viewonly relationships load with their primaryjoin filter and are never written", async () => {
    await using db = SessionLocal({ expireOnCommit: false });
    const c = new Customer({ email: "v@x.io", name: "Vi" });
    c.orders.push(
      new Order({ status: "open" }),
      new Order({ status: "paid" }),
      new Order({ status: "open" }),
    );
    db.add(c);
    await db.commit();
    const got = (
      await db.scalars(
        select(Customer).where(Customer.id.eq(c.id)).options(selectinload(Customer.openOrders)),
      )
    ).one();
    expect(got.openOrders.map((o) => o.status)).toEqual(["open", "open"]);
    // Changing a viewonly collection writes nothing.
    got.openOrders.splice(0);
    await db.commit();
    const n = Number(
      (await db.execute(text("SELECT count(*) FROM orders WHERE customer_id IS NOT NULL"))).scalar(),
    );
    expect(n).toBe(3);
  });

  it("orderBy orders collections loaded by selectin and joined loads", async () => {
    await using db = SessionLocal();
    const c = new Category({ name: "Z" });
    for (const n of ["m", "c", "x"]) c.children.push(new Category({ name: `${n}-child` }));
    db.add(c);
    await db.commit();
    const { joinedload } = await import("../../../src/index.js");
    await using db2 = SessionLocal();
    const viaJoin = (
      await db2.scalars(select(Category).where(Category.name.eq("Z")).options(joinedload(Category.children)))
    )
      .unique()
      .one();
    expect(viaJoin.children.map((x) => x.name)).toEqual(["c-child", "m-child", "x-child"]);
  });

  it("postUpdate breaks an insert cycle and an unlink-before-delete cycle", async () => {
    await using db = SessionLocal();
    const w = new Widget({ name: "w" });
    const e1 = new Entry({ title: "one" });
    const e2 = new Entry({ title: "two" });
    w.entries.push(e1, e2);
    w.favorite = e2;
    db.add(w);
    await db.commit();
    const row = (await db.execute(text("SELECT favorite_entry_id FROM widgets"))).scalar();
    await db.refresh(e2);
    expect(Number(row)).toBe(e2.id);
    // Deleting the widget deletes its entries (cascade); the favourite FK is cleared first.
    await db.refresh(w);
    await db.load(w, "entries");
    await db.load(w, "favorite");
    db.delete(w);
    await db.commit();
    expect(Number((await db.execute(text("SELECT count(*) FROM entries"))).scalar())).toBe(0);
    expect(Number((await db.execute(text("SELECT count(*) FROM widgets"))).scalar())).toBe(0);
  });

  it("constructs with relationships in the init object and rejects unknown attributes", async () => {
    const tools = new Category({ name: "T" });
    const p = new Product({ name: "Nail", price: 1, category: tools } as never);
    expect(tools.products.length === 1 && tools.products[0] === p).toBe(true);
    expect(() => new Product({ name: "x", price: 1, colour: "red" } as never)).toThrow(/colour.*Product/);
  });

  it("regression: unset nullable columns read undefined after INSERT (now null, as the row)", async () => {
    await using db = SessionLocal();
    const p = new Product({ name: "Bare", price: 1 });
    db.add(p);
    await db.flush();
    expect(p.description).toBeNull();
    expect(p.categoryId).toBeNull();
    expect(p.revisedBy).toBeNull();
    expect(db.isModified(p)).toBe(false);
    await db.rollback();
  });

  it("regression: joinedload of a self-referential collection joined the alias to itself (no children)", async () => {
    await SessionLocal.begin(async (db) => {
      const root = new Category({ name: "root" });
      root.children.push(new Category({ name: "kid" }));
      db.add(root);
    });
    const { joinedload } = await import("../../../src/index.js");
    await using db = SessionLocal();
    const rows = (
      await db.scalars(select(Category).options(joinedload(Category.children), joinedload(Category.parent)))
    ).all();
    const root = rows.find((c) => c.name === "root")!;
    const kid = rows.find((c) => c.name === "kid")!;
    expect(root.children.map(name)).toEqual(["kid"]);
    expect(kid.children).toEqual([]);
    expect(kid.parent).toBe(root);
    expect(root.parent).toBeNull();
  });

  it("regression: joinedload ignored the relationship's orderBy", async () => {
    await SessionLocal.begin(async (db) => {
      const c = new Category({ name: "c" });
      c.products.push(new Product({ name: "first", price: 1 }), new Product({ name: "second", price: 2 }));
      db.add(c);
    });
    const { joinedload } = await import("../../../src/index.js");
    await using db = SessionLocal();
    const c = (
      await db.scalars(select(Category).where(Category.name.eq("c")).options(joinedload(Category.products)))
    ).one();
    expect(c.products.map(name)).toEqual(["first", "second"]); // orderBy Product.id
  });

  it("regression: deleting rows linked through a postUpdate foreign key failed (no UPDATE to NULL first)", async () => {
    await SessionLocal.begin(async (db) => {
      const w = new Widget({ name: "w" });
      const e = new Entry({ title: "e" });
      w.entries.push(e);
      w.favorite = e;
      db.add(w);
    });
    await using db = SessionLocal();
    const w = (await db.scalars(select(Widget).options(selectinload(Widget.entries)))).one();
    const { count } = await counting(tdb.engine, async () => {
      db.delete(w);
      await db.flush();
    });
    expect(count(/^UPDATE/i)).toBe(1);
    await db.commit();
    expect(Number((await db.execute(text("SELECT count(*) FROM entries"))).scalar())).toBe(0);
  });

  it("server-generated keys: Identity() and autoincrement; client-generated UUID keys; composite keys", async () => {
    const { randomUUID } = await import("node:crypto");
    const { Identity, Uuid, PrimaryKeyConstraint } = await import("../../../src/index.js");
    const B = declarativeBase();
    class Ticket extends B.table("k_tickets", {
      id: column(Integer, Identity()).primaryKey(),
      title: column(String(20)),
    }) {}
    class Token extends B.table("k_tokens", {
      id: column(Uuid)
        .primaryKey()
        .default(() => randomUUID()),
      label: column(String(20)),
    }) {}
    class Seat extends B.table(
      "k_seats",
      { row: column(String(2)), num: column(Integer), holder: column(String(20)).nullable() },
      { constraints: [PrimaryKeyConstraint("row", "num")] },
    ) {}
    await B.metadata.createAll(tdb.engine);
    await using db = SessionLocal();
    const tickets = [new Ticket({ title: "a" }), new Ticket({ title: "b" })];
    const token = new Token({ label: "t" });
    const seats = [
      new Seat({ row: "A", num: 1 }),
      new Seat({ row: "A", num: 2 }),
      new Seat({ row: "B", num: 1 }),
    ];
    db.addAll([...tickets, token, ...seats]);
    await db.flush();
    expect(tickets.map((t) => typeof t.id)).toEqual(["number", "number"]);
    expect(tickets[0]!.id).not.toBe(tickets[1]!.id);
    expect(token.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await db.get(Token, token.id)).toBe(token);
    expect(await db.get(Seat, ["A", 2])).toBe(seats[1]);
    expect(await db.get(Seat, { row: "B", num: 1 })).toBe(seats[2]);
    seats[0]!.holder = "Ann";
    db.delete(seats[1]!);
    db.delete(seats[2]!);
    await db.commit();
    db.expungeAll();
    const left = (await db.scalars(select(Seat))).all();
    expect(left.map((x) => [x.row, x.num, x.holder])).toEqual([["A", 1, "Ann"]]);
    expect((await db.get(Seat, ["A", 1]))!.holder).toBe("Ann");
  });
});
