import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  Boolean,
  bindparam,
  DateTime,
  Integer,
  insert,
  String,
  select,
  text,
} from "../../../src/index.js";
import { tags, u } from "./fixtures.js";
import { compile, dialects, expectSql, raises } from "./helpers.js";

describe("text()", () => {
  it(":name parameters become placeholders; values from execute()'s parameters", () => {
    expectSql(
      text("SELECT id FROM users WHERE name = :name AND age > :age"),
      {
        pg: ["SELECT id FROM users WHERE name = $1 AND age > $2", ["ann", 30]],
        sqlite: ["SELECT id FROM users WHERE name = ? AND age > ?", ["ann", 30]],
        mysql: ["SELECT id FROM users WHERE name = ? AND age > ?", ["ann", 30]],
      },
      { params: { name: "ann", age: 30 } },
    );
  });

  it("a parameter used twice gets a placeholder each time", () => {
    expectSql(
      text("SELECT id FROM users WHERE name = :q OR email = :q"),
      {
        pg: ["SELECT id FROM users WHERE name = $1 OR email = $2", ["x", "x"]],
        sqlite: ["SELECT id FROM users WHERE name = ? OR email = ?", ["x", "x"]],
        mysql: ["SELECT id FROM users WHERE name = ? OR email = ?", ["x", "x"]],
      },
      { params: { q: "x" } },
    );
  });

  it("'::' casts (PostgreSQL), times in strings and '\\:' escapes are left alone", () => {
    expectSql(
      text("SELECT CAST(:v AS text), id::text, '10:30' FROM users WHERE id = :id"),
      { pg: ["SELECT CAST($1 AS text), id::text, '10:30' FROM users WHERE id = $2", ["v", 1]] },
      { params: { v: "v", id: 1 } },
    );
    expectSql(
      text("SELECT '10:30', 'a\\:b' FROM users WHERE name = :n"),
      {
        pg: ["SELECT '10:30', 'a:b' FROM users WHERE name = $1", ["x"]],
        sqlite: ["SELECT '10:30', 'a:b' FROM users WHERE name = ?", ["x"]],
        mysql: ["SELECT '10:30', 'a:b' FROM users WHERE name = ?", ["x"]],
      },
      { params: { n: "x" } },
    );
  });

  it("bindparams() fixes values (and types) ahead of execution", () => {
    const stmt = text("SELECT id FROM users WHERE active = :active AND created_at > :since").bindparams(
      { active: true, since: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) },
      { active: Boolean, since: DateTime },
    );
    expectSql(stmt, {
      pg: ["SELECT id FROM users WHERE active = $1 AND created_at > $2", [true, "2024-01-02T03:04:05.000Z"]],
      sqlite: ["SELECT id FROM users WHERE active = ? AND created_at > ?", [1, "2024-01-02 03:04:05.000"]],
      mysql: ["SELECT id FROM users WHERE active = ? AND created_at > ?", [1, "2024-01-02 03:04:05.000"]],
    });
  });

  it("execute() parameters override bindparams() values", () => {
    const stmt = text("SELECT :a").bindparams({ a: 1 });
    expect(compile(dialects.pg, stmt, { a: 2 })).toEqual({ sql: "SELECT $1", values: [2] });
    expect(compile(dialects.pg, stmt)).toEqual({ sql: "SELECT $1", values: [1] });
  });

  it("an unknown bindparams() name and a missing value are errors that name the parameter", () => {
    expect(() => text("SELECT :a").bindparams({ b: 1 })).toThrow(/no bind parameter ':b'.*:a/);
    expectSql(text("SELECT :a"), {
      pg: raises(ArgumentError, /A value is required for bind parameter ':a'/),
    });
  });

  it("text() as a WHERE condition of a select", () => {
    expectSql(
      select(u.id).where(text("users.name LIKE :pat"), u.age.gt(3)),
      {
        pg: ["SELECT users.id FROM users WHERE users.name LIKE $1 AND users.age > $2", ["a%", 3]],
        sqlite: ["SELECT users.id FROM users WHERE users.name LIKE ? AND users.age > ?", ["a%", 3]],
        mysql: ["SELECT users.id FROM users WHERE users.name LIKE ? AND users.age > ?", ["a%", 3]],
      },
      { params: { pat: "a%" } },
    );
  });

  it("typed text().columns(): the same SQL, with typed result columns", () => {
    const stmt = text("SELECT id, name, active FROM users").columns({
      id: Integer,
      name: String,
      active: Boolean,
    });
    expectSql(stmt, {
      pg: "SELECT id, name, active FROM users",
      sqlite: "SELECT id, name, active FROM users",
      mysql: "SELECT id, name, active FROM users",
    });
    const { compiled } = dialects.sqlite.prepare(stmt);
    expect(compiled.returnsRows).toBe(true);
    expect(compiled.resultColumns?.map((c) => [c.key, c.type.typeName])).toEqual([
      ["id", "integer"],
      ["name", "varchar"],
      ["active", "boolean"],
    ]);
    // Booleans come back as 0/1 from SQLite: the result processor converts them.
    expect(compiled.resultColumns?.[2]?.processor?.(1)).toBe(true);
  });

  it("typed columns keep bind parameters", () => {
    const stmt = text("SELECT id FROM users WHERE id > :min").columns({ id: Integer }).bindparams({ min: 5 });
    expectSql(stmt, {
      pg: ["SELECT id FROM users WHERE id > $1", [5]],
      sqlite: ["SELECT id FROM users WHERE id > ?", [5]],
      mysql: ["SELECT id FROM users WHERE id > ?", [5]],
    });
  });
});

describe("bindparam()", () => {
  it("a named placeholder filled from execute()'s parameters", () => {
    expectSql(
      select(u.id).where(u.name.eq(bindparam("who"))),
      {
        pg: ["SELECT users.id FROM users WHERE users.name = $1", ["zed"]],
        sqlite: ["SELECT users.id FROM users WHERE users.name = ?", ["zed"]],
        mysql: ["SELECT users.id FROM users WHERE users.name = ?", ["zed"]],
      },
      { params: { who: "zed" } },
    );
  });

  it("with a default value and a type (converted per dialect)", () => {
    expectSql(select(u.id).where(u.active.eq(bindparam("on", true, Boolean()))), {
      pg: ["SELECT users.id FROM users WHERE users.active = $1", [true]],
      sqlite: ["SELECT users.id FROM users WHERE users.active = ?", [1]],
      mysql: ["SELECT users.id FROM users WHERE users.active = ?", [1]],
    });
  });

  it("in an INSERT, one statement for many parameter sets", () => {
    const stmt = insert(tags).values({ name: bindparam("n") });
    expect(compile(dialects.pg, stmt, { n: "a" })).toEqual({
      sql: "INSERT INTO tags (name) VALUES ($1)",
      values: ["a"],
    });
    expect(compile(dialects.mysql, stmt, { n: "b" })).toEqual({
      sql: "INSERT INTO tags (name) VALUES (?)",
      values: ["b"],
    });
    expect(dialects.pg.prepare(stmt).cached).toBe(true);
  });

  it("missing value: an error naming the parameter", () => {
    expectSql(select(u.id).where(u.id.eq(bindparam("id"))), {
      pg: raises(ArgumentError, /bind parameter ':id'/),
      sqlite: raises(ArgumentError),
      mysql: raises(ArgumentError),
    });
  });
});
