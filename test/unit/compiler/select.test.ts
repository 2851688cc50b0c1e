import { describe, it } from "vitest";
import {
  AmbiguousForeignKeysError,
  ArgumentError,
  CompileError,
  column,
  func,
  Integer,
  InvalidRequestError,
  MetaData,
  NoForeignKeysError,
  select,
  Table,
} from "../../../src/index.js";
import { c, comments, p, posts, tags, u, users } from "./fixtures.js";
import { expectSql, mariaDbDialect, raises } from "./helpers.js";

describe("columns and FROM", () => {
  it("selects columns; the FROM comes from the columns", () => {
    expectSql(select(u.id, u.name), {
      pg: "SELECT users.id, users.name FROM users",
      sqlite: "SELECT users.id, users.name FROM users",
      mysql: "SELECT users.id, users.name FROM users",
    });
  });

  it("selecting a table selects all its columns", () => {
    expectSql(select(tags), {
      pg: "SELECT tags.id, tags.name FROM tags",
      sqlite: "SELECT tags.id, tags.name FROM tags",
      mysql: "SELECT tags.id, tags.name FROM tags",
    });
  });

  it("two tables without a join are a cross product, each named once", () => {
    expectSql(select(u.name, tags.c.name).where(u.id.eq(tags.c.id)), {
      pg: "SELECT users.name, tags.name FROM users, tags WHERE users.id = tags.id",
      sqlite: "SELECT users.name, tags.name FROM users, tags WHERE users.id = tags.id",
      mysql: "SELECT users.name, tags.name FROM users, tags WHERE users.id = tags.id",
    });
  });

  it("tables named only in WHERE join the FROM list", () => {
    expectSql(select(u.name).where(p.userId.eq(u.id)), {
      pg: "SELECT users.name FROM users, posts WHERE posts.user_id = users.id",
      sqlite: "SELECT users.name FROM users, posts WHERE posts.user_id = users.id",
      mysql: "SELECT users.name FROM users, posts WHERE posts.user_id = users.id",
    });
  });

  it("selectFrom gives the FROM explicitly, placed first", () => {
    expectSql(select(func.count()).selectFrom(users), {
      pg: "SELECT count(*) FROM users",
      sqlite: "SELECT count(*) FROM users",
      mysql: "SELECT count(*) FROM users",
    });
    expectSql(select(u.name).selectFrom(posts).join(users), {
      pg: "SELECT users.name FROM posts JOIN users ON posts.user_id = users.id",
      sqlite: "SELECT users.name FROM posts JOIN users ON posts.user_id = users.id",
      mysql: "SELECT users.name FROM posts JOIN users ON posts.user_id = users.id",
    });
  });

  it("a SELECT without FROM", () => {
    expectSql(select(func.now().label("ts")), {
      pg: "SELECT now() AS ts",
      sqlite: "SELECT strftime('%Y-%m-%d %H:%M:%f', 'now') AS ts",
      mysql: "SELECT now(6) AS ts",
    });
  });

  it("withOnlyColumns / addColumns", () => {
    const base = select(u.id).where(u.age.gt(1));
    expectSql(base.withOnlyColumns(u.name), {
      pg: ["SELECT users.name FROM users WHERE users.age > $1", [1]],
      sqlite: ["SELECT users.name FROM users WHERE users.age > ?", [1]],
      mysql: ["SELECT users.name FROM users WHERE users.age > ?", [1]],
    });
    expectSql(base.addColumns(u.email), {
      pg: ["SELECT users.id, users.email FROM users WHERE users.age > $1", [1]],
      sqlite: ["SELECT users.id, users.email FROM users WHERE users.age > ?", [1]],
      mysql: ["SELECT users.id, users.email FROM users WHERE users.age > ?", [1]],
    });
  });

  it("where(true) binds the boolean (1 on SQLite)", () => {
    expectSql(select(u.id).where(true), {
      pg: ["SELECT users.id FROM users WHERE $1", [true]],
      sqlite: ["SELECT users.id FROM users WHERE ?", [1]],
      mysql: ["SELECT users.id FROM users WHERE ?", [true]],
    });
  });
});

