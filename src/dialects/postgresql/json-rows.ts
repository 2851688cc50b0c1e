import { JSON_NATIVE, type JsonColumnCodec, type JsonRowsSyntax } from "../../sql/json-rows.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { parseDateTime } from "../../sql/types/datetime.js";
import { storedType } from "../../sql/types/type-decorator.js";

/** Types whose JSON form is exactly what the driver reads (JSON numbers, booleans and strings). */
const NATIVE = new Set([
  "integer",
  "smallint",
  "float",
  "double",
  "boolean",
  "char",
  "varchar",
  "text",
  "enum",
  "uuid",
  "json_rows",
]);

/** The column's text output, as the text protocol delivers it (numeric and int8 keep every digit). */
const TEXT: JsonColumnCodec = { sql: (e) => `${e}::text`, decode: null };
/** Dates and timestamps as text, read as the driver reads them (parseDateTime, UTC without a zone). */
const DATETIME: JsonColumnCodec = { sql: (e) => `${e}::text`, decode: (v: string) => parseDateTime(v) };
/** JSON renders bytea as its hex text, `\x0102`. */
const BYTEA: JsonColumnCodec = { sql: (e) => e, decode: (v: string) => Buffer.from(v.slice(2), "hex") };

/** PostgreSQL: json_build_array rows, json_agg with ORDER BY. */
export const pgJsonRows: JsonRowsSyntax = {
  array: (elements) => `json_build_array(${elements.join(", ")})`,
  aggregate: (element, orderBy) =>
    `json_agg(${element}${orderBy.length ? ` ORDER BY ${orderBy.join(", ")}` : ""})`,
  column(type: TypeEngine<any, any>): JsonColumnCodec {
    const name = storedType(type).typeName;
    if (NATIVE.has(name)) return JSON_NATIVE;
    if (name === "binary") return BYTEA;
    if (name === "date" || name === "datetime") return DATETIME;
    // bigint, numeric, time, interval, json, jsonb, arrays, named types: their text form, which
    // the driver returns (or parses no further than the type's result processor does).
    return TEXT;
  },
};
