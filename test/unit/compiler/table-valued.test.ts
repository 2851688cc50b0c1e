import { describe, expect, it } from "vitest";
import {
  ARRAY,
  ArgumentError,
  Boolean,
  CompileError,
  cast,
  column,
  func,
  Integer,
  literal,
  String,
  select,
  update,
} from "../../../src/index.js";
import { u, users } from "./fixtures.js";
import { expectSql, makeDialects, raises } from "./helpers.js";

const unnestIdsNames = (name?: string) =>
  func
    .unnest(cast([1, 2], ARRAY(Integer())), cast(["a", "b"], ARRAY(String())))
    .tableValued([column("id", Integer()), column("name", String())], { name, derived: true });

describe("table-valued functions", () => {
  it("in FROM with an anonymous alias; columns by name", () => {
    const j = func.jsonEach(literal('{"a":1}')).tableValued(["key", "value"]);
    const noTvf = raises(CompileError, /mysql has no table-valued functions in FROM \(json_each/);
    expectSql(select(j.c.key, j.c.value).where(j.c.value.gt(0)), {
      pg: [
        "SELECT anon_1.key, anon_1.value FROM json_each($1) AS anon_1 WHERE anon_1.value > $2",
        ['{"a":1}', 0],
      ],
      sqlite: [
        'SELECT anon_1."key", anon_1.value FROM json_each(?) AS anon_1 WHERE anon_1.value > ?',
        ['{"a":1}', 0],
      ],
      mysql: noTvf,
    });
  });

  it("derived: the column list after the alias; array binds unnested into rows (PostgreSQL)", () => {
    const v = unnestIdsNames("v");
    expectSql(select(v.c.id, v.c.name), {
      pg: [
        "SELECT v.id, v.name FROM unnest(CAST($1 AS INTEGER[]), CAST($2 AS VARCHAR[])) AS v (id, name)",
        ['{"1","2"}', '{"a","b"}'],
      ],
      sqlite: raises(CompileError, /ARRAY is a PostgreSQL type/),
    });
  });

  it("joined in an UPDATE ... FROM", () => {
    const v = unnestIdsNames("v");
    expectSql(
      update(users)
        .values({ name: v.c.name as never })
        .where(u.id.eq(v.c.id)),
      {
        pg: [
          "UPDATE users SET name = v.name FROM unnest(CAST($1 AS INTEGER[]), CAST($2 AS VARCHAR[])) AS v (id, name) WHERE users.id = v.id",
          ['{"1","2"}', '{"a","b"}'],
        ],
      },
    );
  });

  it("arrays of any length share one compiled statement; the name and the column list are part of its key", () => {
    const pg = makeDialects().pg;
    const stmt = (ids: number[], name = "v") => {
      const v = func.unnest(cast(ids, ARRAY(Integer()))).tableValued([column("id", Integer())], { name });
      return select(v.c.id);
    };
    const a = pg.prepare(stmt([1, 2]));
    const b = pg.prepare(stmt([1, 2, 3, 4]));
    expect(b.compiled).toBe(a.compiled);
    expect(b.compiled.bind(b.binds).values).toEqual(['{"1","2","3","4"}']);
    expect(pg.prepare(stmt([1], "w")).compiled.sql).toBe(
      "SELECT w.id FROM unnest(CAST($1 AS INTEGER[])) AS w",
    );
  });

  it("array binds are sent as PostgreSQL's array text, items through the item type, quotes and backslashes escaped", () => {
    const v = func
      .unnest(
        cast(
          [
            ['a"b', null],
            ["c\\d", "{e,f}"],
          ],
          ARRAY(String(), { dimensions: 2 }),
        ),
      )
      .tableValued(["s"], { name: "v" });
    expectSql(select(v.c.s), {
      pg: ["SELECT v.s FROM unnest(CAST($1 AS VARCHAR[][])) AS v", ['{{"a\\"b",NULL},{"c\\\\d","{e,f}"}}']],
    });
    const flags = func.unnest(cast([true, false, null], ARRAY(Boolean()))).tableValued(["b"], { name: "f" });
    expectSql(select(flags.c.b), {
      pg: ["SELECT f.b FROM unnest(CAST($1 AS BOOLEAN[])) AS f", ['{"true","false",NULL}']],
    });
  });

  it("refuses no columns and a column given twice", () => {
    expect(() => func.jsonEach(literal("[]")).tableValued([])).toThrow(ArgumentError);
    expect(() => func.jsonEach(literal("[]")).tableValued(["key", "key"])).toThrow(
      /column 'key' is given twice/,
    );
  });
});
