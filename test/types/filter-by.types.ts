/**
 * Type tests (issue 15 A.2): the legacy Query's filterBy() takes column keys of the entity it
 * filters (the queried one, or the last joined one), each with a value of the column's type.
 */
import type { Session } from "../../src/index.js";
import { Comment, Post, User } from "./blog-models.js";

declare const db: Session;

db.query(User).filterBy({ email: "a@b.c" });
db.query(User).filterBy({ id: 1, nickname: null });
db.query(User, Post.title).filterBy({ email: "a@b.c" });
// After a join, filterBy() filters the joined entity (a class or a relationship).
db.query(User).join(Post).filterBy({ title: "t" });
db.query(User).join(User.posts).filterBy({ title: "t" });
db.query(Post).join(Post.comments).filterBy({ body: "b" }).filter(Post.id.gt(1));
db.query(Comment).outerjoin(Comment.author).filterBy({ nickname: null });
// A table filters by its columns.
db.query(User).join(User.__table__).filterBy({ email: "x" });

// @ts-expect-error no such column
db.query(User).filterBy({ nope: 1 });
// @ts-expect-error wrong value type for a string column
db.query(User).filterBy({ email: 1 });
// @ts-expect-error a relationship is not a column
db.query(User).filterBy({ posts: [] });
// @ts-expect-error title is a column of Post, not of the queried User
db.query(User).filterBy({ title: "t" });
// @ts-expect-error after join(Post) the keys are Post's
db.query(User).join(Post).filterBy({ email: "x" });
// @ts-expect-error wrong value type on the joined entity
db.query(User).join(User.posts).filterBy({ title: 3 });
