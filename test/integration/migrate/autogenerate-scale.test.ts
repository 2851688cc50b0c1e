/**
 * Autogenerate at scale: the catalog is read in a fixed number of queries per schema (the same for
 * 10 tables as for 300), and comparing a 300-table schema takes seconds, not minutes.
 */
import { beforeAll, expect, it } from "vitest";
import {
  column,
  type Engine,
  ForeignKey,
  Index,
  Integer,
  MetaData,
  String,
  Table,
} from "../../../src/index.js";
import {
  type AutogenerateResult,
  autogenerate,
  CodeRenderer,
  renderOperations,
  resolveConfig,
} from "../../../src/migrate/index.js";
import { forEachDatabase } from "../../support/databases.js";

/** `count` tables t000.. with a name, an index, and a key to the previous table. */
function schema(count: number, extraColumn = false): MetaData {
  const md = new MetaData();
  for (let i = 0; i < count; i++) {
    const name = `t${`${i}`.padStart(3, "0")}`;
    new Table(
      name,
      md,
      {
        id: column(Integer).primaryKey(),
        label: column(String(40)).nullable(),
        ...(i > 0
          ? { prev_id: column(Integer, ForeignKey(`t${`${i - 1}`.padStart(3, "0")}.id`)).nullable() }
          : {}),
        ...(extraColumn && i === count - 1 ? { added: column(Integer).nullable() } : {}),
      },
      Index(`ix_${name}_label`, "label"),
    );
  }
  return md;
}

/** Autogenerate against `md`, counting the statements it runs. */
async function measure(
  engine: Engine,
  md: MetaData,
): Promise<{ queries: number; ms: number; result: AutogenerateResult }> {
  const conn = await engine.connect();
  await conn.executeDriverSql("SELECT 1");
  let queries = 0;
  const count = () => {
    queries++;
  };
  engine.on("afterExecute", count);
  const start = performance.now();
  try {
    const result = await autogenerate(resolveConfig({ engine, metadata: md }), {
      connection: conn,
      renames: [],
    });
    return { queries, ms: performance.now() - start, result };
  } finally {
    engine.off("afterExecute", count);
    await conn.rollback();
    await conn.close();
  }
}

forEachDatabase(
  "autogenerate at scale",
  (db) => {
    let small: Awaited<ReturnType<typeof measure>>;
    let initial: Awaited<ReturnType<typeof measure>>;
    let renderMs = 0;
    beforeAll(async () => {
      initial = await measure(db.engine, schema(300));
      const start = performance.now();
      const r = new CodeRenderer();
      renderOperations(initial.result.upgradeOps, r);
      renderOperations(initial.result.downgradeOps ?? [], r);
      renderMs = performance.now() - start;
      await schema(10).createAll(db.engine);
      small = await measure(db.engine, schema(10));
      await schema(300).createAll(db.engine);
    }, 120_000);

    it("writes the initial revision of a 300-table schema in seconds", () => {
      expect(initial.result.upgradeOps).toHaveLength(300);
      console.log(
        `${db.name}: initial 300-table revision compared in ${Math.round(initial.ms)} ms, rendered in ${Math.round(renderMs)} ms`,
      );
      expect(initial.ms + renderMs).toBeLessThan(10_000);
    });

    it("reads the catalog in as many queries for 300 tables as for 10", async () => {
      expect(small.result.upgradeOps).toEqual([]);
      const large = await measure(db.engine, schema(300, true));
      expect(large.queries).toBe(small.queries);
      // A handful per schema: PostgreSQL 3 + enums, SQLite 3, MySQL 4.
      expect(large.queries).toBeLessThanOrEqual(5);
      const ops = large.result.upgradeOps
        .filter((o) => "describe" in o)
        .map((o) => (o as { describe(): string }).describe());
      expect(ops).toEqual(["add column t299.added"]);
      console.log(
        `${db.name}: ${large.queries} catalog queries, 300 tables compared in ${Math.round(large.ms)} ms`,
      );
      expect(large.ms).toBeLessThan(10_000);
    }, 60_000);
  },
  { file: true },
);
