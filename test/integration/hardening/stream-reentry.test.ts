import { expect, it } from "vitest";
import {
  column,
  declarativeBase,
  Integer,
  InvalidRequestError,
  insert,
  select,
  sessionmaker,
} from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/**
 * Issue 14, item 9: a query sent on the connection whose stream a `for await` loop is still
 * reading used to wait forever on PostgreSQL and MariaDB (queued behind the rest of the result,
 * which waits for the loop). It now fails at once with an error that says what to do.
 */
forEachDatabase("a query inside for await over a stream", (db) => {
  const Base = declarativeBase();
  class Num extends Base.table("hr_nums", { id: column(Integer).primaryKey() }) {}

  it("Core: raises a clear error instead of waiting; the connection works after the loop", async () => {
    await Base.metadata.createAll(db.engine);
    await db.engine.begin((c) =>
      c.execute(insert(Num.__table__).values(Array.from({ length: 30 }, (_, i) => ({ id: i + 1 })))),
    );
    await using conn = await db.engine.connect();
    let seen = 0;
    let error: unknown = null;
    for await (const row of await conn.stream(
      select(Num.__table__.c.id).orderBy(Num.__table__.c.id),
      {},
      { yieldPer: 5 },
    )) {
      seen++;
      if (seen === 3)
        error = await conn.execute(select(Num.__table__.c.id).limit(1)).catch((e: unknown) => e);
      void row;
    }
    expect(seen).toBe(30);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(
      /streaming a result .* run the query on another connection or session/,
    );
    expect((await conn.execute(select(Num.__table__.c.id).where(Num.__table__.c.id.eq(7)))).scalar()).toBe(7);
  });

  it("ORM: the same inside a session's stream", async () => {
    await using s = sessionmaker({ bind: db.engine })();
    let error: unknown = null;
    let n = 0;
    for await (const num of s.stream(select(Num), {}, { yieldPer: 10 })) {
      if (++n === 1) error = await s.get(Num, 30, { populateExisting: true }).catch((e: unknown) => e);
      void num;
    }
    expect(n).toBe(30);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(await s.scalar(select(Num.id).where(Num.id.eq(2)))).toBe(2);
  });
});
