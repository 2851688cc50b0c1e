import { describe, it } from "vitest";
import {
  ArgumentError,
  CompileError,
  delete_,
  except_,
  func,
  InvalidRequestError,
  insert,
  intersect,
  select,
  union,
  unionAll,
  update,
} from "../../../src/index.js";
import { c, p, posts, tags, u, users } from "./fixtures.js";
import { expectSql, mariaDbDialect, raises } from "./helpers.js";

describe("CTEs", () => {
  it("a named CTE is defined once at the top and referenced like a table", () => {
    const totals = select(p.userId, func.sum(p.score).label("total")).groupBy(p.userId).cte("totals");
    expectSql(
      select(u.name, totals.c.total).join(totals, totals.c.userId.eq(u.id)).where(totals.c.total.gt(10)),
      {
        pg: [
          "WITH totals AS (SELECT posts.user_id, sum(posts.score) AS total FROM posts GROUP BY posts.user_id) SELECT users.name, totals.total FROM users JOIN totals ON totals.user_id = users.id WHERE totals.total > $1",
          [10],
        ],
        sqlite: [
          "WITH totals AS (SELECT posts.user_id, sum(posts.score) AS total FROM posts GROUP BY posts.user_id) SELECT users.name, totals.total FROM users JOIN totals ON totals.user_id = users.id WHERE totals.total > ?",
          [10],
        ],
        mysql: [
          "WITH totals AS (SELECT posts.user_id, sum(posts.score) AS total FROM posts GROUP BY posts.user_id) SELECT users.name, totals.total FROM users JOIN totals ON totals.user_id = users.id WHERE totals.total > ?",
          [10],
        ],
      },
    );
  });

  it("the CTE's parameters come first, in text order", () => {
    const active = select(u.id).where(u.active.is(true), u.age.gt(30)).cte("active_users");
    expectSql(select(p.title).join(active, active.c.id.eq(p.userId)).where(p.score.lt(5)), {
      pg: [
        "WITH active_users AS (SELECT users.id FROM users WHERE users.active IS true AND users.age > $1) SELECT posts.title FROM posts JOIN active_users ON active_users.id = posts.user_id WHERE posts.score < $2",
        [30, 5],
      ],
      sqlite: [
        "WITH active_users AS (SELECT users.id FROM users WHERE users.active IS 1 AND users.age > ?) SELECT posts.title FROM posts JOIN active_users ON active_users.id = posts.user_id WHERE posts.score < ?",
        [30, 5],
      ],
      mysql: [
        "WITH active_users AS (SELECT users.id FROM users WHERE users.active IS true AND users.age > ?) SELECT posts.title FROM posts JOIN active_users ON active_users.id = posts.user_id WHERE posts.score < ?",
        [30, 5],
      ],
    });
  });

  it("two CTEs, one using the other; an anonymous CTE is anon_1", () => {
    const a = select(u.id, u.managerId).where(u.age.gt(1)).cte();
    const b = select(a.c.managerId, func.count().label("n")).groupBy(a.c.managerId).cte("per_manager");
    expectSql(select(b.c.managerId, b.c.n), {
      pg: [
        "WITH anon_1 AS (SELECT users.id, users.manager_id FROM users WHERE users.age > $1), per_manager AS (SELECT anon_1.manager_id, count(*) AS n FROM anon_1 GROUP BY anon_1.manager_id) SELECT per_manager.manager_id, per_manager.n FROM per_manager",
        [1],
      ],
      sqlite: [
        "WITH anon_1 AS (SELECT users.id, users.manager_id FROM users WHERE users.age > ?), per_manager AS (SELECT anon_1.manager_id, count(*) AS n FROM anon_1 GROUP BY anon_1.manager_id) SELECT per_manager.manager_id, per_manager.n FROM per_manager",
        [1],
      ],
      mysql: [
        "WITH anon_1 AS (SELECT users.id, users.manager_id FROM users WHERE users.age > ?), per_manager AS (SELECT anon_1.manager_id, count(*) AS n FROM anon_1 GROUP BY anon_1.manager_id) SELECT per_manager.manager_id, per_manager.n FROM per_manager",
        [1],
      ],
    });
  });

  it("a CTE referenced twice is defined once; correlate(null) for its scalar subquery", () => {
    const totals = select(p.userId, func.sum(p.score).label("total")).groupBy(p.userId).cte("totals");
    const avg = select(func.avg(totals.c.total)).scalarSubquery();
    expectSql(select(totals.c.userId).where(totals.c.total.gt(avg)), {
      pg: raises(InvalidRequestError, /auto-correlation/),
    });
    const avgOwn = select(func.avg(totals.c.total)).correlate(null).scalarSubquery();
    expectSql(select(totals.c.userId).where(totals.c.total.gt(avgOwn)), {
      pg: "WITH totals AS (SELECT posts.user_id, sum(posts.score) AS total FROM posts GROUP BY posts.user_id) SELECT totals.user_id FROM totals WHERE totals.total > (SELECT avg(totals.total) FROM totals)",
      sqlite:
        "WITH totals AS (SELECT posts.user_id, sum(posts.score) AS total FROM posts GROUP BY posts.user_id) SELECT totals.user_id FROM totals WHERE totals.total > (SELECT avg(totals.total) FROM totals)",
      mysql:
        "WITH totals AS (SELECT posts.user_id, sum(posts.score) AS total FROM posts GROUP BY posts.user_id) SELECT totals.user_id FROM totals WHERE totals.total > (SELECT avg(totals.total) FROM totals)",
    });
  });

  it("a recursive CTE: WITH RECURSIVE name(columns) AS (base UNION ALL recursive part)", () => {
    const chain = select(u.id, u.managerId).where(u.id.eq(7)).cte("chain", { recursive: true });
    const full = chain.unionAll(select(u.id, u.managerId).join(chain, u.id.eq(chain.c.managerId)));
    expectSql(select(full.c.id), {
      pg: [
        "WITH RECURSIVE chain(id, manager_id) AS (SELECT users.id, users.manager_id FROM users WHERE users.id = $1 UNION ALL SELECT users.id, users.manager_id FROM users JOIN chain ON users.id = chain.manager_id) SELECT chain.id FROM chain",
        [7],
      ],
      sqlite: [
        "WITH RECURSIVE chain(id, manager_id) AS (SELECT users.id, users.manager_id FROM users WHERE users.id = ? UNION ALL SELECT users.id, users.manager_id FROM users JOIN chain ON users.id = chain.manager_id) SELECT chain.id FROM chain",
        [7],
      ],
      mysql: [
        "WITH RECURSIVE chain(id, manager_id) AS (SELECT users.id, users.manager_id FROM users WHERE users.id = ? UNION ALL SELECT users.id, users.manager_id FROM users JOIN chain ON users.id = chain.manager_id) SELECT chain.id FROM chain",
        [7],
      ],
    });
  });

  it("a recursive CTE with a computed column and UNION", () => {
    const n = select(u.id, u.managerId, func.coalesce(u.age, 0).label("depth"))
      .where(u.managerId.isNull())
      .cte("tree", { recursive: true });
    const tree = n.union(select(u.id, u.managerId, n.c.depth.add(1)).join(n, u.managerId.eq(n.c.id)));
    expectSql(select(tree.c.id, tree.c.depth).orderBy(tree.c.depth), {
      pg: [
        "WITH RECURSIVE tree(id, manager_id, depth) AS (SELECT users.id, users.manager_id, coalesce(users.age, $1) AS depth FROM users WHERE users.manager_id IS NULL UNION SELECT users.id, users.manager_id, tree.depth + $2 AS anon_1 FROM users JOIN tree ON users.manager_id = tree.id) SELECT tree.id, tree.depth FROM tree ORDER BY tree.depth",
        [0, 1],
      ],
      sqlite: [
        "WITH RECURSIVE tree(id, manager_id, depth) AS (SELECT users.id, users.manager_id, coalesce(users.age, ?) AS depth FROM users WHERE users.manager_id IS NULL UNION SELECT users.id, users.manager_id, tree.depth + ? AS anon_1 FROM users JOIN tree ON users.manager_id = tree.id) SELECT tree.id, tree.depth FROM tree ORDER BY tree.depth",
        [0, 1],
      ],
      mysql: [
        "WITH RECURSIVE tree(id, manager_id, depth) AS (SELECT users.id, users.manager_id, coalesce(users.age, ?) AS depth FROM users WHERE users.manager_id IS NULL UNION SELECT users.id, users.manager_id, tree.depth + ? AS anon_1 FROM users JOIN tree ON users.manager_id = tree.id) SELECT tree.id, tree.depth FROM tree ORDER BY tree.depth",
        [0, 1],
      ],
    });
  });
});

