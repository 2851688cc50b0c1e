import { describe, expect, it } from "vitest";
import { parseArrayText } from "../../../src/dialects/postgresql/array-text.js";
import { ARRAY, column, Enum, Integer, insert, MetaData, select, Table } from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/**
 * Arrays of an enum on PostgreSQL: the drivers do not know the enum's array type and hand over
 * its text form (`{calm,busy}`), which came back as a string; it is parsed into the array.
 */
describe("PostgreSQL array text", () => {
  it("parses quoting, escapes, NULL, nesting and empty arrays", () => {
    expect(parseArrayText("{}")).toEqual([]);
    expect(parseArrayText("{calm,busy}")).toEqual(["calm", "busy"]);
    expect(parseArrayText('{"a b","c,d","e\\"f","g\\\\h",NULL,"NULL"}')).toEqual([
      "a b",
      "c,d",
      'e"f',
      "g\\h",
      null,
      "NULL",
    ]);
    expect(parseArrayText("{{1,2},{3,NULL}}")).toEqual([
      ["1", "2"],
      ["3", null],
    ]);
    expect(() => parseArrayText("{a,b")).toThrow(/Malformed PostgreSQL array text/);
    expect(() => parseArrayText('{"a}')).toThrow(/Malformed/);
  });
});

forEachDatabase("arrays of an enum", (db) => {
  const postgres = db.name === "postgresql" || db.name === "pglite";
  const md = new MetaData();
  const kits = new Table("ea_kits", md, {
    id: column(Integer).primaryKey(),
    moods: column(ARRAY(Enum(["calm", "busy", 'odd, "quoted"'], { name: "ea_mood" }))).nullable(),
  });

  it("round-trips arrays of an enum as arrays on PostgreSQL; elsewhere refuses the column before sending", async () => {
    if (!postgres) {
      await expect(md.createAll(db.engine)).rejects.toThrow(/type for 'array'/);
      return;
    }
    await md.createAll(db.engine);
    await using conn = await db.engine.connect();
    const rows: { id: number; moods: ("calm" | "busy" | 'odd, "quoted"')[] | null }[] = [
      { id: 1, moods: ["calm", "busy"] },
      { id: 2, moods: [] },
      { id: 3, moods: ['odd, "quoted"', "calm"] },
      { id: 4, moods: null },
    ];
    await conn.execute(insert(kits).values(rows));
    const back = (await conn.execute(select(kits.c.id, kits.c.moods).orderBy(kits.c.id))).mappings().all();
    expect(back.map((r) => ({ ...r }))).toEqual(rows);
    await conn.commit();
  });
});
