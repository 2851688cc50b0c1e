import { beforeAll, describe, expect, it } from "vitest";
import {
  BigInteger,
  Boolean,
  CheckConstraint,
  column,
  DatabaseError,
  DataError,
  DBAPIError,
  ForeignKey,
  func,
  Index,
  Integer,
  IntegrityError,
  insert,
  MetaData,
  MultipleResultsFound,
  NoResultFound,
  ProgrammingError,
  SmallInteger,
  String,
  select,
  Table,
  Text,
  text,
  UniqueConstraint,
} from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

const md = new MetaData();
const makers = new Table(
  "makers",
  md,
  {
    id: column(Integer).primaryKey(),
    name: column(String(50)),
    active: column(Boolean),
  },
  Index("ix_makers_name", "name", { unique: true }),
);
const gadgets = new Table(
  "gadgets",
  md,
  {
    id: column(Integer).primaryKey(),
    code: column(String(5)),
    maker_id: column(Integer, ForeignKey("makers.id")).nullable(),
    qty: column(SmallInteger).nullable(),
    big: column(BigInteger()).nullable(),
    note: column(Text).nullable(),
  },
  UniqueConstraint("code", { name: "uq_gadgets_code" }),
  CheckConstraint("qty >= 0", { name: "ck_gadgets_qty" }),
);

/** The error a promise rejects with. */
async function failure(p: Promise<unknown>): Promise<DBAPIError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DBAPIError);
  return e as DBAPIError;
}

