import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  Boolean,
  CompileError,
  column,
  DateTime,
  delete_,
  func,
  Integer,
  insert,
  literal,
  MetaData,
  String,
  select,
  Table,
  update,
} from "../../../src/index.js";
import { c, comments, p, posts, tags, u, users } from "./fixtures.js";
import { compile, dialects, expectLiteral, expectSql, mariaDbDialect, raises } from "./helpers.js";

let ticket = 0;
const md = new MetaData({ columnNaming: "snake_case" });
/** Client-side defaults of every kind: scalar, callable (called per row), SQL expression. */
const tickets = new Table("tickets", md, {
  id: column(Integer).primaryKey(),
  title: column(String(100)),
  open: column(Boolean).default(true),
  code: column(String(20)).default(() => `T-${++ticket}`),
  createdAt: column(DateTime()).default(func.now()),
  version: column(Integer)
    .default(1)
    .onUpdate(() => 2),
  updatedAt: column(DateTime()).nullable().onUpdate(func.now()),
});
const t = tickets.c;

const maria = { mysql: mariaDbDialect() };

describe("INSERT", () => {
  it("one row", () => {
    expectSql(insert(tags).values({ id: 1, name: "a" }), {
      pg: ["INSERT INTO tags (id, name) VALUES ($1, $2)", [1, "a"]],
      sqlite: ["INSERT INTO tags (id, name) VALUES (?, ?)", [1, "a"]],
      mysql: ["INSERT INTO tags (id, name) VALUES (?, ?)", [1, "a"]],
    });
  });

  it("many rows: a multi-row VALUES, values in row order", () => {
    expectSql(insert(tags).values([{ name: "a" }, { name: "b" }, { name: "c" }]), {
      pg: ["INSERT INTO tags (name) VALUES ($1), ($2), ($3)", ["a", "b", "c"]],
      sqlite: ["INSERT INTO tags (name) VALUES (?), (?), (?)", ["a", "b", "c"]],
      mysql: ["INSERT INTO tags (name) VALUES (?), (?), (?)", ["a", "b", "c"]],
    });
  });

  it("rows naming different columns are refused", () => {
    expect(() => insert(tags).values([{ name: "a" }, { id: 2, name: "b" }])).toThrow(ArgumentError);
    expect(() => insert(tags).values({ nope: 1 } as never)).toThrow(/no column with key 'nope'/);
  });

  it("values are converted by the column type (booleans as 1/0 without a boolean type)", () => {
    expectSql(insert(users).values({ name: "ann", active: false, managerId: null }), {
      pg: ["INSERT INTO users (name, active, manager_id) VALUES ($1, $2, $3)", ["ann", false, null]],
      sqlite: ["INSERT INTO users (name, active, manager_id) VALUES (?, ?, ?)", ["ann", 0, null]],
      mysql: ["INSERT INTO users (name, active, manager_id) VALUES (?, ?, ?)", ["ann", 0, null]],
    });
  });

  it("a SQL expression as a value", () => {
    const best = select(func.max(u.age)).scalarSubquery();
    expectSql(insert(posts).values({ userId: 1, title: func.upper(literal("x")), score: best as never }), {
      pg: [
        "INSERT INTO posts (user_id, title, score) VALUES ($1, upper($2), (SELECT max(users.age) FROM users))",
        [1, "x"],
      ],
      sqlite: [
        "INSERT INTO posts (user_id, title, score) VALUES (?, upper(?), (SELECT max(users.age) FROM users))",
        [1, "x"],
      ],
      mysql: [
        "INSERT INTO posts (user_id, title, score) VALUES (?, upper(?), (SELECT max(users.age) FROM users))",
        [1, "x"],
      ],
    });
  });

  it("an empty insert: DEFAULT VALUES, () VALUES () on MySQL", () => {
    expectSql(insert(tags), {
      pg: "INSERT INTO tags DEFAULT VALUES",
      sqlite: "INSERT INTO tags DEFAULT VALUES",
      mysql: "INSERT INTO tags () VALUES ()",
    });
  });

  it("from a SELECT", () => {
    expectSql(insert(tags).fromSelect(["name"], select(u.name).where(u.age.gt(90))), {
      pg: ["INSERT INTO tags (name) SELECT users.name FROM users WHERE users.age > $1", [90]],
      sqlite: ["INSERT INTO tags (name) SELECT users.name FROM users WHERE users.age > ?", [90]],
      mysql: ["INSERT INTO tags (name) SELECT users.name FROM users WHERE users.age > ?", [90]],
    });
    expectSql(insert(tags).fromSelect([tags.c.id, tags.c.name], select(u.id, u.name.concat("!"))), {
      pg: ["INSERT INTO tags (id, name) SELECT users.id, users.name || $1 AS anon_1 FROM users", ["!"]],
      sqlite: ["INSERT INTO tags (id, name) SELECT users.id, users.name || ? AS anon_1 FROM users", ["!"]],
      mysql: [
        "INSERT INTO tags (id, name) SELECT users.id, concat(users.name, ?) AS anon_1 FROM users",
        ["!"],
      ],
    });
  });

  it("RETURNING (PostgreSQL, SQLite; MariaDB once connected; not MySQL)", () => {
    const stmt = insert(tags).values({ name: "a" }).returning(tags.c.id, tags.c.name.label("tag"));
    expectSql(stmt, {
      pg: ["INSERT INTO tags (name) VALUES ($1) RETURNING id, name AS tag", ["a"]],
      sqlite: ["INSERT INTO tags (name) VALUES (?) RETURNING id, name AS tag", ["a"]],
      mysql: raises(CompileError, /INSERT \.\.\. RETURNING is not supported by mysql.*supportsReturning/),
    });
    expectSql(
      stmt,
      { mysql: ["INSERT INTO tags (name) VALUES (?) RETURNING id, name AS tag", ["a"]] },
      { dialects: maria },
    );
    expectSql(insert(tags).values({ name: "a" }).returning(tags), {
      pg: ["INSERT INTO tags (name) VALUES ($1) RETURNING id, name", ["a"]],
      sqlite: ["INSERT INTO tags (name) VALUES (?) RETURNING id, name", ["a"]],
    });
  });
});

