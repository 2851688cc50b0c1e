import { describe, expect, it } from "vitest";
import { isPlainRead } from "../../../src/engine/read-only.js";
import {
  exists,
  func,
  Integer,
  insert,
  literalColumn,
  String,
  select,
  text,
  union,
  update,
} from "../../../src/index.js";
import { column, table } from "../../../src/sql/from-clause.js";

const kits = table("kits", column("id", Integer), column("code", String()));
const events = table("events", column("id", Integer), column("kit_id", Integer));

describe("isPlainRead: which statements may run before a deferred BEGIN", () => {
  it("accepts SELECTs of columns, joins, subqueries, unions and pure functions", () => {
    expect(isPlainRead(select(kits.c.id, kits.c.code).where(kits.c.code.eq("K1")))).toBe(true);
    expect(
      isPlainRead(
        select(kits.c.code, func.count(events.c.id))
          .join(events, kits.c.id.eq(events.c.kit_id))
          .groupBy(kits.c.code),
      ),
    ).toBe(true);
    expect(
      isPlainRead(select(kits.c.id).where(exists(select(events.c.id).where(events.c.kit_id.eq(kits.c.id))))),
    ).toBe(true);
    expect(isPlainRead(union(select(kits.c.id), select(events.c.id)))).toBe(true);
    expect(isPlainRead(select(func.coalesce(func.max(kits.c.id), 0)))).toBe(true);
  });

  it("rejects DML, FOR UPDATE and text()", () => {
    expect(isPlainRead(insert(kits).values({ id: 1, code: "a" }))).toBe(false);
    expect(isPlainRead(update(kits).values({ code: "b" }))).toBe(false);
    expect(isPlainRead(select(kits.c.id).forUpdate())).toBe(false);
    expect(isPlainRead(select(kits.c.id).where(kits.c.id.in(select(events.c.kit_id).forUpdate())))).toBe(
      false,
    );
    expect(isPlainRead(text("SELECT 1"))).toBe(false);
    expect(isPlainRead(select(kits.c.id).where(text("id > 0")))).toBe(false);
    expect(isPlainRead(text("SELECT id FROM kits").columns({ id: Integer }))).toBe(false);
  });

  it("rejects functions that are not known to be pure (they may write: nextval, setval, user functions)", () => {
    expect(isPlainRead(select(func.nextval("kits_id_seq")))).toBe(false);
    expect(isPlainRead(select(kits.c.id).where(kits.c.id.eq(func.myAuditFunction(kits.c.id))))).toBe(false);
  });

  it("rejects now() and friends: inside a transaction they return its start time, outside the statement's", () => {
    expect(isPlainRead(select(func.now()))).toBe(false);
    expect(isPlainRead(select(func.current_timestamp()))).toBe(false);
    expect(isPlainRead(select(kits.c.id).where(func.now().isNotNull()))).toBe(false);
  });

  it("rejects literal SQL columns, which may call anything", () => {
    expect(isPlainRead(select(literalColumn("nextval('kits_id_seq')")))).toBe(false);
  });
});
