import { expect, it } from "vitest";
import { column, Integer, insert, inspect, MetaData, select, Table, Text } from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/**
 * Issue 14, item 7 on real databases: a 1 MB string could not be stored in a Text column on
 * MySQL/MariaDB (TEXT holds 65,535 bytes). Text({ length }) makes it MEDIUMTEXT there; the value
 * round-trips everywhere, and reflection reads the column back as a type that matches.
 */
forEachDatabase("Text({ length })", (db) => {
  const md = new MetaData();
  const docs = new Table("hl_docs", md, {
    id: column(Integer).primaryKey(),
    body: column(Text({ length: 1_000_000 })),
  });

  it("stores and reads back a 1 MB string (multi-byte characters included)", async () => {
    await md.createAll(db.engine);
    const body = "é€𝄞x".repeat(100_000).slice(0, 1_000_000);
    await db.engine.begin((c) => c.execute(insert(docs).values({ id: 1, body })));
    const back = await db.engine.begin(async (c) => (await c.execute(select(docs.c.body))).scalarOne());
    expect(back.length).toBe(body.length);
    expect(back === body).toBe(true);
  });

  it("reflection reads the column as MEDIUMTEXT on MySQL, TEXT elsewhere", async () => {
    const cols = await db.engine.begin(async (c) => (await inspect(c)).getColumns("hl_docs"));
    const body = cols.find((c) => c.name === "body")!;
    expect(db.engine.dialect.typeToSql(body.type)).toBe(db.name === "mysql" ? "MEDIUMTEXT" : "TEXT");
  });
});
