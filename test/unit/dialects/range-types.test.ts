import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import { formatRangeText, parseRangeText } from "../../../src/dialects/postgresql/range-text.js";
import { pgTypeFromName } from "../../../src/dialects/postgresql/reflection-types.js";
import { typesMatch } from "../../../src/dialects/type-compare.js";
import {
  ArgumentError,
  CompileError,
  column,
  DATERANGE,
  INT4RANGE,
  INT8RANGE,
  Integer,
  insert,
  MetaData,
  NUMRANGE,
  Range,
  select,
  Table,
  TSRANGE,
  TSTZRANGE,
} from "../../../src/index.js";
import { CreateTable } from "../../../src/schema/ddl.js";
import { expectDdl, expectLiteral, expectSql, makeDialects, raises } from "../compiler/helpers.js";

/** Issue 14, item 6: PostgreSQL range types, their values, operators, DDL and reflection. */
const { pg } = makeDialects();
const md = new MetaData();
const bookings = new Table("bookings", md, {
  id: column(Integer).primaryKey(),
  seats: column(INT4RANGE()),
  ids: column(INT8RANGE()).nullable(),
  price: column(NUMRANGE()).nullable(),
  days: column(DATERANGE()),
  during: column(TSRANGE()).nullable(),
  at: column(TSTZRANGE()).nullable(),
});
const b = bookings.c;
const d = (s: string) => new Date(s);

describe("range types", () => {
  it("render their DDL on PostgreSQL; SQLite and MySQL refuse them", () => {
    expectDdl(new CreateTable(bookings), {
      pg:
        "CREATE TABLE bookings (\n\tid SERIAL NOT NULL, \n\tseats INT4RANGE NOT NULL, \n\tids INT8RANGE, " +
        "\n\tprice NUMRANGE, \n\tdays DATERANGE NOT NULL, \n\tduring TSRANGE, \n\tat TSTZRANGE, " +
        "\n\tPRIMARY KEY (id)\n)",
      sqlite: raises(CompileError, /int4range/),
      mysql: raises(CompileError, /No MySQL type for 'int4range'/),
    });
  });

  it("type their values: Range of what the element type reads", () => {
    expectTypeOf(b.seats.__t).toEqualTypeOf<Range<number>>();
    expectTypeOf(b.ids.__t).toEqualTypeOf<Range<bigint> | null>();
    expectTypeOf(b.price.__t).toEqualTypeOf<Range<string> | null>();
    expectTypeOf(b.days.__t).toEqualTypeOf<Range<Date>>();
    expectTypeOf(b.at.__t).toEqualTypeOf<Range<Date> | null>();
    // @ts-expect-error a range of numbers does not contain a string
    b.seats.contains("x");
    // @ts-expect-error overlaps is a range operator
    b.id.overlaps(new Range(1, 2));
  });

  it("bind a Range as PostgreSQL's range text, its ends converted by the element type", () => {
    expectSql(
      insert(bookings).values({
        id: 1,
        seats: new Range(1, 10),
        ids: new Range(5n, null, { bounds: "[]" }),
        price: new Range(1.5, 2),
        days: new Range(d("2024-01-01"), d("2024-02-01")),
        during: Range.empty(),
        at: new Range(null, d("2024-01-01T10:30:00.000Z"), { bounds: "()" }),
      }),
      {
        pg: [
          "INSERT INTO bookings (id, seats, ids, price, days, during, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
          [1, "[1,10)", "[5,]", "[1.5,2)", "[2024-01-01,2024-02-01)", "empty", "(,2024-01-01T10:30:00.000Z)"],
        ],
      },
    );
  });

  it("read PostgreSQL's range text back exactly, quoted ends and unbounded ends included", () => {
    const read = (type: ReturnType<typeof INT4RANGE> | ReturnType<typeof TSTZRANGE>, text: string) =>
      type.resultProcessor(pg)!(text);
    expect(read(INT4RANGE(), "[1,10)")).toEqual(new Range(1, 10));
    expect(read(INT4RANGE(), "(,5)")).toEqual(new Range(null, 5, { bounds: "()" }));
    expect(read(INT4RANGE(), "empty")).toEqual(Range.empty());
    expect(INT8RANGE().resultProcessor(pg)!("[9007199254740993,)")).toEqual(
      new Range(9007199254740993n, null, { bounds: "[)" }),
    );
    expect(NUMRANGE().resultProcessor(pg)!("[1.50,2.25]")).toEqual(
      new Range("1.50", "2.25", { bounds: "[]" }),
    );
    expect(DATERANGE().resultProcessor(pg)!("[2024-01-01,2024-02-01)")).toEqual(
      new Range(d("2024-01-01"), d("2024-02-01")),
    );
    expect(read(TSTZRANGE(), '["2024-01-01 10:30:00+00","2024-01-01 12:00:00+02")')).toEqual(
      new Range(d("2024-01-01T10:30:00Z"), d("2024-01-01T10:00:00Z")),
    );
    expect(TSRANGE().resultProcessor(pg)!('("2024-01-01 10:30:00.25",]')).toEqual(
      new Range(d("2024-01-01T10:30:00.250Z"), null, { bounds: "(]" }),
    );
    expect(() => read(INT4RANGE(), "[1,2")).toThrow(/Malformed PostgreSQL range text/);
    expect(() => read(INT4RANGE(), "1,2)")).toThrow(/Malformed PostgreSQL range text/);
  });

  it("quote ends that need it, doubling quotes and backslashes, and read them back", () => {
    const r = new Range('a "b"', "c,d\\", { bounds: "[]" });
    const text = formatRangeText(r, null);
    expect(text).toBe('["a ""b""","c,d\\\\"]');
    expect(parseRangeText(text, null)).toEqual(r);
    expect(parseRangeText('["a \\"b\\"",""]', null)).toEqual(new Range('a "b"', "", { bounds: "[]" }));
  });

  it("read back any ends they write: hostile text stays data (property)", () => {
    const end = fc.option(fc.string({ unit: "binary" }), { nil: null });
    const bounds = fc.constantFrom("[)", "[]", "(]", "()" as const);
    fc.assert(
      fc.property(end, end, bounds, (lower, upper, b) => {
        const r = new Range(lower, upper, { bounds: b });
        expect(parseRangeText(formatRangeText(r, null), null)).toEqual(r);
      }),
    );
  });

  it("know their ends and bounds; refuse bounds that are not one of the four", () => {
    const r = new Range(1, null, { bounds: "[]" });
    expect([r.lowerInc, r.upperInc, r.lowerInf, r.upperInf]).toEqual([true, false, false, true]);
    const e = Range.empty<number>();
    expect([e.empty, e.lower, e.lowerInc, e.lowerInf]).toEqual([true, null, false, false]);
    expect(() => new Range(1, 2, { bounds: "[[" as never })).toThrow(ArgumentError);
  });
});