describe("upserts", () => {
  const ins = insert(tags).values({ id: 1, name: "a" });

  it("onConflictDoNothing, with or without a target (PostgreSQL, SQLite; not MySQL)", () => {
    expectSql(ins.onConflictDoNothing(), {
      pg: ["INSERT INTO tags (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING", [1, "a"]],
      sqlite: ["INSERT INTO tags (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING", [1, "a"]],
      mysql: raises(CompileError, /ON CONFLICT is not supported by MySQL.*onDuplicateKeyUpdate/),
    });
    expectSql(ins.onConflictDoNothing({ target: [tags.c.id] }), {
      pg: ["INSERT INTO tags (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING", [1, "a"]],
      sqlite: ["INSERT INTO tags (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", [1, "a"]],
    });
  });

  it("onConflictDoUpdate with excluded, a WHERE, and a partial-index target", () => {
    expectSql(ins.onConflictDoUpdate({ target: [tags.c.id], set: { name: ins.excluded.name } }), {
      pg: [
        "INSERT INTO tags (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
        [1, "a"],
      ],
      sqlite: [
        "INSERT INTO tags (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
        [1, "a"],
      ],
      mysql: raises(CompileError),
    });
    const upd = ins.onConflictDoUpdate({
      target: [tags.c.name],
      indexWhere: tags.c.id.gt(0),
      set: { name: ins.excluded.name.concat(tags.c.name) },
      where: tags.c.name.ne(ins.excluded.name),
    });
    expectSql(upd, {
      pg: [
        "INSERT INTO tags (id, name) VALUES ($1, $2) ON CONFLICT (name) WHERE id > $3 DO UPDATE SET name = excluded.name || tags.name WHERE tags.name != excluded.name",
        [1, "a", 0],
      ],
      sqlite: [
        "INSERT INTO tags (id, name) VALUES (?, ?) ON CONFLICT (name) WHERE id > ? DO UPDATE SET name = excluded.name || tags.name WHERE tags.name != excluded.name",
        [1, "a", 0],
      ],
    });
  });

  it("ON CONFLICT ON CONSTRAINT is PostgreSQL-only", () => {
    expectSql(ins.onConflictDoUpdate({ target: "tags_pkey", set: { name: "z" } }), {
      pg: [
        "INSERT INTO tags (id, name) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT tags_pkey DO UPDATE SET name = $3",
        [1, "a", "z"],
      ],
      sqlite: raises(CompileError, /ON CONFLICT ON CONSTRAINT is PostgreSQL-only/),
      mysql: raises(CompileError),
    });
  });

  it("onConflictDoUpdate needs a target", () => {
    const noTarget = ins.onConflictDoUpdate({ target: undefined as never, set: { name: "z" } });
    expectSql(noTarget, { pg: raises(CompileError, /needs a conflict target/) });
  });

  it("INSERT ... SELECT ... ON CONFLICT: SQLite needs a WHERE in the SELECT", () => {
    const stmt = insert(tags)
      .fromSelect(["id", "name"], select(u.id, u.name))
      .onConflictDoNothing({ target: [tags.c.id] });
    expectSql(stmt, {
      pg: "INSERT INTO tags (id, name) SELECT users.id, users.name FROM users ON CONFLICT (id) DO NOTHING",
      sqlite:
        "INSERT INTO tags (id, name) SELECT users.id, users.name FROM users WHERE 1 ON CONFLICT (id) DO NOTHING",
    });
  });

  it("onDuplicateKeyUpdate: MySQL-only, VALUES(col) for the proposed row", () => {
    expectSql(ins.onDuplicateKeyUpdate({ name: ins.inserted.name }), {
      pg: raises(CompileError, /ON DUPLICATE KEY UPDATE is MySQL-only.*onConflictDoUpdate/),
      sqlite: raises(CompileError, /ON DUPLICATE KEY UPDATE is MySQL-only/),
      mysql: [
        "INSERT INTO tags (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name)",
        [1, "a"],
      ],
    });
    expectSql(ins.onDuplicateKeyUpdate({ name: tags.c.name.concat("+") }), {
      mysql: [
        "INSERT INTO tags (id, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE name = concat(tags.name, ?)",
        [1, "a", "+"],
      ],
    });
  });
});

