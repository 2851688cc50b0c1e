import { CompileError } from "../../errors.js";
import { bytesHex, type Processor, type TypeDialect, TypeEngine } from "../../sql/type-engine.js";
import type { LargeBinaryType } from "../../sql/types/binary.js";
import type { DateTimeType, TimeType } from "../../sql/types/datetime.js";
import type { EnumType } from "../../sql/types/enum.js";
import { JsonType } from "../../sql/types/json.js";
import type { BigIntegerType, FloatType, NumericType } from "../../sql/types/numeric.js";
import type { StringType } from "../../sql/types/string.js";
import { storedType } from "../../sql/types/type-decorator.js";
import { parseArrayText } from "./array-text.js";
import { PgNamedType } from "./named-types.js";

/** PostgreSQL JSONB: binary JSON, indexable with GIN. Values typed T. */
export class JsonbType<T = unknown> extends JsonType<T> {
  override readonly typeName = "jsonb";
}

/** `JSONB<T>()` (PostgreSQL). */
export function JSONB<T = unknown>(): JsonbType<T> {
  return new JsonbType<T>();
}

/** Nested arrays of `T`, `Depth` levels deep: `NestedArray<number, 2>` is `number[][]`. */
export type NestedArray<T, Depth extends number> = Depth extends 1
  ? T[]
  : Depth extends 2
    ? T[][]
    : Depth extends 3
      ? T[][][]
      : unknown[];

/** PostgreSQL arrays of an item type: `ARRAY(Integer)` reads `number[]`, two dimensions `number[][]`. */
export class ArrayType<T, V extends unknown[] = T[]> extends TypeEngine<V> {
  readonly typeName = "array";
  readonly itemType: TypeEngine<T, any>;
  readonly dimensions: number;
  constructor(itemType: TypeEngine<T, any>, dimensions = 1) {
    super();
    this.itemType = itemType;
    this.dimensions = dimensions;
  }
  override get typeKey(): string {
    return `array:${this.itemType.typeKey}:${this.dimensions}`;
  }
  override bindToColumn(tableName: string, columnName: string): ArrayType<T, V> {
    const item = this.itemType.bindToColumn(tableName, columnName);
    return item === this.itemType ? this : new ArrayType<T, V>(item, this.dimensions);
  }
  override nestedTypes(): readonly TypeEngine<any, any>[] {
    return [this.itemType];
  }
  /** `ARRAY[1, 2]` (an empty array needs its type: `ARRAY[]::INTEGER[]`). */
  override literal(value: V, dialect: TypeDialect): string {
    const render = (v: unknown, depth: number): string => {
      if (!Array.isArray(v))
        return v === null || v === undefined ? "NULL" : this.itemType.literal(v as T, dialect);
      const inner = v.map((x) => render(x, depth + 1)).join(", ");
      return `ARRAY[${inner}]`;
    };
    const sql = render(value, 1);
    if (Array.isArray(value) && value.length === 0)
      return `${sql}::${pgTypeToSql(this, (n) => `"${n.replace(/"/g, '""')}"`)}`;
    return sql;
  }

  override bindProcessor(dialect: TypeDialect): Processor {
    if (dialect.name !== "postgresql")
      throw new CompileError(
        `ARRAY is a PostgreSQL type; ${dialect.name} has no array columns (use Json instead)`,
      );
    const item = this.itemType.bindProcessor(dialect);
    return (v: unknown) => (Array.isArray(v) ? arrayLiteral(v, item) : v);
  }
  override resultProcessor(dialect: TypeDialect): Processor {
    const item = this.itemType.resultProcessor(dialect);
    // An array of a type the driver does not know (an enum's) arrives as its text form.
    if (!item) return (v: unknown) => (typeof v === "string" ? parseArrayText(v) : v);
    const map = (v: unknown): unknown => (Array.isArray(v) ? v.map(map) : v === null ? null : item(v));
    return (v: unknown) => map(typeof v === "string" ? parseArrayText(v) : v);
  }
}

/**
 * An array's text form, `{"1","a \"b\"",NULL}`, its items converted by the item type first. Sent
 * as text, an array parameter reaches the server the same way through every driver: node-pg would
 * write this itself, PGlite only for the array types it knows (not arrays of an enum).
 */
