import { describe, expect, it } from "vitest";
import { MysqlDialect } from "../../../src/dialects/mysql/dialect.js";
import { mysqlTypeFromColumnType } from "../../../src/dialects/mysql/reflection-types.js";
import { PgDialect } from "../../../src/dialects/postgresql/dialect.js";
import { pgTypeFromName } from "../../../src/dialects/postgresql/reflection-types.js";
import { SqliteDialect } from "../../../src/dialects/sqlite/dialect.js";
import {
  expressionsMatch,
  normalizeDefaultSql,
  referentialActionsMatch,
  serverDefaultsMatch,
  typeStorageKey,
  typesMatch,
} from "../../../src/dialects/type-compare.js";
import {
  ARRAY,
  ArrayType,
  Boolean,
  column,
  DateTime,
  Double,
  Enum,
  EnumType,
  Float,
  func,
  Integer,
  Json,
  LargeBinary,
  MetaData,
  Numeric,
  String,
  sqlDefault,
  Table,
  Text,
  TypeDecorator,
  Uuid,
} from "../../../src/index.js";
import { NULLTYPE } from "../../../src/sql/type-engine.js";

const pg = new PgDialect("pg");
const sqlite = new SqliteDialect();
const mysql = new MysqlDialect();
const mariadb = Object.assign(new MysqlDialect(), { isMariaDb: true });

class Lowercase extends TypeDecorator<string, string> {
  readonly impl = String(100);
  processBindParam(v: string) {
    return v.toLowerCase();
  }
  processResultValue(v: string) {
    return v;
  }
}

const md = new MetaData();
const t = new Table("t", md, {
  id: column(Integer).primaryKey(),
  flag: column(Boolean).serverDefault(true),
  name: column(String(20)).serverDefault("x"),
});

