import { expect, it } from "vitest";
import { column, Integer, insert, MetaData, select, Table, tuple_, VARCHAR } from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/** Issue 14, item 9: Core `tuple_(...).in([...])` on every database, PGlite included; an empty list matches nothing. */
forEachDatabase("tuple_().in()", (db) => {
  const md = new MetaData();
  const t = new Table("htp_pairs", md, {
    a: column(Integer).primaryKey(),
    b: column(VARCHAR(10)).primaryKey(),
  });

  it("matches rows by pairs of values, typed per element", async () => {
    await md.createAll(db.engine);
    await db.engine.begin((c) =>
      c.execute(
        insert(t).values([
          { a: 1, b: "x" },
          { a: 2, b: "y" },
          { a: 3, b: "x" },
        ]),
      ),
    );
    const run = (pairs: [number, string][]) =>
      db.engine.begin(async (c) =>
        (await c.execute(select(t.c.a).where(tuple_(t.c.a, t.c.b).in(pairs)).orderBy(t.c.a))).scalars().all(),
      );
    expect(
      await run([
        [1, "x"],
        [2, "z"],
        [3, "x"],
      ]),
    ).toEqual([1, 3]);
    expect(await run([])).toEqual([]);
    const notIn = await db.engine.begin(async (c) =>
      (
        await c.execute(
          select(t.c.a)
            .where(tuple_(t.c.a, t.c.b).notIn([[1, "x"]]))
            .orderBy(t.c.a),
        )
      )
        .scalars()
        .all(),
    );
    expect(notIn).toEqual([2, 3]);
  });
});
