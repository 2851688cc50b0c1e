import { parseDateTime } from "../../sql/types/datetime.js";

/**
 * Text-format parsers for PostgreSQL type OIDs, shared by node-pg and PGlite. JSON, numerics,
 * int8 and intervals stay text for the column types to convert exactly; timestamps without a
 * zone and dates are read as UTC, never in the client's local time zone.
 */
const identity = (v: string) => v;
export const PG_TEXT_PARSERS: Readonly<Record<number, (v: string) => unknown>> = {
  20: identity, // int8
  1700: identity, // numeric
  114: identity, // json
  3802: identity, // jsonb
  1186: identity, // interval
  1082: (v) => parseDateTime(v), // date
  1114: (v) => parseDateTime(v), // timestamp
  1184: (v) => parseDateTime(v), // timestamptz
};
