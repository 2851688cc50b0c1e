import { describe, it } from "vitest";
import { func, insert, literal, Numeric, select, update } from "../../../src/index.js";
import { p, posts, u } from "../compiler/fixtures.js";
import { expectSql } from "../compiler/helpers.js";

/**
 * Issue 14, item 1: PostgreSQL types an untyped `$1` as `unknown`, so `SELECT $1 + $2` is
 * "operator is not unique" and a recursive CTE seeded by `SELECT $1` has a text column. A bind
 * gets `::TYPE` exactly where nothing around it gives the server a type; SQLite and MySQL infer
 * (or do not care) and keep plain placeholders.
 */
describe("typed binds where the server cannot infer a type", () => {
  it("both operands of an operator are binds: both cast on PostgreSQL", () => {
    expectSql(select(literal(1).add(1)), {
      pg: ["SELECT $1::INTEGER + $2::INTEGER", [1, 1]],
      sqlite: ["SELECT ? + ?", [1, 1]],
      mysql: ["SELECT ? + ?", [1, 1]],
    });
    expectSql(select(literal("2.5", Numeric(10, 2)).mul("2")), {
      pg: ["SELECT $1::NUMERIC(10, 2) * $2::NUMERIC(10, 2)", ["2.5", "2"]],
      sqlite: ["SELECT ? * ?", ["2.5", "2"]],
      mysql: ["SELECT ? * ?", ["2.5", "2"]],
    });
  });

  it("a recursive CTE seeded by literal(1): the seed is typed, the recursive part is not", () => {
    const seed = select(literal(1).label("n")).cte("t", { recursive: true });
    const t = seed.unionAll(select(seed.c.n.add(1)).where(seed.c.n.lt(5)));
    const body = "SELECT t.n + $2 AS anon_1 FROM t WHERE t.n < $3) SELECT t.n FROM t";
    expectSql(select(t.c.n), {
      pg: [`WITH RECURSIVE t(n) AS (SELECT $1::INTEGER AS n UNION ALL ${body}`, [1, 1, 5]],
      sqlite: [
        "WITH RECURSIVE t(n) AS (SELECT ? AS n UNION ALL SELECT t.n + ? AS anon_1 FROM t WHERE t.n < ?) SELECT t.n FROM t",
        [1, 1, 5],
      ],
      mysql: [
        "WITH RECURSIVE t(n) AS (SELECT ? AS n UNION ALL SELECT t.n + ? AS anon_1 FROM t WHERE t.n < ?) SELECT t.n FROM t",
        [1, 1, 5],
      ],
    });
  });

  it("a function whose arguments are all binds gets typed arguments; with a column it does not", () => {
    expectSql(select(func.coalesce(literal(1.5), literal(2))), {
      pg: ["SELECT coalesce($1::FLOAT, $2::INTEGER)", [1.5, 2]],
      sqlite: ["SELECT coalesce(?, ?)", [1.5, 2]],
      mysql: ["SELECT coalesce(?, ?)", [1.5, 2]],
    });
    expectSql(select(func.coalesce(u.age, 0)), {
      pg: ["SELECT coalesce(users.age, $1) FROM users", [0]],
      sqlite: ["SELECT coalesce(users.age, ?) FROM users", [0]],
      mysql: ["SELECT coalesce(users.age, ?) FROM users", [0]],
    });
  });

  it("a bind beside a column, in VALUES, in SET, in LIMIT, or a string anywhere stays untyped", () => {
    expectSql(select(p.score.add(1)).where(p.score.gt(2)).limit(3), {
      pg: ["SELECT posts.score + $1 FROM posts WHERE posts.score > $2 LIMIT $3", [1, 2, 3]],
      sqlite: ["SELECT posts.score + ? FROM posts WHERE posts.score > ? LIMIT ?", [1, 2, 3]],
      mysql: ["SELECT posts.score + ? FROM posts WHERE posts.score > ? LIMIT ?", [1, 2, 3]],
    });
    expectSql(insert(posts).values({ userId: 1, title: "t", score: 2 }), {
      pg: ["INSERT INTO posts (user_id, title, score) VALUES ($1, $2, $3)", [1, "t", 2]],
      sqlite: ["INSERT INTO posts (user_id, title, score) VALUES (?, ?, ?)", [1, "t", 2]],
      mysql: ["INSERT INTO posts (user_id, title, score) VALUES (?, ?, ?)", [1, "t", 2]],
    });
    expectSql(update(posts).values({ score: 4 }).where(p.id.eq(1)), {
      pg: ["UPDATE posts SET score = $1 WHERE posts.id = $2", [4, 1]],
      sqlite: ["UPDATE posts SET score = ? WHERE posts.id = ?", [4, 1]],
      mysql: ["UPDATE posts SET score = ? WHERE posts.id = ?", [4, 1]],
    });
    // `unknown` converts to whatever a function wants (json, regconfig); VARCHAR would not.
    expectSql(select(literal("a").concat("b"), func.jsonbTypeof(literal('{"a":1}'))), {
      pg: ["SELECT $1 || $2, jsonb_typeof($3)", ["a", "b", '{"a":1}']],
      sqlite: ["SELECT ? || ?, jsonb_typeof(?)", ["a", "b", '{"a":1}']],
      mysql: ["SELECT concat(?, ?), jsonb_typeof(?)", ["a", "b", '{"a":1}']],
    });
  });

  it("a timestamp bind alone in the columns clause is typed, so it reads back as a timestamp", () => {
    const at = new Date(Date.UTC(2024, 1, 29, 10, 0, 0));
    expectSql(select(literal(at).label("at")), {
      pg: ["SELECT $1::TIMESTAMP WITH TIME ZONE AS at", ["2024-02-29T10:00:00.000Z"]],
      sqlite: ["SELECT ? AS at", ["2024-02-29 10:00:00.000"]],
      mysql: ["SELECT ? AS at", ["2024-02-29 10:00:00.000"]],
    });
  });
});
