import { describe, it } from "vitest";
import {
  ARRAY,
  and_,
  asc,
  CITEXT,
  type ColumnElement,
  case_,
  caseValue,
  cast,
  column,
  desc,
  type Expr,
  exists,
  func,
  Integer,
  JSONB,
  LargeBinary,
  literal,
  MetaData,
  Numeric,
  not_,
  or_,
  String,
  select,
  Table,
  tuple_,
} from "../../../src/index.js";
import { c, p, posts, u, users } from "./fixtures.js";
import { DIALECTS, type DialectKey, expectSql, type SqlExpectation } from "./helpers.js";

type Parts = { pg?: string; sqlite?: string; mysql?: string; params?: unknown[] };

/** The expectations for `<prefix><part><suffix>` on each dialect given a part. */
function wrap(prefix: string, suffix: string, parts: Parts): Partial<Record<DialectKey, SqlExpectation>> {
  const out: Partial<Record<DialectKey, SqlExpectation>> = {};
  for (const key of DIALECTS) {
    const part = parts[key];
    if (part !== undefined) out[key] = [`${prefix}${part}${suffix}`, parts.params ?? []];
  }
  return out;
}

/** `SELECT users.id FROM users WHERE <cond>` on each dialect, with the condition's parameters. */
function expectWhere(cond: ColumnElement<any, any>, expected: Parts): void {
  expectSql(select(u.id).where(cond), wrap("SELECT users.id FROM users WHERE ", "", expected));
}

/** `SELECT <expr> FROM users` on each dialect. */
function expectColumn(expr: ColumnElement<any, any>, expected: Parts): void {
  expectSql(select(expr), wrap("SELECT ", " FROM users", expected));
}

describe("comparison operators", () => {
  it.each([
    ["eq", u.name.eq("ann"), "=", ["ann"]],
    ["ne", u.name.ne("ann"), "!=", ["ann"]],
    ["lt", u.age.lt(18), "<", [18]],
    ["le", u.age.le(18), "<=", [18]],
    ["gt", u.age.gt(18), ">", [18]],
    ["ge", u.age.ge(18), ">=", [18]],
  ] as const)("%s", (_name, cond, op, params) => {
    const col = op === "=" || op === "!=" ? "users.name" : "users.age";
    expectWhere(cond, {
      pg: `${col} ${op} $1`,
      sqlite: `${col} ${op} ?`,
      mysql: `${col} ${op} ?`,
      params: [...params],
    });
  });

  it("compares two columns without parameters", () => {
    expectWhere(u.id.eq(u.managerId), {
      pg: "users.id = users.manager_id",
      sqlite: "users.id = users.manager_id",
      mysql: "users.id = users.manager_id",
    });
  });

  it("eq(null) and ne(null) render IS NULL / IS NOT NULL", () => {
    expectWhere(u.email.eq(null), {
      pg: "users.email IS NULL",
      sqlite: "users.email IS NULL",
      mysql: "users.email IS NULL",
    });
    expectWhere(u.email.ne(null), {
      pg: "users.email IS NOT NULL",
      sqlite: "users.email IS NOT NULL",
      mysql: "users.email IS NOT NULL",
    });
  });

  it("is / isNot against null and booleans (1/0 where there is no boolean type; IS true on MySQL)", () => {
    expectWhere(u.email.isNull(), {
      pg: "users.email IS NULL",
      sqlite: "users.email IS NULL",
      mysql: "users.email IS NULL",
    });
    expectWhere(u.email.isNotNull(), {
      pg: "users.email IS NOT NULL",
      sqlite: "users.email IS NOT NULL",
      mysql: "users.email IS NOT NULL",
    });
    expectWhere(u.active.is(true), {
      pg: "users.active IS true",
      sqlite: "users.active IS 1",
      mysql: "users.active IS true",
    });
    expectWhere(u.active.isNot(false), {
      pg: "users.active IS NOT false",
      sqlite: "users.active IS NOT 0",
      mysql: "users.active IS NOT false",
    });
    // IS before an expression is SQLite-only: is(expr) is the null-safe equality everywhere.
    expectWhere(u.managerId.is(u.id), {
      pg: "users.manager_id IS NOT DISTINCT FROM users.id",
      sqlite: "users.manager_id IS NOT DISTINCT FROM users.id",
      mysql: "users.manager_id <=> users.id",
    });
    expectWhere(u.managerId.isNot(u.id), {
      pg: "users.manager_id IS DISTINCT FROM users.id",
      sqlite: "users.manager_id IS DISTINCT FROM users.id",
      mysql: "NOT (users.manager_id <=> users.id)",
    });
  });

  it("isDistinctFrom / isNotDistinctFrom (<=> on MySQL)", () => {
    expectWhere(u.age.isDistinctFrom(3), {
      pg: "users.age IS DISTINCT FROM $1",
      sqlite: "users.age IS DISTINCT FROM ?",
      mysql: "NOT (users.age <=> ?)",
      params: [3],
    });
    expectWhere(u.age.isNotDistinctFrom(u.managerId), {
      pg: "users.age IS NOT DISTINCT FROM users.manager_id",
      sqlite: "users.age IS NOT DISTINCT FROM users.manager_id",
      mysql: "users.age <=> users.manager_id",
    });
  });

  it("between / notBetween", () => {
    expectWhere(u.age.between(18, 65), {
      pg: "users.age BETWEEN $1 AND $2",
      sqlite: "users.age BETWEEN ? AND ?",
      mysql: "users.age BETWEEN ? AND ?",
      params: [18, 65],
    });
    expectWhere(u.age.notBetween(u.id, 10), {
      pg: "users.age NOT BETWEEN users.id AND $1",
      sqlite: "users.age NOT BETWEEN users.id AND ?",
      mysql: "users.age NOT BETWEEN users.id AND ?",
      params: [10],
    });
  });

  it("between with arithmetic bounds keeps them ungrouped (they bind tighter than AND)", () => {
    expectWhere(u.age.between(u.id.add(1), u.id.mul(2)), {
      pg: "users.age BETWEEN users.id + $1 AND users.id * $2",
      sqlite: "users.age BETWEEN users.id + ? AND users.id * ?",
      mysql: "users.age BETWEEN users.id + ? AND users.id * ?",
      params: [1, 2],
    });
  });
});

