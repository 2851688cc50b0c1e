import { describe, expect, it } from "vitest";
import { MysqlReflection } from "../../../src/dialects/mysql/reflection.js";
import { mysqlTypeFromColumnType } from "../../../src/dialects/mysql/reflection-types.js";
import { pgTypeFromName } from "../../../src/dialects/postgresql/reflection-types.js";
import type { CatalogExec } from "../../../src/dialects/reflection.js";
import { enumCheckLabels, stripOuterParens } from "../../../src/dialects/sql-tokens.js";
import { parseCreateIndex, parseCreateTable } from "../../../src/dialects/sqlite/reflection-parse.js";
import { sqliteTypeFromDeclared } from "../../../src/dialects/sqlite/reflection-types.js";
import type { EnumType } from "../../../src/index.js";

const keyOf = (t: { typeKey: string }) => t.typeKey;

describe("catalog type names", () => {
  it("PostgreSQL format_type() names", () => {
    expect(
      [
        "character varying(50)",
        "character varying",
        "character(3)",
        "text",
        "integer",
        "smallint",
        "bigint",
        "real",
        "double precision",
        "numeric(10,2)",
        "numeric",
        "boolean",
        "timestamp(3) with time zone",
        "timestamp without time zone",
        "time without time zone",
        "interval day to second",
        "bytea",
        "uuid",
        "json",
        "jsonb",
        "tsvector",
      ].map((n) => keyOf(pgTypeFromName(n))),
    ).toEqual([
      "varchar:50:",
      "varchar::",
      "char:3:",
      "text::",
      "integer",
      "smallint",
      "bigint:bigint",
      "float:24",
      "double:",
      "numeric:10,2",
      "numeric:,",
      "boolean",
      "datetime:tz:3",
      "datetime::",
      "time:",
      "interval",
      "binary:",
      "uuid",
      "json",
      "jsonb",
      "tsvector",
    ]);
  });

  it("MySQL COLUMN_TYPE values", () => {
    expect(
      [
        "int(11)",
        "int unsigned",
        "tinyint(1)",
        "tinyint(4)",
        "bigint(20)",
        "decimal(10,2)",
        "float",
        "double",
        "varchar(20)",
        "char(36)",
        "char(2)",
        "longtext",
        "json",
        "datetime(6)",
        "datetime",
        "timestamp(3)",
        "time(6)",
        "date",
        "tinyblob",
        "blob",
        "longblob",
        "set('a','b')",
      ].map((n) => keyOf(mysqlTypeFromColumnType(n))),
    ).toEqual([
      "integer",
      "integer",
      "boolean",
      "smallint",
      "bigint:bigint",
      "numeric:10,2",
      "float:",
      "double:",
      "varchar:20:",
      "uuid",
      "char:2:",
      "text:1073741823:",
      "json",
      "datetime::6",
      "datetime::0",
      "datetime:tz:3",
      "time:",
      "date",
      "binary:255",
      "binary:65535",
      "binary:",
      "null",
    ]);
    const e = mysqlTypeFromColumnType("enum('a','it''s','b\\\\c')") as EnumType;
    expect(e.values).toEqual(["a", "it's", "b\\c"]);
  });

  it("SQLite declared types, with SQLite's affinity rules for the rest", () => {
    expect(
      [
        "INTEGER",
        "VARCHAR(50)",
        "NUMERIC(10, 2)",
        "BOOLEAN",
        "DATETIME",
        "CHAR(36)",
        "JSON",
        "",
        "BIGINT UNSIGNED",
        "NVARCHAR2(5)",
        "MONEY",
      ].map((n) => keyOf(sqliteTypeFromDeclared(n))),
    ).toEqual([
      "integer",
      "varchar:50:",
      "numeric:10,2",
      "boolean",
      "datetime::",
      "uuid",
      "json",
      "null",
      "integer",
      "text::",
      "numeric:,",
    ]);
  });
});

describe("SQL text helpers", () => {
  it("reads the labels of an enum's CHECK in each dialect's spelling", () => {
    expect(enumCheckLabels("status IN ('a', 'b')", "status")).toEqual(["a", "b"]);
    expect(enumCheckLabels("\"status\" in ('a')", "status")).toEqual(["a"]);
    expect(
      enumCheckLabels(
        "grade::text = ANY (ARRAY['a'::character varying, 'it''s'::character varying]::text[])",
        "grade",
      ),
    ).toEqual(["a", "it's"]);
    expect(enumCheckLabels("`s` in ('a','it\\'s')", "s", { backslashEscapes: true })).toEqual(["a", "it's"]);
    expect(enumCheckLabels("status IN ('a', 'b')", "other")).toBeNull();
    expect(enumCheckLabels("status IN ('a', 1)", "status")).toBeNull();
    expect(enumCheckLabels("status = 'a'", "status")).toBeNull();
  });

  it("strips only parentheses that wrap the whole expression", () => {
    expect(stripOuterParens("((qty * 2))")).toBe("qty * 2");
    expect(stripOuterParens("(a) + (b)")).toBe("(a) + (b)");
    expect(stripOuterParens("('(')")).toBe("'('");
  });
});

