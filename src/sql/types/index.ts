export { NULLTYPE, NullType, type Processor, type TypeDialect, TypeEngine } from "../type-engine.js";
export { LargeBinary, LargeBinaryType } from "./binary.js";
export { Boolean, BooleanType } from "./boolean.js";
export {
  Date_ as Date,
  DateTime,
  DateTimeType,
  DateType,
  formatUtcDate,
  formatUtcDateTime,
  Interval,
  IntervalType,
  parseDateTime,
  pgIntervalToIso,
  Time,
  TimeType,
} from "./datetime.js";
export { Enum, type EnumOptions, EnumType } from "./enum.js";
export { Json, JsonType } from "./json.js";
export {
  BigInteger,
  type BigIntegerMode,
  BigIntegerType,
  Double,
  DoubleType,
  Float,
  FloatType,
  Integer,
  IntegerType,
  Numeric,
  NumericType,
  SmallInteger,
  SmallIntegerType,
} from "./numeric.js";
export { CHAR, CharType, String, StringType, Text, TextType, Unicode, UnicodeText } from "./string.js";
export { TypeDecorator } from "./type-decorator.js";
export { Uuid, UuidType } from "./uuid.js";

import type { TypeEngine } from "../type-engine.js";

/** A type instance, or a type factory called with no arguments (`Integer` as well as `Integer()`). */
export type TypeArg<T = any, In = T> = TypeEngine<T, In> | (() => TypeEngine<T, In>);

/** Resolves a TypeArg to an instance. */
export function toType<T, In>(arg: TypeArg<T, In>): TypeEngine<T, In> {
  return typeof arg === "function" ? arg() : arg;
}
