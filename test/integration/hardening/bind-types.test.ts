import { expect, it } from "vitest";
import { func, literal, Numeric, select } from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/**
 * Issue 14, item 1 on real servers: statements made only of binds, which PostgreSQL could not
 * type before (`operator is not unique: unknown + unknown`, `operator does not exist: text +
 * unknown` in a recursive CTE), run and read back as numbers and dates everywhere.
 */
forEachDatabase("typed binds", (db) => {
  it("literal(1).add(1) is 2", async () => {
    await using conn = await db.engine.connect();
    expect((await conn.execute(select(literal(1).add(1).label("two")))).scalarOne()).toBe(2);
    const product = (
      await conn.execute(select(literal("2.5", Numeric(10, 2)).mul("2").label("p")))
    ).scalarOne();
    expect(Number(product)).toBe(5);
  });

  it("a recursive CTE seeded by literal(1) counts to 5", async () => {
    const seed = select(literal(1).label("n")).cte("t", { recursive: true });
    const t = seed.unionAll(select(seed.c.n.add(1)).where(seed.c.n.lt(5)));
    await using conn = await db.engine.connect();
    expect((await conn.execute(select(t.c.n).orderBy(t.c.n))).scalars().all()).toEqual([1, 2, 3, 4, 5]);
  });

  it("functions of binds only, and binds alone, come back typed", async () => {
    await using conn = await db.engine.connect();
    const row = (
      await conn.execute(
        select(
          func.coalesce(literal(null as number | null, literal(0).type), literal(7)).label("c"),
          func.abs(literal(-3)).label("a"),
          literal(1).label("one"),
        ),
      )
    ).one();
    expect([row.c, row.a, row.one]).toEqual([7, 3, 1]);
    const at = new Date(Date.UTC(2024, 1, 29, 10, 0, 0));
    const back = (await conn.execute(select(literal(at).label("at")))).scalarOne();
    expect(back).toBeInstanceOf(Date);
    expect((back as Date).getTime()).toBe(at.getTime());
  });
});