describe("range operators", () => {
  it("contains an element (cast to the element type) or a Range; containedBy, overlaps, left/right, adjacent", () => {
    const q = (where: Parameters<ReturnType<typeof select>["where"]>[0]) => select(b.id).where(where);
    expectSql(q(b.seats.contains(5)), {
      pg: ["SELECT bookings.id FROM bookings WHERE bookings.seats @> CAST($1 AS INTEGER)", [5]],
    });
    expectSql(q(b.days.contains(d("2024-01-15"))), {
      pg: ["SELECT bookings.id FROM bookings WHERE bookings.days @> CAST($1 AS DATE)", ["2024-01-15"]],
    });
    expectSql(q(b.seats.contains(new Range(2, 4))), {
      pg: ["SELECT bookings.id FROM bookings WHERE bookings.seats @> $1", ["[2,4)"]],
    });
    const r = new Range(1, 5);
    const cases = [
      [b.seats.containedBy(r), "<@"],
      [b.seats.overlaps(r), "&&"],
      [b.seats.strictlyLeftOf(r), "<<"],
      [b.seats.strictlyRightOf(r), ">>"],
      [b.seats.notExtendRightOf(r), "&<"],
      [b.seats.notExtendLeftOf(r), "&>"],
      [b.seats.adjacentTo(r), "-|-"],
    ] as const;
    for (const [where, op] of cases)
      expectSql(q(where), {
        pg: [`SELECT bookings.id FROM bookings WHERE bookings.seats ${op} $1`, ["[1,5)"]],
      });
    expectSql(q(b.at.overlaps(b.during)), {
      pg: "SELECT bookings.id FROM bookings WHERE bookings.at && bookings.during",
    });
  });

  it("render ranges inline for offline SQL", () => {
    expectLiteral(select(b.id).where(b.days.overlaps(new Range(d("2024-01-01"), null))), {
      pg: "SELECT bookings.id FROM bookings WHERE bookings.days && '[2024-01-01,)'::DATERANGE",
    });
  });
});

describe("range types in reflection and autogenerate", () => {
  it("read back from the catalog as the declared type", () => {
    for (const [name, declared] of [
      ["int4range", INT4RANGE()],
      ["int8range", INT8RANGE()],
      ["numrange", NUMRANGE()],
      ["daterange", DATERANGE()],
      ["tsrange", TSRANGE()],
      ["tstzrange", TSTZRANGE()],
    ] as const) {
      const reflected = pgTypeFromName(name);
      expect(reflected.typeName).toBe(name);
      expect(typesMatch(pg, declared, reflected), name).toBe(true);
    }
    expect(typesMatch(pg, INT4RANGE(), pgTypeFromName("int8range"))).toBe(false);
  });

  it("render as their factories in generated code", async () => {
    const { AddColumnOp } = await import("../../../src/migrate/index.js");
    const { CodeRenderer } = await import("../../../src/migrate/render/code.js");
    const code = new AddColumnOp("bookings", "span", column(TSTZRANGE()).nullable()).toCode(
      new CodeRenderer(),
    );
    expect(code).toMatch(/column\(TSTZRANGE\(\)\)\.nullable\(\)/);
  });
});
