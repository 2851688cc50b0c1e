import { expect, it } from "vitest";
import {
  column,
  declarativeBase,
  Integer,
  Numeric,
  String,
  select,
  sessionmaker,
} from "../../../src/index.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";

/**
 * Regression: the flush's batched UPDATE on PostgreSQL unnests one array per column, and cast
 * them to VARCHAR(3)[]: an over-long string was cut to the column's length ('abcdef' stored as
 * 'abc') where the UPDATE of one row is refused. The batch now does what one row does.
 */
forEachDatabaseAndPgBouncer("batched UPDATE keeps the column's length check", (db) => {
  const Base = declarativeBase();
  class Code extends Base.table("bul_codes", {
    id: column(Integer).primaryKey(),
    code: column(String(3)),
    amount: column(Numeric(6, 2)),
  }) {}
  const Session = sessionmaker({ bind: undefined as never });

  /** Sets `code` on the rows with these ids in one flush: the error message, or what was stored. */
  const setCodes = async (ids: number[], code: string): Promise<string> => {
    try {
      await Session.begin(async (s) => {
        for (const c of (await s.scalars(select(Code).where(Code.id.in(ids)))).all()) c.code = code;
      });
    } catch (e) {
      return `refused: ${(e as Error).constructor.name}`;
    }
    return (
      await Session.begin(async (s) => (await s.scalars(select(Code.code).where(Code.id.in(ids)))).all())
    ).join(",");
  };

  it("two rows fail (or store) exactly as one row does", async () => {
    Session.configure({ bind: db.engine });
    await Base.metadata.createAll(db.engine);
    await Session.begin(async (s) => {
      s.addAll([1, 2, 3].map((id) => new Code({ id, code: "a", amount: "1.00" })));
    });
    const one = await setCodes([1], "abcdef");
    const two = await setCodes([2, 3], "abcdef");
    expect(two.split(",")[0]).toBe(one);
    if (db.name === "pglite" || db.name === "postgresql") expect(one).toBe("refused: DataError");
    if (db.name === "sqlite") expect(two).toBe("abcdef,abcdef");
    // Values in range still go through the batch, rounded by the column as one row is.
    await Session.begin(async (s) => {
      for (const c of (await s.scalars(select(Code).orderBy(Code.id))).all()) c.amount = "2.345";
    });
    const amounts = await Session.begin(async (s) => (await s.scalars(select(Code.amount))).all());
    expect(new Set(amounts.map(Number)).size).toBe(1);
  });
});
