import { expect, it } from "vitest";
import {
  ArgumentError,
  column,
  DateTime,
  Double,
  declarativeBase,
  Integer,
  insert,
  select,
  sessionmaker,
} from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/**
 * Issue 14, item 2 on real databases: an impossible date was stored shifted (SQLite, MariaDB) and
 * NaN stored as NULL (SQLite) or failed with "Unknown column 'NaN'" (MariaDB). Now each is refused
 * before sending, nothing is written, and what a database can store round-trips.
 */
forEachDatabase("values a database would shift or lose", (db) => {
  const Base = declarativeBase();
  class Reading extends Base.table("hv_readings", {
    id: column(Integer).primaryKey(),
    value: column(Double()).nullable(),
    takenAt: column(DateTime()).nullable(),
  }) {}
  const t = Reading.__table__;
  const postgres = db.name === "postgresql" || db.name === "pglite";

  it("Core: impossible dates are refused, nothing is stored", async () => {
    await Base.metadata.createAll(db.engine);
    for (const takenAt of ["2024-02-30 10:00:00", "2024-13-45 99:99", new Date(Number.NaN)]) {
      await expect(
        db.engine.begin((c) => c.execute(insert(t).values({ id: 1, takenAt }))),
        String(takenAt),
      ).rejects.toThrow(ArgumentError);
    }
    await db.engine.begin((c) => c.execute(insert(t).values({ id: 2, takenAt: "2024-02-29 23:59:59" })));
    const rows = await db.engine.begin(async (c) => (await c.execute(select(t.c.id, t.c.takenAt))).all());
    expect(rows.map((r) => [r.id, (r.takenAt as Date).toISOString()])).toEqual([
      [2, "2024-02-29T23:59:59.000Z"],
    ]);
  });

  it("ORM: the flush names the attribute holding the impossible date", async () => {
    await using s = sessionmaker({ bind: db.engine })();
    s.add(new Reading({ id: 3, takenAt: "2023-02-29 08:00:00" as unknown as Date }));
    await expect(s.flush()).rejects.toThrow(/Reading\.takenAt .* holds "2023-02-29 08:00:00"/);
  });

  it("NaN and Infinity: stored where the database has them, refused where it has not", async () => {
    const put = (id: number, value: number) =>
      db.engine.begin((c) => c.execute(insert(t).values({ id, value })));
    const read = async (id: number) =>
      db.engine.begin(async (c) => (await c.execute(select(t.c.value).where(t.c.id.eq(id)))).scalarOne());
    if (postgres) {
      await put(10, Number.NaN);
      await put(11, Number.POSITIVE_INFINITY);
      expect([await read(10), await read(11)]).toEqual([Number.NaN, Number.POSITIVE_INFINITY]);
      return;
    }
    await expect(put(10, Number.NaN)).rejects.toThrow(/Cannot store NaN in a DOUBLE column/);
    if (db.name === "sqlite") {
      await put(11, Number.NEGATIVE_INFINITY);
      expect(await read(11)).toBe(Number.NEGATIVE_INFINITY);
    } else {
      await expect(put(11, Number.POSITIVE_INFINITY)).rejects.toThrow(/Cannot store Infinity/);
    }
    const count = await db.engine.begin(
      async (c) => (await c.execute(select(t.c.id).where(t.c.id.eq(10)))).all().length,
    );
    expect(count).toBe(0);
  });
});