describe("SQLite CREATE statements", () => {
  it("reads constraint names, checks, references and generated columns", () => {
    const parsed = parseCreateTable(`CREATE TABLE "ev ents" (
      id INTEGER NOT NULL,
      [kit id] INTEGER CONSTRAINT fk_kit REFERENCES kits (id) ON DELETE CASCADE,
      qty INTEGER DEFAULT (1 + 1) CONSTRAINT qty_pos CHECK (qty > 0),
      code VARCHAR(10) UNIQUE,
      total INTEGER GENERATED ALWAYS AS (qty * 2) STORED,
      -- a comment, (with a parenthesis
      CONSTRAINT pk_ev PRIMARY KEY (id),
      CONSTRAINT uq_ev UNIQUE ("kit id", qty),
      CHECK (qty < 100),
      CONSTRAINT fk_pair FOREIGN KEY (a, b) REFERENCES pairs (a, b)
    ) WITHOUT ROWID`);
    expect(parsed.primaryKeyName).toBe("pk_ev");
    expect(parsed.withoutRowid).toBe(true);
    expect(parsed.checks).toEqual([
      { name: "qty_pos", sqltext: "qty > 0" },
      { name: null, sqltext: "qty < 100" },
    ]);
    expect(parsed.uniques).toEqual([
      { name: null, columns: ["code"] },
      { name: "uq_ev", columns: ["kit id", "qty"] },
    ]);
    expect(parsed.foreignKeys).toEqual([
      { name: "fk_kit", columns: ["kit id"], referredTable: "kits" },
      { name: "fk_pair", columns: ["a", "b"], referredTable: "pairs" },
    ]);
    expect([...parsed.generated]).toEqual([["total", "qty * 2"]]);
  });

  it("reads index keys and the partial-index predicate", () => {
    expect(
      parseCreateIndex(
        'CREATE UNIQUE INDEX "ix a" ON t (lower(name) COLLATE NOCASE DESC, "b") WHERE b > 0 AND a IS NOT NULL',
      ),
    ).toEqual({
      keys: ["lower(name)", '"b"'],
      where: "b > 0 AND a IS NOT NULL",
    });
    expect(parseCreateIndex("CREATE INDEX ix ON t (a)")).toEqual({ keys: ["a"], where: null });
  });
});

describe("MySQL 8 catalog rows", () => {
  /** Rows as MySQL 8 reports them: bare literal defaults, DEFAULT_GENERATED, EXPRESSION keys. */
  const exec: CatalogExec = async (sql) => {
    if (sql.includes("information_schema.COLUMNS"))
      return [
        ["t", "", "id", "int", "NO", null, "auto_increment", "", ""],
        ["t", "", "name", "varchar(20)", "NO", "it's", "", "", ""],
        ["t", "", "n", "decimal(10,2)", "YES", "1.50", "", "", ""],
        [
          "t",
          "",
          "at",
          "datetime(6)",
          "NO",
          "CURRENT_TIMESTAMP(6)",
          "DEFAULT_GENERATED on update CURRENT_TIMESTAMP(6)",
          "",
          "",
        ],
        ["t", "", "r", "double", "YES", "rand()", "DEFAULT_GENERATED", "", ""],
        ["t", "", "v", "int", "YES", null, "VIRTUAL GENERATED", "(`n` * 2)", "doubled"],
        ["t", "", "p", "int", "YES", null, "", "", ""],
      ];
    if (sql.includes("KEY_COLUMN_USAGE"))
      return [["t", "fk_p", "p", "db", "parent", "id", "NO ACTION", "CASCADE", "db"]];
    if (sql.includes("information_schema.STATISTICS"))
      return [
        ["t", "PRIMARY", 0, "id", null, "BTREE", null],
        ["t", "fk_p", 1, "p", null, "BTREE", null],
        ["t", "ix_lower", 1, null, null, "BTREE", "lower(`name`)"],
        ["t", "uq_name", 0, "name", 10, "BTREE", null],
      ];
    return [];
  };

  it("quotes bare literals, parenthesises expressions, and reads the index kinds", async () => {
    const r = new MysqlReflection({ isMariaDb: false, quoteString: (s) => `'${s.replace(/'/g, "\\'")}'` });
    const t = (await r.reflectTables(exec, null)).get("t")!;
    const col = (name: string) => t.columns.find((c) => c.name === name)!;
    expect(t.columns.map((c) => c.default)).toEqual([
      null,
      "'it\\'s'",
      "1.50",
      "CURRENT_TIMESTAMP(6)",
      "(rand())",
      null,
      null,
    ]);
    expect(col("id").autoincrement).toBe(true);
    expect(col("at").serverOnUpdate?.toUpperCase()).toBe("CURRENT_TIMESTAMP(6)");
    expect(col("v").computed).toEqual({ sqltext: "(`n` * 2)", persisted: false });
    expect(col("v").comment).toBe("doubled");
    expect(t.comment).toBeNull();
    expect(t.primaryKey).toEqual({ name: null, columns: ["id"] });
    expect(t.foreignKeys[0]).toMatchObject({
      name: "fk_p",
      referredTable: "parent",
      onupdate: null,
      ondelete: "CASCADE",
    });
    expect(t.uniqueConstraints).toEqual([{ name: "uq_name", columns: ["name"] }]);
    expect(t.indexes.map((i) => [i.name, i.duplicatesConstraint, i.expressions, i.mysqlLength])).toEqual([
      ["fk_p", "fk_p", null, null],
      ["ix_lower", null, ["lower(`name`)"], null],
      ["uq_name", "uq_name", null, { name: 10 }],
    ]);
  });
});
