import { ArgumentError } from "../../errors.js";
import type { Processor, TypeDialect } from "../type-engine.js";

/**
 * What each database does with a JavaScript number that is not finite. PostgreSQL stores NaN and
 * +-Infinity in float and numeric columns (and refuses them in integer ones itself). SQLite binds
 * NaN as NULL, silently; MySQL and MariaDB have neither and fail with "Unknown column 'NaN'".
 * Those two are refused before sending, with an error that says so.
 */
function refusal(v: number, sqlType: string, dialect: TypeDialect): ArgumentError {
  const db = dialect.name === "sqlite" ? "SQLite" : "MySQL/MariaDB";
  const stored = dialect.name === "sqlite" && Number.isNaN(v) ? " (it would be stored as NULL)" : "";
  return new ArgumentError(
    `Cannot store ${v} in a ${sqlType} column on ${db}${stored}: the database has no such value. ` +
      "Store NULL for a missing number, or check the computation that produced it.",
  );
}

/**
 * A bind processor refusing the non-finite numbers `dialect` cannot store in a `sqlType` column,
 * then applying `next` (the type's own conversion); `next` alone where nothing is refused.
 */
export function finiteNumbers(dialect: TypeDialect, sqlType: string, next: Processor = null): Processor {
  if (dialect.name === "postgresql") return next;
  // SQLite keeps +-Infinity in REAL columns (and reads them back); only NaN is lost there.
  const allowInfinity = dialect.name === "sqlite" && sqlType !== "INTEGER";
  return (v: unknown) => {
    if (typeof v === "number" && !Number.isFinite(v) && !(allowInfinity && !Number.isNaN(v)))
      throw refusal(v, sqlType, dialect);
    return next === null ? v : next(v);
  };
}