describe("IN", () => {
  it("expands a list, one placeholder per value; PostgreSQL: = ANY / <> ALL of one typed array", () => {
    expectSql(select(u.id).where(u.id.in([1, 2, 3])), {
      pg: ["SELECT users.id FROM users WHERE users.id = ANY($1::INTEGER[])", ['{"1","2","3"}']],
      sqlite: ["SELECT users.id FROM users WHERE users.id IN (?, ?, ?)", [1, 2, 3]],
      mysql: ["SELECT users.id FROM users WHERE users.id IN (?, ?, ?)", [1, 2, 3]],
    });
    // No length on the array's item type: a cast to VARCHAR(50)[] would cut the values compared.
    expectSql(select(u.id).where(u.name.notIn(["a", 'b "c"'])), {
      pg: ["SELECT users.id FROM users WHERE users.name <> ALL($1::VARCHAR[])", ['{"a","b \\"c\\""}']],
      sqlite: ["SELECT users.id FROM users WHERE users.name NOT IN (?, ?)", ["a", 'b "c"']],
      mysql: ["SELECT users.id FROM users WHERE users.name NOT IN (?, ?)", ["a", 'b "c"']],
    });
  });

  it("an empty list matches nothing (IN) or everything (NOT IN): an empty subquery, an empty array on PostgreSQL", () => {
    expectSql(select(u.id).where(u.id.in([])), {
      pg: ["SELECT users.id FROM users WHERE users.id = ANY($1::INTEGER[])", ["{}"]],
      sqlite: "SELECT users.id FROM users WHERE users.id IN (SELECT CAST(NULL AS INTEGER) WHERE 1 != 1)",
      mysql: "SELECT users.id FROM users WHERE users.id IN (SELECT NULL FROM DUAL WHERE 1 != 1)",
    });
    expectSql(select(u.id).where(u.name.notIn([])), {
      pg: ["SELECT users.id FROM users WHERE users.name <> ALL($1::VARCHAR[])", ["{}"]],
      sqlite:
        "SELECT users.id FROM users WHERE users.name NOT IN (SELECT CAST(NULL AS VARCHAR(50)) WHERE 1 != 1)",
      mysql: "SELECT users.id FROM users WHERE users.name NOT IN (SELECT NULL FROM DUAL WHERE 1 != 1)",
    });
  });

  it("PostgreSQL: ANY parenthesised as an operand (= does not chain), with a comparison on its left", () => {
    expectSql(select(u.id).where(u.id.in([1]).eq(u.active)), {
      pg: ["SELECT users.id FROM users WHERE (users.id = ANY($1::INTEGER[])) = users.active", ['{"1"}']],
      sqlite: ["SELECT users.id FROM users WHERE users.id IN (?) = users.active", [1]],
      mysql: ["SELECT users.id FROM users WHERE users.id IN (?) = users.active", [1]],
    });
    expectSql(select(u.id).where(u.active.eq(true).in([false])), {
      pg: ["SELECT users.id FROM users WHERE (users.active = $1) = ANY($2::BOOLEAN[])", [true, '{"false"}']],
      sqlite: ["SELECT users.id FROM users WHERE users.active = ? IN (?)", [1, 0]],
      mysql: ["SELECT users.id FROM users WHERE users.active = ? IN (?)", [1, 0]],
    });
  });

  it("PostgreSQL keeps IN (...) where = ANY would compare otherwise (citext) or has no array to bind", () => {
    const t = new Table("docs", new MetaData(), {
      id: column(Integer).primaryKey(),
      email: column(CITEXT()),
      doc: column(JSONB()),
      bytes: column(LargeBinary()),
      tags: column(ARRAY(Integer)),
    });
    const where = (cond: ColumnElement<any, any>) => select(t.c.id).where(cond);
    expectSql(where(t.c.email.in(["A@B.C"])), {
      pg: ["SELECT docs.id FROM docs WHERE docs.email IN ($1)", ["A@B.C"]],
    });
    expectSql(where(t.c.doc.in([{ a: 1 }])), {
      pg: ["SELECT docs.id FROM docs WHERE docs.doc IN ($1)", ['{"a":1}']],
    });
    expectSql(where(t.c.bytes.in([new Uint8Array([1])])), {
      pg: ["SELECT docs.id FROM docs WHERE docs.bytes IN ($1)", [Buffer.from([1])]],
    });
    expectSql(where(t.c.tags.notIn([[1, 2]])), {
      pg: ["SELECT docs.id FROM docs WHERE docs.tags NOT IN ($1)", ['{"1","2"}']],
    });
  });

  it("applies the column type's conversion to each element (booleans as 1/0)", () => {
    expectSql(select(u.id).where(u.active.in([true, false])), {
      pg: ["SELECT users.id FROM users WHERE users.active = ANY($1::BOOLEAN[])", ['{"true","false"}']],
      sqlite: ["SELECT users.id FROM users WHERE users.active IN (?, ?)", [1, 0]],
      mysql: ["SELECT users.id FROM users WHERE users.active IN (?, ?)", [1, 0]],
    });
  });

  it("tuple IN: row values (VALUES rows on SQLite), each element converted by its column type", () => {
    expectSql(
      select(u.id).where(
        tuple_(u.id, u.active).in([
          [1, true],
          [2, false],
        ]),
      ),
      {
        pg: [
          "SELECT users.id FROM users WHERE (users.id, users.active) IN (($1, $2), ($3, $4))",
          [1, true, 2, false],
        ],
        sqlite: [
          "SELECT users.id FROM users WHERE (users.id, users.active) IN (VALUES (?, ?), (?, ?))",
          [1, 1, 2, 0],
        ],
        mysql: [
          "SELECT users.id FROM users WHERE (users.id, users.active) IN ((?, ?), (?, ?))",
          [1, 1, 2, 0],
        ],
      },
    );
  });

  it("tuple IN an empty list: an empty subquery with one typed column per element", () => {
    expectWhere(tuple_(u.id, u.name).in([]), {
      pg: "(users.id, users.name) IN (SELECT CAST(NULL AS INTEGER), CAST(NULL AS VARCHAR(50)) WHERE 1 != 1)",
      sqlite:
        "(users.id, users.name) IN (SELECT CAST(NULL AS INTEGER), CAST(NULL AS VARCHAR(50)) WHERE 1 != 1)",
      mysql: "(users.id, users.name) IN (SELECT NULL, NULL FROM DUAL WHERE 1 != 1)",
    });
  });
});

