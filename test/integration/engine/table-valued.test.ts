import { expect, it } from "vitest";
import {
  ARRAY,
  CompileError,
  cast,
  column,
  func,
  Integer,
  insert,
  literal,
  MetaData,
  String,
  select,
  Table,
  update,
} from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";

/**
 * Functions returning rows, in FROM: unnest() of array binds on PostgreSQL (what the ORM's batched
 * UPDATE joins), json_each() on SQLite; MySQL has neither and says so before sending anything.
 */
forEachDatabase("table-valued functions", (db) => {
  const md = new MetaData();
  const tags = new Table("tv_tags", md, {
    id: column(Integer).primaryKey(),
    label: column(String(40)),
  });
  const postgres = db.name === "postgresql" || db.name === "pglite";

  it("reads rows from a function in FROM, filtered and joined in an UPDATE", async () => {
    await md.createAll(db.engine);
    await using conn = await db.engine.connect();
    if (db.name === "mysql") {
      const j = func.jsonEach(literal("{}")).tableValued(["key", "value"]);
      await expect(conn.execute(select(j.c.key))).rejects.toThrow(CompileError);
      return;
    }
    if (!postgres) {
      const j = func.jsonEach(literal('{"a":1,"b":2,"c":3}')).tableValued(["key", "value"]);
      const rows = await conn.execute(select(j.c.key, j.c.value).where(j.c.value.gt(1)).orderBy(j.c.key));
      expect(rows.all().map((r) => [...r])).toEqual([
        ["b", 2],
        ["c", 3],
      ]);
      return;
    }
    await conn.execute(insert(tags).values([1, 2, 3].map((id) => ({ id, label: `t${id}` }))));
    const v = func
      .unnest(cast([1, 3], ARRAY(Integer())), cast(['a "quoted" {label}', null], ARRAY(String())))
      .tableValued([column("id", Integer()), column("label", String())], { name: "v", derived: true });
    expect((await conn.execute(select(v.c.id, v.c.label).orderBy(v.c.id))).all().map((r) => [...r])).toEqual([
      [1, 'a "quoted" {label}'],
      [3, null],
    ]);
    const res = await conn.execute(
      update(tags)
        .values({ label: func.coalesce(v.c.label, "none") as never })
        .where(tags.c.id.eq(v.c.id)),
    );
    expect(res.rowCount).toBe(2);
    const after = await conn.execute(select(tags.c.id, tags.c.label).orderBy(tags.c.id));
    expect(after.all().map((r) => [...r])).toEqual([
      [1, 'a "quoted" {label}'],
      [2, "t2"],
      [3, "none"],
    ]);
  });
});
