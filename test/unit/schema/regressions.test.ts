import { describe, expect, it } from "vitest";
import { MysqlDialect } from "../../../src/dialects/mysql/dialect.js";
import { PgDialect } from "../../../src/dialects/postgresql/dialect.js";
import { SqliteDialect } from "../../../src/dialects/sqlite/dialect.js";
import {
  ARRAY,
  column,
  Enum,
  ForeignKey,
  ForeignKeyConstraint,
  Integer,
  MetaData,
  String,
  Table,
  TypeDecorator,
} from "../../../src/index.js";
import { CreateTable as CreateTableDdl } from "../../../src/schema/ddl.js";

class Lowercase extends TypeDecorator<string, string> {
  readonly impl = String(100);
  processBindParam(v: string) {
    return v.toLowerCase();
  }
  processResultValue(v: string) {
    return v;
  }
}

describe("schema regressions", () => {
  it("a table-level ForeignKeyConstraint is named by an fk naming convention", () => {
    const md = new MetaData({
      namingConvention: { fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s" },
    });
    new Table("parents", md, {
      a: column(Integer).primaryKey({ autoincrement: false }),
      b: column(Integer).primaryKey({ autoincrement: false }),
    });
    const child = new Table(
      "children",
      md,
      { id: column(Integer).primaryKey(), pa: column(Integer), pb: column(Integer) },
      ForeignKeyConstraint(["pa", "pb"], ["parents.a", "parents.b"]),
    );
    const fk = child.foreignKeyConstraints[0]!;
    expect(fk.name).toBe("fk_children_pa_parents");
    expect(fk.elements.map((e) => e.referencedColumn()?.name)).toEqual(["a", "b"]);
    expect(child.c.pa.foreignKeys).toHaveLength(1);
  });

  it("a TypeDecorator renders in DDL as the type it stores, length included", () => {
    const md = new MetaData();
    const t = new Table("t", md, { id: column(Integer).primaryKey(), email: column(new Lowercase()) });
    for (const d of [new PgDialect("pg"), new SqliteDialect(), new MysqlDialect()]) {
      expect(d.ddlCompiler().compile(new CreateTableDdl(t))[0]).toContain("email VARCHAR(100) NOT NULL");
    }
  });

  it("an unnamed enum inside ARRAY takes its name from the column and is listed by MetaData.enums", () => {
    const md = new MetaData();
    new Table("posts", md, {
      id: column(Integer).primaryKey(),
      tags: column(ARRAY(Enum(["a", "b"]))),
      fk: column(Integer, ForeignKey("posts.id")).nullable(),
    });
    expect(md.enums.map((e) => e.name)).toEqual(["posts_tags"]);
    const sql = new PgDialect("pg").ddlCompiler().compile(new CreateTableDdl(md.tables.get("posts")!))[0]!;
    expect(sql).toContain("tags posts_tags[] NOT NULL");
  });
});

describe("column DDL details", () => {
  it("a string column's collation is written after its type on every dialect", () => {
    const md = new MetaData();
    const t = new Table("c", md, {
      id: column(Integer).primaryKey(),
      code: column(String(10, { collation: "C" })),
    });
    expect(new PgDialect("pg").ddlCompiler().compile(new CreateTableDdl(t))[0]).toContain(
      'code VARCHAR(10) COLLATE "C" NOT NULL',
    );
    expect(new SqliteDialect().ddlCompiler().compile(new CreateTableDdl(t))[0]).toContain(
      'code VARCHAR(10) COLLATE "C" NOT NULL',
    );
    const mysqlTable = new Table("m", md, {
      id: column(Integer).primaryKey(),
      code: column(String(10, { collation: "utf8mb4_bin" })),
    });
    expect(new MysqlDialect().ddlCompiler().compile(new CreateTableDdl(mysqlTable))[0]).toContain(
      "code VARCHAR(10) COLLATE utf8mb4_bin NOT NULL",
    );
  });

  it("PostgreSQL ARRAY values render inline as ARRAY[...] (typed when empty)", () => {
    const pg = new PgDialect("pg");
    const type = ARRAY(Integer);
    expect(type.literal([1, 2, 3], pg)).toBe("ARRAY[1, 2, 3]");
    expect(type.literal([], pg)).toBe("ARRAY[]::INTEGER[]");
    expect(ARRAY(String(), { dimensions: 2 }).literal([["a", "b'c"], ["d"]], pg)).toBe(
      "ARRAY[ARRAY['a', 'b''c'], ARRAY['d']]",
    );
  });
});