describe("LIKE family", () => {
  it("like / notLike, with an escape character", () => {
    expectWhere(u.name.like("a%"), {
      pg: "users.name LIKE $1",
      sqlite: "users.name LIKE ?",
      mysql: "users.name LIKE ?",
      params: ["a%"],
    });
    expectWhere(u.name.notLike("a!%%", { escape: "!" }), {
      pg: "users.name NOT LIKE $1 ESCAPE '!'",
      sqlite: "users.name NOT LIKE ? ESCAPE '!'",
      mysql: "users.name NOT LIKE ? ESCAPE '!'",
      params: ["a!%%"],
    });
  });

  it("a backslash escape is quoted per dialect (MySQL escapes backslashes in strings)", () => {
    expectWhere(u.name.like("a\\%", { escape: "\\" }), {
      pg: "users.name LIKE $1 ESCAPE '\\'",
      sqlite: "users.name LIKE ? ESCAPE '\\'",
      mysql: "users.name LIKE ? ESCAPE '\\\\'",
      params: ["a\\%"],
    });
  });

  it("ilike: ILIKE on PostgreSQL, lower() LIKE lower() elsewhere", () => {
    expectWhere(u.name.ilike("%ann%"), {
      pg: "users.name ILIKE $1",
      sqlite: "lower(users.name) LIKE lower(?)",
      mysql: "lower(users.name) LIKE lower(?)",
      params: ["%ann%"],
    });
    expectWhere(u.name.notIlike("x%", { escape: "#" }), {
      pg: "users.name NOT ILIKE $1 ESCAPE '#'",
      sqlite: "lower(users.name) NOT LIKE lower(?) ESCAPE '#'",
      mysql: "lower(users.name) NOT LIKE lower(?) ESCAPE '#'",
      params: ["x%"],
    });
  });

  it("startsWith / endsWith / contains escape % _ and the escape character in the value", () => {
    expectWhere(u.name.startsWith("50%_off/"), {
      pg: "users.name LIKE $1 ESCAPE '/'",
      sqlite: "users.name LIKE ? ESCAPE '/'",
      mysql: "users.name LIKE ? ESCAPE '/'",
      params: ["50/%/_off//%"],
    });
    expectWhere(u.name.endsWith("_x"), {
      pg: "users.name LIKE $1 ESCAPE '/'",
      sqlite: "users.name LIKE ? ESCAPE '/'",
      mysql: "users.name LIKE ? ESCAPE '/'",
      params: ["%/_x"],
    });
    expectWhere(u.name.contains("100%"), {
      pg: "users.name LIKE $1 ESCAPE '/'",
      sqlite: "users.name LIKE ? ESCAPE '/'",
      mysql: "users.name LIKE ? ESCAPE '/'",
      params: ["%100/%%"],
    });
  });

  it("startsWith / contains an expression concatenate the wildcards in SQL", () => {
    expectWhere(u.name.startsWith(u.email), {
      pg: "users.name LIKE users.email || '%'",
      sqlite: "users.name LIKE users.email || '%'",
      mysql: "users.name LIKE concat(users.email, '%')",
    });
    expectWhere(u.name.contains(u.email), {
      pg: "users.name LIKE '%' || users.email || '%'",
      sqlite: "users.name LIKE '%' || users.email || '%'",
      mysql: "users.name LIKE concat(concat('%', users.email), '%')",
    });
  });
});

