import { describe, expect, it } from "vitest";
import { column, DateTime, Index, Integer, MetaData, Table, VARCHAR } from "../../../src/index.js";
import { CreateIndex } from "../../../src/schema/ddl.js";
import { makeDialects } from "../compiler/helpers.js";

/** Issue 14, item 9: Index column ordering rendered `(created_at DESC)`, an invalid expression index. */
describe("Index with DESC / ASC columns", () => {
  const md = new MetaData({ columnNaming: "snake_case" });
  const events = new Table("io_events", md, {
    id: column(Integer).primaryKey(),
    kitId: column(Integer),
    createdAt: column(DateTime()),
    code: column(VARCHAR(20)),
  });
  const c = events.c;
  const ix = Index("ix_kit_recent", c.kitId, c.createdAt.desc());
  events.appendConstraint(ix);
  const d = makeDialects();

  it("renders the sort order after the column, on every dialect", () => {
    expect(d.pg.ddlCompiler().compile(new CreateIndex(ix))).toEqual([
      "CREATE INDEX ix_kit_recent ON io_events (kit_id, created_at DESC)",
    ]);
    expect(d.sqlite.ddlCompiler().compile(new CreateIndex(ix))).toEqual([
      "CREATE INDEX ix_kit_recent ON io_events (kit_id, created_at DESC)",
    ]);
    expect(d.mysql.ddlCompiler().compile(new CreateIndex(ix))).toEqual([
      "CREATE INDEX ix_kit_recent ON io_events (kit_id, created_at DESC)",
    ]);
  });

  it("NULLS FIRST / LAST on PostgreSQL; refused elsewhere", () => {
    const nulls = Index("ix_code_nulls", c.code.asc().nullsFirst());
    events.appendConstraint(nulls);
    expect(d.pg.ddlCompiler().compile(new CreateIndex(nulls))).toEqual([
      "CREATE INDEX ix_code_nulls ON io_events (code ASC NULLS FIRST)",
    ]);
    expect(() => d.mysql.ddlCompiler().compile(new CreateIndex(nulls))).toThrow(
      /NULLS FIRST in an index is PostgreSQL only/,
    );
  });
});