describe("joins", () => {
  it("join infers ON from the foreign key, in either direction", () => {
    expectSql(select(u.name, p.title).join(posts), {
      pg: "SELECT users.name, posts.title FROM users JOIN posts ON posts.user_id = users.id",
      sqlite: "SELECT users.name, posts.title FROM users JOIN posts ON posts.user_id = users.id",
      mysql: "SELECT users.name, posts.title FROM users JOIN posts ON posts.user_id = users.id",
    });
    expectSql(select(p.title).join(users), {
      pg: "SELECT posts.title FROM posts JOIN users ON posts.user_id = users.id",
      sqlite: "SELECT posts.title FROM posts JOIN users ON posts.user_id = users.id",
      mysql: "SELECT posts.title FROM posts JOIN users ON posts.user_id = users.id",
    });
  });

  it("outerjoin and fullJoin (no FULL JOIN on MySQL)", () => {
    expectSql(select(u.name, p.title).outerjoin(posts), {
      pg: "SELECT users.name, posts.title FROM users LEFT OUTER JOIN posts ON posts.user_id = users.id",
      sqlite: "SELECT users.name, posts.title FROM users LEFT OUTER JOIN posts ON posts.user_id = users.id",
      mysql: "SELECT users.name, posts.title FROM users LEFT OUTER JOIN posts ON posts.user_id = users.id",
    });
    expectSql(select(u.name, p.title).fullJoin(posts), {
      pg: "SELECT users.name, posts.title FROM users FULL OUTER JOIN posts ON posts.user_id = users.id",
      sqlite: "SELECT users.name, posts.title FROM users FULL OUTER JOIN posts ON posts.user_id = users.id",
      mysql: raises(CompileError, /FULL OUTER JOIN is not supported by mysql/),
    });
  });

  it("an explicit ON clause, with parameters", () => {
    expectSql(select(u.name, tags.c.name).join(tags, tags.c.name.eq(u.name)).where(tags.c.id.gt(5)), {
      pg: [
        "SELECT users.name, tags.name FROM users JOIN tags ON tags.name = users.name WHERE tags.id > $1",
        [5],
      ],
      sqlite: [
        "SELECT users.name, tags.name FROM users JOIN tags ON tags.name = users.name WHERE tags.id > ?",
        [5],
      ],
      mysql: [
        "SELECT users.name, tags.name FROM users JOIN tags ON tags.name = users.name WHERE tags.id > ?",
        [5],
      ],
    });
  });

  it("a chain of joins joins each table to the one joined before it", () => {
    expectSql(select(u.name, p.title).join(posts).join(comments), {
      pg: "SELECT users.name, posts.title FROM users JOIN posts ON posts.user_id = users.id JOIN comments ON comments.post_id = posts.id",
      sqlite:
        "SELECT users.name, posts.title FROM users JOIN posts ON posts.user_id = users.id JOIN comments ON comments.post_id = posts.id",
      mysql:
        "SELECT users.name, posts.title FROM users JOIN posts ON posts.user_id = users.id JOIN comments ON comments.post_id = posts.id",
    });
  });

  it("several selected tables could join the target: an error naming the fix", () => {
    expectSql(select(u.name, c.body).join(posts), {
      pg: raises(ArgumentError, /several of the tables already selected can join to the target/),
    });
    expectSql(select(u.name, c.body).selectFrom(users.join(posts).join(comments)), {
      pg: "SELECT users.name, comments.body FROM users JOIN posts ON posts.user_id = users.id JOIN comments ON comments.post_id = posts.id",
    });
  });

  it("no foreign key between the tables: NoForeignKeysError", () => {
    expectSql(select(u.name).join(tags), {
      pg: raises(NoForeignKeysError, "Can't find any foreign key relationships between 'users' and 'tags'"),
      sqlite: raises(NoForeignKeysError),
      mysql: raises(NoForeignKeysError),
    });
  });

  it("two foreign keys between the tables: AmbiguousForeignKeysError; an ON clause settles it", () => {
    expectSql(select(c.body).join(users), {
      pg: raises(AmbiguousForeignKeysError, /there are 2 foreign key paths/),
      sqlite: raises(AmbiguousForeignKeysError),
      mysql: raises(AmbiguousForeignKeysError),
    });
    expectSql(select(c.body).join(users, c.editorId.eq(u.id)), {
      pg: "SELECT comments.body FROM comments JOIN users ON comments.editor_id = users.id",
      sqlite: "SELECT comments.body FROM comments JOIN users ON comments.editor_id = users.id",
      mysql: "SELECT comments.body FROM comments JOIN users ON comments.editor_id = users.id",
    });
  });

  it("join() with nothing selected to join from", () => {
    expectSql(select(func.count()).join(posts, p.score.gt(1)), {
      pg: raises(ArgumentError, /no FROM to join from/),
    });
  });

  it("self-join through a named alias", () => {
    const mgr = users.alias("mgr");
    expectSql(select(u.name, mgr.c.name.label("manager")).join(mgr, u.managerId.eq(mgr.c.id)), {
      pg: "SELECT users.name, mgr.name AS manager FROM users JOIN users AS mgr ON users.manager_id = mgr.id",
      sqlite:
        "SELECT users.name, mgr.name AS manager FROM users JOIN users AS mgr ON users.manager_id = mgr.id",
      mysql:
        "SELECT users.name, mgr.name AS manager FROM users JOIN users AS mgr ON users.manager_id = mgr.id",
    });
  });

  it("anonymous aliases are numbered per statement", () => {
    const a = users.alias();
    const b = users.alias();
    expectSql(select(a.c.name, b.c.name).where(a.c.id.eq(b.c.managerId)), {
      pg: "SELECT users_1.name, users_2.name FROM users AS users_1, users AS users_2 WHERE users_1.id = users_2.manager_id",
      sqlite:
        "SELECT users_1.name, users_2.name FROM users AS users_1, users AS users_2 WHERE users_1.id = users_2.manager_id",
      mysql:
        "SELECT users_1.name, users_2.name FROM users AS users_1, users AS users_2 WHERE users_1.id = users_2.manager_id",
    });
  });

  it("an alias joins along the foreign keys of the table it aliases", () => {
    const author = users.alias("author");
    expectSql(select(p.title, author.c.name).join(author), {
      pg: "SELECT posts.title, author.name FROM posts JOIN users AS author ON posts.user_id = author.id",
      sqlite: "SELECT posts.title, author.name FROM posts JOIN users AS author ON posts.user_id = author.id",
      mysql: "SELECT posts.title, author.name FROM posts JOIN users AS author ON posts.user_id = author.id",
    });
  });

  it("table.join() builds a FROM usable in selectFrom", () => {
    expectSql(select(u.name, p.title).selectFrom(users.join(posts).outerjoin(comments)), {
      pg: "SELECT users.name, posts.title FROM users JOIN posts ON posts.user_id = users.id LEFT OUTER JOIN comments ON comments.post_id = posts.id",
      sqlite:
        "SELECT users.name, posts.title FROM users JOIN posts ON posts.user_id = users.id LEFT OUTER JOIN comments ON comments.post_id = posts.id",
      mysql:
        "SELECT users.name, posts.title FROM users JOIN posts ON posts.user_id = users.id LEFT OUTER JOIN comments ON comments.post_id = posts.id",
    });
  });
});

