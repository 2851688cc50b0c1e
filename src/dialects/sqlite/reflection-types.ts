import { NULLTYPE, type TypeEngine } from "../../sql/type-engine.js";
import { LargeBinary } from "../../sql/types/binary.js";
import { Boolean } from "../../sql/types/boolean.js";
import { Date_, DateTime, Time } from "../../sql/types/datetime.js";
import { Json } from "../../sql/types/json.js";
import { BigInteger, Double, Float, Integer, Numeric, SmallInteger } from "../../sql/types/numeric.js";
import { CHAR, String, Text } from "../../sql/types/string.js";
import { Uuid } from "../../sql/types/uuid.js";

/**
 * Maps a column's declared type (SQLite keeps the text as written) to an Athanor type. The names
 * Athanor's DDL writes map back exactly; others follow SQLite's affinity rules, as SQLite itself
 * reads them.
 */
export function sqliteTypeFromDeclared(declared: string): TypeEngine<any, any> {
  const t = declared.trim().toUpperCase().replace(/\s+/g, " ");
  if (t === "") return NULLTYPE;
  const m = /^([A-Z ]+?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?$/.exec(t);
  const base = m?.[1] ?? t;
  const a = m?.[2] === undefined ? undefined : Number(m[2]);
  const b = m?.[3] === undefined ? undefined : Number(m[3]);
  switch (base) {
    case "INTEGER":
    case "INT":
    case "MEDIUMINT":
      return Integer();
    case "SMALLINT":
    case "TINYINT":
      return SmallInteger();
    case "BIGINT":
      return BigInteger();
    case "FLOAT":
    case "REAL":
      return Float();
    case "DOUBLE":
    case "DOUBLE PRECISION":
      return Double();
    case "NUMERIC":
    case "DECIMAL":
      return Numeric(a, b);
    case "VARCHAR":
    case "CHARACTER VARYING":
    case "NVARCHAR":
    case "VARYING CHARACTER":
    case "NATIONAL VARYING CHARACTER":
      return String(a);
    case "CHAR":
    case "CHARACTER":
    case "NCHAR":
      // CHAR(36) is how Athanor stores a Uuid where there is no native type.
      return a === 36 ? Uuid() : CHAR(a);
    case "UUID":
      return Uuid();
    case "TEXT":
    case "CLOB":
      return Text();
    case "BOOLEAN":
    case "BOOL":
      return Boolean();
    case "DATETIME":
    case "TIMESTAMP":
      return DateTime();
    case "DATE":
      return Date_();
    case "TIME":
      return Time();
    case "BLOB":
      return LargeBinary();
    case "JSON":
      return Json();
  }
  // SQLite's affinity rules (section 3.1 of its datatype page), in its order.
  if (t.includes("INT")) return Integer();
  if (t.includes("CHAR") || t.includes("CLOB") || t.includes("TEXT")) return Text();
  if (t.includes("BLOB")) return LargeBinary();
  if (t.includes("REAL") || t.includes("FLOA") || t.includes("DOUB")) return Float();
  return Numeric();
}
