import { expect, it } from "vitest";
import { column, DateTime, Index, Integer, inspect, MetaData, Table } from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/** Issue 14, item 9: an index with a DESC column is created on every database and reflects its columns. */
forEachDatabase("Index with a DESC column", (db) => {
  const md = new MetaData({ columnNaming: "snake_case" });
  const events = new Table("hi_events", md, {
    id: column(Integer).primaryKey(),
    kitId: column(Integer),
    createdAt: column(DateTime()),
  });
  events.appendConstraint(Index("ix_hi_kit_recent", events.c.kitId, events.c.createdAt.desc()));

  it("createAll makes it; reflection lists its two columns", async () => {
    await md.createAll(db.engine);
    const indexes = await db.engine.begin(async (c) => (await inspect(c)).getIndexes("hi_events"));
    const ix = indexes.find((i) => i.name === "ix_hi_kit_recent");
    expect(ix?.columns).toEqual(["kit_id", "created_at"]);
  });
});