describe("GROUP BY, HAVING, ORDER BY", () => {
  it("groupBy / having / orderBy by a label name, descending", () => {
    const stmt = select(u.name, func.count(p.id).label("n"))
      .join(posts)
      .groupBy(u.name)
      .having(func.count(p.id).gt(1))
      .orderBy("-n", "name");
    expectSql(stmt, {
      pg: [
        "SELECT users.name, count(posts.id) AS n FROM users JOIN posts ON posts.user_id = users.id GROUP BY users.name HAVING count(posts.id) > $1 ORDER BY n DESC, users.name",
        [1],
      ],
      sqlite: [
        "SELECT users.name, count(posts.id) AS n FROM users JOIN posts ON posts.user_id = users.id GROUP BY users.name HAVING count(posts.id) > ? ORDER BY n DESC, users.name",
        [1],
      ],
      mysql: [
        "SELECT users.name, count(posts.id) AS n FROM users JOIN posts ON posts.user_id = users.id GROUP BY users.name HAVING count(posts.id) > ? ORDER BY n DESC, users.name",
        [1],
      ],
    });
  });

  it("orderBy a column's key uses the column (its SQL name differs)", () => {
    expectSql(select(u.managerId).orderBy("managerId"), {
      pg: "SELECT users.manager_id FROM users ORDER BY users.manager_id",
      sqlite: "SELECT users.manager_id FROM users ORDER BY users.manager_id",
      mysql: "SELECT users.manager_id FROM users ORDER BY users.manager_id",
    });
  });

  it("orderBy an unknown name fails when built", () => {
    expectSql(select(u.id), { pg: "SELECT users.id FROM users" });
    let error: unknown;
    try {
      select(u.id).orderBy("nope");
    } catch (e) {
      error = e;
    }
    expectSql(select(u.id).orderBy(u.id), { pg: "SELECT users.id FROM users ORDER BY users.id" });
    if (!(error instanceof ArgumentError)) throw new Error("orderBy('nope') should throw ArgumentError");
  });

  it("orderBy(null) clears the ordering", () => {
    expectSql(select(u.id).orderBy(u.name).orderBy(null), {
      pg: "SELECT users.id FROM users",
      sqlite: "SELECT users.id FROM users",
      mysql: "SELECT users.id FROM users",
    });
  });
});

