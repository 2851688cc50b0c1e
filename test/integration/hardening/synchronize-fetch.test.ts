import { expect, it } from "vitest";
import {
  column,
  declarativeBase,
  delete_,
  Integer,
  select,
  sessionmaker,
  update,
  VARCHAR,
} from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";
import { recordStatements } from "../../support/orm-helpers.js";

/**
 * Issue 14, item 5: synchronizeSession "fetch" sent a SELECT of the matched keys and then the
 * UPDATE / DELETE: two round trips, and a row that started matching in between was missed in the
 * session. Where the dialect has RETURNING for the statement, it is now one statement returning
 * the keys it changed. MariaDB has DELETE ... RETURNING but no UPDATE ... RETURNING: its UPDATE
 * keeps the SELECT first.
 */
forEachDatabase("synchronizeSession fetch", (db) => {
  const Base = declarativeBase();
  class Item extends Base.table("hs_items", {
    id: column(Integer).primaryKey(),
    name: column(VARCHAR(20)),
    price: column(Integer),
  }) {}
  const SessionLocal = () => sessionmaker({ bind: db.engine })();

  async function seed(): Promise<void> {
    await Base.metadata.createAll(db.engine);
    await db.engine.begin(async (c) => {
      await c.execute(delete_(Item.__table__));
      await c.execute(
        Item.__table__.insert().values([
          { id: 1, name: "a", price: 5 },
          { id: 2, name: "b", price: 20 },
          { id: 3, name: "c", price: 30 },
        ]),
      );
    });
  }

  it("UPDATE: one statement with RETURNING where the dialect has it; the session's objects follow", async () => {
    await seed();
    await using s = SessionLocal();
    const [a, b] = [(await s.get(Item, 1))!, (await s.get(Item, 2))!];
    const log = recordStatements(db.engine);
    const res = await s.execute(
      update(Item)
        .where(Item.price.gt(10))
        .values({ name: "dear" })
        .executionOptions({ synchronizeSession: "fetch" }),
    );
    log.stop();
    expect(res.rowCount).toBe(2);
    const sql = log.sql.filter((q) => /hs_items/.test(q));
    if (db.engine.dialect.supportsUpdateReturning) {
      expect(sql).toHaveLength(1);
      expect(sql[0]).toMatch(/^UPDATE .* RETURNING .*id/);
    } else {
      expect(sql.map((q) => q.split(" ")[0])).toEqual(["SELECT", "UPDATE"]);
    }
    expect([a.name, b.name]).toEqual(["a", "dear"]);
    await s.commit();
  });

  it("DELETE: one statement with RETURNING (MariaDB too); deleted objects leave the session", async () => {
    await seed();
    await using s = SessionLocal();
    const [a, c] = [(await s.get(Item, 1))!, (await s.get(Item, 3))!];
    const log = recordStatements(db.engine);
    const res = await s.execute(
      delete_(Item).where(Item.price.gt(25)).executionOptions({ synchronizeSession: "fetch" }),
    );
    log.stop();
    expect(res.rowCount).toBe(1);
    const sql = log.sql.filter((q) => /hs_items/.test(q));
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/^DELETE .* RETURNING/);
    expect([s.contains(a), s.contains(c)]).toEqual([true, false]);
    await s.commit();
    const left = await db.engine.begin(async (conn) =>
      (await conn.execute(select(Item.__table__.c.id).orderBy(Item.__table__.c.id))).scalars().all(),
    );
    expect(left).toEqual([1, 2]);
  });

  // MySQL and MariaDB have no UPDATE ... RETURNING at all.
  if (db.name !== "mysql")
    it("a statement with RETURNING of its own keeps the SELECT first and returns its rows", async () => {
      await seed();
      await using s = SessionLocal();
      const b = (await s.get(Item, 2))!;
      const res = await s.execute(
        update(Item)
          .where(Item.price.eq(20))
          .values({ price: 21 })
          .returning(Item.name)
          .executionOptions({ synchronizeSession: "fetch" }),
      );
      expect(res.scalars().all()).toEqual(["b"]);
      expect(b.price).toBe(21);
    });
});
