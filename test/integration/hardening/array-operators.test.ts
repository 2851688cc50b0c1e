import { expect, it } from "vitest";
import { ARRAY, column, Integer, insert, MetaData, select, Table, VARCHAR } from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/** Issue 14, item 6: ARRAY comparators against PostgreSQL and PGlite (the databases with arrays). */
forEachDatabase("ARRAY comparators", (db) => {
  const postgres = db.name === "postgresql" || db.name === "pglite";
  const md = new MetaData();
  const posts = new Table("ha_posts", md, {
    id: column(Integer).primaryKey(),
    tags: column(ARRAY(VARCHAR(40))),
    scores: column(ARRAY(Integer())),
  });
  const p = posts.c;

  if (postgres)
    it("contains, containedBy, overlap, any and all select the rows PostgreSQL's operators match", async () => {
      await md.createAll(db.engine);
      await db.engine.begin((c) =>
        c.execute(
          insert(posts).values([
            { id: 1, tags: ["sql", "orm"], scores: [1, 2] },
            { id: 2, tags: ["sql"], scores: [2, 2] },
            { id: 3, tags: ["web", 'with "quotes", {braces}'], scores: [3] },
          ]),
        ),
      );
      const ids = (where: Parameters<ReturnType<typeof select>["where"]>[0]) =>
        db.engine.begin(async (c) =>
          (await c.execute(select(p.id).where(where).orderBy(p.id))).scalars().all(),
        );
      expect(await ids(p.tags.contains(["sql"]))).toEqual([1, 2]);
      expect(await ids(p.tags.contains(["sql", "orm"]))).toEqual([1]);
      expect(await ids(p.tags.containedBy(["sql", "orm", "x"]))).toEqual([1, 2]);
      expect(await ids(p.tags.overlap(["orm", 'with "quotes", {braces}']))).toEqual([1, 3]);
      expect(await ids(p.scores.any(2))).toEqual([1, 2]);
      expect(await ids(p.scores.all(2))).toEqual([2]);
    });
  else
    it("is refused before sending where the database has no arrays", async () => {
      await expect(md.createAll(db.engine)).rejects.toThrow(/ARRAY|array/);
    });
});
