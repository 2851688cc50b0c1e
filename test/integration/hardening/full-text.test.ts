import { expect, it } from "vitest";
import { column, Integer, MetaData, select, Table, Text, text } from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/**
 * Issue 14, item 6: `match()` for full-text search on every database: a TSVECTOR-able text
 * column on PostgreSQL and PGlite, a FULLTEXT index on MariaDB, an FTS5 table on SQLite.
 */
forEachDatabase("full-text match()", (db) => {
  const docs = new Table("hf_docs", new MetaData(), {
    id: column(Integer).primaryKey(),
    body: column(Text()),
  });
  const bodies = ["typed sql for typescript", "an orm with a unit of work", "migrations like alembic"];

  it("finds the documents containing the words", async () => {
    await db.engine.begin(async (c) => {
      if (db.name === "sqlite")
        await c.executeDriverSql("CREATE VIRTUAL TABLE hf_docs USING fts5(id UNINDEXED, body)");
      else if (db.name === "mysql")
        await c.executeDriverSql(
          "CREATE TABLE hf_docs (id INTEGER PRIMARY KEY, body TEXT, FULLTEXT (body)) ENGINE=InnoDB",
        );
      else await c.executeDriverSql("CREATE TABLE hf_docs (id INTEGER PRIMARY KEY, body TEXT)");
      for (const [i, body] of bodies.entries())
        await c.execute(text("INSERT INTO hf_docs (id, body) VALUES (:id, :body)"), { id: i + 1, body });
    });
    // PostgreSQL has text @@ tsquery (the text goes through to_tsvector with the default configuration).
    const found = await db.engine.begin(async (c) =>
      (await c.execute(select(docs.c.id).where(docs.c.body.match("unit work")))).scalars().all().map(Number),
    );
    expect(found).toEqual([2]);
  });
});
