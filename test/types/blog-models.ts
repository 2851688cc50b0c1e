/**
 * Models shared by the type tests of issue 15 part A (filterBy, loader options, constructors):
 * users write posts, posts have comments, comments have an author.
 */
import {
  column,
  declarativeBase,
  ForeignKey,
  Integer,
  relationship,
  Text,
  VARCHAR,
} from "../../src/index.js";

const Base = declarativeBase();

export class User extends Base.table("tb_users", {
  id: column(Integer).primaryKey(),
  email: column(VARCHAR(100)),
  nickname: column(VARCHAR(50)).nullable(),
}) {
  static posts = relationship(() => Post, { backPopulates: "author" });
  static comments = relationship(() => Comment, { backPopulates: "author" });
  declare posts: Post[];
  declare comments: Comment[];
}

export class Post extends Base.table("tb_posts", {
  id: column(Integer).primaryKey(),
  authorId: column(Integer, ForeignKey("tb_users.id")),
  title: column(VARCHAR(200)),
}) {
  static author = relationship(() => User, { backPopulates: "posts" });
  static comments = relationship(() => Comment, { backPopulates: "post" });
  declare author: User;
  declare comments: Comment[];
}

export class Comment extends Base.table("tb_comments", {
  id: column(Integer).primaryKey(),
  postId: column(Integer, ForeignKey("tb_posts.id")),
  authorId: column(Integer, ForeignKey("tb_users.id")).nullable(),
  body: column(Text),
}) {
  static post = relationship(() => Post, { backPopulates: "comments" });
  static author = relationship(() => User, { backPopulates: "comments" });
  declare post: Post;
  declare author: User | null;
}