describe("arithmetic and concatenation", () => {
  it("+ - * / % and unary minus", () => {
    expectColumn(u.age.add(1), {
      pg: "users.age + $1",
      sqlite: "users.age + ?",
      mysql: "users.age + ?",
      params: [1],
    });
    expectColumn(u.age.sub(u.id), {
      pg: "users.age - users.id",
      sqlite: "users.age - users.id",
      mysql: "users.age - users.id",
    });
    expectColumn(u.age.mul(2), {
      pg: "users.age * $1",
      sqlite: "users.age * ?",
      mysql: "users.age * ?",
      params: [2],
    });
    expectColumn(u.age.div(2), {
      pg: "users.age / $1",
      sqlite: "users.age / ?",
      mysql: "users.age / ?",
      params: [2],
    });
    expectColumn(u.age.mod(7), {
      pg: "users.age % $1",
      sqlite: "users.age % ?",
      mysql: "users.age % ?",
      params: [7],
    });
    expectColumn(u.age.neg(), { pg: "-users.age", sqlite: "-users.age", mysql: "-users.age" });
  });

  it("parenthesises by precedence and for non-associative right operands", () => {
    expectColumn(u.id.add(1).mul(u.age.sub(2)), {
      pg: "(users.id + $1) * (users.age - $2)",
      sqlite: "(users.id + ?) * (users.age - ?)",
      mysql: "(users.id + ?) * (users.age - ?)",
      params: [1, 2],
    });
    expectColumn(u.id.add(u.age).add(1), {
      pg: "users.id + users.age + $1",
      sqlite: "users.id + users.age + ?",
      mysql: "users.id + users.age + ?",
      params: [1],
    });
    expectColumn(u.id.sub(u.age.sub(1)), {
      pg: "users.id - (users.age - $1)",
      sqlite: "users.id - (users.age - ?)",
      mysql: "users.id - (users.age - ?)",
      params: [1],
    });
    expectColumn(u.id.div(u.age.mul(2)), {
      pg: "users.id / (users.age * $1)",
      sqlite: "users.id / (users.age * ?)",
      mysql: "users.id / (users.age * ?)",
      params: [2],
    });
    expectColumn(u.id.mul(u.age).div(u.id.mod(3)), {
      pg: "users.id * users.age / (users.id % $1)",
      sqlite: "users.id * users.age / (users.id % ?)",
      mysql: "users.id * users.age / (users.id % ?)",
      params: [3],
    });
    expectColumn(u.id.add(u.age).neg(), {
      pg: "-(users.id + users.age)",
      sqlite: "-(users.id + users.age)",
      mysql: "-(users.id + users.age)",
    });
  });

  it("a minus before a minus keeps its parentheses ('--' would start a comment)", () => {
    expectColumn(u.age.neg().neg(), { pg: "-(-users.age)", sqlite: "-(-users.age)", mysql: "-(-users.age)" });
    expectColumn(u.id.sub(u.age.neg()), {
      pg: "users.id - -users.age",
      sqlite: "users.id - -users.age",
      mysql: "users.id - -users.age",
    });
  });

  it("concat: || on PostgreSQL and SQLite, concat() on MySQL", () => {
    expectColumn(u.name.concat(" <").concat(u.email).concat(">"), {
      pg: "users.name || $1 || users.email || $2",
      sqlite: "users.name || ? || users.email || ?",
      mysql: "concat(concat(concat(users.name, ?), users.email), ?)",
      params: [" <", ">"],
    });
  });

  it("|| next to arithmetic is always parenthesised (the databases rank them differently)", () => {
    // PostgreSQL concatenates text with numbers: 'a' || 1 + 2 is 'a3' there and 2 on SQLite.
    const idPlusOne = u.id.add(1) as unknown as Expr<string>;
    const nameConcat = u.name.concat("1") as unknown as Expr<number>;
    expectColumn(u.name.concat(idPlusOne), {
      pg: "users.name || (users.id + $1)",
      sqlite: "users.name || (users.id + ?)",
      mysql: "concat(users.name, (users.id + ?))",
      params: [1],
    });
    // (PostgreSQL has no text + integer: this one is for the other two.)
    expectColumn(nameConcat.add(1), {
      sqlite: "(users.name || ?) + ?",
      mysql: "(concat(users.name, ?)) + ?",
      params: ["1", 1],
    });
    expectColumn(u.name.concat(u.id.add(1).cast(String(10))), {
      pg: "users.name || CAST(users.id + $1 AS VARCHAR(10))",
      sqlite: "users.name || CAST(users.id + ? AS VARCHAR(10))",
      mysql: "concat(users.name, CAST(users.id + ? AS CHAR))",
      params: [1],
    });
  });
});

