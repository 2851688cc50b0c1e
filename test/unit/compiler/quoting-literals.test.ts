import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  BigInteger,
  Boolean,
  CompileError,
  column,
  DateTime,
  Date as DateType,
  delete_,
  Enum,
  Float,
  func,
  Integer,
  Interval,
  insert,
  Json,
  LargeBinary,
  literal,
  MetaData,
  Numeric,
  String,
  select,
  Table,
  Text,
  Time,
  text,
  tuple_,
  Uuid,
  update,
} from "../../../src/index.js";
import { p, posts, u, users } from "./fixtures.js";
import { expectLiteral, expectSql, raises } from "./helpers.js";

describe("identifier quoting", () => {
  const md = new MetaData();
  const odd = new Table("Order", md, {
    select: column(Integer).primaryKey(),
    MixedCase: column(String(10)),
    'say "hi"': column(String(10)),
    "back`tick": column(Integer),
    user: column(Integer),
    "2fast": column(Integer),
    "with space": column(Integer),
    key: column(Integer),
    plain_name: column(Integer),
  });

  it("quotes reserved words, mixed case, special characters; doubles the quote character inside", () => {
    expectSql(select(odd), {
      pg: 'SELECT "Order"."select", "Order"."MixedCase", "Order"."say ""hi""", "Order"."back`tick", "Order"."user", "Order"."2fast", "Order"."with space", "Order".key, "Order".plain_name FROM "Order"',
      sqlite:
        'SELECT "Order"."select", "Order"."MixedCase", "Order"."say ""hi""", "Order"."back`tick", "Order".user, "Order"."2fast", "Order"."with space", "Order"."key", "Order".plain_name FROM "Order"',
      mysql:
        'SELECT `Order`.`select`, `Order`.`MixedCase`, `Order`.`say "hi"`, `Order`.`back``tick`, `Order`.user, `Order`.`2fast`, `Order`.`with space`, `Order`.`key`, `Order`.plain_name FROM `Order`',
    });
  });

  it("in DML: INSERT column lists, SET targets, RETURNING", () => {
    expectSql(insert(odd).values({ select: 1, MixedCase: "a" }).returning(odd.c.key), {
      pg: ['INSERT INTO "Order" ("select", "MixedCase") VALUES ($1, $2) RETURNING key', [1, "a"]],
      sqlite: ['INSERT INTO "Order" ("select", "MixedCase") VALUES (?, ?) RETURNING "key"', [1, "a"]],
    });
    expectSql(update(odd).values({ user: 2 }).where(odd.c["back`tick"].eq(3)), {
      pg: ['UPDATE "Order" SET "user" = $1 WHERE "Order"."back`tick" = $2', [2, 3]],
      sqlite: ['UPDATE "Order" SET user = ? WHERE "Order"."back`tick" = ?', [2, 3]],
      mysql: ["UPDATE `Order` SET user = ? WHERE `Order`.`back``tick` = ?", [2, 3]],
    });
  });

  it("labels, aliases and schemas are quoted the same way", () => {
    const sch = new Table("Accounts", new MetaData({ schema: "Billing" }), {
      id: column(Integer).primaryKey(),
    });
    const a = sch.alias("From");
    expectSql(select(a.c.id.label("Total Count")).where(a.c.id.gt(1)), {
      pg: ['SELECT "From".id AS "Total Count" FROM "Billing"."Accounts" AS "From" WHERE "From".id > $1', [1]],
      sqlite: [
        'SELECT "From".id AS "Total Count" FROM "Billing"."Accounts" AS "From" WHERE "From".id > ?',
        [1],
      ],
      mysql: [
        "SELECT `From`.id AS `Total Count` FROM `Billing`.`Accounts` AS `From` WHERE `From`.id > ?",
        [1],
      ],
    });
    expectSql(select(sch.c.id), {
      pg: 'SELECT "Billing"."Accounts".id FROM "Billing"."Accounts"',
      mysql: "SELECT `Billing`.`Accounts`.id FROM `Billing`.`Accounts`",
    });
  });
});

