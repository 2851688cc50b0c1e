import { describe, expect, it } from "vitest";
import { CompileError, DataError } from "../../../src/errors.js";
import {
  BigInteger,
  Boolean,
  column,
  DateTime,
  declarativeBase,
  ForeignKey,
  Integer,
  Json,
  jsonload,
  LargeBinary,
  Numeric,
  relationship,
  String,
  select,
} from "../../../src/index.js";
import { planOrmSelect } from "../../../src/orm/loading/plan.js";
import { JsonRow, JsonRowsAggregate } from "../../../src/sql/json-rows.js";
import type { Select } from "../../../src/sql/select.js";
import { compile, type Dialects, dialects, mariaDbDialect } from "./helpers.js";

const Base = declarativeBase();

class Author extends Base.table("authors", {
  id: column(Integer).primaryKey(),
  name: column(String(50)),
}) {
  static posts = relationship(() => Post, { orderBy: () => [Post.id.desc()] });
  declare posts: Post[];
  static drafts = relationship(() => Post, { viewonly: true });
  declare drafts: Post[];
}

class Post extends Base.table("posts", {
  id: column(Integer).primaryKey(),
  authorId: column(Integer, ForeignKey("authors.id")),
  amount: column(Numeric(10, 2)),
  big: column(BigInteger()),
  at: column(DateTime({ timezone: true })),
  data: column(LargeBinary()).nullable(),
  doc: column(Json()).nullable(),
  flag: column(Boolean),
}) {
  static author = relationship(() => Author);
  declare author: Author;
  static comments = relationship(() => Comment);
  declare comments: Comment[];
}

class Comment extends Base.table("comments", {
  id: column(Integer).primaryKey(),
  postId: column(Integer, ForeignKey("posts.id")),
  body: column(String(200)),
}) {}

function sqlOf(dialect: Dialects[keyof Dialects], stmt: Select<any>): string {
  return compile(dialect, planOrmSelect(stmt).core).sql;
}