describe("LIMIT and OFFSET", () => {
  it("limit and offset are parameters", () => {
    expectSql(select(u.id).orderBy(u.id).limit(10).offset(20), {
      pg: ["SELECT users.id FROM users ORDER BY users.id LIMIT $1 OFFSET $2", [10, 20]],
      sqlite: ["SELECT users.id FROM users ORDER BY users.id LIMIT ? OFFSET ?", [10, 20]],
      mysql: ["SELECT users.id FROM users ORDER BY users.id LIMIT ? OFFSET ?", [10, 20]],
    });
  });

  it("offset without limit: SQLite and MySQL need a LIMIT", () => {
    expectSql(select(u.id).offset(5), {
      pg: ["SELECT users.id FROM users OFFSET $1", [5]],
      sqlite: ["SELECT users.id FROM users LIMIT -1 OFFSET ?", [5]],
      mysql: ["SELECT users.id FROM users LIMIT 18446744073709551615 OFFSET ?", [5]],
    });
  });

  it("limit(null) / offset(null) remove them", () => {
    expectSql(select(u.id).limit(3).offset(1).limit(null).offset(null), {
      pg: "SELECT users.id FROM users",
      sqlite: "SELECT users.id FROM users",
      mysql: "SELECT users.id FROM users",
    });
  });
});

describe("DISTINCT", () => {
  it("SELECT DISTINCT", () => {
    expectSql(select(u.name).distinct(), {
      pg: "SELECT DISTINCT users.name FROM users",
      sqlite: "SELECT DISTINCT users.name FROM users",
      mysql: "SELECT DISTINCT users.name FROM users",
    });
  });

  it("DISTINCT ON is PostgreSQL-only", () => {
    expectSql(select(u.managerId, u.name).distinct(u.managerId).orderBy(u.managerId, u.age.desc()), {
      pg: "SELECT DISTINCT ON (users.manager_id) users.manager_id, users.name FROM users ORDER BY users.manager_id, users.age DESC",
      sqlite: raises(CompileError, /DISTINCT ON is PostgreSQL-only/),
      mysql: raises(CompileError, /DISTINCT ON is PostgreSQL-only/),
    });
  });
});

