import type { Processor, TypeDialect, TypeEngine } from "../../sql/type-engine.js";
import { Date_, DateTime } from "../../sql/types/datetime.js";
import { BigInteger, Integer, Numeric } from "../../sql/types/numeric.js";
import { Range } from "../../sql/types/range.js";
import { PgNamedType } from "./named-types.js";
import { formatRangeText, parseRangeText } from "./range-text.js";

/**
 * A PostgreSQL range type (INT4RANGE, DATERANGE, ...): values read as `Range<T>`, where T is what
 * the element type reads (number, bigint, decimal string, Date). A range binds as PostgreSQL's
 * text form, `[1,10)`, built from its ends converted by the element type; a string binds as it is
 * (`'[1,10)'`, `'empty'`). Ranges come back as text from node-pg and PGlite alike.
 */
export class RangeType<T, TIn = T> extends PgNamedType<Range<T>, Range<TIn> | string> {
  /** The type of the range's elements (`Integer` for INT4RANGE). */
  readonly elementType: TypeEngine<T, TIn>;
  constructor(typeName: string, elementType: TypeEngine<T, TIn>) {
    super(typeName, typeName.toUpperCase());
    this.elementType = elementType;
  }

  override bindProcessor(dialect: TypeDialect): Processor {
    const element = this.elementType.bindProcessor(dialect);
    return (v: unknown) => (v instanceof Range ? formatRangeText(v, element) : v);
  }

  override resultProcessor(dialect: TypeDialect): Processor {
    const element = this.elementType.resultProcessor(dialect);
    return (v: unknown) =>
      v === null || v === undefined ? null : v instanceof Range ? v : parseRangeText(String(v), element);
  }

  override literal(value: Range<TIn> | string, dialect: TypeDialect): string {
    const text =
      value instanceof Range ? formatRangeText(value, this.elementType.bindProcessor(dialect)) : value;
    return `${dialect.quoteString(text)}::${this.sqlName}`;
  }
}

/** A range of 32-bit integers, read as `Range<number>`. */
export const INT4RANGE = () => new RangeType("int4range", Integer());
/** A range of 64-bit integers, read as `Range<bigint>`. */
export const INT8RANGE = () => new RangeType("int8range", BigInteger());
/** A range of exact decimals, read as `Range<string>` ("1.50"; numbers accepted as input). */
export const NUMRANGE = () => new RangeType("numrange", Numeric());
/** A range of calendar dates, read as `Range<Date>` (UTC midnights). */
export const DATERANGE = () => new RangeType("daterange", Date_());
/** A range of timestamps without time zone, read as `Range<Date>` (in UTC, as DateTime). */
export const TSRANGE = () => new RangeType("tsrange", DateTime());
/** A range of timestamps with time zone, read as `Range<Date>`. */
export const TSTZRANGE = () => new RangeType("tstzrange", DateTime({ timezone: true }));

const BY_NAME: Record<string, () => RangeType<any, any>> = {
  int4range: INT4RANGE,
  int8range: INT8RANGE,
  numrange: NUMRANGE,
  daterange: DATERANGE,
  tsrange: TSRANGE,
  tstzrange: TSTZRANGE,
};

/** The range type for a catalog type name, or null. */
export function pgRangeTypeFor(name: string): RangeType<any, any> | null {
  const make = BY_NAME[name];
  return make ? make() : null;
}