describe("ordering, labels, casts, collation", () => {
  it("desc / asc / nullsFirst / nullsLast (emulated on MySQL)", () => {
    expectSql(select(u.id).orderBy(u.id.desc(), asc(u.name), desc(u.age).nullsLast(), u.email.nullsFirst()), {
      pg: "SELECT users.id FROM users ORDER BY users.id DESC, users.name ASC, users.age DESC NULLS LAST, users.email NULLS FIRST",
      sqlite:
        "SELECT users.id FROM users ORDER BY users.id DESC, users.name ASC, users.age DESC NULLS LAST, users.email NULLS FIRST",
      mysql:
        "SELECT users.id FROM users ORDER BY users.id DESC, users.name ASC, CASE WHEN users.age IS NULL THEN 1 ELSE 0 END, users.age DESC, CASE WHEN users.email IS NULL THEN 0 ELSE 1 END, users.email",
    });
  });

  it("label names the value in the columns clause only", () => {
    expectSql(select(u.age.add(1).label("next_age")).where(u.age.add(1).gt(2)), {
      pg: ["SELECT users.age + $1 AS next_age FROM users WHERE users.age + $2 > $3", [1, 1, 2]],
      sqlite: ["SELECT users.age + ? AS next_age FROM users WHERE users.age + ? > ?", [1, 1, 2]],
      mysql: ["SELECT users.age + ? AS next_age FROM users WHERE users.age + ? > ?", [1, 1, 2]],
    });
    expectSql(select(u.name.label("Name")), {
      pg: 'SELECT users.name AS "Name" FROM users',
      sqlite: 'SELECT users.name AS "Name" FROM users',
      mysql: "SELECT users.name AS `Name` FROM users",
    });
  });

  it("cast: type names per dialect (MySQL accepts only a few CAST targets); Integer or Integer()", () => {
    expectColumn(u.id.cast(String(10)), {
      pg: "CAST(users.id AS VARCHAR(10))",
      sqlite: "CAST(users.id AS VARCHAR(10))",
      mysql: "CAST(users.id AS CHAR)",
    });
    expectColumn(u.name.cast(Integer), {
      pg: "CAST(users.name AS INTEGER)",
      sqlite: "CAST(users.name AS INTEGER)",
      mysql: "CAST(users.name AS SIGNED)",
    });
    expectColumn(u.age.cast(Numeric(10, 2)), {
      pg: "CAST(users.age AS NUMERIC(10, 2))",
      sqlite: "CAST(users.age AS NUMERIC(10, 2))",
      mysql: "CAST(users.age AS DECIMAL(10, 2))",
    });
    expectSql(select(cast("42", Integer)), {
      pg: ["SELECT CAST($1 AS INTEGER)", ["42"]],
      sqlite: ["SELECT CAST(? AS INTEGER)", ["42"]],
      mysql: ["SELECT CAST(? AS SIGNED)", ["42"]],
    });
  });

  it("collate quotes the collation name where needed", () => {
    expectWhere(u.name.collate("C").eq("x"), {
      pg: 'users.name COLLATE "C" = $1',
      sqlite: 'users.name COLLATE "C" = ?',
      mysql: "users.name COLLATE `C` = ?",
      params: ["x"],
    });
    // The collations each database has: "C" on PostgreSQL, NOCASE on SQLite, utf8mb4_bin on MySQL.
    expectSql(select(u.id).orderBy(u.name.collate("NOCASE")), {
      sqlite: 'SELECT users.id FROM users ORDER BY users.name COLLATE "NOCASE"',
    });
    expectSql(select(u.id).orderBy(u.name.collate("utf8mb4_bin").desc()), {
      mysql: "SELECT users.id FROM users ORDER BY users.name COLLATE utf8mb4_bin DESC",
    });
  });
});

