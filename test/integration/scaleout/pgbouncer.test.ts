import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import {
  column,
  createEngine,
  DatabaseError,
  declarativeBase,
  type Engine,
  type EngineOptions,
  ForeignKey,
  func,
  Integer,
  insert,
  relationship,
  StatementCancelledError,
  select,
  selectinload,
  sessionmaker,
  Text,
  text,
} from "../../../src/index.js";
import { driverFlags, type Provisioned, provision } from "../../support/databases.js";
import { describeScaleout, sameDatabase } from "./support.js";

const Base = declarativeBase();
class Author extends Base.table("authors", {
  id: column(Integer).primaryKey(),
  name: column(Text),
}) {
  static books = relationship(() => Book, { backPopulates: "author", cascade: "all, delete-orphan" });
  declare books: Book[];
}
class Book extends Base.table("books", {
  id: column(Integer).primaryKey(),
  authorId: column(Integer, ForeignKey("authors.id")),
  title: column(Text),
  copies: column(Integer).default(0),
}) {
  static author = relationship(() => Author, { backPopulates: "books" });
  declare author: Author;
}

describeScaleout("PgBouncer 1.18 in transaction pooling mode", (servers) => {
  let db: Provisioned;
  let bouncerUrl: string;
  const engines: Engine[] = [];
  const through = (options: EngineOptions = {}) => {
    const e = createEngine(bouncerUrl, options);
    engines.push(e);
    return e;
  };

  beforeAll(async () => {
    db = await provision("postgresql", {});
    bouncerUrl = sameDatabase(db.url, servers.pgbouncer);
    const direct = createEngine(db.url);
    await Base.metadata.createAll(direct);
    // A database whose default zone is not UTC: the session zone must come from Athanor.
    const name = bouncerUrl.slice(bouncerUrl.lastIndexOf("/") + 1);
    await direct.begin(async (c) =>
      c.executeDriverSql(`ALTER DATABASE ${name} SET timezone TO 'America/New_York'`),
    );
    await direct.dispose();
  });
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.dispose();
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  it("is detected (a cancel key that is not the backend's pid) and named statements are then off", async () => {
    expect(await driverFlags(through())).toEqual({ behindPooler: true, namedStatements: false });
    expect(await driverFlags(through({ preparedStatements: true }))).toEqual({
      behindPooler: true,
      namedStatements: true,
    });
    const direct = createEngine(db.url);
    engines.push(direct);
    expect(await driverFlags(direct)).toEqual({ behindPooler: false, namedStatements: true });
  });

  it("keeps sessions in UTC although PgBouncer drops the TimeZone startup option", async () => {
    const engine = through({ poolSize: 2 });
    for (let i = 0; i < 4; i++) {
      await using conn = await engine.connect();
      expect(await conn.scalar(select(func.current_setting("TimeZone")))).toBe("UTC");
      await conn.commit();
      await conn.begin();
      expect(await conn.scalar(select(func.current_setting("TimeZone")))).toBe("UTC");
      await conn.commit();
    }
  });

  for (const preparedStatements of [undefined, false] as const) {
    it(`runs the ORM through it: sessions, transactions, savepoints, eager loads, concurrency (preparedStatements: ${preparedStatements ?? "detected"})`, async () => {
      const engine = through({ poolSize: 8, preparedStatements });
      const SessionLocal = sessionmaker({ bind: engine });
      const tasks = 24;
      const rounds = 5;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: tasks }, async (_, t) => {
          const id = (preparedStatements === false ? 1000 : 0) + t + 1;
          await SessionLocal.begin(async (s) => {
            const author = new Author({ id, name: `author ${id}` });
            author.books.push(new Book({ title: `first of ${id}` }));
            s.add(author);
          });
          for (let r = 0; r < rounds; r++) {
            await using s = SessionLocal();
            const author = (
              await s.scalars(select(Author).where(Author.id.eq(id)).options(selectinload(Author.books)))
            ).one();
            author.books.push(new Book({ title: `book ${r}`, copies: r }));
            const sp = await s.beginNested();
            author.name = "rolled back";
            await s.flush();
            await sp.rollback();
            await s.commit();
            expect(await s.scalar(select(func.count()).selectFrom(Book).where(Book.authorId.eq(id)))).toBe(
              r + 2,
            );
            expect((await s.get(Author, id))?.name).toBe(`author ${id}`);
          }
        }),
      );
      expect(performance.now() - started).toBeLessThan(30_000);
      await using s = SessionLocal();
      const low = preparedStatements === false ? 1000 : 0;
      const total = await s.scalar(
        select(func.sum(Book.copies)).where(Book.authorId.gt(low), Book.authorId.le(low + tasks)),
      );
      expect(Number(total)).toBe(tasks * ((rounds * (rounds - 1)) / 2));
    });
  }

  it("runs Core through it: engine.begin, executemany, text, streaming", async () => {
    const engine = through({ poolSize: 4 });
    await engine.begin(async (c) => {
      await c.execute(insert(Author), [
        { id: 500, name: "core a" },
        { id: 501, name: "core b" },
      ]);
      await c.execute(text("UPDATE authors SET name = :n WHERE id = :id"), { n: "core c", id: 501 });
    });
    await using conn = await engine.connect();
    const names = (
      await conn.execute(
        select(Author.name)
          .where(Author.id.in([500, 501]))
          .orderBy(Author.id),
      )
    )
      .scalars()
      .all();
    expect(names).toEqual(["core a", "core c"]);
    await conn.commit();
    await conn.begin();
    const streamed: string[] = [];
    for await (const row of await conn.stream(
      select(Author.name).where(Author.id.in([500, 501])),
      undefined,
      {
        yieldPer: 1,
      },
    ))
      streamed.push(row[0] as string);
    await conn.commit();
    expect(streamed.sort()).toEqual(["core a", "core c"]);
  });

  it("cancels a statement through it (PgBouncer forwards the cancel request)", async () => {
    const engine = through({ poolSize: 1 });
    await using conn = await engine.connect();
    await expect(
      conn.execute(text("SELECT pg_sleep(5)"), undefined, { timeout: 200 }),
    ).rejects.toBeInstanceOf(StatementCancelledError);
    await conn.rollback();
    expect(await conn.scalar(select(func.count()).selectFrom(Author))).toBeGreaterThanOrEqual(0);
  });

  it("with preparedStatements: true named statements work within one transaction (PgBouncer keeps its server connection)", async () => {
    const named = through({ preparedStatements: true, poolSize: 2 });
    // One statement each: had PgBouncer moved a transaction to the other's server connection,
    // its statement would not exist there.
    const queryOfA = select(Book.title).where(Book.id.eq(-1));
    const queryOfB = select(Book.copies).where(Book.authorId.eq(-1));
    await using a = await named.connect();
    await using b = await named.connect();
    // A write first: BEGIN goes out, and each connection holds one server connection to COMMIT.
    for (const [conn, id] of [
      [a, 900],
      [b, 901],
    ] as const)
      await conn.execute(insert(Author).values({ id, name: `pinned ${id}` }));
    expect(await driverFlags(named)).toEqual({ behindPooler: true, namedStatements: true });
    for (let i = 0; i < 5; i++) {
      expect((await a.execute(queryOfA)).all()).toEqual([]);
      expect((await b.execute(queryOfB)).all()).toEqual([]);
    }
    await a.rollback();
    await b.rollback();
  });

  it("with preparedStatements: true a statement prepared on another server connection fails with an error that names the fix", async () => {
    const named = through({ preparedStatements: true, poolSize: 2 });
    const query = select(Author.name).where(Author.id.eq(1));
    await using a = await named.connect();
    await using b = await named.connect();
    // a prepares the statement on a server connection, which PgBouncer then hands to b: b's
    // Parse of the same name meets a's statement there (or a later run meets none).
    let failure: unknown = null;
    try {
      for (let i = 0; i < 5; i++) {
        await a.execute(query);
        await b.execute(query);
      }
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(DatabaseError);
    expect(String((failure as Error).message)).toMatch(
      /prepared statement "athanor_\d+" (already exists|does not exist)/,
    );
    expect(String((failure as Error).message)).toMatch(/preparedStatements: false/);
  });
});