describe("client-side defaults", () => {
  it("INSERT adds columns with defaults: scalars and callables as parameters, SQL expressions inline", () => {
    const before = ticket;
    expectSql(insert(tickets).values({ title: "x" }), {
      pg: [
        "INSERT INTO tickets (title, open, code, created_at, version) VALUES ($1, $2, $3, now(), $4)",
        ["x", true, `T-${before + 1}`, 1],
      ],
      sqlite: [
        "INSERT INTO tickets (title, open, code, created_at, version) VALUES (?, ?, ?, strftime('%Y-%m-%d %H:%M:%f', 'now'), ?)",
        ["x", 1, `T-${before + 3}`, 1],
      ],
      mysql: [
        "INSERT INTO tickets (title, open, code, created_at, version) VALUES (?, ?, ?, now(6), ?)",
        ["x", 1, `T-${before + 5}`, 1],
      ],
    });
  });

  it("a callable default is called once per row", () => {
    const before = ticket;
    const { sql, values } = compile(dialects.pg, insert(tickets).values([{ title: "a" }, { title: "b" }]));
    expect(sql).toBe(
      "INSERT INTO tickets (title, open, code, created_at, version) VALUES ($1, $2, $3, now(), $4), ($5, $6, $7, now(), $8)",
    );
    expect(values).toEqual(["a", true, `T-${before + 1}`, 1, "b", true, `T-${before + 2}`, 1]);
  });

  it("SQL defaults with bound values of their own: parameters in place, on every row", () => {
    const labels = new Table("labels", md, {
      id: column(Integer).primaryKey(),
      name: column(String(20)),
      origin: column(String(10)).default(func.lower(literal("IMPORT"))),
      stamp: column(String(10))
        .nullable()
        .onUpdate(func.upper(literal("edited"))),
    });
    expectSql(insert(labels).values([{ name: "a" }, { name: "b" }]), {
      pg: [
        "INSERT INTO labels (name, origin) VALUES ($1, lower($2)), ($3, lower($4))",
        ["a", "IMPORT", "b", "IMPORT"],
      ],
      sqlite: [
        "INSERT INTO labels (name, origin) VALUES (?, lower(?)), (?, lower(?))",
        ["a", "IMPORT", "b", "IMPORT"],
      ],
      mysql: [
        "INSERT INTO labels (name, origin) VALUES (?, lower(?)), (?, lower(?))",
        ["a", "IMPORT", "b", "IMPORT"],
      ],
    });
    expectSql(update(labels).values({ name: "c" }).where(labels.c.id.eq(4)), {
      pg: ["UPDATE labels SET name = $1, stamp = upper($2) WHERE labels.id = $3", ["c", "edited", 4]],
      sqlite: ["UPDATE labels SET name = ?, stamp = upper(?) WHERE labels.id = ?", ["c", "edited", 4]],
      mysql: ["UPDATE labels SET name = ?, stamp = upper(?) WHERE labels.id = ?", ["c", "edited", 4]],
    });
  });

  it("a value given explicitly wins over the default", () => {
    expectSql(
      insert(tickets).values({
        title: "x",
        open: false,
        code: "C",
        createdAt: func.currentTimestamp(),
        version: 5,
      }),
      {
        pg: [
          "INSERT INTO tickets (title, open, code, created_at, version) VALUES ($1, $2, $3, CURRENT_TIMESTAMP, $4)",
          ["x", false, "C", 5],
        ],
        sqlite: [
          "INSERT INTO tickets (title, open, code, created_at, version) VALUES (?, ?, ?, strftime('%Y-%m-%d %H:%M:%f', 'now'), ?)",
          ["x", 0, "C", 5],
        ],
        mysql: [
          "INSERT INTO tickets (title, open, code, created_at, version) VALUES (?, ?, ?, CURRENT_TIMESTAMP(6), ?)",
          ["x", 0, "C", 5],
        ],
      },
    );
  });

  it("offline SQL writes the defaults inline (a callable's value of the moment)", () => {
    const before = ticket;
    expectLiteral(insert(tickets).values({ title: "it's" }), {
      pg: `INSERT INTO tickets (title, open, code, created_at, version) VALUES ('it''s', true, 'T-${before + 1}', now(), 1)`,
      sqlite: `INSERT INTO tickets (title, open, code, created_at, version) VALUES ('it''s', 1, 'T-${before + 2}', strftime('%Y-%m-%d %H:%M:%f', 'now'), 1)`,
      mysql: `INSERT INTO tickets (title, open, code, created_at, version) VALUES ('it''s', 1, 'T-${before + 3}', now(6), 1)`,
    });
    expectLiteral(update(tickets).values({ open: false }).where(t.id.eq(1)), {
      pg: "UPDATE tickets SET open = false, version = 2, updated_at = now() WHERE tickets.id = 1",
      mysql: "UPDATE tickets SET open = 0, version = 2, updated_at = now(6) WHERE tickets.id = 1",
    });
  });

  it("UPDATE sets onUpdate columns the statement leaves unset", () => {
    expectSql(update(tickets).values({ title: "y" }).where(t.id.eq(3)), {
      pg: [
        "UPDATE tickets SET title = $1, version = $2, updated_at = now() WHERE tickets.id = $3",
        ["y", 2, 3],
      ],
      sqlite: [
        "UPDATE tickets SET title = ?, version = ?, updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE tickets.id = ?",
        ["y", 2, 3],
      ],
      mysql: [
        "UPDATE tickets SET title = ?, version = ?, updated_at = now(6) WHERE tickets.id = ?",
        ["y", 2, 3],
      ],
    });
    expectSql(update(tickets).values({ version: t.version.add(1) as never, updatedAt: null }), {
      pg: ["UPDATE tickets SET version = tickets.version + $1, updated_at = $2", [1, null]],
    });
  });
});