describe("CTEs in INSERT / UPDATE / DELETE", () => {
  const top = select(p.userId).where(p.score.gt(5)).cte("top_authors");

  it("INSERT ... SELECT: WITH first; MySQL wants INSERT ... WITH ... SELECT", () => {
    expectSql(insert(tags).fromSelect(["name"], select(u.name).where(u.id.in(select(top.c.userId)))), {
      pg: [
        "WITH top_authors AS (SELECT posts.user_id FROM posts WHERE posts.score > $1) INSERT INTO tags (name) SELECT users.name FROM users WHERE users.id IN (SELECT top_authors.user_id FROM top_authors)",
        [5],
      ],
      sqlite: [
        "WITH top_authors AS (SELECT posts.user_id FROM posts WHERE posts.score > ?) INSERT INTO tags (name) SELECT users.name FROM users WHERE users.id IN (SELECT top_authors.user_id FROM top_authors)",
        [5],
      ],
      mysql: [
        "INSERT INTO tags (name) WITH top_authors AS (SELECT posts.user_id FROM posts WHERE posts.score > ?) SELECT users.name FROM users WHERE users.id IN (SELECT top_authors.user_id FROM top_authors)",
        [5],
      ],
    });
  });

  it("UPDATE / DELETE: WITH first (MariaDB has no WITH there: an error naming the fix)", () => {
    const stmt = delete_(users).where(u.id.in(select(top.c.userId)));
    expectSql(stmt, {
      pg: [
        "WITH top_authors AS (SELECT posts.user_id FROM posts WHERE posts.score > $1) DELETE FROM users WHERE users.id IN (SELECT top_authors.user_id FROM top_authors)",
        [5],
      ],
      sqlite: [
        "WITH top_authors AS (SELECT posts.user_id FROM posts WHERE posts.score > ?) DELETE FROM users WHERE users.id IN (SELECT top_authors.user_id FROM top_authors)",
        [5],
      ],
      mysql: [
        "WITH top_authors AS (SELECT posts.user_id FROM posts WHERE posts.score > ?) DELETE FROM users WHERE users.id IN (SELECT top_authors.user_id FROM top_authors)",
        [5],
      ],
    });
    expectSql(
      stmt,
      { mysql: raises(CompileError, /MariaDB has no WITH clause on DELETE/) },
      { dialects: { mysql: mariaDbDialect() } },
    );
    expectSql(
      update(users)
        .values({ active: false })
        .where(u.id.in(select(top.c.userId))),
      {
        pg: [
          "WITH top_authors AS (SELECT posts.user_id FROM posts WHERE posts.score > $1) UPDATE users SET active = $2 WHERE users.id IN (SELECT top_authors.user_id FROM top_authors)",
          [5, false],
        ],
        sqlite: [
          "WITH top_authors AS (SELECT posts.user_id FROM posts WHERE posts.score > ?) UPDATE users SET active = ? WHERE users.id IN (SELECT top_authors.user_id FROM top_authors)",
          [5, 0],
        ],
      },
    );
  });
});