describe("and_ / or_ / not_", () => {
  it("groups OR inside AND, not AND inside OR", () => {
    expectWhere(and_(u.id.eq(1), or_(u.age.lt(2), u.age.gt(3))), {
      pg: "users.id = $1 AND (users.age < $2 OR users.age > $3)",
      sqlite: "users.id = ? AND (users.age < ? OR users.age > ?)",
      mysql: "users.id = ? AND (users.age < ? OR users.age > ?)",
      params: [1, 2, 3],
    });
    expectWhere(or_(u.id.eq(1), and_(u.age.eq(2), u.name.eq("x"))), {
      pg: "users.id = $1 OR users.age = $2 AND users.name = $3",
      sqlite: "users.id = ? OR users.age = ? AND users.name = ?",
      mysql: "users.id = ? OR users.age = ? AND users.name = ?",
      params: [1, 2, "x"],
    });
  });

  it("several where() conditions are ANDed, each OR parenthesised", () => {
    expectSql(select(u.id).where(or_(u.id.eq(1), u.id.eq(2)), u.active.is(true)), {
      pg: [
        "SELECT users.id FROM users WHERE (users.id = $1 OR users.id = $2) AND users.active IS true",
        [1, 2],
      ],
      sqlite: [
        "SELECT users.id FROM users WHERE (users.id = ? OR users.id = ?) AND users.active IS 1",
        [1, 2],
      ],
      mysql: [
        "SELECT users.id FROM users WHERE (users.id = ? OR users.id = ?) AND users.active IS true",
        [1, 2],
      ],
    });
  });

  it("and_ / or_ skip undefined entries; a single condition stays as is", () => {
    const maybe: ReturnType<typeof u.id.eq> | undefined = undefined;
    expectWhere(and_(maybe, u.id.eq(1)), {
      pg: "users.id = $1",
      sqlite: "users.id = ?",
      mysql: "users.id = ?",
      params: [1],
    });
    expectWhere(or_(), { pg: "1 != 1", sqlite: "1 != 1", mysql: "1 != 1" });
    expectWhere(and_(), { pg: "1 = 1", sqlite: "1 = 1", mysql: "1 = 1" });
  });

  it("not_ negates comparisons to their opposite operator", () => {
    expectWhere(not_(u.id.eq(1)), {
      pg: "users.id != $1",
      sqlite: "users.id != ?",
      mysql: "users.id != ?",
      params: [1],
    });
    expectWhere(not_(u.id.lt(1)), {
      pg: "users.id >= $1",
      sqlite: "users.id >= ?",
      mysql: "users.id >= ?",
      params: [1],
    });
    expectWhere(not_(u.id.ge(1)), {
      pg: "users.id < $1",
      sqlite: "users.id < ?",
      mysql: "users.id < ?",
      params: [1],
    });
    expectSql(select(u.id).where(not_(u.id.in([1, 2]))), {
      pg: ["SELECT users.id FROM users WHERE users.id <> ALL($1::INTEGER[])", ['{"1","2"}']],
      sqlite: ["SELECT users.id FROM users WHERE users.id NOT IN (?, ?)", [1, 2]],
      mysql: ["SELECT users.id FROM users WHERE users.id NOT IN (?, ?)", [1, 2]],
    });
    expectWhere(not_(u.name.like("a%")), {
      pg: "users.name NOT LIKE $1",
      sqlite: "users.name NOT LIKE ?",
      mysql: "users.name NOT LIKE ?",
      params: ["a%"],
    });
    expectWhere(not_(u.name.startsWith("a_")), {
      pg: "users.name NOT LIKE $1 ESCAPE '/'",
      sqlite: "users.name NOT LIKE ? ESCAPE '/'",
      mysql: "users.name NOT LIKE ? ESCAPE '/'",
      params: ["a/_%"],
    });
    expectWhere(not_(u.email.isNull()), {
      pg: "users.email IS NOT NULL",
      sqlite: "users.email IS NOT NULL",
      mysql: "users.email IS NOT NULL",
    });
    expectWhere(not_(u.age.between(1, 2)), {
      pg: "users.age NOT BETWEEN $1 AND $2",
      sqlite: "users.age NOT BETWEEN ? AND ?",
      mysql: "users.age NOT BETWEEN ? AND ?",
      params: [1, 2],
    });
    expectWhere(not_(u.age.isDistinctFrom(1)), {
      pg: "users.age IS NOT DISTINCT FROM $1",
      sqlite: "users.age IS NOT DISTINCT FROM ?",
      mysql: "users.age <=> ?",
      params: [1],
    });
  });

  it("not_ of a boolean list, a column, an EXISTS; not_(not_(x)) is x", () => {
    expectWhere(not_(and_(u.id.eq(1), u.age.eq(2))), {
      pg: "NOT (users.id = $1 AND users.age = $2)",
      sqlite: "NOT (users.id = ? AND users.age = ?)",
      mysql: "NOT (users.id = ? AND users.age = ?)",
      params: [1, 2],
    });
    expectWhere(not_(u.active), {
      pg: "NOT users.active",
      sqlite: "NOT users.active",
      mysql: "NOT users.active",
    });
    expectWhere(not_(not_(u.active)), { pg: "users.active", sqlite: "users.active", mysql: "users.active" });
    expectWhere(not_(exists().where(p.userId.eq(u.id))), {
      pg: "NOT EXISTS (SELECT * FROM posts WHERE posts.user_id = users.id)",
      sqlite: "NOT EXISTS (SELECT * FROM posts WHERE posts.user_id = users.id)",
      mysql: "NOT EXISTS (SELECT * FROM posts WHERE posts.user_id = users.id)",
    });
  });
});

