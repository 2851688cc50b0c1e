import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { typesMatch } from "../../../src/dialects/type-compare.js";
import {
  ARRAY,
  createEngine,
  type Engine,
  Integer,
  Interval,
  inspect,
  MetaData,
  Numeric,
  select,
  Text,
} from "../../../src/index.js";
import { configuredDatabases, type Provisioned, provision } from "../../support/databases.js";

/**
 * Issue 14, item 6: INTERVAL and domains were reflected as an untyped placeholder. INTERVAL in
 * every spelling (with fields, with a precision) reads as Interval, a domain as the type it is
 * based on (an array of a domain as an array of that type), and values read through the
 * reflected types.
 */
for (const name of configuredDatabases().filter((n) => n === "pglite" || n === "postgresql"))
  describe(`INTERVAL and domains [${name}]`, () => {
    let db: Provisioned;
    let engine: Engine;
    beforeAll(async () => {
      db = await provision(name, { file: false });
      engine = createEngine(db.url);
      await engine.begin(async (c) => {
        await c.executeDriverSql("CREATE DOMAIN hid_money AS numeric(10, 2) CHECK (VALUE >= 0)");
        await c.executeDriverSql("CREATE DOMAIN hid_label AS text");
        await c.executeDriverSql(
          `CREATE TABLE hid_plans (id integer PRIMARY KEY, every interval NOT NULL,
             span interval day to second, fine interval(3), price hid_money, tags hid_label[])`,
        );
        await c.executeDriverSql(
          `INSERT INTO hid_plans VALUES (1, '1 year 2 months 3 days 04:05:06', '2 days 03:00:00', '1.5 seconds', 12.5, '{a,"b c"}')`,
        );
      });
    });
    afterAll(async () => {
      await engine.dispose();
      await db.cleanup();
    });

    it("reflects every spelling of INTERVAL as Interval and a domain as its base type", async () => {
      const cols = await engine.begin(async (c) => (await inspect(c)).getColumns("hid_plans"));
      const declared = {
        id: Integer(),
        every: Interval(),
        span: Interval(),
        fine: Interval(),
        price: Numeric(10, 2),
        tags: ARRAY(Text()),
      };
      expect(cols.map((c) => c.type.typeName)).toEqual([
        "integer",
        "interval",
        "interval",
        "interval",
        "numeric",
        "array",
      ]);
      for (const c of cols)
        expect(typesMatch(engine.dialect, declared[c.name as keyof typeof declared], c.type), c.name).toBe(
          true,
        );
    });

    it("reads values through the reflected types", async () => {
      const md = new MetaData();
      await md.reflect(engine, { only: ["hid_plans"] });
      const t = md.tables.get("hid_plans")!;
      const row = await engine.begin(async (c) => (await c.execute(select(t))).mappings().one());
      expect({ ...row }).toEqual({
        id: 1,
        every: "P1Y2M3DT4H5M6S",
        span: "P2DT3H",
        fine: "PT1.5S",
        price: "12.50",
        tags: ["a", "b c"],
      });
    });
  });