describe("set operations", () => {
  const adults = select(u.id, u.name).where(u.age.ge(18));
  const authors = select(p.userId, p.title).where(p.score.gt(3));

  it("union / unionAll / intersect / except, parameters in text order", () => {
    expectSql(union(adults, authors), {
      pg: [
        "SELECT users.id, users.name FROM users WHERE users.age >= $1 UNION SELECT posts.user_id, posts.title FROM posts WHERE posts.score > $2",
        [18, 3],
      ],
      sqlite: [
        "SELECT users.id, users.name FROM users WHERE users.age >= ? UNION SELECT posts.user_id, posts.title FROM posts WHERE posts.score > ?",
        [18, 3],
      ],
      mysql: [
        "SELECT users.id, users.name FROM users WHERE users.age >= ? UNION SELECT posts.user_id, posts.title FROM posts WHERE posts.score > ?",
        [18, 3],
      ],
    });
    for (const [stmt, op] of [
      [adults.unionAll(authors), "UNION ALL"],
      [adults.intersect(authors), "INTERSECT"],
      [except_(adults, authors), "EXCEPT"],
    ] as const) {
      expectSql(stmt, {
        pg: [
          `SELECT users.id, users.name FROM users WHERE users.age >= $1 ${op} SELECT posts.user_id, posts.title FROM posts WHERE posts.score > $2`,
          [18, 3],
        ],
        sqlite: [
          `SELECT users.id, users.name FROM users WHERE users.age >= ? ${op} SELECT posts.user_id, posts.title FROM posts WHERE posts.score > ?`,
          [18, 3],
        ],
        mysql: [
          `SELECT users.id, users.name FROM users WHERE users.age >= ? ${op} SELECT posts.user_id, posts.title FROM posts WHERE posts.score > ?`,
          [18, 3],
        ],
      });
    }
  });

  it("INTERSECT ALL / EXCEPT ALL where the dialect has them (not SQLite; MySQL by version)", () => {
    expectSql(adults.intersectAll(authors), {
      pg: [
        "SELECT users.id, users.name FROM users WHERE users.age >= $1 INTERSECT ALL SELECT posts.user_id, posts.title FROM posts WHERE posts.score > $2",
        [18, 3],
      ],
      sqlite: raises(CompileError, /INTERSECT ALL is not supported by sqlite/),
      mysql: raises(CompileError, /INTERSECT ALL is not supported by mysql/),
    });
    expectSql(
      adults.exceptAll(authors),
      {
        mysql: [
          "SELECT users.id, users.name FROM users WHERE users.age >= ? EXCEPT ALL SELECT posts.user_id, posts.title FROM posts WHERE posts.score > ?",
          [18, 3],
        ],
      },
      { dialects: { mysql: mariaDbDialect() } },
    );
  });

  it("ORDER BY / LIMIT of the whole compound name result columns, unqualified", () => {
    expectSql(union(adults, authors).orderBy(u.name.desc(), u.id).limit(5).offset(10), {
      pg: [
        "SELECT users.id, users.name FROM users WHERE users.age >= $1 UNION SELECT posts.user_id, posts.title FROM posts WHERE posts.score > $2 ORDER BY name DESC, id LIMIT $3 OFFSET $4",
        [18, 3, 5, 10],
      ],
      sqlite: [
        "SELECT users.id, users.name FROM users WHERE users.age >= ? UNION SELECT posts.user_id, posts.title FROM posts WHERE posts.score > ? ORDER BY name DESC, id LIMIT ? OFFSET ?",
        [18, 3, 5, 10],
      ],
      mysql: [
        "SELECT users.id, users.name FROM users WHERE users.age >= ? UNION SELECT posts.user_id, posts.title FROM posts WHERE posts.score > ? ORDER BY name DESC, id LIMIT ? OFFSET ?",
        [18, 3, 5, 10],
      ],
    });
  });

  it("orderBy by result name (quoted when needed); an unknown name fails when built", () => {
    const labelled = select(u.id.label("Key"), u.name).unionAll(select(p.id, p.title));
    expectSql(labelled.orderBy("-Key").offset(2), {
      pg: [
        'SELECT users.id AS "Key", users.name FROM users UNION ALL SELECT posts.id, posts.title FROM posts ORDER BY "Key" DESC OFFSET $1',
        [2],
      ],
      sqlite: [
        'SELECT users.id AS "Key", users.name FROM users UNION ALL SELECT posts.id, posts.title FROM posts ORDER BY "Key" DESC LIMIT -1 OFFSET ?',
        [2],
      ],
      mysql: [
        "SELECT users.id AS `Key`, users.name FROM users UNION ALL SELECT posts.id, posts.title FROM posts ORDER BY `Key` DESC LIMIT 18446744073709551615 OFFSET ?",
        [2],
      ],
    });
    let error: unknown;
    try {
      labelled.orderBy("name; DROP TABLE users");
    } catch (e) {
      error = e;
    }
    if (!(error instanceof ArgumentError)) throw new Error("an unknown compound orderBy name must throw");
  });

  it("members with ORDER BY / LIMIT are parenthesised (SQLite: wrapped as subqueries)", () => {
    expectSql(union(adults.orderBy(u.name).limit(3), authors.limit(2)), {
      pg: [
        "(SELECT users.id, users.name FROM users WHERE users.age >= $1 ORDER BY users.name LIMIT $2) UNION (SELECT posts.user_id, posts.title FROM posts WHERE posts.score > $3 LIMIT $4)",
        [18, 3, 3, 2],
      ],
      sqlite: [
        "SELECT * FROM (SELECT users.id, users.name FROM users WHERE users.age >= ? ORDER BY users.name LIMIT ?) UNION SELECT * FROM (SELECT posts.user_id, posts.title FROM posts WHERE posts.score > ? LIMIT ?)",
        [18, 3, 3, 2],
      ],
      mysql: [
        "(SELECT users.id, users.name FROM users WHERE users.age >= ? ORDER BY users.name LIMIT ?) UNION (SELECT posts.user_id, posts.title FROM posts WHERE posts.score > ? LIMIT ?)",
        [18, 3, 3, 2],
      ],
    });
  });

  it("nesting: the same operator flattens, another is grouped", () => {
    const third = select(u.id, u.email).where(u.email.isNotNull());
    expectSql(union(adults, union(authors, third)), {
      pg: [
        "SELECT users.id, users.name FROM users WHERE users.age >= $1 UNION SELECT posts.user_id, posts.title FROM posts WHERE posts.score > $2 UNION SELECT users.id, users.email FROM users WHERE users.email IS NOT NULL",
        [18, 3],
      ],
      sqlite: [
        "SELECT users.id, users.name FROM users WHERE users.age >= ? UNION SELECT posts.user_id, posts.title FROM posts WHERE posts.score > ? UNION SELECT users.id, users.email FROM users WHERE users.email IS NOT NULL",
        [18, 3],
      ],
      mysql: [
        "SELECT users.id, users.name FROM users WHERE users.age >= ? UNION SELECT posts.user_id, posts.title FROM posts WHERE posts.score > ? UNION SELECT users.id, users.email FROM users WHERE users.email IS NOT NULL",
        [18, 3],
      ],
    });
    expectSql(unionAll(adults, intersect(authors, third)), {
      pg: [
        "SELECT users.id, users.name FROM users WHERE users.age >= $1 UNION ALL (SELECT posts.user_id, posts.title FROM posts WHERE posts.score > $2 INTERSECT SELECT users.id, users.email FROM users WHERE users.email IS NOT NULL)",
        [18, 3],
      ],
      sqlite: [
        "SELECT users.id, users.name FROM users WHERE users.age >= ? UNION ALL SELECT * FROM (SELECT posts.user_id, posts.title FROM posts WHERE posts.score > ? INTERSECT SELECT users.id, users.email FROM users WHERE users.email IS NOT NULL)",
        [18, 3],
      ],
      mysql: [
        "SELECT users.id, users.name FROM users WHERE users.age >= ? UNION ALL (SELECT posts.user_id, posts.title FROM posts WHERE posts.score > ? INTERSECT SELECT users.id, users.email FROM users WHERE users.email IS NOT NULL)",
        [18, 3],
      ],
    });
  });

  it("a compound as a subquery, and as an IN operand", () => {
    const ids = union(select(u.id).where(u.age.gt(60)), select(p.userId).where(p.score.gt(90))).subquery(
      "ids",
    );
    expectSql(select(func.count()).selectFrom(ids), {
      pg: [
        "SELECT count(*) FROM (SELECT users.id FROM users WHERE users.age > $1 UNION SELECT posts.user_id FROM posts WHERE posts.score > $2) AS ids",
        [60, 90],
      ],
      sqlite: [
        "SELECT count(*) FROM (SELECT users.id FROM users WHERE users.age > ? UNION SELECT posts.user_id FROM posts WHERE posts.score > ?) AS ids",
        [60, 90],
      ],
      mysql: [
        "SELECT count(*) FROM (SELECT users.id FROM users WHERE users.age > ? UNION SELECT posts.user_id FROM posts WHERE posts.score > ?) AS ids",
        [60, 90],
      ],
    });
    const vip = union(
      select(c.authorId).where(c.body.like("%!%")),
      select(u.managerId).where(u.managerId.isNotNull()),
    );
    expectSql(select(posts.c.title).where(p.userId.in(vip)), {
      pg: [
        "SELECT posts.title FROM posts WHERE posts.user_id IN (SELECT comments.author_id FROM comments WHERE comments.body LIKE $1 UNION SELECT users.manager_id FROM users WHERE users.manager_id IS NOT NULL)",
        ["%!%"],
      ],
      sqlite: [
        "SELECT posts.title FROM posts WHERE posts.user_id IN (SELECT comments.author_id FROM comments WHERE comments.body LIKE ? UNION SELECT users.manager_id FROM users WHERE users.manager_id IS NOT NULL)",
        ["%!%"],
      ],
      mysql: [
        "SELECT posts.title FROM posts WHERE posts.user_id IN (SELECT comments.author_id FROM comments WHERE comments.body LIKE ? UNION SELECT users.manager_id FROM users WHERE users.manager_id IS NOT NULL)",
        ["%!%"],
      ],
    });
  });
});

