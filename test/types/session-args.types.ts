/**
 * Type tests (issue 15, A.4 and A.9): the Session's object methods take mapped instances, load()
 * takes a relationship key, refresh() and expire() take attribute names of the object.
 */
import { expectTypeOf } from "vitest";
import {
  BOOLEAN,
  column,
  declarativeBase,
  ForeignKey,
  Integer,
  relationship,
  type Session,
  text,
  VARCHAR,
} from "../../src/index.js";

const Base = declarativeBase();

class Author extends Base.table("sa_authors", {
  id: column(Integer).primaryKey(),
  email: column(VARCHAR(100)),
  active: column(BOOLEAN).default(true),
}) {
  static posts = relationship(() => Post, { backPopulates: "author" });
  declare posts: Post[];
  greeting(): string {
    return `hi ${this.email}`;
  }
}

class Post extends Base.table("sa_posts", {
  id: column(Integer).primaryKey(),
  authorId: column(Integer, ForeignKey("sa_authors.id")).nullable(),
  title: column(VARCHAR(200)),
}) {
  static author = relationship(() => Author, { backPopulates: "posts" });
  declare author: Author | null;
}

declare const db: Session;
declare const author: Author;
declare const post: Post;

db.add(author);
db.addAll([author, post]);
db.delete(post);
db.expunge(author);
await db.load(author, "posts");
await db.load(post, "author");
await db.refresh(author);
await db.refresh(author, ["email", "posts"]);
db.expire(post, ["title", "author"]);
db.isModified(author);
const merged: Post = await db.merge(post);
void merged;

// @ts-expect-error a plain object is not a mapped instance
db.add({ x: 1 });
// @ts-expect-error a Date is not a mapped instance
db.delete(new Date());
// @ts-expect-error a column is not a relationship
await db.load(author, "email");
// @ts-expect-error a method is not a relationship
await db.load(author, "greeting");
// @ts-expect-error no such attribute
await db.refresh(author, ["nope"]);
// @ts-expect-error no such attribute
db.expire(post, ["nope"]);

// Legacy Query's bulk UPDATE: values by column key of the queried entity, typed (issue 15 A.2).
await db.query(Post).filter(Post.id.eq(1)).update({ title: "new" });
await db.query(Author).update({ active: false, email: Author.email.concat("!") });
// @ts-expect-error no such column
await db.query(Post).update({ nope: 1 });
// @ts-expect-error wrong value type
await db.query(Author).update({ email: 1 });

// get() / getOne() take the model's primary key (issue 15 A.3).
class Membership extends Base.table("sa_memberships", {
  authorId: column(Integer).primaryKey({ autoincrement: false }),
  groupCode: column(VARCHAR(10)).primaryKey(),
  role: column(VARCHAR(20)),
}) {}

await db.get(Author, 1);
await db.get(Author, [1]);
await db.get(Author, { id: 1 });
await db.getOne(Post, 2);
await db.get(Membership, { authorId: 1, groupCode: "a" });
await db.get(Membership, [1, "a"]);
// @ts-expect-error an integer key given a string
await db.get(Author, "abc");
// @ts-expect-error an integer key given a string, in getOne
await db.getOne(Post, "2");
// @ts-expect-error a composite key needs every column
await db.get(Membership, { authorId: 1 });
// @ts-expect-error a composite key is not one value
await db.get(Membership, 1);

// Untyped statements give unknown values, to be narrowed (issue 15).
const rawRow = (await db.execute(text("SELECT email FROM sa_authors"))).one();
expectTypeOf(rawRow.email).toEqualTypeOf<unknown>();
expectTypeOf(await db.scalar(text("SELECT count(*) FROM sa_authors"))).toEqualTypeOf<unknown>();
expectTypeOf((await db.scalars(text("SELECT email FROM sa_authors"))).all()).toEqualTypeOf<unknown[]>();
// @ts-expect-error an unknown value is not a string until narrowed
rawRow.email.toUpperCase();
