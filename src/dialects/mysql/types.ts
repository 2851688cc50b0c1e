import { CompileError } from "../../errors.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import type { LargeBinaryType } from "../../sql/types/binary.js";
import type { DateTimeType } from "../../sql/types/datetime.js";
import type { EnumType } from "../../sql/types/enum.js";
import type { NumericType } from "../../sql/types/numeric.js";
import type { StringType } from "../../sql/types/string.js";

/** Bytes a character may take in utf8mb4, the character set Athanor's MySQL connections use. */
const UTF8MB4_BYTES = 4;
/** The TEXT types and the bytes each holds. */
const TEXT_TYPES: readonly (readonly [string, number])[] = [
  ["TEXT", 65_535],
  ["MEDIUMTEXT", 16_777_215],
  ["LONGTEXT", 4_294_967_295],
];

/** The smallest MySQL TEXT type holding `length` characters (TEXT when no length is given). */
export function mysqlTextType(length: number | undefined): string {
  if (length === undefined) return "TEXT";
  if (!Number.isInteger(length) || length < 1)
    throw new CompileError(`Text({ length }) takes a whole number of characters, 1 or more; got ${length}`);
  const fit = TEXT_TYPES.find(([, bytes]) => length * UTF8MB4_BYTES <= bytes);
  if (!fit)
    throw new CompileError(
      `Text({ length: ${length} }) is more than MySQL's LONGTEXT holds (4 GB, ${TEXT_TYPES[2]![1] / UTF8MB4_BYTES} utf8mb4 characters)`,
    );
  return fit[0];
}

/** DDL names of types on MySQL / MariaDB. */
export function mysqlTypeToSql(type: TypeEngine<any, any>, quoteString: (s: string) => string): string {
  const t = type as any;
  switch (type.typeName) {
    case "integer":
      return "INTEGER";
    case "smallint":
      return "SMALLINT";
    case "bigint":
      return "BIGINT";
    case "float":
      // JavaScript numbers are doubles; MySQL's FLOAT is single precision.
      return (t as { precision?: number }).precision !== undefined &&
        (t as { precision: number }).precision <= 24
        ? "FLOAT"
        : "DOUBLE";

    case "double":
      return "DOUBLE";
    case "numeric": {
      const n = t as NumericType;
      return n.precision === undefined
        ? "NUMERIC"
        : `NUMERIC(${n.precision}${n.scale === undefined ? "" : `, ${n.scale}`})`;
    }
    case "char":
      return `CHAR(${(t as StringType).length ?? 1})`;
    case "varchar":
      return `VARCHAR(${(t as StringType).length ?? 255})`;
    case "text":
      return mysqlTextType((t as StringType).length);
    case "boolean":
      return "BOOL";
    case "datetime":
      return `DATETIME(${(t as DateTimeType).precision ?? 6})`;
    case "date":
      return "DATE";
    case "time":
      return "TIME(6)";
    case "interval":
      return "VARCHAR(64)";
    case "binary": {
      const len = (t as LargeBinaryType).length;
      return len === undefined ? "LONGBLOB" : `BLOB(${len})`;
    }
    case "uuid":
      return "CHAR(36)";
    case "json":
    case "jsonb":
      return "JSON";
    case "enum": {
      const e = t as EnumType;
      return e.nativeEnum ? `ENUM(${e.values.map(quoteString).join(", ")})` : `VARCHAR(${e.length})`;
    }
    case "null":
      return "TEXT";
    default:
      throw new CompileError(`No MySQL type for '${type.typeName}'`);
  }
}

/** CAST targets: MySQL accepts only a few type names there. */
export function mysqlCastType(type: TypeEngine<any, any>): string {
  switch (type.typeName) {
    case "integer":
    case "smallint":
    case "bigint":
    case "boolean":
      return "SIGNED";
    case "numeric": {
      const n = type as NumericType;
      return n.precision === undefined ? "DECIMAL(65, 30)" : `DECIMAL(${n.precision}, ${n.scale ?? 0})`;
    }
    case "float":
    case "double":
      return "DOUBLE";
    case "datetime":
      return "DATETIME(6)";
    case "date":
      return "DATE";
    case "time":
      return "TIME(6)";
    case "binary":
      return "BINARY";
    case "json":
      return "JSON";
    default:
      return "CHAR";
  }
}