describe("placeholders", () => {
  it("are numbered in text order, whatever order the statement was built in", () => {
    const n = select(func.count(p.id)).where(p.userId.eq(u.id), p.score.gt(7)).scalarSubquery();
    const stmt = select(u.name, n.label("n"))
      .where(u.age.gt(1))
      .groupBy(u.id, u.name)
      .having(func.count(u.id).lt(2))
      .orderBy(u.name)
      .limit(3)
      .offset(4);
    expectSql(stmt, {
      pg: [
        "SELECT users.name, (SELECT count(posts.id) FROM posts WHERE posts.user_id = users.id AND posts.score > $1) AS n FROM users WHERE users.age > $2 GROUP BY users.id, users.name HAVING count(users.id) < $3 ORDER BY users.name LIMIT $4 OFFSET $5",
        [7, 1, 2, 3, 4],
      ],
      sqlite: [
        "SELECT users.name, (SELECT count(posts.id) FROM posts WHERE posts.user_id = users.id AND posts.score > ?) AS n FROM users WHERE users.age > ? GROUP BY users.id, users.name HAVING count(users.id) < ? ORDER BY users.name LIMIT ? OFFSET ?",
        [7, 1, 2, 3, 4],
      ],
      mysql: [
        "SELECT users.name, (SELECT count(posts.id) FROM posts WHERE posts.user_id = users.id AND posts.score > ?) AS n FROM users WHERE users.age > ? GROUP BY users.id, users.name HAVING count(users.id) < ? ORDER BY users.name LIMIT ? OFFSET ?",
        [7, 1, 2, 3, 4],
      ],
    });
  });

  it("a bind object used twice is sent twice", () => {
    const min = literal(10, Integer());
    expectSql(select(u.id).where(u.age.gt(min), u.id.gt(min)), {
      pg: ["SELECT users.id FROM users WHERE users.age > $1 AND users.id > $2", [10, 10]],
      sqlite: ["SELECT users.id FROM users WHERE users.age > ? AND users.id > ?", [10, 10]],
    });
  });
});