describe("func", () => {
  it("count, sum, avg, min, max", () => {
    expectSql(
      select(
        func.count(),
        func.count(u.id),
        func.count(u.age.distinct()),
        func.sum(u.age),
        func.avg(u.age),
        func.min(u.age),
        func.max(u.age),
      ),
      {
        pg: "SELECT count(*), count(users.id), count(DISTINCT users.age), sum(users.age), avg(users.age), min(users.age), max(users.age) FROM users",
        sqlite:
          "SELECT count(*), count(users.id), count(DISTINCT users.age), sum(users.age), avg(users.age), min(users.age), max(users.age) FROM users",
        mysql:
          "SELECT count(*), count(users.id), count(DISTINCT users.age), sum(users.age), avg(users.age), min(users.age), max(users.age) FROM users",
      },
    );
  });

  it("now(): now() on PostgreSQL, microseconds on MySQL, the stored text form on SQLite", () => {
    expectSql(select(func.now(), func.currentTimestamp(), func.currentDate()), {
      pg: "SELECT now(), CURRENT_TIMESTAMP, CURRENT_DATE",
      sqlite:
        "SELECT strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now'), CURRENT_DATE",
      mysql: "SELECT now(6), CURRENT_TIMESTAMP(6), CURRENT_DATE",
    });
  });

  it("coalesce, lower, upper bind plain values", () => {
    expectColumn(func.coalesce(u.email, u.name, "nobody"), {
      pg: "coalesce(users.email, users.name, $1)",
      sqlite: "coalesce(users.email, users.name, ?)",
      mysql: "coalesce(users.email, users.name, ?)",
      params: ["nobody"],
    });
    expectColumn(func.lower(u.name), {
      pg: "lower(users.name)",
      sqlite: "lower(users.name)",
      mysql: "lower(users.name)",
    });
    expectColumn(func.upper(u.name), {
      pg: "upper(users.name)",
      sqlite: "upper(users.name)",
      mysql: "upper(users.name)",
    });
  });

  it("any other name renders as written, camelCase turned to snake_case", () => {
    expectColumn(func.dateTrunc("day", u.createdAt), {
      pg: "date_trunc($1, users.created_at)",
      sqlite: "date_trunc(?, users.created_at)",
      mysql: "date_trunc(?, users.created_at)",
      params: ["day"],
    });
    expectColumn(func.json_extract(u.name, "$.a"), {
      pg: "json_extract(users.name, $1)",
      sqlite: "json_extract(users.name, ?)",
      mysql: "json_extract(users.name, ?)",
      params: ["$.a"],
    });
    expectSql(select(func.myFunc(), func.x2y()), {
      pg: "SELECT my_func(), x2y()",
      sqlite: "SELECT my_func(), x2y()",
      mysql: "SELECT my_func(), x2y()",
    });
  });

  it("random() is rand() on MySQL", () => {
    expectSql(select(u.id).orderBy(func.random()).limit(1), {
      pg: ["SELECT users.id FROM users ORDER BY random() LIMIT $1", [1]],
      sqlite: ["SELECT users.id FROM users ORDER BY random() LIMIT ?", [1]],
      mysql: ["SELECT users.id FROM users ORDER BY rand() LIMIT ?", [1]],
    });
  });

  it("filter: FILTER (WHERE ...) where supported, a CASE inside the aggregate on MySQL", () => {
    expectSql(select(func.count().filter(u.active.is(true)), func.sum(u.age).filter(u.id.gt(10))), {
      pg: [
        "SELECT count(*) FILTER (WHERE users.active IS true), sum(users.age) FILTER (WHERE users.id > $1) FROM users",
        [10],
      ],
      sqlite: [
        "SELECT count(*) FILTER (WHERE users.active IS 1), sum(users.age) FILTER (WHERE users.id > ?) FROM users",
        [10],
      ],
      mysql: [
        "SELECT count(CASE WHEN users.active IS true THEN 1 END), sum(CASE WHEN users.id > ? THEN users.age END) FROM users",
        [10],
      ],
    });
  });
});

