import { CompileError } from "../../errors.js";
import { JSON_NATIVE, type JsonColumnCodec, type JsonRowsSyntax } from "../../sql/json-rows.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { parseDateTime } from "../../sql/types/datetime.js";
import { storedType } from "../../sql/types/type-decorator.js";

/** Types whose JSON form is exactly what mysql2 reads (integers, 0/1 booleans, strings). */
const NATIVE = new Set([
  "integer",
  "smallint",
  "boolean",
  "char",
  "varchar",
  "text",
  "enum",
  "uuid",
  "interval",
  "json_rows",
]);

/** The text the text protocol delivers: DECIMAL and BIGINT digits, TIME, JSON documents. */
const CHAR: JsonColumnCodec = { sql: (e) => `CAST(${e} AS CHAR)`, decode: null };
/** FLOAT in JSON becomes a double with more digits than the column's text form. */
const FLOAT: JsonColumnCodec = { sql: (e) => `CAST(${e} AS CHAR)`, decode: (v: string) => Number(v) };
/** DATE and DATETIME as text, read as mysql2 reads them with timezone "Z". */
const DATETIME: JsonColumnCodec = {
  sql: (e) => `CAST(${e} AS CHAR)`,
  decode: (v: string) => parseDateTime(v),
};
/** Bytes as hex (HEX(NULL) is NULL, HEX('') is ''). */
const BLOB: JsonColumnCodec = { sql: (e) => `HEX(${e})`, decode: (v: string) => Buffer.from(v, "hex") };

/**
 * MySQL / MariaDB: JSON_ARRAY rows, JSON_ARRAYAGG. Only MariaDB (10.5+) orders inside
 * JSON_ARRAYAGG; on MySQL an ordered relationship cannot be loaded this way.
 */
export function mysqlJsonRows(dialect: { readonly isMariaDb: boolean }): JsonRowsSyntax {
  return {
    array: (elements) => `JSON_ARRAY(${elements.join(", ")})`,
    aggregate(element, orderBy) {
      if (!orderBy.length) return `JSON_ARRAYAGG(${element})`;
      if (!dialect.isMariaDb)
        throw new CompileError(
          "MySQL's JSON_ARRAYAGG() takes no ORDER BY, so jsonload() cannot keep a relationship's orderBy there " +
            "(MariaDB, PostgreSQL and SQLite can): use selectinload() for this relationship on MySQL.",
        );
      return `JSON_ARRAYAGG(${element} ORDER BY ${orderBy.join(", ")})`;
    },
    column(type: TypeEngine<any, any>): JsonColumnCodec {
      const name = storedType(type).typeName;
      if (NATIVE.has(name)) return JSON_NATIVE;
      if (name === "binary") return BLOB;
      if (name === "date" || name === "datetime") return DATETIME;
      if (name === "float" || name === "double") return FLOAT;
      return CHAR;
    },
  };
}