describe("FOR UPDATE", () => {
  const maria = { mysql: mariaDbDialect() };

  it("FOR UPDATE (SQLite locks the whole database and has none)", () => {
    expectSql(select(u.id).where(u.id.eq(1)).forUpdate(), {
      pg: ["SELECT users.id FROM users WHERE users.id = $1 FOR UPDATE", [1]],
      sqlite: ["SELECT users.id FROM users WHERE users.id = ?", [1]],
      mysql: ["SELECT users.id FROM users WHERE users.id = ? FOR UPDATE", [1]],
    });
  });

  it("NOWAIT and SKIP LOCKED", () => {
    expectSql(select(u.id).forUpdate({ nowait: true }), {
      pg: "SELECT users.id FROM users FOR UPDATE NOWAIT",
      sqlite: "SELECT users.id FROM users",
      mysql: "SELECT users.id FROM users FOR UPDATE NOWAIT",
    });
    expectSql(select(u.id).forUpdate({ skipLocked: true }), {
      pg: "SELECT users.id FROM users FOR UPDATE SKIP LOCKED",
      sqlite: "SELECT users.id FROM users",
      mysql: "SELECT users.id FROM users FOR UPDATE SKIP LOCKED",
    });
  });

  it("readOnly: FOR SHARE; LOCK IN SHARE MODE on MySQL (FOR SHARE when MySQL 8 options are asked)", () => {
    expectSql(select(u.id).forUpdate({ readOnly: true }), {
      pg: "SELECT users.id FROM users FOR SHARE",
      sqlite: "SELECT users.id FROM users",
      mysql: "SELECT users.id FROM users LOCK IN SHARE MODE",
    });
    expectSql(select(u.id).forUpdate({ readOnly: true, nowait: true }), {
      pg: "SELECT users.id FROM users FOR SHARE NOWAIT",
      mysql: "SELECT users.id FROM users FOR SHARE NOWAIT",
    });
    expectSql(
      select(u.id).forUpdate({ readOnly: true, nowait: true }),
      { mysql: "SELECT users.id FROM users LOCK IN SHARE MODE NOWAIT" },
      { dialects: maria },
    );
  });

  it("keyShare: FOR NO KEY UPDATE / FOR KEY SHARE on PostgreSQL, plain elsewhere", () => {
    expectSql(select(u.id).forUpdate({ keyShare: true }), {
      pg: "SELECT users.id FROM users FOR NO KEY UPDATE",
      mysql: "SELECT users.id FROM users FOR UPDATE",
    });
    expectSql(select(u.id).forUpdate({ keyShare: true, readOnly: true }), {
      pg: "SELECT users.id FROM users FOR KEY SHARE",
      mysql: "SELECT users.id FROM users LOCK IN SHARE MODE",
    });
  });

  it("of: tables or columns name what to lock (MariaDB has no OF)", () => {
    const stmt = select(u.id, p.id)
      .join(posts)
      .forUpdate({ of: [u.id, posts] });
    expectSql(stmt, {
      pg: "SELECT users.id, posts.id FROM users JOIN posts ON posts.user_id = users.id FOR UPDATE OF users, posts",
      sqlite: "SELECT users.id, posts.id FROM users JOIN posts ON posts.user_id = users.id",
      mysql:
        "SELECT users.id, posts.id FROM users JOIN posts ON posts.user_id = users.id FOR UPDATE OF users, posts",
    });
    expectSql(
      stmt,
      { mysql: "SELECT users.id, posts.id FROM users JOIN posts ON posts.user_id = users.id FOR UPDATE" },
      { dialects: maria },
    );
    const mgr = users.alias("mgr");
    expectSql(select(mgr.c.id).forUpdate({ of: [mgr], skipLocked: true }), {
      pg: "SELECT mgr.id FROM users AS mgr FOR UPDATE OF mgr SKIP LOCKED",
    });
    // OF names a table as FROM does, but never schema-qualified.
    const ledger = new Table("ledger", new MetaData({ schema: "acct" }), {
      id: column(Integer).primaryKey(),
    });
    expectSql(select(ledger.c.id).forUpdate({ of: [ledger] }), {
      pg: "SELECT acct.ledger.id FROM acct.ledger FOR UPDATE OF ledger",
      mysql: "SELECT acct.ledger.id FROM acct.ledger FOR UPDATE OF ledger",
    });
  });
});

