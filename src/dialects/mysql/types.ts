import { CompileError } from "../../errors.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import type { LargeBinaryType } from "../../sql/types/binary.js";
import type { DateTimeType } from "../../sql/types/datetime.js";
import type { EnumType } from "../../sql/types/enum.js";
import type { NumericType } from "../../sql/types/numeric.js";
import type { StringType } from "../../sql/types/string.js";

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
    case "varchar":
      return `VARCHAR(${(t as StringType).length ?? 255})`;
    case "text":
      return "TEXT";
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
