import { expect, it } from "vitest";
import {
  Boolean,
  column,
  DateTime,
  Enum,
  ForeignKey,
  func,
  Integer,
  insert,
  MetaData,
  Numeric,
  String,
  select,
  Table,
  Text,
} from "../../src/index.js";
import { forEachDatabase } from "../support/databases.js";

forEachDatabase("smoke", (db) => {
  it("creates tables, inserts and selects", async () => {
    const md = new MetaData();
    const kits = new Table("kits", md, {
      id: column(Integer).primaryKey(),
      code: column(String(50)).unique().index(),
      active: column(Boolean).default(true),
      price: column(Numeric(10, 2)).nullable(),
      status: column(Enum({ a: "available", l: "lost" })).default("available"),
      createdAt: column(DateTime({ timezone: true })).serverDefault(func.now()),
    });
    const events = new Table("events", md, {
      id: column(Integer).primaryKey(),
      kitId: column(Integer, ForeignKey("kits.id")),
      notes: column(Text).nullable(),
    });
    await md.createAll(db.engine);
    await db.engine.begin(async (conn) => {
      await conn.execute(
        insert(kits).values([
          { code: "K1", price: "12.50", active: true, status: "available" },
          { code: "K2", price: null, active: false, status: "lost" },
        ]),
      );
      const rows = (
        await conn.execute(
          select(kits.c.code, kits.c.active, kits.c.price, kits.c.status, kits.c.createdAt).orderBy(
            kits.c.code,
          ),
        )
      ).all();
      expect(rows.map((r) => [r.code, r.active, r.price, r.status])).toEqual([
        ["K1", true, "12.50", "available"],
        ["K2", false, null, "lost"],
      ]);
      expect(rows[0]!.createdAt).toBeInstanceOf(Date);
      const n = await conn.scalar(
        select(func.count())
          .selectFrom(kits)
          .where(kits.c.code.in(["K1", "K2", "K3"])),
      );
      expect(n).toBe(2);
      await conn.execute(insert(events), [
        { kitId: 1, notes: "x" },
        { kitId: 1, notes: null },
      ]);
      const counts = (
        await conn.execute(
          select(kits.c.code, func.count(events.c.id).label("n")).join(events).groupBy(kits.c.code),
        )
      ).all();
      expect(counts.map((r) => [r.code, r.n])).toEqual([["K1", 2]]);
    });
    await md.dropAll(db.engine);
  });
});
