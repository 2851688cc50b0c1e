import { expect, it } from "vitest";
import { CIDR, INET, MACADDR, TSVECTOR } from "../../../src/dialects/postgresql/named-types.js";
import { typesMatch } from "../../../src/dialects/type-compare.js";
import { CHAR, column, Integer, insert, inspect, MetaData, select, Table } from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/**
 * Issue 14, item 6: CHAR(n) was reflected as VARCHAR (so autogenerate saw a difference that was
 * not there, or none that was), and INET / CIDR / MACADDR / TSVECTOR were unknown types. Each
 * now round-trips and reflects as the type declared.
 */
forEachDatabase("CHAR(n) and PostgreSQL's named types", (db) => {
  const postgres = db.name === "postgresql" || db.name === "pglite";
  const md = new MetaData();
  const cols = {
    id: column(Integer).primaryKey(),
    country: column(CHAR(2)),
    ...(postgres
      ? {
          host: column(INET()),
          net: column(CIDR()),
          mac: column(MACADDR()),
          doc: column(TSVECTOR()),
        }
      : {}),
  };
  const t = new Table("hp_sites", md, cols);

  it("round-trips values and reflects every column as the declared type", async () => {
    await md.createAll(db.engine);
    const row: Record<string, unknown> = { id: 1, country: "NZ" };
    if (postgres)
      Object.assign(row, {
        host: "192.168.0.1/24",
        net: "10.0.0.0/8",
        mac: "08:00:2b:01:02:03",
        doc: "'orm':2 'sql':1",
      });
    await db.engine.begin((c) => c.execute(insert(t).values(row as never)));
    const back = await db.engine.begin(async (c) => (await c.execute(select(t))).one());
    expect({ ...(back as unknown as Record<string, unknown>) }).toMatchObject(row);
    const reflected = await db.engine.begin(async (c) => (await inspect(c)).getColumns("hp_sites"));
    for (const r of reflected) {
      const declared = t.c[r.name as keyof typeof t.c] as unknown as { type: never };
      expect(typesMatch(db.engine.dialect, declared.type, r.type), `${r.name}: ${r.typeText}`).toBe(true);
      expect(r.type.typeName, r.name).not.toBe("null");
    }
    expect(reflected.find((r) => r.name === "country")!.type.typeName).toBe("char");
  });
});