describe("case_ / caseValue", () => {
  it("searched CASE with ELSE; string results are parameters", () => {
    expectColumn(case_([u.age.lt(18), "minor"], [u.age.lt(65), "adult"]).else("senior"), {
      pg: "CASE WHEN users.age < $1 THEN $2 WHEN users.age < $3 THEN $4 ELSE $5 END",
      sqlite: "CASE WHEN users.age < ? THEN ? WHEN users.age < ? THEN ? ELSE ? END",
      mysql: "CASE WHEN users.age < ? THEN ? WHEN users.age < ? THEN ? ELSE ? END",
      params: [18, "minor", 65, "adult", "senior"],
    });
  });

  it("number and boolean results are written inline (PostgreSQL would type all-parameter results as text)", () => {
    expectColumn(case_([u.active.is(true), 1]).else(-1), {
      pg: "CASE WHEN users.active IS true THEN 1 ELSE -1 END",
      sqlite: "CASE WHEN users.active IS 1 THEN 1 ELSE -1 END",
      mysql: "CASE WHEN users.active IS true THEN 1 ELSE -1 END",
    });
    expectColumn(case_([u.age.gt(1), true]).else(false), {
      pg: "CASE WHEN users.age > $1 THEN true ELSE false END",
      sqlite: "CASE WHEN users.age > ? THEN 1 ELSE 0 END",
      mysql: "CASE WHEN users.age > ? THEN 1 ELSE 0 END",
      params: [1],
    });
  });

  it("simple CASE on a value, from an object or pairs; THEN a column", () => {
    expectColumn(caseValue(u.name, { a: 1, b: 2 }), {
      pg: "CASE users.name WHEN $1 THEN 1 WHEN $2 THEN 2 END",
      sqlite: "CASE users.name WHEN ? THEN 1 WHEN ? THEN 2 END",
      mysql: "CASE users.name WHEN ? THEN 1 WHEN ? THEN 2 END",
      params: ["a", "b"],
    });
    expectColumn(caseValue(u.id, [[1, u.name]]).else(u.email), {
      pg: "CASE users.id WHEN $1 THEN users.name ELSE users.email END",
      sqlite: "CASE users.id WHEN ? THEN users.name ELSE users.email END",
      mysql: "CASE users.id WHEN ? THEN users.name ELSE users.email END",
      params: [1],
    });
  });

  it("as a labelled column and inside an aggregate", () => {
    expectSql(select(func.sum(case_([u.active.is(true), 1]).else(0)).label("n_active")), {
      pg: "SELECT sum(CASE WHEN users.active IS true THEN 1 ELSE 0 END) AS n_active FROM users",
      sqlite: "SELECT sum(CASE WHEN users.active IS 1 THEN 1 ELSE 0 END) AS n_active FROM users",
      mysql: "SELECT sum(CASE WHEN users.active IS true THEN 1 ELSE 0 END) AS n_active FROM users",
    });
  });
});

describe("exists", () => {
  it("exists().where() selects * from the tables the condition names, correlated", () => {
    expectWhere(exists().where(c.authorId.eq(u.id), c.body.contains("spam")), {
      pg: "EXISTS (SELECT * FROM comments WHERE comments.author_id = users.id AND comments.body LIKE $1 ESCAPE '/')",
      sqlite:
        "EXISTS (SELECT * FROM comments WHERE comments.author_id = users.id AND comments.body LIKE ? ESCAPE '/')",
      mysql:
        "EXISTS (SELECT * FROM comments WHERE comments.author_id = users.id AND comments.body LIKE ? ESCAPE '/')",
      params: ["%spam%"],
    });
  });

  it("exists(select(...)) and select().exists()", () => {
    expectWhere(exists(select(p.id).where(p.userId.eq(u.id))), {
      pg: "EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id)",
      sqlite: "EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id)",
      mysql: "EXISTS (SELECT posts.id FROM posts WHERE posts.user_id = users.id)",
    });
    expectSql(select(exists().where(p.score.gt(100)).label("any_hot")), {
      pg: ["SELECT EXISTS (SELECT * FROM posts WHERE posts.score > $1) AS any_hot", [100]],
      sqlite: ["SELECT EXISTS (SELECT * FROM posts WHERE posts.score > ?) AS any_hot", [100]],
      mysql: ["SELECT EXISTS (SELECT * FROM posts WHERE posts.score > ?) AS any_hot", [100]],
    });
  });
});

describe("literal()", () => {
  it("binds a value as a parameter, typed by the value when no type is given (booleans as 0/1 without a boolean type)", () => {
    expectSql(select(literal(1).label("one"), literal("x", String())), {
      pg: ["SELECT $1::INTEGER AS one, $2", [1, "x"]],
      sqlite: ["SELECT ? AS one, ?", [1, "x"]],
      mysql: ["SELECT ? AS one, ?", [1, "x"]],
    });
    expectSql(select(posts.c.id).where(literal(true)), {
      pg: ["SELECT posts.id FROM posts WHERE $1", [true]],
      sqlite: ["SELECT posts.id FROM posts WHERE ?", [1]],
      mysql: ["SELECT posts.id FROM posts WHERE ?", [1]],
    });
    void users;
  });
});
