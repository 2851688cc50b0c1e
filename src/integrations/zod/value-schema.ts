import { z } from "zod";
import { ArrayType } from "../../dialects/postgresql/types.js";
import { ArgumentError } from "../../errors.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { LargeBinaryType } from "../../sql/types/binary.js";
import { BooleanType } from "../../sql/types/boolean.js";
import {
  DateTimeType,
  DateType,
  formatUtcDate,
  IntervalType,
  parseDateTime,
  TimeType,
} from "../../sql/types/datetime.js";
import { EnumType } from "../../sql/types/enum.js";
import { JsonType } from "../../sql/types/json.js";
import {
  BigIntegerType,
  FloatType,
  IntegerType,
  NumericType,
  SmallIntegerType,
} from "../../sql/types/numeric.js";
import { StringType } from "../../sql/types/string.js";
import { TypeDecorator } from "../../sql/types/type-decorator.js";
import { UuidType } from "../../sql/types/uuid.js";
import { withWireForm } from "./wire-form.js";

/**
 * "read": what a column can hold (select schemas); "write": what a client may send (insert and
 * update schemas). They differ only where a database accepts or returns more than the canonical
 * form: UUIDs of any version are readable, intervals come back in the database's spelling.
 */
export type SchemaMode = "read" | "write";

const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };
const INT16 = { min: -32_768, max: 32_767 };
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** What Numeric.literal accepts, so a parsed value never fails at execute(). */
const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
/** TIME WITH TIME ZONE text: 'HH:MM[:SS[.f]]' with an optional offset. */
const TIME_TZ = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d\d(:?\d\d)?)?$/;

/**
 * The zod schema of a column's non-null values, for a column of `type`. `where` names the column
 * in errors (`Kit.code`).
 */
export function valueSchema(type: TypeEngine<any, any>, mode: SchemaMode, where: string): z.ZodType {
  // A custom type is checked as the type it is stored as; a different JavaScript type needs an
  // override (documented in docs/guide/zod.md).
  if (type instanceof TypeDecorator) return valueSchema(type.impl, mode, where);
  if (type instanceof EnumType) return z.enum(type.values as [string, ...string[]]);
  if (type instanceof UuidType) return z.string().check(mode === "write" ? z.uuid() : z.guid());
  if (type instanceof StringType) return type.length ? z.string().max(type.length) : z.string();
  if (type instanceof BooleanType) return z.boolean();
  if (type instanceof SmallIntegerType) return integer(mode, INT16);
  if (type instanceof IntegerType) return integer(mode, INT32);
  if (type instanceof BigIntegerType) return type.mode === "number" ? z.number().int() : bigInteger();
  if (type instanceof FloatType) return z.number();
  if (type instanceof NumericType) return numeric(type, mode);
  if (type instanceof DateTimeType) return dateTime();
  if (type instanceof DateType) return calendarDate();
  if (type instanceof TimeType) return z.string().check(type.timezone ? z.regex(TIME_TZ) : z.iso.time());
  if (type instanceof IntervalType) return mode === "write" ? z.string().check(z.iso.duration()) : z.string();
  if (type instanceof LargeBinaryType) return binary(type.length);
  if (type instanceof JsonType) return z.json();
  if (type instanceof ArrayType) {
    let s = valueSchema(type.itemType, mode, where);
    for (let d = 0; d < type.dimensions; d++) s = z.array(s);
    return s;
  }
  throw new ArgumentError(
    `${where}: no zod schema for column type '${type.typeName}' (${type.constructor.name}); ` +
      `give the column an override: { ${where.split(".").pop()}: z.custom<...>(...) }`,
  );
}

/** Integers in the column's range when writing (INTEGER is 32-bit on PostgreSQL and MySQL). */
function integer(mode: SchemaMode, range: { min: number; max: number }): z.ZodNumber {
  return mode === "write" ? z.number().int().min(range.min).max(range.max) : z.number().int();
}

/** BIGINT read as bigint: a bigint or an integer number in, a bigint out (JSON carries numbers). */
function bigInteger(): z.ZodType {
  const int64 = { type: "integer", format: "int64" };
  // The range is checked on the way in: a wire form set on a clone (min/max) would make zod look
  // for the clone's parent in its JSON Schema pass.
  return z.codec(
    withWireForm(z.union([z.bigint().min(INT64_MIN).max(INT64_MAX), z.number().int()]), int64),
    withWireForm(z.bigint(), int64),
    { decode: (v) => BigInt(v), encode: (v) => v },
  );
}

/**
 * NUMERIC reads as a decimal string; a number is accepted and becomes its decimal string, as the
 * column itself would store it. With a precision, the digits before the point are checked (the
 * database rounds extra fraction digits, but refuses an overflowing integer part).
 */
function numeric(type: NumericType, mode: SchemaMode): z.ZodType {
  const input = z.union([z.string().regex(DECIMAL, "Expected a decimal number such as '12.50'"), z.number()]);
  let output = z.string().regex(DECIMAL, "Expected a decimal number such as '12.50'");
  const { precision, scale = 0 } = type;
  if (mode === "write" && precision !== undefined) {
    const maxDigits = precision - scale;
    output = output.refine((v) => integerDigits(v) <= maxDigits, {
      message: `At most ${maxDigits} digits before the decimal point (NUMERIC(${precision}, ${scale}))`,
    });
  }
  return z.codec(input, output, { decode: (v) => (typeof v === "number" ? String(v) : v), encode: (v) => v });
}

function integerDigits(decimal: string): number {
  if (/[eE]/.test(decimal)) return Number(decimal).toFixed(0).replace(/^-/, "").replace(/^0+/, "").length;
  return decimal.replace(/^-/, "").split(".")[0]!.replace(/^0+/, "").length;
}

/** A Date, or an ISO 8601 date-time string (read as UTC when it has no offset, as the column does). */
function dateTime(): z.ZodType {
  const wire = { type: "string", format: "date-time" };
  return z.codec(
    withWireForm(z.union([z.date(), z.iso.datetime({ offset: true, local: true })]), wire),
    withWireForm(z.date(), wire),
    { decode: (v) => (v instanceof Date ? v : parseDateTime(v)), encode: (v) => v.toISOString() },
  );
}

/** A Date, or 'YYYY-MM-DD' (UTC midnight, as the column reads it back). */
function calendarDate(): z.ZodType {
  const wire = { type: "string", format: "date" };
  return z.codec(withWireForm(z.union([z.date(), z.iso.date()]), wire), withWireForm(z.date(), wire), {
    decode: (v) => (v instanceof Date ? v : parseDateTime(v)),
    encode: (v) => formatUtcDate(v),
  });
}

/** Bytes (a Buffer is a Uint8Array). JSON has no bytes: z.toJSONSchema needs an override for them. */
function binary(length: number | undefined): z.ZodType {
  const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, {
    message: "Expected bytes (a Uint8Array)",
  });
  if (length === undefined) return bytes;
  return bytes.refine((v) => v.byteLength <= length, { message: `At most ${length} bytes` });
}