function arrayLiteral(values: readonly unknown[], item: Processor): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    if (i) out += ",";
    const v = values[i];
    if (v === null || v === undefined) out += "NULL";
    else if (Array.isArray(v)) out += arrayLiteral(v, item);
    else out += quoteArrayItem(item ? item(v) : v);
  }
  return `${out}}`;
}

function quoteArrayItem(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  const text =
    typeof v === "string"
      ? v
      : v instanceof Uint8Array
        ? `\\x${bytesHex(v)}`
        : v instanceof Date
          ? v.toISOString()
          : typeof v === "object"
            ? JSON.stringify(v)
            : String(v);
  return `"${text.replace(/[\\"]/g, "\\$&")}"`;
}

/** `ARRAY(Integer)` / `ARRAY(String(), { dimensions: 2 })` (PostgreSQL). */
export function ARRAY<T, D extends number = 1>(
  itemType: TypeEngine<T, any> | (() => TypeEngine<T, any>),
  opts?: { dimensions?: D },
): ArrayType<T, NestedArray<T, D>> {
  return new ArrayType<T, NestedArray<T, D>>(
    typeof itemType === "function" ? itemType() : itemType,
    opts?.dimensions ?? 1,
  );
}

/**
 * The array type a list of values binds as (IN lists as `= ANY`, the flush's unnest() of one array
 * per column): its items are cast without length, precision or scale, because an explicit cast
 * to VARCHAR(3)[] cuts 'abcdef' to 'abc' (and NUMERIC(5, 2)[] rounds) where the same value sent
 * alone is refused by the column or compared as it is.
 */
export class ArrayParameterType<T> extends ArrayType<T> {
  override get typeKey(): string {
    return `array-parameter:${this.itemType.typeKey}`;
  }
}

/** A type's name without length, precision or scale (see ArrayParameterType). */
export function pgUnsizedTypeSql(type: TypeEngine<any, any>, quote: (name: string) => string): string {
  switch (type.typeName) {
    case "varchar":
      return "VARCHAR";
    case "char":
      return "BPCHAR";
    case "numeric":
      return "NUMERIC";
    case "datetime":
      return (type as DateTimeType).timezone ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP WITHOUT TIME ZONE";
    case "enum":
      return (type as EnumType).nativeEnum && (type as EnumType).name ? pgTypeToSql(type, quote) : "VARCHAR";
    default:
      return pgTypeToSql(type, quote);
  }
}

/** DDL names of types on PostgreSQL. */
export function pgTypeToSql(type: TypeEngine<any, any>, quote: (name: string) => string): string {
  const t = type as any;
  switch (type.typeName) {
    case "integer":
      return "INTEGER";
    case "smallint":
      return "SMALLINT";
    case "bigint":
      return "BIGINT";
    case "float":
      return (t as FloatType).precision ? `FLOAT(${(t as FloatType).precision})` : "FLOAT";
    case "double":
      return "DOUBLE PRECISION";
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
    case "datetime": {
      const d = t as DateTimeType;
      const p = d.precision === undefined ? "" : `(${d.precision})`;
      return d.timezone ? `TIMESTAMP${p} WITH TIME ZONE` : `TIMESTAMP${p} WITHOUT TIME ZONE`;
    }
    case "date":
      return "DATE";
    case "time":
      return (t as TimeType).timezone ? "TIME WITH TIME ZONE" : "TIME WITHOUT TIME ZONE";
    case "interval":
      return "INTERVAL";
    case "binary":
      return "BYTEA";
    case "uuid":
      return "UUID";
    case "json":
      return "JSON";
    case "jsonb":
      return "JSONB";
    case "enum": {
      const e = t as EnumType;
      if (!e.nativeEnum) return `VARCHAR(${e.length})`;
      return e.schema ? `${quote(e.schema)}.${quote(e.name!)}` : quote(e.name!);
    }
    case "array": {
      const a = t as ArrayType<unknown>;
      const item = storedType(a.itemType);
      const sql = a instanceof ArrayParameterType ? pgUnsizedTypeSql(item, quote) : pgTypeToSql(item, quote);
      return `${sql}${"[]".repeat(a.dimensions)}`;
    }
    case "null":
      return "TEXT";
    default:
      if (type instanceof PgNamedType) return type.sqlName;
      throw new CompileError(`No PostgreSQL type for '${type.typeName}'`);
  }
}

export type { BigIntegerType, LargeBinaryType };
