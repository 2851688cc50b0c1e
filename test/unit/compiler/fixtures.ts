import {
  Boolean,
  column,
  DateTime,
  ForeignKey,
  Integer,
  MetaData,
  Numeric,
  String,
  Table,
  Text,
} from "../../../src/index.js";

/**
 * The schema most compiler tests select from. Keys are camelCase and column names snake_case
 * (as declarative models name them), so the SQL needs no quoting; quoting has its own tests.
 */
export const metadata = new MetaData({ columnNaming: "snake_case" });

export const users = new Table("users", metadata, {
  id: column(Integer).primaryKey(),
  name: column(String(50)),
  email: column(String(100)).nullable(),
  active: column(Boolean),
  age: column(Integer).nullable(),
  managerId: column(Integer, ForeignKey("users.id")).nullable(),
  createdAt: column(DateTime()).nullable(),
});

export const posts = new Table("posts", metadata, {
  id: column(Integer).primaryKey(),
  userId: column(Integer, ForeignKey("users.id")),
  title: column(String(200)),
  score: column(Integer),
  price: column(Numeric(10, 2)).nullable(),
  body: column(Text).nullable(),
});

/** Two foreign keys to users: joining comments to users needs an explicit ON clause. */
export const comments = new Table("comments", metadata, {
  id: column(Integer).primaryKey(),
  postId: column(Integer, ForeignKey("posts.id")),
  authorId: column(Integer, ForeignKey("users.id")),
  editorId: column(Integer, ForeignKey("users.id")).nullable(),
  body: column(Text),
});

/** No foreign key to anything. */
export const tags = new Table("tags", metadata, {
  id: column(Integer).primaryKey(),
  name: column(String(30)),
});

export const u = users.c;
export const p = posts.c;
export const c = comments.c;
