import { describe, expect, it } from "vitest";
import { mysqlTypeFromColumnType } from "../../../src/dialects/mysql/reflection-types.js";
import { typesMatch } from "../../../src/dialects/type-compare.js";
import { CompileError, Text } from "../../../src/index.js";
import { makeDialects } from "../compiler/helpers.js";

const { pg, sqlite, mysql } = makeDialects();

/** Issue 14, item 7: MySQL's TEXT holds 64 KB; Text({ length }) picks the type that fits. */
describe("Text({ length }) on MySQL", () => {
  it("TEXT, MEDIUMTEXT or LONGTEXT by utf8mb4 bytes (4 a character); TEXT elsewhere", () => {
    const cases: [number | undefined, string][] = [
      [undefined, "TEXT"],
      [1000, "TEXT"],
      [16_383, "TEXT"],
      [16_384, "MEDIUMTEXT"],
      [1_000_000, "MEDIUMTEXT"],
      [4_194_303, "MEDIUMTEXT"],
      [4_194_304, "LONGTEXT"],
      [1_073_741_823, "LONGTEXT"],
    ];
    for (const [length, sql] of cases) {
      const type = length === undefined ? Text() : Text({ length });
      expect(mysql.typeToSql(type), String(length)).toBe(sql);
      expect(pg.typeToSql(type)).toBe("TEXT");
      expect(sqlite.typeToSql(type)).toBe("TEXT");
    }
  });

  it("refuses lengths MySQL cannot hold or that are not whole numbers", () => {
    expect(() => mysql.typeToSql(Text({ length: 1_073_741_824 }))).toThrow(/more than MySQL's LONGTEXT/);
    expect(() => mysql.typeToSql(Text({ length: 0 }))).toThrow(CompileError);
    expect(() => mysql.typeToSql(Text({ length: 2.5 }))).toThrow(/whole number/);
  });

  it("a reflected MEDIUMTEXT / LONGTEXT matches the declared length's type; Text() without a length matches any", () => {
    const medium = mysqlTypeFromColumnType("mediumtext");
    const long = mysqlTypeFromColumnType("longtext");
    expect(typesMatch(mysql, Text({ length: 1_000_000 }), medium)).toBe(true);
    expect(typesMatch(mysql, Text({ length: 5_000_000 }), long)).toBe(true);
    // No length declared: any TEXT size already there is fine (no ALTER that could cut values).
    expect(typesMatch(mysql, Text(), medium)).toBe(true);
    expect(typesMatch(mysql, Text({ length: 1_000_000 }), long)).toBe(false);
    expect(typesMatch(mysql, Text(), mysqlTypeFromColumnType("text"))).toBe(true);
  });
});
