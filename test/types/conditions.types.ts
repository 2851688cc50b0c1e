/**
 * Type tests (issue 15, A.5): WHERE, HAVING, ON-like filters, and_/or_/not_ take boolean SQL
 * expressions only. A bare column, a number or a string expression is a type error.
 */
import {
  and_,
  BOOLEAN,
  column,
  declarativeBase,
  delete_,
  exists,
  func,
  Integer,
  not_,
  or_,
  type Session,
  select,
  update,
  VARCHAR,
} from "../../src/index.js";

const Base = declarativeBase();

class User extends Base.table("cond_users", {
  id: column(Integer).primaryKey(),
  email: column(VARCHAR(100)),
  isActive: column(BOOLEAN).default(true),
  verified: column(BOOLEAN).nullable(),
}) {}

declare const db: Session;

// Conditions that are boolean expressions.
select(User).where(User.email.eq("a"), User.isActive, User.verified, User.id.gt(3));
select(User).where(and_(User.email.like("a%"), or_(User.isActive.is(true), not_(User.verified))));
select(User).where(exists().where(User.id.eq(1)));
select(User.email, func.count(User.id).label("n")).groupBy(User.email).having(func.count(User.id).gt(1));
update(User.__table__).where(User.id.eq(1)).values({ email: "b" });
delete_(User.__table__).where(User.isActive.is(false));
db.query(User).filter(User.email.eq("a")).where(User.isActive);
select(func.count(User.id).filter(User.isActive));

// Non-boolean expressions are refused.
// @ts-expect-error a string column is not a condition
select(User).where(User.email);
// @ts-expect-error an integer column is not a condition
select(User).filter(User.id);
// @ts-expect-error not a condition inside and_()
select(User).where(and_(User.email));
// @ts-expect-error not a condition inside or_()
or_(User.id, User.isActive);
// @ts-expect-error not_() of a string
not_(User.email);
// @ts-expect-error HAVING a number
select(User.email).groupBy(User.email).having(func.count(User.id));
// @ts-expect-error Query.filter with a column
db.query(User).filter(User.email);
// @ts-expect-error UPDATE ... WHERE a column
update(User.__table__).where(User.email);
// @ts-expect-error DELETE ... WHERE a column
delete_(User.__table__).where(User.id);
// @ts-expect-error aggregate FILTER with a number
func.count(User.id).filter(User.id);

// ON clauses and relationship criteria are conditions too.
import { User as Author, Comment, Post } from "./blog-models.js";

select(Post).join(Author, Post.authorId.eq(Author.id));
select(Post).outerjoin(Comment, and_(Comment.postId.eq(Post.id), Comment.body.like("%x%")));
db.query(Post).join(Author, Author.id.eq(Post.authorId)).filterBy({ email: "a" });
select(Author).where(Author.posts.any(Post.title.like("A%")), Author.posts.any());
select(Post).where(Post.author.has(Author.email.eq("a")));
// @ts-expect-error an ON clause must be a boolean expression, not a column
select(Post).join(Author, Author.id);
// @ts-expect-error an ON clause must be a boolean expression
db.query(Post).outerjoin(Comment, Comment.body);
// @ts-expect-error any() takes a condition
select(Author).where(Author.posts.any(Post.title));
// @ts-expect-error has() takes a condition
select(Post).where(Post.author.has(Author.email.concat("x")));