describe("typesMatch", () => {
  it("PostgreSQL: spellings that store the same type match, others do not", () => {
    const r = pgTypeFromName;
    expect(typesMatch(pg, Float(), r("double precision"))).toBe(true);
    expect(typesMatch(pg, Float({ precision: 10 }), r("real"))).toBe(true);
    expect(typesMatch(pg, Float(), r("real"))).toBe(false);
    expect(typesMatch(pg, Double(), r("double precision"))).toBe(true);
    expect(typesMatch(pg, Numeric(10), r("numeric(10,0)"))).toBe(true);
    expect(typesMatch(pg, Numeric(10, 2), r("numeric(10,3)"))).toBe(false);
    expect(typesMatch(pg, Numeric(), r("numeric"))).toBe(true);
    expect(typesMatch(pg, DateTime(), r("timestamp(6) without time zone"))).toBe(true);
    expect(typesMatch(pg, DateTime({ timezone: true }), r("timestamp without time zone"))).toBe(false);
    expect(typesMatch(pg, DateTime({ precision: 3 }), r("timestamp(3) without time zone"))).toBe(true);
    expect(typesMatch(pg, String(50), r("character varying(50)"))).toBe(true);
    expect(typesMatch(pg, String(50), r("character varying(60)"))).toBe(false);
    expect(typesMatch(pg, String(), r("text"))).toBe(false);
    expect(typesMatch(pg, Text(), r("text"))).toBe(true);
    expect(typesMatch(pg, Uuid(), r("uuid"))).toBe(true);
    expect(typesMatch(pg, Json(), r("jsonb"))).toBe(false);
    expect(typesMatch(pg, ARRAY(Integer), new ArrayType(r("integer"), 1))).toBe(true);
    expect(typesMatch(pg, ARRAY(Integer), new ArrayType(r("integer"), 2))).toBe(false);
    expect(typesMatch(pg, ARRAY(String(10)), new ArrayType(r("character varying(20)"), 1))).toBe(false);
  });

  it("PostgreSQL enums: name and labels in order; a VARCHAR enum matches its VARCHAR", () => {
    const declared = Enum(["a", "b"], { name: "mood" });
    expect(typesMatch(pg, declared, new EnumType(["a", "b"], { name: "mood" }))).toBe(true);
    expect(typesMatch(pg, declared, new EnumType(["b", "a"], { name: "mood" }))).toBe(false);
    expect(typesMatch(pg, declared, new EnumType(["a", "b", "c"], { name: "mood" }))).toBe(false);
    expect(typesMatch(pg, declared, new EnumType(["a", "b"], { name: "other" }))).toBe(false);
    expect(typesMatch(pg, declared, String(1))).toBe(false);
    expect(typesMatch(pg, Enum(["aa", "b"], { nativeEnum: false }), String(2))).toBe(true);
    expect(typesMatch(pg, Enum(["aa", "b"], { nativeEnum: false }), String(3))).toBe(false);
  });

  it("MySQL: BOOL is tinyint(1), NUMERIC is decimal(10,0), BLOB(n) a BLOB class", () => {
    const r = mysqlTypeFromColumnType;
    expect(typesMatch(mysql, Boolean(), r("tinyint(1)"))).toBe(true);
    expect(typesMatch(mysql, Integer(), r("int(11)"))).toBe(true);
    expect(typesMatch(mysql, Integer(), r("tinyint(1)"))).toBe(false);
    expect(typesMatch(mysql, Numeric(), r("decimal(10,0)"))).toBe(true);
    expect(typesMatch(mysql, Numeric(12), r("decimal(12,0)"))).toBe(true);
    expect(typesMatch(mysql, Numeric(10, 2), r("decimal(10,0)"))).toBe(false);
    expect(typesMatch(mysql, LargeBinary(1000), r("blob"))).toBe(true);
    expect(typesMatch(mysql, LargeBinary(100), r("blob"))).toBe(false);
    expect(typesMatch(mysql, LargeBinary(), r("longblob"))).toBe(true);
    expect(typesMatch(mysql, DateTime(), r("datetime(6)"))).toBe(true);
    expect(typesMatch(mysql, DateTime({ timezone: true }), r("datetime(6)"))).toBe(true);
    expect(typesMatch(mysql, DateTime(), r("datetime"))).toBe(false);
    expect(typesMatch(mysql, String(), r("varchar(255)"))).toBe(true);
    expect(typesMatch(mysql, Uuid(), r("char(36)"))).toBe(true);
    expect(typesMatch(mysql, Json(), r("json"))).toBe(true);
    expect(typesMatch(mysql, Enum(["a", "it's"]), r("enum('a','it''s')"))).toBe(true);
    expect(typesMatch(mysql, Enum(["a", "b"]), r("enum('b','a')"))).toBe(false);
  });

  it("SQLite: declared text compares; VARCHAR enums compare labels", () => {
    expect(typesMatch(sqlite, DateTime({ timezone: true }), DateTime())).toBe(true);
    expect(typesMatch(sqlite, Float(), Double())).toBe(false);
    const declared = Enum(["a", "b"], { name: "e" });
    expect(typesMatch(sqlite, declared, new EnumType(["a", "b"], { name: "e", nativeEnum: false }))).toBe(
      true,
    );
    expect(typesMatch(sqlite, declared, new EnumType(["a", "c"], { name: "e", nativeEnum: false }))).toBe(
      false,
    );
    expect(typesMatch(sqlite, declared, String(1))).toBe(true);
  });

  it("compares what a TypeDecorator stores, and cannot compare an unknown reflected type", () => {
    expect(typesMatch(pg, new Lowercase(), String(100))).toBe(true);
    expect(typesMatch(pg, new Lowercase(), String(99))).toBe(false);
    expect(typesMatch(mysql, Integer(), NULLTYPE)).toBe(true);
    expect(typeStorageKey(pg, new Lowercase())).toBe("varchar(100)");
  });
});