describe("subqueries", () => {
  it("a named subquery in FROM, joined with an explicit ON", () => {
    const counts = select(p.userId, func.count().label("n")).groupBy(p.userId).subquery("post_counts");
    expectSql(select(u.name, counts.c.n).join(counts, counts.c.userId.eq(u.id)).where(counts.c.n.gt(2)), {
      pg: [
        "SELECT users.name, post_counts.n FROM users JOIN (SELECT posts.user_id, count(*) AS n FROM posts GROUP BY posts.user_id) AS post_counts ON post_counts.user_id = users.id WHERE post_counts.n > $1",
        [2],
      ],
      sqlite: [
        "SELECT users.name, post_counts.n FROM users JOIN (SELECT posts.user_id, count(*) AS n FROM posts GROUP BY posts.user_id) AS post_counts ON post_counts.user_id = users.id WHERE post_counts.n > ?",
        [2],
      ],
      mysql: [
        "SELECT users.name, post_counts.n FROM users JOIN (SELECT posts.user_id, count(*) AS n FROM posts GROUP BY posts.user_id) AS post_counts ON post_counts.user_id = users.id WHERE post_counts.n > ?",
        [2],
      ],
    });
  });

  it("an anonymous subquery is named anon_1; parameters inside come first", () => {
    const best = select(p.userId, func.max(p.score).label("best"))
      .where(p.score.gt(0))
      .groupBy(p.userId)
      .subquery();
    expectSql(select(u.name, best.c.best).join(best, best.c.userId.eq(u.id)).where(u.active.is(true)), {
      pg: [
        "SELECT users.name, anon_1.best FROM users JOIN (SELECT posts.user_id, max(posts.score) AS best FROM posts WHERE posts.score > $1 GROUP BY posts.user_id) AS anon_1 ON anon_1.user_id = users.id WHERE users.active IS true",
        [0],
      ],
      sqlite: [
        "SELECT users.name, anon_1.best FROM users JOIN (SELECT posts.user_id, max(posts.score) AS best FROM posts WHERE posts.score > ? GROUP BY posts.user_id) AS anon_1 ON anon_1.user_id = users.id WHERE users.active IS 1",
        [0],
      ],
      mysql: [
        "SELECT users.name, anon_1.best FROM users JOIN (SELECT posts.user_id, max(posts.score) AS best FROM posts WHERE posts.score > ? GROUP BY posts.user_id) AS anon_1 ON anon_1.user_id = users.id WHERE users.active IS true",
        [0],
      ],
    });
  });

  it("a subquery's duplicate column names are made unique", () => {
    const sq = select(u.id, p.id, func.count()).join(posts).groupBy(u.id, p.id).subquery("x");
    const renamed = (sq.c as Record<string, typeof sq.c.id>).id_1!;
    expectSql(select(sq.c.id, renamed), {
      pg: "SELECT x.id, x.id_1 FROM (SELECT users.id, posts.id AS id_1, count(*) AS count FROM users JOIN posts ON posts.user_id = users.id GROUP BY users.id, posts.id) AS x",
      sqlite:
        "SELECT x.id, x.id_1 FROM (SELECT users.id, posts.id AS id_1, count(*) AS count FROM users JOIN posts ON posts.user_id = users.id GROUP BY users.id, posts.id) AS x",
      mysql:
        "SELECT x.id, x.id_1 FROM (SELECT users.id, posts.id AS id_1, count(*) AS count FROM users JOIN posts ON posts.user_id = users.id GROUP BY users.id, posts.id) AS x",
    });
  });

  it("a scalar subquery is correlated to the enclosing query", () => {
    const n = select(func.count(p.id)).where(p.userId.eq(u.id)).scalarSubquery();
    expectSql(select(u.name, n.label("n_posts")).where(n.gt(3)), {
      pg: [
        "SELECT users.name, (SELECT count(posts.id) FROM posts WHERE posts.user_id = users.id) AS n_posts FROM users WHERE (SELECT count(posts.id) FROM posts WHERE posts.user_id = users.id) > $1",
        [3],
      ],
      sqlite: [
        "SELECT users.name, (SELECT count(posts.id) FROM posts WHERE posts.user_id = users.id) AS n_posts FROM users WHERE (SELECT count(posts.id) FROM posts WHERE posts.user_id = users.id) > ?",
        [3],
      ],
      mysql: [
        "SELECT users.name, (SELECT count(posts.id) FROM posts WHERE posts.user_id = users.id) AS n_posts FROM users WHERE (SELECT count(posts.id) FROM posts WHERE posts.user_id = users.id) > ?",
        [3],
      ],
    });
  });

  it("IN (SELECT ...) and EXISTS (SELECT ...)", () => {
    expectSql(select(u.name).where(u.id.in(select(p.userId).where(p.score.gt(5)))), {
      pg: [
        "SELECT users.name FROM users WHERE users.id IN (SELECT posts.user_id FROM posts WHERE posts.score > $1)",
        [5],
      ],
      sqlite: [
        "SELECT users.name FROM users WHERE users.id IN (SELECT posts.user_id FROM posts WHERE posts.score > ?)",
        [5],
      ],
      mysql: [
        "SELECT users.name FROM users WHERE users.id IN (SELECT posts.user_id FROM posts WHERE posts.score > ?)",
        [5],
      ],
    });
    expectSql(
      select(u.name).where(u.id.notIn(select(c.authorId)), select(p.id).where(p.userId.eq(u.id)).exists()),
      {
        pg: "SELECT users.name FROM users WHERE users.id NOT IN (SELECT comments.author_id FROM comments) AND EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id)",
        sqlite:
          "SELECT users.name FROM users WHERE users.id NOT IN (SELECT comments.author_id FROM comments) AND EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id)",
        mysql:
          "SELECT users.name FROM users WHERE users.id NOT IN (SELECT comments.author_id FROM comments) AND EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id)",
      },
    );
  });

  it("a subquery naming only enclosing tables: an error, unless correlate(null)", () => {
    expectSql(select(u.name).where(u.id.in(select(u.managerId).where(u.age.gt(40)))), {
      pg: raises(InvalidRequestError, /returned no FROM clauses due to auto-correlation/),
      sqlite: raises(InvalidRequestError),
      mysql: raises(InvalidRequestError),
    });
    expectSql(select(u.name).where(u.id.in(select(u.managerId).where(u.age.gt(40)).correlate(null))), {
      pg: [
        "SELECT users.name FROM users WHERE users.id IN (SELECT users.manager_id FROM users WHERE users.age > $1)",
        [40],
      ],
      sqlite: [
        "SELECT users.name FROM users WHERE users.id IN (SELECT users.manager_id FROM users WHERE users.age > ?)",
        [40],
      ],
      mysql: [
        "SELECT users.name FROM users WHERE users.id IN (SELECT users.manager_id FROM users WHERE users.age > ?)",
        [40],
      ],
    });
  });

  it("correlate(t) correlates only t: other enclosing tables stay in the subquery's FROM", () => {
    const n = select(func.count(c.id))
      .where(c.postId.eq(p.id), c.authorId.eq(u.id))
      .correlate(posts)
      .scalarSubquery();
    expectSql(select(p.title).join(users).where(n.gt(0)), {
      pg: [
        "SELECT posts.title FROM posts JOIN users ON posts.user_id = users.id WHERE (SELECT count(comments.id) FROM comments, users WHERE comments.post_id = posts.id AND comments.author_id = users.id) > $1",
        [0],
      ],
      sqlite: [
        "SELECT posts.title FROM posts JOIN users ON posts.user_id = users.id WHERE (SELECT count(comments.id) FROM comments, users WHERE comments.post_id = posts.id AND comments.author_id = users.id) > ?",
        [0],
      ],
      mysql: [
        "SELECT posts.title FROM posts JOIN users ON posts.user_id = users.id WHERE (SELECT count(comments.id) FROM comments, users WHERE comments.post_id = posts.id AND comments.author_id = users.id) > ?",
        [0],
      ],
    });
  });

  it("auto-correlation reaches through nested subqueries", () => {
    const inner = select(c.id).where(c.postId.eq(p.id), c.authorId.eq(u.id)).exists();
    const outer = select(p.id).where(p.userId.eq(u.id), inner).exists();
    expectSql(select(u.name).where(outer), {
      pg: "SELECT users.name FROM users WHERE EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id AND EXISTS (SELECT comments.id FROM comments WHERE comments.post_id = posts.id AND comments.author_id = users.id))",
      sqlite:
        "SELECT users.name FROM users WHERE EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id AND EXISTS (SELECT comments.id FROM comments WHERE comments.post_id = posts.id AND comments.author_id = users.id))",
      mysql:
        "SELECT users.name FROM users WHERE EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id AND EXISTS (SELECT comments.id FROM comments WHERE comments.post_id = posts.id AND comments.author_id = users.id))",
    });
  });

  it("a subquery in FROM does not correlate (it cannot see the enclosing FROM)", () => {
    const sq = select(u.id).where(u.age.gt(1)).subquery("adults");
    expectSql(select(u.name, sq.c.id).where(sq.c.id.eq(u.managerId)), {
      pg: [
        "SELECT users.name, adults.id FROM users, (SELECT users.id FROM users WHERE users.age > $1) AS adults WHERE adults.id = users.manager_id",
        [1],
      ],
      sqlite: [
        "SELECT users.name, adults.id FROM users, (SELECT users.id FROM users WHERE users.age > ?) AS adults WHERE adults.id = users.manager_id",
        [1],
      ],
      mysql: [
        "SELECT users.name, adults.id FROM users, (SELECT users.id FROM users WHERE users.age > ?) AS adults WHERE adults.id = users.manager_id",
        [1],
      ],
    });
  });

  it("an alias of a subquery and a subquery of a subquery", () => {
    const inner = select(p.userId, p.score).where(p.score.gt(1)).subquery("hot");
    const outer = select(inner.c.userId, func.sum(inner.c.score).label("total"))
      .groupBy(inner.c.userId)
      .subquery("totals");
    expectSql(select(outer.c.total).where(outer.c.userId.eq(7)), {
      pg: [
        "SELECT totals.total FROM (SELECT hot.user_id, sum(hot.score) AS total FROM (SELECT posts.user_id, posts.score FROM posts WHERE posts.score > $1) AS hot GROUP BY hot.user_id) AS totals WHERE totals.user_id = $2",
        [1, 7],
      ],
      sqlite: [
        "SELECT totals.total FROM (SELECT hot.user_id, sum(hot.score) AS total FROM (SELECT posts.user_id, posts.score FROM posts WHERE posts.score > ?) AS hot GROUP BY hot.user_id) AS totals WHERE totals.user_id = ?",
        [1, 7],
      ],
      mysql: [
        "SELECT totals.total FROM (SELECT hot.user_id, sum(hot.score) AS total FROM (SELECT posts.user_id, posts.score FROM posts WHERE posts.score > ?) AS hot GROUP BY hot.user_id) AS totals WHERE totals.user_id = ?",
        [1, 7],
      ],
    });
  });
});