forEachDatabase("results and errors", (db) => {
  beforeAll(async () => {
    await md.createAll(db.engine);
    await db.engine.begin(async (conn) => {
      await conn.execute(insert(makers), [
        { id: 1, name: "Acme", active: true },
        { id: 2, name: "Bolt", active: false },
        { id: 3, name: "Cog", active: true },
      ]);
      await conn.execute(insert(gadgets).values({ id: 1, code: "G1", maker_id: 1, qty: 5 }));
    });
  });

  describe("Result", () => {
    const byId = select(makers.c.id, makers.c.name, makers.c.active).orderBy(makers.c.id);

    it("all, first, iteration, destructuring, positions and keys", async () => {
      await using conn = await db.engine.connect();
      const rows = (await conn.execute(byId)).all();
      expect(rows).toHaveLength(3);
      const [id, name, active] = rows[0]!;
      expect([id, name, active]).toEqual([1, "Acme", true]);
      expect(rows[1]![1]).toBe("Bolt");
      expect(rows[1]!.name).toBe("Bolt");
      expect(rows[1]!.active).toBe(false);
      expect(rows[2]!.length).toBe(3);
      expect([...rows[2]!]).toEqual([3, "Cog", true]);
      const iterated: string[] = [];
      for (const row of await conn.execute(byId)) iterated.push(row.name);
      expect(iterated).toEqual(["Acme", "Bolt", "Cog"]);
      expect((await conn.execute(byId)).first()?.name).toBe("Acme");
      expect((await conn.execute(byId.where(makers.c.id.eq(99)))).first()).toBeNull();
      expect((await conn.execute(byId)).keys()).toEqual(["id", "name", "active"]);
    });

    it("JSON.stringify writes a row as an object by key; mappings() gives plain objects", async () => {
      await using conn = await db.engine.connect();
      const row = (await conn.execute(byId)).first()!;
      expect(JSON.parse(JSON.stringify(row))).toEqual({ id: 1, name: "Acme", active: true });
      expect(JSON.stringify([row])).toBe('[{"id":1,"name":"Acme","active":true}]');
      const maps = (await conn.execute(byId)).mappings().all();
      expect(maps[1]).toEqual({ id: 2, name: "Bolt", active: false });
      expect(Object.getPrototypeOf(maps[1])).toBe(Object.prototype);
    });

    it("one and oneOrNone raise NoResultFound / MultipleResultsFound", async () => {
      await using conn = await db.engine.connect();
      expect((await conn.execute(byId.where(makers.c.id.eq(2)))).one().name).toBe("Bolt");
      await expect(conn.execute(byId.where(makers.c.id.eq(9))).then((r) => r.one())).rejects.toThrow(
        NoResultFound,
      );
      await expect(conn.execute(byId).then((r) => r.one())).rejects.toThrow(MultipleResultsFound);
      expect((await conn.execute(byId.where(makers.c.id.eq(9)))).oneOrNone()).toBeNull();
      await expect(conn.execute(byId).then((r) => r.oneOrNone())).rejects.toThrow(MultipleResultsFound);
      expect((await conn.execute(byId)).scalars().first()).toBe(1);
      await expect(conn.execute(byId).then((r) => r.scalars().one())).rejects.toThrow(MultipleResultsFound);
      await expect(
        conn.execute(byId.where(makers.c.id.eq(9))).then((r) => r.scalars().one()),
      ).rejects.toThrow(NoResultFound);
    });

    it("scalar, scalarOne, scalars (also of another column) and scalarOneOrNone", async () => {
      await using conn = await db.engine.connect();
      expect(await conn.scalar(select(func.count()).selectFrom(makers))).toBe(3);
      expect((await conn.execute(select(makers.c.name).where(makers.c.id.eq(3)))).scalarOne()).toBe("Cog");
      await expect(
        conn.execute(select(makers.c.name).where(makers.c.id.eq(7))).then((r) => r.scalarOne()),
      ).rejects.toThrow(NoResultFound);
      expect(
        (await conn.execute(select(makers.c.name).where(makers.c.id.eq(7)))).scalarOneOrNone(),
      ).toBeNull();
      expect((await conn.scalars(byId)).all()).toEqual([1, 2, 3]);
      expect((await conn.execute(byId)).scalars(2).all()).toEqual([true, false, true]);
      expect(
        (await conn.execute(select(makers.c.active).orderBy(makers.c.id))).scalars().unique().all(),
      ).toEqual([true, false]);
    });

    it("fetchone, fetchmany and fetchall consume the rows in order", async () => {
      await using conn = await db.engine.connect();
      const res = await conn.execute(byId);
      expect(res.fetchone()?.id).toBe(1);
      expect(res.fetchmany(5).map((r) => r.id)).toEqual([2, 3]);
      expect(res.fetchone()).toBeNull();
      expect(res.fetchall()).toEqual([]);
    });

    it("labels and functions name their columns; duplicate names stay readable by position", async () => {
      await using conn = await db.engine.connect();
      const row = (
        await conn.execute(
          select(makers.c.name, func.count(gadgets.c.id).label("n"), gadgets.c.id)
            .join(gadgets, gadgets.c.maker_id.eq(makers.c.id))
            .where(makers.c.id.eq(1))
            .groupBy(makers.c.name, gadgets.c.id),
        )
      ).one();
      expect(row.n).toBe(1);
      expect(row[1]).toBe(1);
      const twice = (
        await conn.execute(
          select(makers.c.id, gadgets.c.id).join(gadgets, gadgets.c.maker_id.eq(makers.c.id)),
        )
      ).one();
      expect([twice[0], twice[1]]).toEqual([1, 1]);
    });

    it("text() rows: keys from the driver, or typed and converted with .columns()", async () => {
      await using conn = await db.engine.connect();
      const raw = (
        await conn.execute(text("SELECT name, active FROM makers WHERE id = :id"), { id: 2 })
      ).one();
      expect(raw.name).toBe("Bolt");
      const typed = (
        await conn.execute(
          text("SELECT id, name, active FROM makers ORDER BY id").columns({
            id: Integer,
            name: String(),
            active: Boolean,
          }),
        )
      ).all();
      expect(typed.map((r) => [r.id, r.name, r.active])).toEqual([
        [1, "Acme", true],
        [2, "Bolt", false],
        [3, "Cog", true],
      ]);
    });

    it("DML results: rowCount, no rows, and RETURNING where supported", async () => {
      await using conn = await db.engine.connect();
      const res = await conn.execute(insert(makers).values({ id: 10, name: "Dyn", active: false }));
      expect(res.rowCount).toBe(1);
      expect(res.returnsRows).toBe(false);
      expect(res.all()).toEqual([]);
      if (db.engine.dialect.supportsReturning) {
        const back = await conn.execute(
          insert(makers)
            .values({ id: 11, name: "Ely", active: true })
            .returning(makers.c.id, makers.c.active),
        );
        expect(back.one()).toMatchObject({ id: 11, active: true });
      }
      await conn.rollback();
    });
  });

  describe("errors", () => {
    it("a unique violation is an IntegrityError naming the constraint, with sqlstate and the driver's error", async () => {
      await using conn = await db.engine.connect();
      const e = await failure(conn.execute(insert(gadgets).values({ id: 2, code: "G1" })));
      expect(e).toBeInstanceOf(IntegrityError);
      expect((e as IntegrityError).constraint).toBe("uq_gadgets_code");
      expect(e.sqlstate).toBe(
        {
          postgresql: "23505",
          pgbouncer: "23505",
          pglite: "23505",
          mysql: "23000",
          sqlite: "SQLITE_CONSTRAINT_UNIQUE",
        }[db.name],
      );
      expect(e.orig).toBeInstanceOf(Error);
      expect(e.cause).toBe(e.orig);
      expect(e.statement).toMatch(/^INSERT INTO gadgets/);
      expect(e.params).toContain("G1");
      expect(e.message).toContain("[SQL: INSERT INTO gadgets");
      expect(e.connectionInvalidated).toBe(false);
    });

    it("a unique index violation names the index", async () => {
      await using conn = await db.engine.connect();
      const e = await failure(conn.execute(insert(makers).values({ id: 20, name: "Acme", active: true })));
      expect(e).toBeInstanceOf(IntegrityError);
      expect((e as IntegrityError).constraint).toBe("ix_makers_name");
      await conn.rollback();
    });

    it("foreign key, NOT NULL and CHECK violations are IntegrityErrors", async () => {
      await using conn = await db.engine.connect();
      const fk = await failure(conn.execute(insert(gadgets).values({ id: 3, code: "FK", maker_id: 999 })));
      expect(fk).toBeInstanceOf(IntegrityError);
      if (db.name !== "sqlite") expect((fk as IntegrityError).constraint).toBeTruthy();
      if (db.name === "postgresql" || db.name === "pglite") expect(fk.sqlstate).toBe("23503");
      await conn.rollback();
      const nn = await failure(conn.execute(insert(gadgets).values({ id: 4, code: null as never })));
      expect(nn).toBeInstanceOf(IntegrityError);
      expect(nn.message).toMatch(/code/);
      await conn.rollback();
      const ck = await failure(conn.execute(insert(gadgets).values({ id: 5, code: "CK", qty: -1 })));
      expect(ck).toBeInstanceOf(IntegrityError);
      expect((ck as IntegrityError).constraint).toBe("ck_gadgets_qty");
      await conn.rollback();
    });

    if (db.name !== "sqlite") {
      it("too-long and out-of-range values are DataErrors (strict mode on MariaDB)", async () => {
        await using conn = await db.engine.connect();
        const long = await failure(conn.execute(insert(gadgets).values({ id: 6, code: "TOOLONG" })));
        expect(long).toBeInstanceOf(DataError);
        await conn.rollback();
        const range = await failure(conn.execute(insert(gadgets).values({ id: 7, code: "R", qty: 100_000 })));
        expect(range).toBeInstanceOf(DataError);
        await conn.rollback();
      });
    }

    it("a 64-bit overflow is a DataError", async () => {
      await using conn = await db.engine.connect();
      const e = await failure(conn.execute(insert(gadgets).values({ id: 8, code: "B", big: 2n ** 64n })));
      expect(e).toBeInstanceOf(DataError);
      await conn.rollback();
    });

    if (db.name === "postgresql" || db.name === "pglite") {
      it("NUL in text is a DataError that says PostgreSQL text cannot hold it", async () => {
        await using conn = await db.engine.connect();
        const e = await failure(conn.execute(insert(gadgets).values({ id: 9, code: "N", note: "a\u0000b" })));
        expect(e).toBeInstanceOf(DataError);
        expect(e.message).toContain("cannot contain NUL");
        await conn.rollback();
      });
    }

    it("syntax errors and unknown tables are ProgrammingErrors", async () => {
      await using conn = await db.engine.connect();
      const syntax = await failure(conn.executeDriverSql("SELEC 1"));
      expect(syntax).toBeInstanceOf(ProgrammingError);
      await conn.rollback();
      const missing = await failure(conn.executeDriverSql("SELECT * FROM no_such_table"));
      expect(missing).toBeInstanceOf(ProgrammingError);
      expect(missing.message).toContain("no_such_table");
      if (db.name === "postgresql" || db.name === "pglite") expect(missing.sqlstate).toBe("42P01");
      if (db.name === "mysql") expect(missing.sqlstate).toBe("42S02");
      await conn.rollback();
    });

    it("a failed statement's error stack names the caller's function, within Node's default ten frames", async () => {
      expect(Error.stackTraceLimit).toBe(10);
      const conn = await db.engine.connect();
      async function callerOfTheFailingQuery() {
        await conn.execute(text("SELECT * FROM no_such_table"));
      }
      expect((await failure(callerOfTheFailingQuery())).stack).toContain("callerOfTheFailingQuery");
      await conn.close();
      // Through engine.begin()'s callback: the error's mapping frames used to push this one out.
      async function callerOfBegin() {
        await db.engine.begin((c) => c.execute(text("SELECT * FROM no_such_table")));
      }
      expect((await failure(callerOfBegin())).stack).toContain("callerOfBegin");
    });

    if (db.name === "postgresql" || db.name === "pglite") {
      it("a statement in an aborted transaction says to roll back", async () => {
        await using conn = await db.engine.connect();
        await conn.begin();
        await failure(conn.executeDriverSql("SELECT * FROM no_such_table"));
        const aborted = await failure(conn.execute(select(makers.c.id)));
        expect(aborted).toBeInstanceOf(DatabaseError);
        expect(aborted.sqlstate).toBe("25P02");
        await conn.rollback();
        expect(await conn.scalar(select(func.count()).selectFrom(makers))).toBe(3);
      });
    }
  });
});
