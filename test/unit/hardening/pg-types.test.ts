import { describe, expect, it } from "vitest";
import {
  CIDR,
  CITEXT,
  INET,
  MACADDR,
  TSQUERY,
  TSVECTOR,
} from "../../../src/dialects/postgresql/named-types.js";
import { pgTypeFromName } from "../../../src/dialects/postgresql/reflection-types.js";
import { CHAR, CompileError } from "../../../src/index.js";
import { makeDialects } from "../compiler/helpers.js";

const { pg, sqlite, mysql } = makeDialects();

/** Issue 14, item 6: CHAR(n) everywhere, and PostgreSQL's network, citext and full-text types. */
describe("CHAR(n) and PostgreSQL named types", () => {
  it("CHAR(n) renders CHAR(n) on every dialect (length 1 by default)", () => {
    for (const d of [pg, sqlite, mysql]) {
      expect(d.typeToSql(CHAR(3))).toBe("CHAR(3)");
      expect(d.typeToSql(CHAR())).toBe("CHAR(1)");
    }
  });

  it("named types render, reflect and quote their literals on PostgreSQL; other dialects refuse them", () => {
    const types = [INET(), CIDR(), MACADDR(), CITEXT(), TSVECTOR(), TSQUERY()];
    expect(types.map((t) => pg.typeToSql(t))).toEqual([
      "INET",
      "CIDR",
      "MACADDR",
      "CITEXT",
      "TSVECTOR",
      "TSQUERY",
    ]);
    expect(types.map((t) => pgTypeFromName(t.sqlName.toLowerCase()).typeName)).toEqual(
      types.map((t) => t.typeName),
    );
    expect(INET().literal("10.0.0.1", pg)).toBe("'10.0.0.1'::INET");
    expect(() => sqlite.typeToSql(INET())).toThrow(CompileError);
    expect(() => mysql.typeToSql(TSVECTOR())).toThrow(/No MySQL type for 'tsvector'/);
    expect(pgTypeFromName("character(2)").typeName).toBe("char");
  });
});

describe("generated code for the new types", () => {
  it("an added column of CHAR(n) or a named PostgreSQL type renders as its factory", async () => {
    const { AddColumnOp } = await import("../../../src/migrate/index.js");
    const { CodeRenderer } = await import("../../../src/migrate/render/code.js");
    const { column } = await import("../../../src/index.js");
    const render = (op: { toCode(r?: InstanceType<typeof CodeRenderer>): string }) =>
      op.toCode(new CodeRenderer());
    expect(render(new AddColumnOp("sites", "host", column(INET()).nullable()))).toMatch(
      /column\(INET\(\)\)\.nullable\(\)/,
    );
    expect(render(new AddColumnOp("sites", "country", column(CHAR(2))))).toMatch(/column\(CHAR\(2\)\)/);
  });
});

describe("match(): full-text search per dialect", () => {
  it("plainto_tsquery on PostgreSQL (a TSQUERY as it is), MATCH ... AGAINST on MySQL, MATCH on SQLite", async () => {
    const { MetaData, Table, column, Integer, Text, select, cast } = await import("../../../src/index.js");
    const { expectSql } = await import("../compiler/helpers.js");
    const docs = new Table("ft_docs", new MetaData(), {
      id: column(Integer).primaryKey(),
      body: column(Text()),
    });
    expectSql(select(docs.c.id).where(docs.c.body.match("sql orm")), {
      pg: ["SELECT ft_docs.id FROM ft_docs WHERE ft_docs.body @@ plainto_tsquery($1)", ["sql orm"]],
      sqlite: ["SELECT ft_docs.id FROM ft_docs WHERE ft_docs.body MATCH ?", ["sql orm"]],
      mysql: [
        "SELECT ft_docs.id FROM ft_docs WHERE MATCH (ft_docs.body) AGAINST (? IN NATURAL LANGUAGE MODE)",
        ["sql orm"],
      ],
    });
    const q = cast("sql & !orm", TSQUERY());
    expect(pg.prepare(select(docs.c.id).where(docs.c.body.match(q))).compiled.parts.join("$1")).toBe(
      "SELECT ft_docs.id FROM ft_docs WHERE ft_docs.body @@ CAST($1 AS TSQUERY)",
    );
  });
});
