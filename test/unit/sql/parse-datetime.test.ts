import { describe, expect, it } from "vitest";
import { formatUtcDateTime, parseDateTime } from "../../../src/sql/types/datetime.js";

describe("parseDateTime", () => {
  it.each([
    ["2024-01-02", "2024-01-02T00:00:00.000Z"],
    ["2024-01-02 03:04:05", "2024-01-02T03:04:05.000Z"],
    ["2024-01-02T03:04:05.123", "2024-01-02T03:04:05.123Z"],
    ["2024-01-02 03:04:05.123456", "2024-01-02T03:04:05.123Z"],
    ["2024-01-02 03:04:05.1", "2024-01-02T03:04:05.100Z"],
    ["2024-01-02 03:04:05+02", "2024-01-02T01:04:05.000Z"],
    ["2024-01-02 03:04:05.5-05:30", "2024-01-02T08:34:05.500Z"],
    ["2024-01-02T03:04:05Z", "2024-01-02T03:04:05.000Z"],
    ["2024-01-02 03:04:05.999+0130", "2024-01-02T01:34:05.999Z"],
    ["1999-12-31 23:59:59.999999+00", "1999-12-31T23:59:59.999Z"],
    ["0001-01-01 00:00:00", "0001-01-01T00:00:00.000Z"],
    ["0099-06-15", "0099-06-15T00:00:00.000Z"],
    ["10000-01-01 00:00:00", "+010000-01-01T00:00:00.000Z"],
  ])("reads %s as UTC", (text, iso) => {
    expect(parseDateTime(text).toISOString()).toBe(iso);
  });

  it.each([
    ["2024-02-29 12:00:00", "2024-02-29T12:00:00.000Z"],
    ["2000-02-29", "2000-02-29T00:00:00.000Z"],
    ["1900-03-01", "1900-03-01T00:00:00.000Z"],
    ["1969-12-31 23:59:59.999", "1969-12-31T23:59:59.999Z"],
    ["1600-01-01 00:00:00", "1600-01-01T00:00:00.000Z"],
    ["2023-02-29", "2023-03-01T00:00:00.000Z"],
    ["2024-12-31 23:59:59.999-01:00", "2025-01-01T00:59:59.999Z"],
    ["2024-13-01", "2025-01-01T00:00:00.000Z"],
    ["2024-00-10", "2023-12-10T00:00:00.000Z"],
    [" 0050-03-04 05:06:07.25+01 ", "0050-03-04T04:06:07.250Z"],
  ])("counts calendar days as Date.UTC does: %s", (text, iso) => {
    expect(parseDateTime(text).toISOString()).toBe(iso);
  });

  it("agrees with Date on every day of four centuries, with and without a time and an offset", () => {
    let mismatches = 0;
    for (let t = Date.UTC(1800, 0, 1); t < Date.UTC(2200, 0, 1); t += 86_400_000 + 3_723_001) {
      const iso = new Date(t).toISOString();
      const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}+00:00`;
      if (parseDateTime(text).getTime() !== t) mismatches++;
      if (parseDateTime(iso.slice(0, 10)).toISOString().slice(0, 10) !== iso.slice(0, 10)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it("rejects text that is not a date", () => {
    expect(() => parseDateTime("yesterday")).toThrow(/Cannot read "yesterday" as a date\/time/);
  });
});

describe("formatUtcDateTime", () => {
  it.each([
    ["2024-01-02T03:04:05.000Z", "2024-01-02 03:04:05.000"],
    ["2024-11-30T23:59:59.007Z", "2024-11-30 23:59:59.007"],
    ["2024-12-31T10:20:30.045Z", "2024-12-31 10:20:30.045"],
    ["1999-09-09T09:09:09.999Z", "1999-09-09 09:09:09.999"],
    ["0099-06-15T00:00:00.100Z", "0099-06-15 00:00:00.100"],
    ["0001-01-01T00:00:00.000Z", "0001-01-01 00:00:00.000"],
  ])("writes %s as %s, which parseDateTime reads back", (iso, text) => {
    const d = new Date(iso);
    expect(formatUtcDateTime(d)).toBe(text);
    expect(parseDateTime(text).getTime()).toBe(d.getTime());
  });

  it("agrees with the Date's own UTC fields from year 1 to 9999: every 13th day, every day of the century years around a leap rule, times of day walking the clock", () => {
    const viaFields = (d: Date) =>
      `${String(d.getUTCFullYear()).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-` +
      `${String(d.getUTCDate()).padStart(2, "0")} ${String(d.getUTCHours()).padStart(2, "0")}:` +
      `${String(d.getUTCMinutes()).padStart(2, "0")}:${String(d.getUTCSeconds()).padStart(2, "0")}.` +
      `${String(d.getUTCMilliseconds()).padStart(3, "0")}`;
    const day = 86_400_000;
    const days: number[] = [];
    for (let t = Date.parse("0001-01-01T00:00:00Z"); t <= Date.parse("9999-12-31T00:00:00Z"); t += 13 * day)
      days.push(t);
    for (const year of ["0400", "1600", "1700", "1900", "1969", "2000", "2100", "2400"])
      for (let t = Date.parse(`${year}-01-01T00:00:00Z`), n = 0; n < 732; t += day, n++) days.push(t);
    let checked = 0;
    for (const t of days) {
      for (const x of [t, t + day - 1, t + ((checked * 7_919_113) % day)]) {
        const d = new Date(x);
        if (formatUtcDateTime(d) !== viaFields(d)) expect(formatUtcDateTime(d)).toBe(viaFields(d));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(850_000);
  });

  it("refuses an Invalid Date (bound untyped, as in text() on SQLite and MySQL) instead of writing NaN text", () => {
    expect(() => formatUtcDateTime(new Date(Number.NaN))).toThrow(/Cannot send an Invalid Date/);
  });
});
