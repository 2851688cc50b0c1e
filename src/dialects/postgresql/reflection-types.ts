import { NULLTYPE, type TypeEngine } from "../../sql/type-engine.js";
import { LargeBinary } from "../../sql/types/binary.js";
import { Boolean } from "../../sql/types/boolean.js";
import { Date_, DateTime, Interval, Time } from "../../sql/types/datetime.js";
import { EnumType } from "../../sql/types/enum.js";
import { Json } from "../../sql/types/json.js";
import { BigInteger, Double, Float, Integer, Numeric, SmallInteger } from "../../sql/types/numeric.js";
import { CHAR, String, Text } from "../../sql/types/string.js";
import { Uuid } from "../../sql/types/uuid.js";
import { pgNamedTypeFor } from "./named-types.js";
import { pgRangeTypeFor } from "./range-types.js";
import { ArrayType, JSONB } from "./types.js";

/** What the columns query tells about a column's type beyond format_type(). */
export interface PgTypeInfo {
  /** format_type() of the column (the array type for arrays). */
  readonly text: string;
  /** format_type() of the element type for arrays, else of the type itself. */
  readonly baseText: string;
  readonly isArray: boolean;
  /** Declared array dimensions (pg_attribute.attndims; 0 when unknown). */
  readonly dimensions: number;
  /** Enum type name, schema and labels when the (element) type is an enum. */
  readonly enumName: string | null;
  readonly enumSchema: string | null;
  readonly enumLabels: readonly string[] | null;
}

/**
 * Maps a PostgreSQL type name, as format_type() spells it (or as Athanor's DDL writes it), to
 * an Athanor type; NullType when there is none. `FLOAT(p)` follows PostgreSQL: real up to 24
 * bits, double precision above.
 */
export function pgTypeFromName(text: string): TypeEngine<any, any> {
  const t = text.trim().toLowerCase().replace(/\s+/g, " ");
  let m: RegExpExecArray | null;
  if ((m = /^(?:character varying|varchar)(?:\s*\((\d+)\))?$/.exec(t)))
    return String(m[1] ? Number(m[1]) : undefined);
  if ((m = /^(?:character|char|bpchar)(?:\s*\((\d+)\))?$/.exec(t))) return CHAR(m[1] ? Number(m[1]) : 1);
  const named = pgNamedTypeFor(t) ?? pgRangeTypeFor(t);
  if (named) return named;
  if (t === "text") return Text();
  if (t === "integer" || t === "int" || t === "int4" || t === "serial") return Integer();
  if (t === "smallint" || t === "int2" || t === "smallserial") return SmallInteger();
  if (t === "bigint" || t === "int8" || t === "bigserial") return BigInteger();
  if (t === "real" || t === "float4") return Float({ precision: 24 });
  if (t === "double precision" || t === "float8" || t === "float") return Double();
  if ((m = /^float\s*\((\d+)\)$/.exec(t))) return Number(m[1]) <= 24 ? Float({ precision: 24 }) : Double();
  if ((m = /^(?:numeric|decimal)(?:\s*\((\d+)(?:\s*,\s*(-?\d+))?\))?$/.exec(t)))
    return Numeric(m[1] ? Number(m[1]) : undefined, m[1] ? Number(m[2] ?? 0) : undefined);
  if (t === "boolean" || t === "bool") return Boolean();
  if ((m = /^timestamp(?:\s*\((\d+)\))?(?: (with|without) time zone)?$/.exec(t)))
    return DateTime({ timezone: m[2] === "with", precision: m[1] ? Number(m[1]) : undefined });
  if (t === "timestamptz") return DateTime({ timezone: true });
  if (t === "date") return Date_();
  if ((m = /^time(?:\s*\((\d+)\))?(?: (with|without) time zone)?$/.exec(t)))
    return Time({ timezone: m[2] === "with" });
  if (t === "timetz") return Time({ timezone: true });
  if (t.startsWith("interval")) return Interval();
  if (t === "bytea") return LargeBinary();
  if (t === "uuid") return Uuid();
  if (t === "json") return Json();
  if (t === "jsonb") return JSONB();
  return NULLTYPE;
}

/** The Athanor type of a reflected column. */
export function pgTypeFromCatalog(info: PgTypeInfo): TypeEngine<any, any> {
  const base =
    info.enumLabels?.length && info.enumName
      ? new EnumType(info.enumLabels, { name: info.enumName, schema: info.enumSchema ?? undefined })
      : pgTypeFromName(info.baseText);
  if (!info.isArray) return base;
  return new ArrayType(base, Math.max(1, info.dimensions));
}
