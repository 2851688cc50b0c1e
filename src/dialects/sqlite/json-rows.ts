import { JSON_NATIVE, type JsonColumnCodec, type JsonRowsSyntax } from "../../sql/json-rows.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { storedType } from "../../sql/types/type-decorator.js";

/** JSON cannot hold a BLOB: hex text (hex(NULL) is '', as for an empty blob, so NULL stays NULL). */
const BLOB: JsonColumnCodec = {
  sql: (e) => `CASE WHEN ${e} IS NULL THEN NULL ELSE hex(${e}) END`,
  decode: (v: string) => Buffer.from(v, "hex"),
};
/** 64-bit integers as text: JSON numbers lose digits past 2^53. */
const BIGINT: JsonColumnCodec = { sql: (e) => `CAST(${e} AS TEXT)`, decode: null };

/**
 * SQLite: json_array rows, json_group_array with ORDER BY (SQLite 3.44+). SQLite stores dates,
 * times and numerics as text or numbers, which JSON carries as they are (reals in their shortest
 * exact form).
 */
export const sqliteJsonRows: JsonRowsSyntax = {
  array: (elements) => `json_array(${elements.join(", ")})`,
  aggregate: (element, orderBy) =>
    `json_group_array(${element}${orderBy.length ? ` ORDER BY ${orderBy.join(", ")}` : ""})`,
  column(type: TypeEngine<any, any>): JsonColumnCodec {
    const name = storedType(type).typeName;
    if (name === "binary") return BLOB;
    if (name === "bigint") return BIGINT;
    return JSON_NATIVE;
  },
};