describe("offline SQL: dialect.renderLiteral()", () => {
  const hostile = "O'Brien \\ '; DROP TABLE users; -- \u00fcn\u00efc\u00f8de \u2603 \ud83d\ude00";

  it("hostile strings stay data: quotes doubled, backslashes escaped on MySQL, unicode untouched", () => {
    expectLiteral(select(u.id).where(u.name.eq(hostile)), {
      pg: "SELECT users.id FROM users WHERE users.name = 'O''Brien \\ ''; DROP TABLE users; -- \u00fcn\u00efc\u00f8de \u2603 \ud83d\ude00'",
      sqlite:
        "SELECT users.id FROM users WHERE users.name = 'O''Brien \\ ''; DROP TABLE users; -- \u00fcn\u00efc\u00f8de \u2603 \ud83d\ude00'",
      mysql:
        "SELECT users.id FROM users WHERE users.name = 'O''Brien \\\\ ''; DROP TABLE users; -- \u00fcn\u00efc\u00f8de \u2603 \ud83d\ude00'",
    });
  });

  it("a trailing backslash cannot eat the closing quote on MySQL; control characters", () => {
    expectLiteral(select(literal("x\\")), {
      pg: "SELECT 'x\\'",
      sqlite: "SELECT 'x\\'",
      mysql: "SELECT 'x\\\\'",
    });
    expectLiteral(select(literal("a\nb\tc\r\u001a")), {
      pg: "SELECT 'a\nb\tc\r\u001a'",
      sqlite: "SELECT 'a\nb\tc\r\u001a'",
      mysql: "SELECT 'a\\nb\\tc\\r\\Z'",
    });
  });

  it("strings holding the compiler's own marker characters are data like any other", () => {
    expectLiteral(select(literal("a\u0001b\u00020\u0002\u0003")), {
      pg: "SELECT 'a\u0001b\u00020\u0002\u0003'",
      sqlite: "SELECT 'a\u0001b\u00020\u0002\u0003'",
      mysql: "SELECT 'a\u0001b\u00020\u0002\u0003'",
    });
    expectSql(text("SELECT '\u00010\u0002', :a").bindparams({ a: 1 }), {
      pg: ["SELECT '\u00010\u0002', $1", [1]],
    });
  });

  it("IN lists, empty IN lists, LIMIT / OFFSET and NULL inline", () => {
    expectLiteral(
      select(u.id)
        .where(u.name.in(["a'", "b"]), u.id.notIn([]), u.email.eq(null))
        .limit(5)
        .offset(10),
      {
        pg: "SELECT users.id FROM users WHERE users.name IN ('a''', 'b') AND users.id NOT IN (SELECT CAST(NULL AS INTEGER) WHERE 1 != 1) AND users.email IS NULL LIMIT 5 OFFSET 10",
        sqlite:
          "SELECT users.id FROM users WHERE users.name IN ('a''', 'b') AND users.id NOT IN (SELECT CAST(NULL AS INTEGER) WHERE 1 != 1) AND users.email IS NULL LIMIT 5 OFFSET 10",
        mysql:
          "SELECT users.id FROM users WHERE users.name IN ('a''', 'b') AND users.id NOT IN (SELECT NULL FROM DUAL WHERE 1 != 1) AND users.email IS NULL LIMIT 5 OFFSET 10",
      },
    );
  });

  it("booleans: true/false on PostgreSQL, 1/0 where there is no boolean type", () => {
    expectLiteral(update(users).values({ active: true }).where(u.active.eq(false)), {
      pg: "UPDATE users SET active = true WHERE users.active = false",
      sqlite: "UPDATE users SET active = 1 WHERE users.active = 0",
      mysql: "UPDATE users SET active = 1 WHERE users.active = 0",
    });
    expectLiteral(select(literal(true), literal(false)), {
      pg: "SELECT true, false",
      sqlite: "SELECT 1, 0",
      mysql: "SELECT 1, 0",
    });
  });

  const md = new MetaData();
  const kinds = new Table("kinds", md, {
    id: column(Integer).primaryKey(),
    dt: column(DateTime()).nullable(),
    dtz: column(DateTime({ timezone: true })).nullable(),
    d: column(DateType).nullable(),
    t: column(Time).nullable(),
    iv: column(Interval).nullable(),
    j: column(Json).nullable(),
    b: column(LargeBinary).nullable(),
    n: column(Numeric(10, 2)).nullable(),
    f: column(Float).nullable(),
    bi: column(BigInteger).nullable(),
    uu: column(Uuid).nullable(),
    e: column(Enum(["draft", "live"], { nativeEnum: false })).nullable(),
    tx: column(Text).nullable(),
  });
  const when = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));

  it("dates per dialect: ISO on PostgreSQL, UTC 'YYYY-MM-DD HH:MM:SS.fff' on SQLite and MySQL", () => {
    expectLiteral(insert(kinds).values({ id: 1, dt: when, dtz: when, d: when, t: "12:34:56" }), {
      pg: "INSERT INTO kinds (id, dt, dtz, d, t) VALUES (1, '2024-01-02T03:04:05.678Z', '2024-01-02T03:04:05.678Z', '2024-01-02', '12:34:56')",
      sqlite:
        "INSERT INTO kinds (id, dt, dtz, d, t) VALUES (1, '2024-01-02 03:04:05.678', '2024-01-02 03:04:05.678', '2024-01-02', '12:34:56')",
      mysql:
        "INSERT INTO kinds (id, dt, dtz, d, t) VALUES (1, '2024-01-02 03:04:05.678', '2024-01-02 03:04:05.678', '2024-01-02', '12:34:56')",
    });
    // An untyped Date is written the way the dialect binds one.
    expectLiteral(select(literal(when)), {
      pg: "SELECT '2024-01-02T03:04:05.678Z'",
      sqlite: "SELECT '2024-01-02 03:04:05.678'",
      mysql: "SELECT '2024-01-02 03:04:05.678'",
    });
  });

  it("JSON, bytes, numerics, big integers, UUIDs (lowercased), intervals, enums", () => {
    expectLiteral(
      insert(kinds).values({
        id: 2,
        j: { quote: "it's", list: [1, null] },
        b: new Uint8Array([0, 255, 39]),
        n: "12.50",
        f: 1.5,
        bi: 9007199254740993n,
        uu: "ABCDEF00-0000-4000-8000-00000000000A",
        iv: "P1DT2H",
        e: "live",
      }),
      {
        pg: `INSERT INTO kinds (id, j, b, n, f, bi, uu, iv, e) VALUES (2, '{"quote":"it''s","list":[1,null]}', '\\x00ff27'::bytea, 12.50, 1.5, 9007199254740993, 'abcdef00-0000-4000-8000-00000000000a', 'P1DT2H', 'live')`,
        sqlite: `INSERT INTO kinds (id, j, b, n, f, bi, uu, iv, e) VALUES (2, '{"quote":"it''s","list":[1,null]}', X'00ff27', 12.50, 1.5, 9007199254740993, 'abcdef00-0000-4000-8000-00000000000a', 'P1DT2H', 'live')`,
        mysql: `INSERT INTO kinds (id, j, b, n, f, bi, uu, iv, e) VALUES (2, '{"quote":"it''s","list":[1,null]}', X'00ff27', 12.50, 1.5, 9007199254740993, 'abcdef00-0000-4000-8000-00000000000a', 'P1DT2H', 'live')`,
      },
    );
  });

  it("values that cannot be written safely are refused", () => {
    expectLiteral(select(literal(Number.NaN)), { pg: raises(ArgumentError, /Cannot render NaN/) });
    expectLiteral(insert(kinds).values({ id: 3, n: "1; DROP TABLE kinds" }), {
      pg: raises(ArgumentError, /is not a number/),
    });
    expectLiteral(insert(kinds).values({ id: 3, e: "gone" as never }), {
      sqlite: raises(ArgumentError, /not among the values/),
    });
    expectLiteral(insert(kinds).values({ id: 3, f: Number.POSITIVE_INFINITY }), {
      mysql: raises(ArgumentError),
    });
  });

  it("text() with bindparams; a parameter with no value cannot be written", () => {
    expectLiteral(text("SELECT * FROM users WHERE name = :n").bindparams({ n: hostile }), {
      pg: "SELECT * FROM users WHERE name = 'O''Brien \\ ''; DROP TABLE users; -- \u00fcn\u00efc\u00f8de \u2603 \ud83d\ude00'",
      mysql:
        "SELECT * FROM users WHERE name = 'O''Brien \\\\ ''; DROP TABLE users; -- \u00fcn\u00efc\u00f8de \u2603 \ud83d\ude00'",
    });
    expectLiteral(text("SELECT :missing"), { pg: raises(CompileError, /':missing' has no value/) });
  });

  it("DML with inline values; DELETE ... USING", () => {
    expectLiteral(delete_(posts).where(p.userId.eq(u.id), u.name.eq("x")), {
      pg: "DELETE FROM posts USING users WHERE posts.user_id = users.id AND users.name = 'x'",
      mysql: "DELETE FROM posts USING posts, users WHERE posts.user_id = users.id AND users.name = 'x'",
    });
  });

  it("the same statement still compiles with placeholders afterwards", () => {
    const stmt = select(u.id).where(u.name.eq("z"));
    expectLiteral(stmt, { pg: "SELECT users.id FROM users WHERE users.name = 'z'" });
    expectSql(stmt, { pg: ["SELECT users.id FROM users WHERE users.name = $1", ["z"]] });
    expect(() => select(u.id).where(u.id.eq(1))).not.toThrow();
  });

  it("tuple IN lists inline use each element's type", () => {
    const flags = new Table("flags", new MetaData(), {
      id: column(Integer).primaryKey(),
      on: column(Boolean),
    });
    expectLiteral(
      select(flags.c.id).where(
        tuple_(flags.c.id, flags.c.on).in([
          [1, true],
          [2, false],
        ]),
      ),
      {
        pg: 'SELECT flags.id FROM flags WHERE (flags.id, flags."on") IN ((1, true), (2, false))',
        sqlite: 'SELECT flags.id FROM flags WHERE (flags.id, flags."on") IN ((1, 1), (2, 0))',
        mysql: "SELECT flags.id FROM flags WHERE (flags.id, flags.`on`) IN ((1, 1), (2, 0))",
      },
    );
  });
});
