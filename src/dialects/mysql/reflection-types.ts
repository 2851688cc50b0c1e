import { NULLTYPE, type TypeEngine } from "../../sql/type-engine.js";
import { LargeBinary } from "../../sql/types/binary.js";
import { Boolean } from "../../sql/types/boolean.js";
import { Date_, DateTime, Time } from "../../sql/types/datetime.js";
import { EnumType } from "../../sql/types/enum.js";
import { Json } from "../../sql/types/json.js";
import { BigInteger, Double, Float, Integer, Numeric, SmallInteger } from "../../sql/types/numeric.js";
import { CHAR, String, Text } from "../../sql/types/string.js";
import { Uuid } from "../../sql/types/uuid.js";
import { significant, tokenize } from "../sql-tokens.js";

/** Capacity of each BLOB class: LargeBinary(n) becomes the smallest class that holds n bytes. */
export const BLOB_CLASSES: readonly [string, number | undefined][] = [
  ["tinyblob", 255],
  ["blob", 65535],
  ["mediumblob", 16777215],
  ["longblob", undefined],
];

/** The labels of `enum('a','b')` (quotes doubled or backslash-escaped, as MySQL writes them). */
export function enumLabels(columnType: string): string[] {
  return significant(tokenize(columnType, { backslashEscapes: true }))
    .filter((t) => t.kind === "string")
    .map((t) => t.value);
}

/**
 * Maps an information_schema COLUMN_TYPE ("int(11)", "decimal(10,2)", "enum('a','b')",
 * "varchar(50)") to an Athanor type; NullType when there is none. Display widths, UNSIGNED and
 * ZEROFILL do not change the mapping.
 */
export function mysqlTypeFromColumnType(columnType: string): TypeEngine<any, any> {
  const t = columnType.trim().toLowerCase();
  const m = /^(\w+)(?:\s*\(([^)]*)\))?/.exec(t);
  if (!m) return NULLTYPE;
  const base = m[1]!;
  const args = (m[2] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /^\d+$/.test(s))
    .map(Number);
  switch (base) {
    case "tinyint":
      // BOOL is TINYINT(1): the one width MySQL 8 still reports.
      return args[0] === 1 ? Boolean() : SmallInteger();
    case "bool":
    case "boolean":
      return Boolean();
    case "smallint":
      return SmallInteger();
    case "mediumint":
    case "int":
    case "integer":
      return Integer();
    case "bigint":
      return BigInteger();
    case "float":
      return Float();
    case "double":
    case "real":
      return Double();
    case "decimal":
    case "numeric":
    case "fixed":
      return Numeric(args[0] ?? 10, args[1] ?? 0);
    case "varchar":
      return String(args[0]);
    case "char":
      // CHAR(36) is how Athanor stores a Uuid on MySQL.
      return args[0] === 36 ? Uuid() : CHAR(args[0] ?? 1);
    case "tinytext":
    case "text":
      return Text();
    // The most characters each holds in utf8mb4: declared Text({ length }) renders the same type.
    case "mediumtext":
      return Text({ length: Math.floor(16_777_215 / 4) });
    case "longtext":
      return Text({ length: Math.floor(4_294_967_295 / 4) });
    case "json":
      return Json();
    case "enum": {
      const labels = enumLabels(columnType);
      return labels.length ? new EnumType(labels) : NULLTYPE;
    }
    case "datetime":
      return DateTime({ precision: args[0] ?? 0 });
    case "timestamp":
      return DateTime({ timezone: true, precision: args[0] ?? 0 });
    case "date":
      return Date_();
    case "time":
      return Time();
    case "binary":
    case "varbinary":
      return LargeBinary(args[0]);
    default: {
      const blob = BLOB_CLASSES.find(([name]) => name === base);
      return blob ? LargeBinary(blob[1]) : NULLTYPE;
    }
  }
}
