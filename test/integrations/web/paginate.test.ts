import { beforeAll, describe, expect, it } from "vitest";
import {
  httpErrorOf,
  PaginationError,
  paginate,
  type Session,
  type SessionFactory,
  select,
  sessionmaker,
} from "../../../src/index.js";
import { custodyModels } from "../../support/custody-models.js";
import { forEachDatabase } from "../../support/databases.js";

const { Base, Kit } = custodyModels();
const STATUSES = ["available", "checked_out", "maintenance", "lost"] as const;
const CODES = Array.from({ length: 47 }, (_, i) => `KIT-${String(i + 1).padStart(3, "0")}`);

forEachDatabase("paginate", (tdb) => {
  let SessionLocal: SessionFactory;
  let statements = 0;

  beforeAll(async () => {
    await Base.metadata.createAll(tdb.engine);
    SessionLocal = sessionmaker({ bind: tdb.engine });
    await SessionLocal.begin(async (db) => {
      // Inserted out of order, so the ORDER BY and not the insertion order decides.
      for (const [i, code] of [...CODES].reverse().entries())
        db.add(new Kit({ code, description: `Kit ${code}`, status: STATUSES[i % 4] }));
    });
    // SELECTs only: MySQL reports its START TRANSACTION too.
    tdb.engine.on("afterExecute", ({ sql }) => {
      if (/^\s*SELECT/i.test(sql)) statements++;
    });
  });

  async function counting<T>(fn: (db: Session) => Promise<T>): Promise<{ result: T; statements: number }> {
    const db = SessionLocal();
    try {
      const before = statements;
      const result = await fn(db);
      return { result, statements: statements - before };
    } finally {
      await db.close();
    }
  }

  it("a page by number: items, total, page, perPage, pages, from one COUNT and one SELECT", async () => {
    const { result, statements: n } = await counting((db) =>
      paginate(db, select(Kit).orderBy(Kit.code), { page: 2, perPage: 10 }),
    );
    expect(n).toBe(2);
    expect(result).toMatchObject({ total: 47, page: 2, perPage: 10, pages: 5 });
    expect(result.items.map((k) => k.code)).toEqual(CODES.slice(10, 20));
    expect(result.items[0]).toBeInstanceOf(Kit);

    const last = await counting((db) =>
      paginate(db, select(Kit).orderBy(Kit.code), { page: 5, perPage: 10 }),
    );
    expect(last.result.items.map((k) => k.code)).toEqual(CODES.slice(40));
    // Past the end: the count says so, no second query.
    const past = await counting((db) =>
      paginate(db, select(Kit).orderBy(Kit.code), { page: 6, perPage: 10 }),
    );
    expect(past.result).toMatchObject({ items: [], total: 47, pages: 5, page: 6 });
    expect(past.statements).toBe(1);
  });

  it("counts the filtered statement, and pages rows of several columns", async () => {
    const stmt = select(Kit.id, Kit.code).where(Kit.status.eq("lost")).orderBy(Kit.code.desc());
    const { result } = await counting((db) => paginate(db, stmt, { perPage: 5 }));
    const lost = CODES.filter((_, i) => STATUSES[(46 - i) % 4] === "lost").reverse();
    expect(result.total).toBe(lost.length);
    expect(result.pages).toBe(Math.ceil(lost.length / 5));
    expect(result.items.map((r) => r.code)).toEqual(lost.slice(0, 5));
    const empty = await counting((db) => paginate(db, select(Kit).where(Kit.code.eq("none")), {}));
    expect(empty.result).toMatchObject({ items: [], total: 0, page: 1, perPage: 20, pages: 0 });
  });

  it("refuses page numbers and sizes a client should not send, as a 400", async () => {
    await counting(async (db) => {
      await expect(paginate(db, select(Kit), { page: 0 })).rejects.toThrow(PaginationError);
      await expect(paginate(db, select(Kit), { page: 1.5 })).rejects.toThrow(/page must be a whole number/);
      await expect(paginate(db, select(Kit), { perPage: 101 })).rejects.toThrow(
        /perPage must be a whole number from 1 to 100/,
      );
      await expect(paginate(db, select(Kit), { perPage: 500, maxPerPage: 1000 })).resolves.toMatchObject({
        total: 47,
      });
      const err = await paginate(db, select(Kit), { page: -1 }).catch((e: unknown) => e);
      expect(httpErrorOf(err)?.status).toBe(400);
    });
  });

  it("keyset pages walk the whole list in order, one query each, and end with next: null", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pageNo = 0; pageNo < 20; pageNo++) {
      const { result, statements: n } = await counting((db) =>
        paginate(db, select(Kit).orderBy(Kit.code.desc()), { after, perPage: 10 }),
      );
      expect(n).toBe(1);
      expect(result.perPage).toBe(10);
      seen.push(...result.items.map((k) => k.code));
      after = result.next;
      if (after === null) break;
      expect(after).toMatch(/^[\w-]+$/);
    }
    expect(after).toBeNull();
    expect(seen).toEqual([...CODES].reverse());
  });

  it("orders by a column with repeated values: the primary key is appended, nothing is skipped or repeated", async () => {
    if (tdb.name === "mysql") {
      const db = SessionLocal();
      await expect(paginate(db, select(Kit).orderBy(Kit.status), { after: null })).rejects.toThrow(
        /ENUM kits.status on MySQL/,
      );
      await db.close();
      return;
    }
    const seen: number[] = [];
    let after: string | null = null;
    for (let pageNo = 0; pageNo < 20; pageNo++) {
      const { result } = await counting((db) =>
        paginate(db, select(Kit).orderBy(Kit.status.desc()), { after, perPage: 7 }),
      );
      seen.push(...result.items.map((k) => k.id));
      after = result.next;
      if (after === null) break;
    }
    expect(seen).toHaveLength(47);
    expect(new Set(seen).size).toBe(47);
  });

  it("keyset pages by a timestamp: walked on SQLite, refused where timestamps keep microseconds", async () => {
    const stmt = select(Kit).orderBy(Kit.createdAt.desc());
    if (tdb.name !== "sqlite") {
      const db = SessionLocal();
      await expect(paginate(db, stmt, { after: null })).rejects.toThrow(/keeps microseconds.*precision: 3/);
      await db.close();
      return;
    }
    const seen = new Set<number>();
    let after: string | null = null;
    for (let pageNo = 0; pageNo < 20; pageNo++) {
      const { result } = await counting((db) => paginate(db, stmt, { after, perPage: 10 }));
      for (const k of result.items) seen.add(k.id);
      after = result.next;
      if (after === null) break;
    }
    // One transaction wrote them all: equal timestamps, told apart by the appended key.
    expect(seen.size).toBe(47);
  });

  it("keyset pages of selected columns read the cursor from the rows", async () => {
    const first = await counting((db) =>
      paginate(db, select(Kit.code, Kit.description).orderBy(Kit.code), { after: undefined, perPage: 3 }),
    );
    expect(first.result.items.map((r) => r.code)).toEqual(CODES.slice(0, 3));
    const second = await counting((db) =>
      paginate(db, select(Kit.code, Kit.description).orderBy(Kit.code), {
        after: first.result.next,
        perPage: 3,
      }),
    );
    expect(second.result.items.map((r) => r.code)).toEqual(CODES.slice(3, 6));
    const scalars = await counting((db) =>
      paginate(db, select(Kit.code).orderBy(Kit.code), { after: first.result.next, perPage: 2 }),
    );
    expect(scalars.result.items).toEqual(CODES.slice(3, 5));
  });

  it("refuses a tampered cursor or one from another ordering, and statements it cannot page", async () => {
    await counting(async (db) => {
      const page = await paginate(db, select(Kit).orderBy(Kit.code), { after: null, perPage: 5 });
      await expect(
        paginate(db, select(Kit).orderBy(Kit.code), { after: "not-a-cursor", perPage: 5 }),
      ).rejects.toThrow(PaginationError);
      await expect(
        paginate(db, select(Kit).orderBy(Kit.description), { after: page.next, perPage: 5 }),
      ).rejects.toThrow(/not valid for this list/);
      await expect(paginate(db, select(Kit), { after: null })).rejects.toThrow(/needs an ORDER BY/);
      await expect(paginate(db, select(Kit).orderBy(Kit.serialNumber), { after: null })).rejects.toThrow(
        /nullable/,
      );
      await expect(paginate(db, select(Kit.code).orderBy(Kit.description), { after: null })).rejects.toThrow(
        /select kits.description too/,
      );
    });
  });
});

describe("paginate types", () => {
  it("items are entities for select(Model), rows otherwise", () => {
    const check = async (db: Session) => {
      const kits = await paginate(db, select(Kit), { page: 1 });
      const code: string = kits.items[0]!.code;
      const rows = await paginate(db, select(Kit.id, Kit.code), { after: null });
      const id: number = rows.items[0]!.id;
      const next: string | null = rows.next;
      return [code, id, next];
    };
    expect(typeof check).toBe("function");
  });
});
