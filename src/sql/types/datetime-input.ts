import { ArgumentError } from "../../errors.js";

/**
 * Checks of date and time values before they are sent. SQLite stores text as given and MySQL
 * (and JavaScript's own Date.UTC) carry an out-of-range field over: "2024-02-30" became March 1
 * and "2024-13-45 99:99" a day in 2025. Every field is checked against its calendar range
 * instead, so such a value is refused with the same error on every database.
 */

const DATETIME_INPUT =
  /^\s*([+-]?\d{4,6})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?\s*(Z|[+-]\d\d(?::?\d\d)?)?\s*$/i;
const TIME_INPUT = /^\s*(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?\s*(Z|[+-]\d\d(?::?\d\d)?)?\s*$/i;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

function invalid(text: string, why: string): ArgumentError {
  return new ArgumentError(
    `${JSON.stringify(text)} is not a valid date/time: ${why}. ` +
      "Pass a Date or an ISO 8601 string ('2024-02-29 10:00:00', '2024-02-29T10:00:00Z') with fields in range; " +
      "out-of-range fields are refused rather than carried over into the next month or year.",
  );
}

function checkClock(
  text: string,
  h: string,
  mi: string,
  s: string | undefined,
  zone: string | undefined,
): void {
  if (Number(h) > 23) throw invalid(text, `hour ${h} is not 00-23`);
  if (Number(mi) > 59) throw invalid(text, `minute ${mi} is not 00-59`);
  if (s !== undefined && Number(s) > 59) throw invalid(text, `second ${s} is not 00-59`);
  if (zone && zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    if (Number(digits.slice(0, 2)) > 15 || Number(digits.slice(2) || 0) > 59)
      throw invalid(text, `time zone offset ${zone} is out of range`);
  }
}

/**
 * Throws an ArgumentError naming the field when an ISO-shaped date/time string has a field out of
 * range (month 13, February 30, hour 25). Strings of other shapes are left to the parser.
 */
export function checkDateTimeText(text: string): void {
  const m = DATETIME_INPUT.exec(text);
  if (!m) return;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) throw invalid(text, `month ${m[2]} is not 01-12`);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) throw invalid(text, `day ${m[3]} is not 01-${last} in month ${m[2]} of ${m[1]}`);
  if (m[4] !== undefined) checkClock(text, m[4], m[5]!, m[6], m[8]);
}

/** The Date itself, or an error for an Invalid Date (which no database can store). */
export function validDate(d: Date): Date {
  if (Number.isNaN(d.getTime()))
    throw new ArgumentError("Cannot send an Invalid Date (its time is NaN): check how the Date was made.");
  return d;
}

/** A Date from a bound value: a valid Date, an ISO string with fields in range, or epoch ms. */
export function inputDate(v: unknown, parse: (text: string) => Date): Date {
  if (v instanceof Date) return validDate(v);
  if (typeof v === "string") {
    checkDateTimeText(v);
    return parse(v);
  }
  if (typeof v === "number") {
    const d = new Date(v);
    if (Number.isNaN(d.getTime()))
      throw new ArgumentError(
        `Cannot send ${v} as a date/time: it is not a time in milliseconds since 1970.`,
      );
    return d;
  }
  throw new ArgumentError(`Expected a Date or an ISO 8601 string, got ${v === null ? "null" : typeof v}`);
}

/** Checks a time-of-day string ('HH:MM[:SS[.ffffff]]', optional zone) field by field. */
export function checkTimeText(v: unknown): void {
  if (typeof v !== "string")
    throw new ArgumentError(`Expected a time of day as a string ('10:30:00'), got ${typeof v}`);
  const m = TIME_INPUT.exec(v);
  if (!m) throw invalid(v, "a time of day is written 'HH:MM', 'HH:MM:SS' or 'HH:MM:SS.ffffff'");
  checkClock(v, m[1]!, m[2]!, m[3], m[5]);
}
