import { describe, expect, it } from "vitest";
import {
  Boolean,
  case_,
  column,
  func,
  Integer,
  insert,
  literalColumn,
  MetaData,
  String,
  select,
  Table,
  text,
  tuple_,
} from "../../../src/index.js";
import { CreateTable } from "../../../src/schema/ddl.js";
import { cacheKeyOf } from "../../../src/sql/compiler/cache-key.js";
import { p, posts, u, users } from "./fixtures.js";
import { DIALECTS, makeDialects } from "./helpers.js";

/** Prepares a statement on a dialect and binds it. */
function run(
  d: ReturnType<typeof makeDialects>[keyof ReturnType<typeof makeDialects>],
  stmt: Parameters<typeof cacheKeyOf>[0],
) {
  const prepared = d.prepare(stmt);
  return { ...prepared.compiled.bind(prepared.binds), cached: prepared.cached, compiled: prepared.compiled };
}

describe("compiled-statement cache", () => {
  it.each(DIALECTS)("%s: the same shape is compiled once; other values give the same SQL", (key) => {
    const d = makeDialects()[key];
    const a = run(d, select(u.id).where(u.name.eq("ann"), u.age.gt(30)));
    const b = run(d, select(u.id).where(u.name.eq("bob"), u.age.gt(40)));
    expect(a.cached).toBe(false);
    expect(b.cached).toBe(true);
    expect(b.compiled).toBe(a.compiled);
    expect(b.sql).toBe(a.sql);
    expect(a.values).toEqual(["ann", 30]);
    expect(b.values).toEqual(["bob", 40]);
    expect(d.cacheSize).toBe(1);
  });

  it("a statement object prepared again is not walked again, on each of the dialects that prepared it", () => {
    const { pg, sqlite } = makeDialects();
    const stmt = select(u.id).where(u.name.eq("ann"));
    const first = pg.prepare(stmt);
    const onSqlite = sqlite.prepare(stmt);
    expect(first.dialect).toBe(pg);
    expect(onSqlite.dialect).toBe(sqlite);
    expect(onSqlite.compiled.sql).toBe("SELECT users.id FROM users WHERE users.name = ?");
    expect(pg.prepare(stmt)).toMatchObject({ compiled: first.compiled, binds: first.binds, cached: true });
    expect(sqlite.prepare(stmt)).toMatchObject({ compiled: onSqlite.compiled, cached: true });
    // A new statement of the same shape finds the compiled form in the cache, with its own binds.
    const other = pg.prepare(select(u.id).where(u.name.eq("bob")));
    expect(other.compiled).toBe(first.compiled);
    expect(other.compiled.bind(other.binds).values).toEqual(["bob"]);
    expect(pg.cacheSize).toBe(1);
  });

  it("IN lists of different lengths (and empty ones) share one cached shape", () => {
    const { pg, sqlite } = makeDialects();
    const two = run(pg, select(u.id).where(u.id.in([1, 2])));
    const four = run(pg, select(u.id).where(u.id.in([1, 2, 3, 4])));
    const none = run(pg, select(u.id).where(u.id.in([])));
    expect([two.cached, four.cached, none.cached]).toEqual([false, true, true]);
    expect(pg.cacheSize).toBe(1);
    // PostgreSQL: one array parameter, the same SQL (and prepared statement) for every length.
    for (const r of [two, four, none])
      expect(r.sql).toBe("SELECT users.id FROM users WHERE users.id = ANY($1::INTEGER[])");
    expect([two.values, four.values, none.values]).toEqual([['{"1","2"}'], ['{"1","2","3","4"}'], ["{}"]]);
    expect(new Set([two, four, none].map((r) => r.compiled.name)).size).toBe(1);
    const byLength = run(sqlite, select(u.id).where(u.id.in([1, 2])));
    expect(byLength.sql).toBe("SELECT users.id FROM users WHERE users.id IN (?, ?)");
    expect(run(sqlite, select(u.id).where(u.id.in([]))).sql).toBe(
      "SELECT users.id FROM users WHERE users.id IN (SELECT CAST(NULL AS INTEGER) WHERE 1 != 1)",
    );
    const rows = run(sqlite, select(u.id).where(tuple_(u.id, u.name).in([[1, "a"]]), u.age.in([5, 6, 7])));
    const more = run(
      sqlite,
      select(u.id).where(
        tuple_(u.id, u.name).in([
          [1, "a"],
          [2, "b"],
        ]),
        u.age.in([5]),
      ),
    );
    expect(more.cached).toBe(true);
    expect(rows.sql).toBe(
      "SELECT users.id FROM users WHERE (users.id, users.name) IN (VALUES (?, ?)) AND users.age IN (?, ?, ?)",
    );
    expect(more.sql).toBe(
      "SELECT users.id FROM users WHERE (users.id, users.name) IN (VALUES (?, ?), (?, ?)) AND users.age IN (?)",
    );
    expect(more.values).toEqual([1, "a", 2, "b", 5]);
  });

  it("different tables with the same name do not collide (their columns and defaults differ)", () => {
    const { pg } = makeDialects();
    const a = new Table("things", new MetaData(), {
      id: column(Integer).primaryKey(),
      name: column(String(10)).nullable(),
    });
    const b = new Table("things", new MetaData(), {
      id: column(Integer).primaryKey(),
      name: column(String(10)).default("unnamed"),
    });
    const first = run(pg, insert(a).values({ id: 1 }));
    const second = run(pg, insert(b).values({ id: 1 }));
    expect(second.cached).toBe(false);
    expect(first.sql).toBe("INSERT INTO things (id) VALUES ($1)");
    expect(second.sql).toBe("INSERT INTO things (id, name) VALUES ($1, $2)");
    expect(second.values).toEqual([1, "unnamed"]);
  });

  it("each structural difference is its own shape", () => {
    const { mysql } = makeDialects();
    const shapes = [
      select(u.id),
      select(u.id.label("a")),
      select(u.id.label("b")),
      select(users.alias("x").c.id),
      select(users.alias("y").c.id),
      select(u.id).orderBy(u.id.asc()),
      select(u.id).orderBy(u.id.desc()),
      select(u.id).limit(1),
      select(u.id).offset(1),
      select(u.id).distinct(),
      select(u.id).forUpdate(),
      select(u.id).forUpdate({ nowait: true }),
      select(u.name.collate("utf8mb4_bin")),
      select(u.name.collate("utf8mb4_general_ci")),
      select(func.lower(u.name)),
      select(func.upper(u.name)),
      select(u.name, p.title).join(posts),
      select(u.name, p.title).outerjoin(posts),
      select(literalColumn("1")),
      select(literalColumn("2")),
      text("SELECT 1"),
      text("SELECT 2"),
      select(u.id).where(u.name.eq("x")),
      select(u.id).where(u.name.eq(u.email)),
      select(u.id).where(u.name.ne("x")),
    ];
    const compiled = shapes.map((s) => run(mysql, s));
    expect(compiled.every((c) => !c.cached)).toBe(true);
    expect(new Set(compiled.map((c) => c.compiled)).size).toBe(shapes.length);
    expect(mysql.cacheSize).toBe(shapes.length);
  });

  it("the type is part of the shape: count() and bigCount() convert their results differently", () => {
    const { sqlite } = makeDialects();
    const count = run(sqlite, select(func.count()).selectFrom(users));
    const big = run(sqlite, select(func.bigCount()).selectFrom(users));
    expect(big.cached).toBe(false);
    expect(count.sql).toBe(big.sql);
    expect(count.compiled.resultColumns?.[0]?.processor?.(3)).toBe(3);
    expect(big.compiled.resultColumns?.[0]?.processor?.(3)).toBe(3n);
    const asInt = run(sqlite, select(literalColumn("active", Integer)).selectFrom(users));
    const asBool = run(sqlite, select(literalColumn("active", Boolean)).selectFrom(users));
    expect(asBool.cached).toBe(false);
    expect(asInt.compiled.resultColumns?.[0]?.processor?.(1)).toBe(1);
    expect(asBool.compiled.resultColumns?.[0]?.processor?.(1)).toBe(true);
  });

  it("inline CASE results and parameters do not share a shape", () => {
    const { pg } = makeDialects();
    const inline = run(pg, select(case_([u.active.is(true), 1]).else(0)));
    const param = run(pg, select(case_([u.active.is(true), "y"]).else("n")));
    const otherInline = run(pg, select(case_([u.active.is(true), 5]).else(6)));
    expect(inline.sql).toBe("SELECT CASE WHEN users.active IS true THEN 1 ELSE 0 END FROM users");
    expect(param.sql).toBe("SELECT CASE WHEN users.active IS true THEN $1 ELSE $2 END FROM users");
    expect(param.cached).toBe(false);
    // Inline values are written at execution, so the shape is still shared.
    expect(otherInline.cached).toBe(true);
    expect(otherInline.sql).toBe("SELECT CASE WHEN users.active IS true THEN 5 ELSE 6 END FROM users");
    expect(otherInline.compiled.sql).toBeNull();
  });

  it("a callable default is called at each execution of the cached shape", () => {
    const { pg } = makeDialects();
    let n = 0;
    const t = new Table("seq_things", new MetaData(), {
      id: column(Integer).primaryKey(),
      code: column(String(10)).default(() => `c${++n}`),
    });
    expect(run(pg, insert(t).values({ id: 1 })).values).toEqual([1, "c1"]);
    const again = run(pg, insert(t).values({ id: 2 }));
    expect(again.cached).toBe(true);
    expect(again.values).toEqual([2, "c2"]);
  });

  it("offline rendering does not use or fill the cache; DDL is not cacheable", () => {
    const { pg } = makeDialects();
    pg.renderLiteral(select(u.id).where(u.id.eq(1)));
    expect(pg.cacheSize).toBe(0);
    expect(cacheKeyOf(new CreateTable(users)).cacheable).toBe(false);
  });

  it("a compiled shape has a stable name for server-side prepared statements, only when its SQL is fixed", () => {
    const { pg } = makeDialects();
    const a = run(pg, select(u.id).where(u.id.eq(1)));
    const b = run(pg, select(u.id).where(u.id.eq(2)));
    expect(a.compiled.name).toBe(b.compiled.name);
    expect(a.compiled.sql).toBe("SELECT users.id FROM users WHERE users.id = $1");
    expect(run(pg, select(u.id).where(u.id.in([1]))).compiled.sql).toBe(
      "SELECT users.id FROM users WHERE users.id = ANY($1::INTEGER[])",
    );
    // Lists that keep one placeholder per value (tuples) have no fixed SQL.
    expect(run(pg, select(u.id).where(tuple_(u.id, u.name).in([[1, "a"]]))).compiled.sql).toBeNull();
  });
});
