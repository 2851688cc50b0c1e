import { describe, expect, it } from "vitest";
import { ArgumentError, DateTime, Double, Float, Integer, Numeric, Time } from "../../../src/index.js";
import { Date_ } from "../../../src/sql/types/datetime.js";
import { checkDateTimeText, daysInMonth } from "../../../src/sql/types/datetime-input.js";
import { makeDialects } from "../compiler/helpers.js";

const { pg, sqlite, mysql } = makeDialects();
const bind = (
  type: { bindProcessor(d: never): ((v: unknown) => unknown) | null },
  d: unknown,
  v: unknown,
) => {
  const p = type.bindProcessor(d as never);
  return p === null ? v : p(v);
};

/** Issue 14, item 2: values a database would shift or lose are refused before sending. */
describe("date and time fields out of range", () => {
  it("names the field and its range; in-range values, leap days and zones pass", () => {
    expect(() => checkDateTimeText("2024-02-30 10:00:00")).toThrow(/day 30 is not 01-29 in month 02 of 2024/);
    expect(() => checkDateTimeText("2023-02-29")).toThrow(/day 29 is not 01-28/);
    expect(() => checkDateTimeText("2024-13-45 99:99")).toThrow(/month 13 is not 01-12/);
    expect(() => checkDateTimeText("2024-12-31 24:00:00")).toThrow(/hour 24 is not 00-23/);
    expect(() => checkDateTimeText("2024-12-31 23:60")).toThrow(/minute 60 is not 00-59/);
    expect(() => checkDateTimeText("2024-12-31T23:59:61Z")).toThrow(/second 61 is not 00-59/);
    expect(() => checkDateTimeText("2024-12-31T23:59:59+25:00")).toThrow(/offset \+25:00/);
    expect(() => checkDateTimeText("2024-00-10")).toThrow(ArgumentError);
    for (const ok of [
      "2024-02-29",
      "2000-02-29 00:00",
      "2024-12-31T23:59:59.999999Z",
      "1999-01-01 10:00:00+05:30",
    ])
      expect(() => checkDateTimeText(ok)).not.toThrow();
    expect([daysInMonth(1900, 2), daysInMonth(2000, 2), daysInMonth(2023, 4)]).toEqual([28, 29, 30]);
  });

  it("DateTime, Date and Time bind processors refuse them on every dialect", () => {
    for (const d of [pg, sqlite, mysql]) {
      expect(() => bind(DateTime(), d, "2024-02-30 10:00:00"), d.name).toThrow(/day 30/);
      expect(() => bind(DateTime(), d, new Date(Number.NaN)), d.name).toThrow(/Invalid Date/);
      expect(() => bind(Date_(), d, "2023-02-29"), d.name).toThrow(/day 29/);
      expect(() => bind(Date_(), d, new Date(Number.NaN)), d.name).toThrow(/Invalid Date/);
      expect(() => bind(Time(), d, "25:00"), d.name).toThrow(/hour 25/);
      expect(() => bind(Time(), d, "noon"), d.name).toThrow(/HH:MM/);
      expect(bind(Time(), d, "23:59:59.5"), d.name).toBe("23:59:59.5");
    }
    expect(bind(DateTime(), sqlite, "2024-02-29 10:00:00")).toBe("2024-02-29 10:00:00.000");
    expect(bind(DateTime(), pg, new Date(Date.UTC(2024, 1, 29)))).toBe("2024-02-29T00:00:00.000Z");
  });

  it("an untyped Invalid Date parameter (text() with a Date) is refused on SQLite and MySQL, not sent as NaN text", () => {
    for (const d of [sqlite, mysql]) {
      expect(() => d.coerceUntyped(new Date(Number.NaN)), d.name).toThrow(/Cannot send an Invalid Date/);
      expect(d.coerceUntyped(new Date(Date.UTC(2024, 1, 29, 1, 2, 3, 4))), d.name).toBe(
        "2024-02-29 01:02:03.004",
      );
    }
  });

  it("literal rendering (offline SQL) refuses them too", () => {
    expect(() => DateTime().literal("2024-02-30", pg)).toThrow(/day 30/);
    expect(() => Date_().literal("2024-02-30", mysql)).toThrow(/day 30/);
  });
});

describe("numbers a database cannot store", () => {
  it("NaN: stored by PostgreSQL, refused on SQLite (it would become NULL) and MySQL", () => {
    for (const type of [Double(), Float(), Numeric(10, 2)]) {
      expect(bind(type, pg, Number.NaN)).toBe(type.typeName === "numeric" ? "NaN" : Number.NaN);
      expect(() => bind(type, sqlite, Number.NaN)).toThrow(/on SQLite \(it would be stored as NULL\)/);
      expect(() => bind(type, mysql, Number.NaN)).toThrow(/on MySQL\/MariaDB/);
    }
    expect(() => bind(Integer(), sqlite, Number.NaN)).toThrow(/INTEGER column on SQLite/);
  });

  it("Infinity: PostgreSQL and SQLite floats keep it; MySQL and integer columns refuse it", () => {
    expect(bind(Double(), pg, Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(bind(Double(), sqlite, Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(() => bind(Double(), mysql, Number.POSITIVE_INFINITY)).toThrow(
      /Cannot store Infinity in a DOUBLE/,
    );
    expect(() => bind(Integer(), sqlite, Number.POSITIVE_INFINITY)).toThrow(ArgumentError);
    expect(bind(Integer(), mysql, 42)).toBe(42);
  });
});