describe("UPDATE", () => {
  it("SET and WHERE; parameters SET first", () => {
    expectSql(update(users).values({ name: "b", active: true }).where(u.id.eq(1)), {
      pg: ["UPDATE users SET name = $1, active = $2 WHERE users.id = $3", ["b", true, 1]],
      sqlite: ["UPDATE users SET name = ?, active = ? WHERE users.id = ?", ["b", 1, 1]],
      mysql: ["UPDATE users SET name = ?, active = ? WHERE users.id = ?", ["b", 1, 1]],
    });
  });

  it("values() merges; a SQL expression; no WHERE", () => {
    expectSql(
      update(posts)
        .values({ score: 1 })
        .values({ score: p.score.add(1) as never, title: p.title.concat("!") }),
      {
        pg: ["UPDATE posts SET score = posts.score + $1, title = posts.title || $2", [1, "!"]],
        sqlite: ["UPDATE posts SET score = posts.score + ?, title = posts.title || ?", [1, "!"]],
        mysql: ["UPDATE posts SET score = posts.score + ?, title = concat(posts.title, ?)", [1, "!"]],
      },
    );
  });

  it("nothing to SET is an error", () => {
    expectSql(update(tags).where(tags.c.id.eq(1)), { pg: raises(CompileError, /has no values to SET/) });
  });

  it("a correlated subquery in SET", () => {
    const n = select(func.count(p.id)).where(p.userId.eq(u.id)).scalarSubquery();
    expectSql(
      update(users)
        .values({ age: n as never })
        .where(u.id.eq(5)),
      {
        pg: [
          "UPDATE users SET age = (SELECT count(posts.id) FROM posts WHERE posts.user_id = users.id) WHERE users.id = $1",
          [5],
        ],
        sqlite: [
          "UPDATE users SET age = (SELECT count(posts.id) FROM posts WHERE posts.user_id = users.id) WHERE users.id = ?",
          [5],
        ],
        mysql: [
          "UPDATE users SET age = (SELECT count(posts.id) FROM posts WHERE posts.user_id = users.id) WHERE users.id = ?",
          [5],
        ],
      },
    );
  });

  it("RETURNING (not on MySQL, nor MariaDB, which has INSERT/DELETE RETURNING only)", () => {
    const stmt = update(tags).values({ name: "b" }).where(tags.c.id.eq(1)).returning(tags.c.id);
    expectSql(stmt, {
      pg: ["UPDATE tags SET name = $1 WHERE tags.id = $2 RETURNING id", ["b", 1]],
      sqlite: ["UPDATE tags SET name = ? WHERE tags.id = ? RETURNING id", ["b", 1]],
      mysql: raises(
        CompileError,
        /UPDATE \.\.\. RETURNING is not supported by mysql.*supportsUpdateReturning/,
      ),
    });
    expectSql(stmt, { mysql: raises(CompileError, /supportsUpdateReturning/) }, { dialects: maria });
  });

  it("other tables in SET / WHERE: UPDATE ... FROM (PostgreSQL, SQLite), multi-table UPDATE (MySQL)", () => {
    expectSql(update(posts).values({ title: u.name }).where(p.userId.eq(u.id), u.active.is(false)), {
      pg: "UPDATE posts SET title = users.name FROM users WHERE posts.user_id = users.id AND users.active IS false",
      sqlite:
        "UPDATE posts SET title = users.name FROM users WHERE posts.user_id = users.id AND users.active IS 0",
      mysql:
        "UPDATE posts, users SET posts.title = users.name WHERE posts.user_id = users.id AND users.active IS false",
    });
  });
});

