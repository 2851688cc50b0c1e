import { ArgumentError } from "../../errors.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { parseDateTime } from "../../sql/types/datetime.js";
import { checkDateTimeText } from "../../sql/types/datetime-input.js";
import { EnumType } from "../../sql/types/enum.js";
import { TypeDecorator } from "../../sql/types/type-decorator.js";
import type { MappedColumn, Mapper } from "../mapper/mapper.js";
import type { InstanceState } from "../state/instance-state.js";

/** What a value should have been, or null when it is acceptable. */
export type Check = (v: unknown) => string | null;

const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const INTEGER_TEXT = /^\s*[-+]?\d+\s*$/;
const UUID_TEXT = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function isDateLike(v: unknown): boolean {
  if (v instanceof Date) return !Number.isNaN(v.getTime());
  if (typeof v !== "string") return false;
  try {
    // Fields out of range ("2024-02-30") are refused, not carried over into the next month.
    checkDateTimeText(v);
    parseDateTime(v);
    return true;
  } catch {
    return false;
  }
}

/**
 * The check of a column type's JavaScript values. Values typed `any` (request bodies, JSON) get
 * past TypeScript; without this, SQLite would store them as they are and other databases reject
 * them with a less precise error, or convert them silently. Custom types (TypeDecorator) and
 * types without a fixed JavaScript form (JSON, arrays, intervals) are not checked.
 */
function checkOf(type: TypeEngine<any, any>): Check | null {
  if (type instanceof TypeDecorator) return null;
  if (type instanceof EnumType) {
    const allowed = new Set<unknown>(type.values);
    const list = type.values.map((x) => JSON.stringify(x)).join(", ");
    return (v) => (allowed.has(v) ? null : `one of the enum's values: ${list}`);
  }
  switch (type.typeName) {
    case "integer":
    case "smallint":
      return (v) =>
        (typeof v === "number" && Number.isInteger(v)) || typeof v === "bigint"
          ? null
          : "an integer (number)";
    case "bigint":
      return (v) =>
        (typeof v === "number" && Number.isInteger(v)) ||
        typeof v === "bigint" ||
        (typeof v === "string" && INTEGER_TEXT.test(v))
          ? null
          : "an integer (bigint, number or digits)";
    case "float":
    case "double":
      return (v) => (typeof v === "number" ? null : "a number");
    case "numeric":
      return (v) =>
        (typeof v === "number" && Number.isFinite(v)) ||
        typeof v === "bigint" ||
        (typeof v === "string" && NUMERIC_TEXT.test(v))
          ? null
          : "a number or a decimal string";
    case "varchar":
    case "char":
    case "text":
      return (v) => (typeof v === "string" ? null : "a string");
    case "boolean":
      return (v) => (typeof v === "boolean" ? null : "a boolean");
    case "datetime":
    case "date":
      return (v) => (isDateLike(v) ? null : "a valid Date (or an ISO 8601 string)");
    case "uuid":
      return (v) => (typeof v === "string" && UUID_TEXT.test(v) ? null : "a UUID string");
    case "binary":
      return (v) => (v instanceof Uint8Array ? null : "a Buffer or Uint8Array");
    default:
      return null;
  }
}

/** The value check of each of a mapper's columns (by column index), made once per mapper. */
export function valueChecks(mapper: Mapper): readonly (Check | null)[] {
  let checks = mapper.memo.get("valueChecks") as (Check | null)[] | undefined;
  if (!checks) {
    checks = mapper.columns.map((c) => checkOf(c.column.type));
    mapper.memo.set("valueChecks", checks);
  }
  return checks;
}

function describeValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}...` : v);
  if (v instanceof Date) return "an invalid Date";
  if (typeof v === "object") return `an object (${Object.prototype.toString.call(v).slice(8, -1)})`;
  if (typeof v === "bigint") return `${v}n`;
  return String(v);
}

/**
 * Checks the values a flush is about to write (`cols` of `st`) against their column types, and
 * names the object, attribute, value and expected kind of value when one does not fit.
 */
export function checkValues(
  st: InstanceState,
  cols: readonly MappedColumn[],
  checks: readonly (Check | null)[] = valueChecks(st.mapper),
): void {
  for (const c of cols) {
    const check = checks[c.index];
    if (!check) continue;
    const v = st.obj[c.key];
    if (v === null || v === undefined) continue;
    const expected = check(v);
    if (expected === null) continue;
    throw new ArgumentError(
      `${st.mapper.name}.${c.key} of ${st.describe()} holds ${describeValue(v)}, which column '${c.column.name}' can't store: ` +
        `assign ${expected}. (Values typed \`any\`, e.g. from request bodies, get past TypeScript; validate them first.)`,
    );
  }
}
