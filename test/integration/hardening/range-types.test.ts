import { join } from "node:path";
import { expect, it } from "vitest";
import { typesMatch } from "../../../src/dialects/type-compare.js";
import {
  column,
  DATERANGE,
  INT4RANGE,
  INT8RANGE,
  Integer,
  insert,
  inspect,
  MetaData,
  NUMRANGE,
  Range,
  select,
  Table,
  TSRANGE,
  TSTZRANGE,
} from "../../../src/index.js";
import { revision } from "../../../src/migrate/index.js";
import { forEachDatabase } from "../../support/databases.js";
import { makeProject } from "../migrate/support.js";

/**
 * Issue 14, item 6: PostgreSQL's range types round-trip as Range values through node-pg and
 * PGlite (both hand ranges over as text), their operators select the rows PostgreSQL matches,
 * and reflection reads the columns back as the types declared.
 */
forEachDatabase("range types", (db) => {
  const postgres = db.name === "postgresql" || db.name === "pglite";
  const md = new MetaData();
  const t = new Table("hr_bookings", md, {
    id: column(Integer).primaryKey(),
    seats: column(INT4RANGE()),
    ids: column(INT8RANGE()).nullable(),
    price: column(NUMRANGE()).nullable(),
    days: column(DATERANGE()).nullable(),
    during: column(TSRANGE()).nullable(),
    at: column(TSTZRANGE()).nullable(),
  });
  const c = t.c;
  const d = (s: string) => new Date(s);

  if (!postgres) {
    it("is refused before sending where the database has no range types", async () => {
      await expect(md.createAll(db.engine)).rejects.toThrow(/int4range/);
    });
    return;
  }

  it("round-trips every range type exactly, in PostgreSQL's canonical form", async () => {
    await md.createAll(db.engine);
    await db.engine.begin((conn) =>
      conn.execute(
        insert(t).values([
          {
            id: 1,
            seats: new Range(1, 5, { bounds: "[]" }),
            ids: new Range(9007199254740993n, null),
            price: new Range("1.50", "99.99", { bounds: "(]" }),
            days: new Range(d("2024-01-01"), d("2024-01-31"), { bounds: "[]" }),
            during: new Range(d("2024-01-01T09:00:00.250Z"), d("2024-01-01T17:00:00Z")),
            at: new Range(null, d("2024-06-01T12:00:00.125Z"), { bounds: "[)" }),
          },
          { id: 2, seats: Range.empty(), ids: null, price: null, days: null, during: null, at: null },
          { id: 3, seats: "[10,20)", ids: "(,)", price: null, days: null, during: null, at: null },
        ]),
      ),
    );
    const rows = await db.engine.begin(async (conn) =>
      (await conn.execute(select(t).orderBy(c.id))).mappings().all(),
    );
    expect(rows[0]).toEqual({
      id: 1,
      seats: new Range(1, 6), // [1,5] is [1,6) canonically
      ids: new Range(9007199254740993n, null),
      price: new Range("1.50", "99.99", { bounds: "(]" }),
      days: new Range(d("2024-01-01"), d("2024-02-01")),
      during: new Range(d("2024-01-01T09:00:00.250Z"), d("2024-01-01T17:00:00Z")),
      at: new Range(null, d("2024-06-01T12:00:00.125Z"), { bounds: "()" }), // no lower end: exclusive
    });
    expect(rows[1]).toMatchObject({ id: 2, seats: Range.empty(), ids: null, at: null });
    expect(rows[1]!.seats.empty).toBe(true);
    expect(rows[2]).toMatchObject({ seats: new Range(10, 20), ids: new Range(null, null, { bounds: "()" }) });
  });

  it("selects the rows PostgreSQL's range operators match", async () => {
    const ids = (where: Parameters<ReturnType<typeof select>["where"]>[0]) =>
      db.engine.begin(async (conn) =>
        (await conn.execute(select(c.id).where(where).orderBy(c.id))).scalars().all(),
      );
    expect(await ids(c.seats.contains(3))).toEqual([1]);
    expect(await ids(c.seats.contains(new Range(11, 15)))).toEqual([3]);
    expect(await ids(c.days.contains(d("2024-01-31")))).toEqual([1]);
    expect(await ids(c.at.contains(d("2024-06-01T12:00:00.124Z")))).toEqual([1]);
    expect(await ids(c.at.contains(d("2024-06-01T12:00:00.125Z")))).toEqual([]);
    expect(await ids(c.during.contains("2024-01-01 12:00:00"))).toEqual([1]);
    expect(await ids(c.seats.containedBy(new Range(0, 100)))).toEqual([1, 2, 3]);
    expect(await ids(c.seats.overlaps(new Range(5, 11)))).toEqual([1, 3]);
    expect(await ids(c.seats.strictlyLeftOf(new Range(6, 10)))).toEqual([1]);
    expect(await ids(c.seats.strictlyRightOf(new Range(1, 10)))).toEqual([3]);
    expect(await ids(c.seats.notExtendRightOf(new Range(0, 6)))).toEqual([1]);
    expect(await ids(c.seats.notExtendLeftOf(new Range(10, 11)))).toEqual([3]);
    expect(await ids(c.seats.adjacentTo(new Range(6, 10)))).toEqual([1, 3]);
    expect(await ids(c.seats.adjacentTo(new Range(6, 10, { bounds: "()" })))).toEqual([3]); // [7,10)
    expect(await ids(c.seats.adjacentTo(new Range(7, 9)))).toEqual([]);
    expect(await ids(c.price.overlaps(new Range(99, null)))).toEqual([1]);
    expect(await ids(c.ids.contains(2n ** 62n))).toEqual([1, 3]);
  });

  it("reflects every range column as the type declared; autogenerate sees no change", async () => {
    const reflected = await db.engine.begin(async (conn) => (await inspect(conn)).getColumns("hr_bookings"));
    expect(reflected.map((r) => r.type.typeName)).toEqual([
      "integer",
      "int4range",
      "int8range",
      "numrange",
      "daterange",
      "tsrange",
      "tstzrange",
    ]);
    for (const r of reflected) {
      const declared = t.c[r.name as keyof typeof t.c] as unknown as { type: never };
      expect(typesMatch(db.engine.dialect, declared.type, r.type), `${r.name}: ${r.typeText}`).toBe(true);
    }
    const project = makeProject("athanor-ranges-");
    try {
      const r = await revision(
        { engine: db.engine, migrations: join(project.dir, "migrations"), metadata: md },
        { message: "check", autogenerate: true },
      );
      expect(r.operations).toEqual([]);
      expect(r.warnings.filter((w) => /range|hr_bookings/.test(w))).toEqual([]);
    } finally {
      project.remove();
    }
  });
});