describe("DELETE", () => {
  it("WHERE, or every row", () => {
    expectSql(delete_(tags).where(tags.c.name.in(["a", "b"])), {
      pg: ["DELETE FROM tags WHERE tags.name = ANY($1::VARCHAR[])", ['{"a","b"}']],
      sqlite: ["DELETE FROM tags WHERE tags.name IN (?, ?)", ["a", "b"]],
      mysql: ["DELETE FROM tags WHERE tags.name IN (?, ?)", ["a", "b"]],
    });
    expectSql(delete_(tags), {
      pg: "DELETE FROM tags",
      sqlite: "DELETE FROM tags",
      mysql: "DELETE FROM tags",
    });
  });

  it("RETURNING (MariaDB has it, MySQL does not)", () => {
    const stmt = delete_(tags).where(tags.c.id.eq(1)).returning(tags.c.id, tags.c.name);
    expectSql(stmt, {
      pg: ["DELETE FROM tags WHERE tags.id = $1 RETURNING id, name", [1]],
      sqlite: ["DELETE FROM tags WHERE tags.id = ? RETURNING id, name", [1]],
      mysql: raises(
        CompileError,
        /DELETE \.\.\. RETURNING is not supported by mysql.*supportsDeleteReturning/,
      ),
    });
    expectSql(
      stmt,
      { mysql: ["DELETE FROM tags WHERE tags.id = ? RETURNING id, name", [1]] },
      { dialects: maria },
    );
  });

  it("other tables in WHERE: DELETE ... USING (PostgreSQL), multi-table DELETE (MySQL), a subquery on SQLite", () => {
    expectSql(delete_(comments).where(c.postId.eq(p.id), p.score.lt(0)), {
      pg: ["DELETE FROM comments USING posts WHERE comments.post_id = posts.id AND posts.score < $1", [0]],
      sqlite: raises(CompileError, /not supported by sqlite.*subquery/),
      mysql: [
        "DELETE FROM comments USING comments, posts WHERE comments.post_id = posts.id AND posts.score < ?",
        [0],
      ],
    });
    expectSql(delete_(comments).where(c.postId.in(select(p.id).where(p.score.lt(0)))), {
      pg: [
        "DELETE FROM comments WHERE comments.post_id IN (SELECT posts.id FROM posts WHERE posts.score < $1)",
        [0],
      ],
      sqlite: [
        "DELETE FROM comments WHERE comments.post_id IN (SELECT posts.id FROM posts WHERE posts.score < ?)",
        [0],
      ],
      mysql: [
        "DELETE FROM comments WHERE comments.post_id IN (SELECT posts.id FROM posts WHERE posts.score < ?)",
        [0],
      ],
    });
  });

  it("EXISTS correlated to the deleted table", () => {
    expectSql(delete_(users).where(select(p.id).where(p.userId.eq(u.id)).exists()), {
      pg: "DELETE FROM users WHERE EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id)",
      sqlite: "DELETE FROM users WHERE EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id)",
      mysql: "DELETE FROM users WHERE EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id)",
    });
  });
});