/** The exact SQL of JSON eager loading (jsonload) per dialect, without a database. */
describe("jsonload SQL", () => {
  const nested = select(Author)
    .orderBy(Author.id)
    .limit(10)
    .options(jsonload(Author.drafts).jsonload(Post.comments));

  it("PostgreSQL: json_agg of json_build_array rows in a correlated subquery; exact text for numeric, int8, timestamps, json", () => {
    expect(sqlOf(dialects.pg, nested)).toBe(
      "SELECT authors.id, authors.name, (SELECT json_agg(json_build_array(posts_1.id, posts_1.author_id, posts_1.amount::text, posts_1.big::text, posts_1.at::text, posts_1.data, posts_1.doc::text, posts_1.flag, (SELECT json_agg(json_build_array(comments_1.id, comments_1.post_id, comments_1.body)) FROM comments AS comments_1 WHERE posts_1.id = comments_1.post_id))) FROM posts AS posts_1 WHERE authors.id = posts_1.author_id) FROM authors ORDER BY authors.id LIMIT $1",
    );
  });

  it("SQLite: json_group_array of json_array rows; bytes as hex, 64-bit integers as text", () => {
    expect(sqlOf(dialects.sqlite, nested)).toBe(
      "SELECT authors.id, authors.name, (SELECT json_group_array(json_array(posts_1.id, posts_1.author_id, posts_1.amount, CAST(posts_1.big AS TEXT), posts_1.at, CASE WHEN posts_1.data IS NULL THEN NULL ELSE hex(posts_1.data) END, posts_1.doc, posts_1.flag, (SELECT json_group_array(json_array(comments_1.id, comments_1.post_id, comments_1.body)) FROM comments AS comments_1 WHERE posts_1.id = comments_1.post_id))) FROM posts AS posts_1 WHERE authors.id = posts_1.author_id) FROM authors ORDER BY authors.id LIMIT ?",
    );
  });

  it("MySQL: JSON_ARRAYAGG of JSON_ARRAY rows; decimals, dates and JSON as text, bytes as HEX", () => {
    expect(sqlOf(dialects.mysql, nested)).toBe(
      "SELECT authors.id, authors.name, (SELECT JSON_ARRAYAGG(JSON_ARRAY(posts_1.id, posts_1.author_id, CAST(posts_1.amount AS CHAR), CAST(posts_1.big AS CHAR), CAST(posts_1.at AS CHAR), HEX(posts_1.data), CAST(posts_1.doc AS CHAR), posts_1.flag, (SELECT JSON_ARRAYAGG(JSON_ARRAY(comments_1.id, comments_1.post_id, comments_1.body)) FROM comments AS comments_1 WHERE posts_1.id = comments_1.post_id))) FROM posts AS posts_1 WHERE authors.id = posts_1.author_id) FROM authors ORDER BY authors.id LIMIT ?",
    );
  });

  const ordered = select(Post).options(jsonload(Post.author), jsonload(Post.comments)).where(Post.id.eq(1));
  const orderedAuthors = select(Author).options(jsonload(Author.posts));

  it("a relationship's orderBy orders inside the aggregate (PostgreSQL, SQLite, MariaDB)", () => {
    expect(sqlOf(dialects.pg, orderedAuthors)).toContain(
      "FROM posts AS posts_1 WHERE authors.id = posts_1.author_id) FROM authors",
    );
    expect(sqlOf(dialects.pg, orderedAuthors)).toContain("posts_1.flag) ORDER BY posts_1.id DESC)");
    expect(sqlOf(dialects.sqlite, orderedAuthors)).toContain("posts_1.flag) ORDER BY posts_1.id DESC)");
    expect(sqlOf(mariaDbDialect(), orderedAuthors)).toContain("posts_1.flag) ORDER BY posts_1.id DESC)");
  });

  it("MySQL cannot order inside JSON_ARRAYAGG: an error names the fix", () => {
    expect(() => sqlOf(dialects.mysql, orderedAuthors)).toThrow(CompileError);
    expect(() => sqlOf(dialects.mysql, orderedAuthors)).toThrow(
      /use selectinload\(\) for this relationship on MySQL/,
    );
  });

  it("a many-to-one is an aggregate of at most one row, correlated on the foreign key", () => {
    expect(sqlOf(dialects.pg, ordered)).toBe(
      "SELECT posts.id, posts.author_id, posts.amount, posts.big, posts.at, posts.data, posts.doc, posts.flag, (SELECT json_agg(json_build_array(authors_1.id, authors_1.name)) FROM authors AS authors_1 WHERE authors_1.id = posts.author_id), (SELECT json_agg(json_build_array(comments_1.id, comments_1.post_id, comments_1.body)) FROM comments AS comments_1 WHERE posts.id = comments_1.post_id) FROM posts WHERE posts.id = $1",
    );
  });

  it("the JSON loads are part of the statement's cache key", () => {
    const a = dialects.pg.prepare(planOrmSelect(select(Post).options(jsonload(Post.author))).core);
    const b = dialects.pg.prepare(planOrmSelect(select(Post).options(jsonload(Post.comments))).core);
    expect(a.compiled.sql).not.toBe(b.compiled.sql);
  });

  it("decodes each value as its column would read, and a cut-off JSON text raises an error naming the fix", () => {
    const agg = new JsonRowsAggregate(
      new JsonRow([Post.__table__.c.amount, Post.__table__.c.big, Post.__table__.c.at]),
    );
    const pg = agg.type.resultProcessor(dialects.pg)!;
    expect(pg('[["1.50", "9007199254740993", "2024-01-02 03:04:05.123+00"]]')).toEqual([
      ["1.50", 9007199254740993n, new Date("2024-01-02T03:04:05.123Z")],
    ]);
    const maria = agg.type.resultProcessor(mariaDbDialect())!;
    expect(() => maria('[["1.50", "7", "2024-01-02 03:04:05.123000"], ["2.')).toThrow(DataError);
    expect(() => maria('[["1.50", "7", "2024-01-02 03:04:05.123000"], ["2.')).toThrow(
      /group_concat_max_len.*selectinload\(\)/,
    );
  });
});
