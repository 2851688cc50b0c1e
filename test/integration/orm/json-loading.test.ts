import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import {
  BigInteger,
  Boolean,
  column,
  DateTime,
  Date as DateType,
  declarativeBase,
  Enum,
  Float,
  ForeignKey,
  Integer,
  Json,
  jsonload,
  LargeBinary,
  LoaderOption,
  Numeric,
  relationship,
  String,
  select,
  sessionmaker,
  Table,
  Text,
  Time,
  Uuid,
} from "../../../src/index.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";
import { clearTables, counting, SELECT } from "../../support/orm-helpers.js";

/**
 * Issue 17 item 1: jsonload() loads relationships inside the parent's query as JSON, and hydrates
 * objects identical to selectinload()'s for every column type, at every level, in one statement.
 */
forEachDatabaseAndPgBouncer("jsonload", (tdb) => {
  const Base = declarativeBase();
  const Status = { draft: "draft", live: "live", gone: "gone" } as const;
  const postTags = new Table("jl_post_tags", Base.metadata, {
    postId: column(Integer, ForeignKey("jl_posts.id")).primaryKey(),
    tagId: column(Integer, ForeignKey("jl_tags.id")).primaryKey(),
  });

  class Author extends Base.table("jl_authors", {
    id: column(Integer).primaryKey(),
    name: column(String(50)),
  }) {
    static posts = relationship(() => Post, { backPopulates: "author", orderBy: () => [Post.id.desc()] });
    declare posts: Post[];
    static profile = relationship(() => Profile, { uselist: false, backPopulates: "author" });
    declare profile: Profile | null;
  }

  class Profile extends Base.table("jl_profiles", {
    id: column(Integer).primaryKey(),
    authorId: column(Integer, ForeignKey("jl_authors.id")),
    bio: column(Text),
  }) {
    static author = relationship(() => Author, { backPopulates: "profile" });
    declare author: Author;
  }

  class Post extends Base.table("jl_posts", {
    id: column(Integer).primaryKey(),
    authorId: column(Integer, ForeignKey("jl_authors.id")),
    title: column(String(100)),
    big: column(BigInteger()).nullable(),
    amount: column(Numeric(20, 4)).nullable(),
    ratio: column(Float()).nullable(),
    body: column(Text).nullable(),
    flag: column(Boolean).nullable(),
    day: column(DateType()).nullable(),
    at: column(DateTime({ timezone: true })).nullable(),
    naive: column(DateTime()).nullable(),
    clock: column(Time()).nullable(),
    data: column(LargeBinary()).nullable(),
    doc: column(Json()).nullable(),
    status: column(Enum(Status, { name: "jl_status" })).nullable(),
    uid: column(Uuid()).nullable(),
  }) {
    static author = relationship(() => Author, { backPopulates: "posts" });
    declare author: Author;
    static comments = relationship(() => Comment, { backPopulates: "post", orderBy: () => [Comment.id] });
    declare comments: Comment[];
    static tags = relationship(() => Tag, { secondary: postTags, orderBy: () => [Tag.name] });
    declare tags: Tag[];
  }

  class Comment extends Base.table("jl_comments", {
    id: column(Integer).primaryKey(),
    postId: column(Integer, ForeignKey("jl_posts.id")),
    text: column(Text),
    at: column(DateTime({ timezone: true })),
  }) {
    static post = relationship(() => Post, { backPopulates: "comments" });
    declare post: Post;
  }

  class Tag extends Base.table("jl_tags", {
    id: column(Integer).primaryKey(),
    name: column(String(20)),
  }) {}

  const SessionLocal = sessionmaker({ bind: undefined as never, expireOnCommit: false });

  beforeAll(async () => {
    await Base.metadata.createAll(tdb.engine);
    SessionLocal.configure({ bind: tdb.engine });
  });
  beforeEach(async () => {
    await clearTables(tdb.engine, Base.metadata);
    await seed();
  });
  afterEach(() => {
    expect(tdb.engine.pool.checkedOut).toBe(0);
  });

  /** ann: 2 posts (every column set, edge values; every column NULL), bob: 1 post, cy: none. */
  async function seed(): Promise<void> {
    await SessionLocal.begin(async (db) => {
      const red = new Tag({ id: 1, name: "red" });
      const blue = new Tag({ id: 2, name: "blue" });
      const ann = new Author({ id: 1, name: "Ann" });
      const bob = new Author({ id: 2, name: "Bob" });
      const cy = new Author({ id: 3, name: "Cy" });
      db.addAll([red, blue, ann, bob, cy, new Profile({ id: 1, authorId: 1, bio: "ann's bio" })]);
      await db.flush();
      db.addAll([
        new Post({
          id: 10,
          authorId: 1,
          title: 'quotes " and \\ backslash, ünïcödé, emoji 🎉, newline\nand tab\t',
          big: 2n ** 53n + 1n,
          amount: "12345678901234.5678",
          ratio: 0.1 + 0.2,
          body: "[1, 2]",
          flag: true,
          day: "2024-02-29",
          at: new globalThis.Date("2024-01-02T03:04:05.123Z"),
          naive: new globalThis.Date("1999-12-31T23:59:59.999Z"),
          clock: "23:59:59.5",
          data: Buffer.from([0, 1, 127, 128, 255, 92, 34]),
          doc: { a: [1, "x", null, true], nested: { n: 1.5 }, s: 'str " with quote' },
          status: "live",
          uid: "0b5e2f4c-1d2a-4c7e-9a55-3f1e2d3c4b5a",
        }),
        new Post({ id: 11, authorId: 1, title: "all null" }),
        new Post({
          id: 12,
          authorId: 2,
          title: "edge",
          big: -(2n ** 62n),
          amount: "0.0100",
          ratio: 1e-7,
          body: "",
          flag: false,
          day: "0999-01-01",
          at: new globalThis.Date("2038-01-19T03:14:08Z"),
          naive: new globalThis.Date("2024-06-01T00:00:00Z"),
          clock: "00:00:00",
          data: Buffer.alloc(0),
          doc: "just a string",
          status: "draft",
          uid: "7f3c9a10-52d4-4b8e-8c1f-6a7b8c9d0e1f",
        }),
      ]);
      await db.flush();
      db.addAll([
        new Comment({
          id: 101,
          postId: 10,
          text: "second",
          at: new globalThis.Date("2024-01-03T00:00:00.5Z"),
        }),
        new Comment({ id: 100, postId: 10, text: "first", at: new globalThis.Date("2024-01-02T00:00:00Z") }),
        new Comment({
          id: 102,
          postId: 12,
          text: "on bob's",
          at: new globalThis.Date("2024-01-04T00:00:00Z"),
        }),
      ]);
      await db.flush();
      const conn = await db.connection();
      await conn.execute(postTags.insert(), [
        { postId: 10, tagId: 1 },
        { postId: 10, tagId: 2 },
        { postId: 12, tagId: 2 },
      ]);
    });
  }

  /** Objects as plain data: every column, and the loaded relationships, recursively. */
  function plain(obj: unknown, depth = 0): unknown {
    if (obj === null || obj === undefined) return obj;
    const o = obj as Record<string, unknown>;
    const cls = obj.constructor as unknown as { __table__: Table<any, any> };
    const out: Record<string, unknown> = { $: cls.__table__.name };
    for (const c of cls.__table__.columns) out[c.key] = o[c.key];
    if (depth < 3)
      for (const key of ["posts", "profile", "comments", "tags", "author", "post"])
        if (key in (cls as object) || Object.hasOwn(cls, key)) {
          let v: unknown;
          try {
            v = o[key];
          } catch {
            continue;
          }
          out[key] = Array.isArray(v) ? v.map((x) => plain(x, depth + 1)) : plain(v, depth + 1);
        }
    return out;
  }

  it("loads every column type exactly as selectinload does, nested two levels, in one statement", async () => {
    /** Authors with posts (their comments and tags) and profiles, all loaded one way, as plain data. */
    const authorsBy = (how: "selectinload" | "jsonload") =>
      SessionLocal.begin(async (db) => {
        const posts = new LoaderOption([])[how](Author.posts);
        const stmt = select(Author)
          .orderBy(Author.id)
          .options(
            posts[how](Post.comments),
            posts[how](Post.tags),
            new LoaderOption([])[how](Author.profile),
          );
        return (await db.scalars(stmt)).all().map((a) => plain(a));
      });
    const bySelectin = await authorsBy("selectinload");
    const { result: byJson, count } = await counting(tdb.engine, () => authorsBy("jsonload"));
    expect(count(SELECT)).toBe(1);
    expect(byJson).toEqual(bySelectin);
    // Not vacuous: the values that JSON would change without exact encoding are there.
    const ann = (byJson as any[])[0];
    expect(ann.posts.map((p: any) => p.id)).toEqual([11, 10]);
    const p10 = ann.posts[1];
    expect(p10.big).toBe(2n ** 53n + 1n);
    // SQLite stores NUMERIC as a double: both loaders read the same rounded value there.
    if (tdb.engine.dialect.supportsNativeDecimal) expect(p10.amount).toBe("12345678901234.5678");
    expect(p10.ratio).toBe(0.1 + 0.2);
    expect(p10.data).toEqual(Buffer.from([0, 1, 127, 128, 255, 92, 34]));
    expect(p10.doc).toEqual({ a: [1, "x", null, true], nested: { n: 1.5 }, s: 'str " with quote' });
    expect(p10.at).toEqual(new globalThis.Date("2024-01-02T03:04:05.123Z"));
    expect(p10.comments.map((c: any) => c.text)).toEqual(["first", "second"]);
    expect(p10.tags.map((t: any) => t.name)).toEqual(["blue", "red"]);
    expect(ann.profile.bio).toBe("ann's bio");
    const bob = (byJson as any[])[1];
    expect(bob.posts[0].doc).toBe("just a string");
    expect(bob.posts[0].data).toEqual(Buffer.alloc(0));
    expect(bob.posts[0].amount).toBe("0.0100");
    expect(bob.profile).toBeNull();
    const cy = (byJson as any[])[2];
    expect(cy.posts).toEqual([]);
    expect(ann.posts[0].comments).toEqual([]);
    expect(ann.posts[0].tags).toEqual([]);
  });

  it("loads a many-to-one, and the parents' LIMIT counts parents", async () => {
    await using db = SessionLocal();
    const { result: posts, count } = await counting(tdb.engine, async () =>
      (await db.scalars(select(Post).orderBy(Post.id).limit(2).options(jsonload(Post.author)))).all(),
    );
    expect(count(SELECT)).toBe(1);
    expect(posts.map((p) => [p.id, p.author.name])).toEqual([
      [10, "Ann"],
      [11, "Ann"],
    ]);
    expect(posts[0]!.author).toBe(posts[1]!.author);
  });

  it("reuses objects already in the session and keeps their pending changes", async () => {
    await using db = sessionmaker({ bind: tdb.engine, autoflush: false })();
    const c100 = (await db.get(Comment, 100))!;
    c100.text = "edited, not flushed";
    expect(db.isModified(c100)).toBe(true);
    const post = (await db.get(Post, 11))!;
    db.expire(post, ["title"]);
    const authors = (
      await db.scalars(
        select(Author).where(Author.id.eq(1)).options(jsonload(Author.posts).jsonload(Post.comments)),
      )
    ).all();
    const [p11, p10] = authors[0]!.posts;
    expect(p11).toBe(post);
    expect(post.title).toBe("all null");
    expect(p10!.comments[0]).toBe(c100);
    expect(c100.text).toBe("edited, not flushed");
    expect(db.isModified(c100)).toBe(true);
  });

  it('lazy: "json" loads by default, and a loaded relationship is kept unless populating', async () => {
    const B = declarativeBase();
    class Parent extends B.table("jl_authors", {
      id: column(Integer).primaryKey(),
      name: column(String(50)),
    }) {
      static posts = relationship(() => Child, { lazy: "json", orderBy: () => [Child.id] });
      declare posts: Child[];
    }
    class Child extends B.table("jl_posts", {
      id: column(Integer).primaryKey(),
      authorId: column(Integer, ForeignKey("jl_authors.id")),
      title: column(String(100)),
    }) {}
    await using db = sessionmaker({ bind: tdb.engine })();
    const { result, count } = await counting(tdb.engine, async () =>
      (await db.scalars(select(Parent).orderBy(Parent.id))).all(),
    );
    expect(count(SELECT)).toBe(1);
    expect(result.map((p) => p.posts.map((c) => c.id))).toEqual([[10, 11], [12], []]);
    const before = result[0]!.posts;
    await db.scalars(select(Parent).orderBy(Parent.id));
    expect(result[0]!.posts).toBe(before);
  });

  it("keeps selectin loads below a JSON load working", async () => {
    await using db = SessionLocal();
    const { result, count } = await counting(tdb.engine, async () =>
      (
        await db.scalars(
          select(Author).orderBy(Author.id).options(jsonload(Author.posts).selectinload(Post.comments)),
        )
      ).all(),
    );
    expect(count(SELECT)).toBe(2);
    expect(result[0]!.posts[1]!.comments.map((c) => c.id)).toEqual([100, 101]);
    expect(result[1]!.posts[0]!.comments.map((c) => c.id)).toEqual([102]);
  });
});
