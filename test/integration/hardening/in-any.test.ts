import { expect, it } from "vitest";
import {
  BigInteger,
  Boolean,
  type ColumnElement,
  column,
  Date,
  DateTime,
  Double,
  Enum,
  Integer,
  insert,
  MetaData,
  Numeric,
  String,
  select,
  Table,
  Text,
  Time,
  text,
  Uuid,
} from "../../../src/index.js";
import { driverFlags, forEachDatabase } from "../../support/databases.js";

/**
 * Issue 17 item 2: IN lists bind as one typed array on PostgreSQL (`x = ANY($1::T[])`, NOT IN
 * `x <> ALL(...)`), with the results of `IN (...)` on every database: per column type, with NULLs
 * in the list and in the column, and for empty lists.
 */
forEachDatabase("IN lists (= ANY on PostgreSQL)", (db) => {
  const md = new MetaData();
  const t = new Table("any_items", md, {
    id: column(Integer).primaryKey(),
    big: column(BigInteger()).nullable(),
    amount: column(Numeric(10, 2)).nullable(),
    ratio: column(Double()).nullable(),
    flag: column(Boolean).nullable(),
    code: column(String(3)).nullable(),
    body: column(Text).nullable(),
    uid: column(Uuid()).nullable(),
    day: column(Date()).nullable(),
    at: column(DateTime({ timezone: true })).nullable(),
    naive: column(DateTime()).nullable(),
    clock: column(Time()).nullable(),
    status: column(Enum(["new", "done", "lost"], { name: "any_status" })).nullable(),
  });
  const U = ["0b5e2f4c-1d2a-4c7e-9a55-3f1e2d3c4b5a", "7f3c9a10-52d4-4b8e-8c1f-6a7b8c9d0e1f"];
  const a: Record<string, unknown> = {
    id: 1,
    big: 2n ** 53n + 1n,
    amount: "1.50",
    ratio: 0.5,
    flag: true,
    code: "abc",
    body: 'a "quoted", {braced} \\ value',
    uid: U[0],
    day: "2024-01-02",
    at: new globalThis.Date("2024-01-02T10:00:00.123Z"),
    naive: new globalThis.Date("2024-01-02T10:00:00Z"),
    clock: "10:00:00",
    status: "new",
  };
  const b: Record<string, unknown> = {
    id: 2,
    big: 7n,
    amount: "2.25",
    ratio: 2.25,
    flag: false,
    code: "xyz",
    body: "plain",
    uid: U[1],
    day: "2024-03-04",
    at: new globalThis.Date("2025-06-07T08:09:10Z"),
    naive: new globalThis.Date("2025-06-07T08:09:10Z"),
    clock: "23:59:59.5",
    status: "done",
  };

  const ids = async (cond: ColumnElement<boolean>) =>
    db.engine.begin(async (c) =>
      (await c.execute(select(t.c.id).where(cond).orderBy(t.c.id))).scalars().all(),
    );

  it("every column type: IN, NOT IN, NULLs in the list and in the column, empty lists", async () => {
    await md.createAll(db.engine);
    await db.engine.begin(async (c) => {
      await c.execute(insert(t).values([a, b] as never));
      await c.execute(insert(t).values({ id: 3 }));
    });
    for (const key of Object.keys(a).filter((k) => k !== "id")) {
      const col = t.c[key as keyof typeof t.c] as unknown as ColumnElement<any> & {
        in(v: unknown[]): ColumnElement<boolean>;
        notIn(v: unknown[]): ColumnElement<boolean>;
      };
      const label = `${db.name} ${key}`;
      expect(await ids(col.in([a[key]])), label).toEqual([1]);
      expect(await ids(col.in([a[key], b[key]])), label).toEqual([1, 2]);
      expect(await ids(col.notIn([a[key]])), label).toEqual([2]);
      // NULL in the list: x IN (a, NULL) is NULL, not false, where x is not a; NOT IN matches nothing.
      expect(await ids(col.in([b[key], null])), label).toEqual([2]);
      expect(await ids(col.notIn([a[key], null])), label).toEqual([]);
      // An empty list: IN is false and NOT IN true, for a NULL column value too.
      expect(await ids(col.in([])), label).toEqual([]);
      expect(await ids(col.notIn([])), label).toEqual([1, 2, 3]);
    }
  });

  it("values are compared as given: no cut to the column's length, no rounding to its scale", async () => {
    expect(await ids(t.c.code.in(["abcdef", "xyz"]))).toEqual([2]);
    expect(await ids(t.c.amount.in(["1.504", "2.25"]))).toEqual([2]);
    expect(await ids(t.c.amount.in([1.5, 2.25]))).toEqual([1, 2]);
  });

  it("lists of 1, 10 and 1,000 values on PostgreSQL: one SQL text, one server-side prepared statement", async () => {
    const lists = [1, 10, 1000].map((n) => Array.from({ length: n }, (_, i) => i + 1));
    const sqls = new Set<string>();
    const listener = (e: { sql: string }) => {
      if (e.sql.includes("any_items")) sqls.add(e.sql);
    };
    db.engine.on("beforeExecute", listener);
    await using conn = await db.engine.connect();
    try {
      for (const list of lists)
        expect((await conn.execute(select(t.c.id).where(t.c.id.in(list)))).scalars().all()).toHaveLength(
          Math.min(list.length, 3),
        );
    } finally {
      db.engine.off("beforeExecute", listener);
    }
    if (db.name === "sqlite" || db.name === "mysql") {
      expect(sqls.size).toBe(3);
      return;
    }
    expect([...sqls]).toEqual(["SELECT any_items.id FROM any_items WHERE any_items.id = ANY($1::INTEGER[])"]);
    if (db.name !== "postgresql" || !(await driverFlags(db.engine)).namedStatements) return;
    const prepared = await conn.execute(
      text(
        "SELECT count(*) FROM pg_prepared_statements WHERE strpos(statement, 'any_' || 'items.id = ANY(') > 0",
      ),
    );
    expect(Number(prepared.scalar())).toBe(1);
  });
});
