import { CompileError } from "../../errors.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import type { EnumType } from "../../sql/types/enum.js";
import type { NumericType } from "../../sql/types/numeric.js";
import type { StringType } from "../../sql/types/string.js";

/** DDL names of types on SQLite (declared types decide column affinity). */
export function sqliteTypeToSql(type: TypeEngine<any, any>): string {
  const t = type as any;
  switch (type.typeName) {
    case "integer":
      return "INTEGER";
    case "smallint":
      return "SMALLINT";
    case "bigint":
      return "BIGINT";
    case "float":
      return "FLOAT";
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
      return (t as StringType).length ? `VARCHAR(${(t as StringType).length})` : "VARCHAR";
    case "text":
      return "TEXT";
    case "boolean":
      return "BOOLEAN";
    case "datetime":
      return "DATETIME";
    case "date":
      return "DATE";
    case "time":
      return "TIME";
    case "interval":
      return "VARCHAR(64)";
    case "binary":
      return "BLOB";
    case "uuid":
      return "CHAR(36)";
    case "json":
    case "jsonb":
      return "JSON";
    case "enum":
      return `VARCHAR(${(t as EnumType).length})`;
    case "null":
      return "TEXT";
    default:
      throw new CompileError(`No SQLite type for '${type.typeName}'`);
  }
}