describe("serverDefaultsMatch", () => {
  const id = t.c.id;
  const flag = t.c.flag;
  const name = t.c.name;

  it("PostgreSQL: casts, quoting, numbers and now()", () => {
    expect(serverDefaultsMatch(pg, "x", "'x'::character varying", name)).toBe(true);
    expect(serverDefaultsMatch(pg, "it's", "'it''s'::character varying", name)).toBe(true);
    expect(serverDefaultsMatch(pg, "x", "'y'::character varying", name)).toBe(false);
    expect(serverDefaultsMatch(pg, 5, "5", null)).toBe(true);
    expect(serverDefaultsMatch(pg, -1, "'-1'::integer", null)).toBe(true);
    expect(serverDefaultsMatch(pg, "0.00", "0.00", null)).toBe(true);
    expect(serverDefaultsMatch(pg, 1.5, "1.50", null)).toBe(true);
    expect(serverDefaultsMatch(pg, true, "true", flag)).toBe(true);
    expect(serverDefaultsMatch(pg, "true", "true", flag)).toBe(true);
    expect(serverDefaultsMatch(pg, true, "false", flag)).toBe(false);
    expect(serverDefaultsMatch(pg, func.now(), "now()", null)).toBe(true);
    expect(serverDefaultsMatch(pg, sqlDefault("CURRENT_TIMESTAMP"), "now()", null)).toBe(true);
    expect(serverDefaultsMatch(pg, sqlDefault("'{}'::jsonb"), "'{}'::jsonb", null)).toBe(true);
    expect(serverDefaultsMatch(pg, "available", "'available'::kit_status", null)).toBe(true);
    expect(serverDefaultsMatch(pg, sqlDefault("gen_random_uuid()"), "gen_random_uuid()", null)).toBe(true);
  });

  it("PostgreSQL: no default matches none, NULL, and a SERIAL's nextval()", () => {
    expect(serverDefaultsMatch(pg, null, null, name)).toBe(true);
    expect(serverDefaultsMatch(pg, null, "NULL::character varying", name)).toBe(true);
    expect(serverDefaultsMatch(pg, null, "nextval('t_id_seq'::regclass)", id)).toBe(true);
    expect(serverDefaultsMatch(pg, null, "nextval('t_id_seq'::regclass)", name)).toBe(false);
    expect(serverDefaultsMatch(pg, null, "'x'::character varying", name)).toBe(false);
    expect(serverDefaultsMatch(pg, "x", null, name)).toBe(false);
  });

  it("MySQL / MariaDB: current_timestamp(6), 1 for true, escaped quotes", () => {
    expect(serverDefaultsMatch(mariadb, func.now(), "current_timestamp(6)", null)).toBe(true);
    expect(serverDefaultsMatch(mysql, func.now(), "CURRENT_TIMESTAMP(6)", null)).toBe(true);
    expect(serverDefaultsMatch(mysql, func.now(), "current_timestamp()", null)).toBe(false);
    expect(serverDefaultsMatch(mariadb, true, "1", flag)).toBe(true);
    expect(serverDefaultsMatch(mariadb, "it's", "'it''s'", name)).toBe(true);
    expect(serverDefaultsMatch(mariadb, "a\\b", "'a\\\\b'", name)).toBe(true);
    expect(serverDefaultsMatch(mariadb, "0.00", "0.00", null)).toBe(true);
    expect(serverDefaultsMatch(mariadb, sqlDefault("(1+1)"), "(1 + 1)", null)).toBe(true);
  });

  it("SQLite: the strftime form of now, CURRENT_TIMESTAMP, parentheses", () => {
    expect(serverDefaultsMatch(sqlite, func.now(), "strftime('%Y-%m-%d %H:%M:%f', 'now')", null)).toBe(true);
    expect(serverDefaultsMatch(sqlite, sqlDefault("CURRENT_TIMESTAMP"), "CURRENT_TIMESTAMP", null)).toBe(
      true,
    );
    expect(serverDefaultsMatch(sqlite, true, "1", flag)).toBe(true);
    expect(serverDefaultsMatch(sqlite, sqlDefault("(abs(-3))"), "abs(-3)", null)).toBe(true);
    expect(serverDefaultsMatch(sqlite, sqlDefault("(abs(-3))"), "abs(3)", null)).toBe(false);
  });

  it("normalises to one canonical spelling", () => {
    expect(normalizeDefaultSql(pg, "('x'::character varying)")).toBe("'x'");
    expect(normalizeDefaultSql(pg, "NOW()")).toBe("current_timestamp");
    expect(normalizeDefaultSql(pg, "'2020-01-01'::timestamp without time zone")).toBe("'2020-01-01'");
  });
});

describe("expressionsMatch and referentialActionsMatch", () => {
  it("ignores grouping parentheses, casts and identifier quoting", () => {
    expect(expressionsMatch(pg, "qty > 0 AND qty < 10", "(qty > 0) AND (qty < 10)")).toBe(true);
    expect(expressionsMatch(pg, "lower(notes)", "lower(notes::text)")).toBe(true);
    expect(expressionsMatch(pg, "lower(notes)", "lower((notes)::text)")).toBe(true);
    expect(expressionsMatch(pg, "qty > 0", "qty > 1")).toBe(false);
    expect(expressionsMatch(pg, "lower(notes)", "upper(notes)")).toBe(false);
    expect(expressionsMatch(mysql, "qty * 2", "`qty` * 2")).toBe(true);
    expect(expressionsMatch(sqlite, '"kitId" > 0', "kitId > 0")).toBe(true);
    expect(expressionsMatch(pg, '"kitId" > 0', "kitId > 0")).toBe(false);
    expect(expressionsMatch(pg, '"kitid" > 0', "kitId > 0")).toBe(true);
  });

  it("treats unset, NO ACTION and (on MySQL) RESTRICT alike", () => {
    expect(referentialActionsMatch(pg, undefined, null)).toBe(true);
    expect(referentialActionsMatch(pg, "NO ACTION", null)).toBe(true);
    expect(referentialActionsMatch(pg, undefined, "RESTRICT")).toBe(false);
    expect(referentialActionsMatch(mysql, undefined, "RESTRICT")).toBe(true);
    expect(referentialActionsMatch(mysql, "CASCADE", "RESTRICT")).toBe(false);
    expect(referentialActionsMatch(sqlite, "cascade", "CASCADE")).toBe(true);
  });
});