describe("window functions", () => {
  it("over() with PARTITION BY and ORDER BY, labelled", () => {
    expectSql(
      select(u.id, func.rowNumber().over({ partitionBy: u.managerId, orderBy: u.age.desc() }).label("rn")),
      {
        pg: "SELECT users.id, row_number() OVER (PARTITION BY users.manager_id ORDER BY users.age DESC) AS rn FROM users",
        sqlite:
          "SELECT users.id, row_number() OVER (PARTITION BY users.manager_id ORDER BY users.age DESC) AS rn FROM users",
        mysql:
          "SELECT users.id, row_number() OVER (PARTITION BY users.manager_id ORDER BY users.age DESC) AS rn FROM users",
      },
    );
  });

  it("an empty window; several partition and order expressions", () => {
    expectSql(
      select(
        u.id,
        func.count().over(),
        func.rank().over({ partitionBy: [u.managerId, u.active], orderBy: [u.age, u.id.desc()] }),
      ),
      {
        pg: "SELECT users.id, count(*) OVER (), rank() OVER (PARTITION BY users.manager_id, users.active ORDER BY users.age, users.id DESC) FROM users",
        sqlite:
          "SELECT users.id, count(*) OVER (), rank() OVER (PARTITION BY users.manager_id, users.active ORDER BY users.age, users.id DESC) FROM users",
        mysql:
          "SELECT users.id, count(*) OVER (), rank() OVER (PARTITION BY users.manager_id, users.active ORDER BY users.age, users.id DESC) FROM users",
      },
    );
  });

  it("ROWS frames: null is UNBOUNDED, 0 CURRENT ROW, -n PRECEDING, n FOLLOWING", () => {
    expectSql(
      select(
        func
          .sum(p.score)
          .over({ orderBy: p.id, rows: [null, 0] })
          .label("running"),
        func
          .avg(p.score)
          .over({ orderBy: p.id, rows: [-2, 2] })
          .label("smooth"),
        func
          .max(p.score)
          .over({ partitionBy: p.userId, orderBy: p.id, rows: [0, null] })
          .label("rest"),
      ),
      {
        pg: "SELECT sum(posts.score) OVER (ORDER BY posts.id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running, avg(posts.score) OVER (ORDER BY posts.id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING) AS smooth, max(posts.score) OVER (PARTITION BY posts.user_id ORDER BY posts.id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS rest FROM posts",
        sqlite:
          "SELECT sum(posts.score) OVER (ORDER BY posts.id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running, avg(posts.score) OVER (ORDER BY posts.id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING) AS smooth, max(posts.score) OVER (PARTITION BY posts.user_id ORDER BY posts.id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS rest FROM posts",
        mysql:
          "SELECT sum(posts.score) OVER (ORDER BY posts.id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running, avg(posts.score) OVER (ORDER BY posts.id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING) AS smooth, max(posts.score) OVER (PARTITION BY posts.user_id ORDER BY posts.id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS rest FROM posts",
      },
    );
  });

  it("RANGE frames", () => {
    expectSql(select(func.sum(p.score).over({ orderBy: p.score, range: [-10, 0] })), {
      pg: "SELECT sum(posts.score) OVER (ORDER BY posts.score RANGE BETWEEN 10 PRECEDING AND CURRENT ROW) FROM posts",
      sqlite:
        "SELECT sum(posts.score) OVER (ORDER BY posts.score RANGE BETWEEN 10 PRECEDING AND CURRENT ROW) FROM posts",
      mysql:
        "SELECT sum(posts.score) OVER (ORDER BY posts.score RANGE BETWEEN 10 PRECEDING AND CURRENT ROW) FROM posts",
    });
  });

  it("a frame bound that is not a number is refused (it is written into the SQL)", () => {
    const bad = ["1 PRECEDING AND CURRENT ROW) --", null] as unknown as [number, null];
    expectSql(select(func.sum(p.score).over({ orderBy: p.id, rows: bad })), {
      pg: raises(CompileError, /frame bound must be a finite number/),
    });
  });

  it("lag / lead with offset and default; a window over an aggregate", () => {
    expectSql(
      select(p.id, func.lag(p.score, 2, 0).over({ partitionBy: p.userId, orderBy: p.id }).label("prev")),
      {
        pg: [
          "SELECT posts.id, lag(posts.score, $1, $2) OVER (PARTITION BY posts.user_id ORDER BY posts.id) AS prev FROM posts",
          [2, 0],
        ],
        sqlite: [
          "SELECT posts.id, lag(posts.score, ?, ?) OVER (PARTITION BY posts.user_id ORDER BY posts.id) AS prev FROM posts",
          [2, 0],
        ],
        mysql: [
          "SELECT posts.id, lag(posts.score, ?, ?) OVER (PARTITION BY posts.user_id ORDER BY posts.id) AS prev FROM posts",
          [2, 0],
        ],
      },
    );
    // MariaDB's lag / lead take no default.
    expectSql(
      select(func.lag(p.score, 1, 0).over({ orderBy: p.id })),
      { mysql: raises(CompileError, /MariaDB's lag\(\) takes no default/) },
      { dialects: { mysql: mariaDbDialect() } },
    );
    // A default without an offset: the offset is 1 (not the default in the offset's place).
    expectSql(
      select(
        func.lead(p.title, undefined, "none").over({ orderBy: p.id }),
        func.lag(p.id).over({ orderBy: p.id }),
      ),
      {
        pg: [
          "SELECT lead(posts.title, $1, $2) OVER (ORDER BY posts.id), lag(posts.id) OVER (ORDER BY posts.id) FROM posts",
          [1, "none"],
        ],
        sqlite: [
          "SELECT lead(posts.title, ?, ?) OVER (ORDER BY posts.id), lag(posts.id) OVER (ORDER BY posts.id) FROM posts",
          [1, "none"],
        ],
        mysql: [
          "SELECT lead(posts.title, ?, ?) OVER (ORDER BY posts.id), lag(posts.id) OVER (ORDER BY posts.id) FROM posts",
          [1, "none"],
        ],
      },
    );
    expectSql(select(p.userId, func.sum(func.count()).over().label("all_posts")).groupBy(p.userId), {
      pg: "SELECT posts.user_id, sum(count(*)) OVER () AS all_posts FROM posts GROUP BY posts.user_id",
      sqlite: "SELECT posts.user_id, sum(count(*)) OVER () AS all_posts FROM posts GROUP BY posts.user_id",
      mysql: "SELECT posts.user_id, sum(count(*)) OVER () AS all_posts FROM posts GROUP BY posts.user_id",
    });
  });

  it("ordering by a window function through a subquery", () => {
    const ranked = select(
      p.id,
      p.userId,
      func.rowNumber().over({ partitionBy: p.userId, orderBy: p.score.desc() }).label("rn"),
    ).subquery("ranked");
    expectSql(select(ranked.c.id).where(ranked.c.rn.eq(1)), {
      pg: [
        "SELECT ranked.id FROM (SELECT posts.id, posts.user_id, row_number() OVER (PARTITION BY posts.user_id ORDER BY posts.score DESC) AS rn FROM posts) AS ranked WHERE ranked.rn = $1",
        [1],
      ],
      sqlite: [
        "SELECT ranked.id FROM (SELECT posts.id, posts.user_id, row_number() OVER (PARTITION BY posts.user_id ORDER BY posts.score DESC) AS rn FROM posts) AS ranked WHERE ranked.rn = ?",
        [1],
      ],
      mysql: [
        "SELECT ranked.id FROM (SELECT posts.id, posts.user_id, row_number() OVER (PARTITION BY posts.user_id ORDER BY posts.score DESC) AS rn FROM posts) AS ranked WHERE ranked.rn = ?",
        [1],
      ],
    });
  });
});
