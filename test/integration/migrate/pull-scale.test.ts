/**
 * `athanor pull` of a hundred tables (each with a foreign key, a unique column, an index, an enum,
 * and the repeated timestamps) within 5 seconds on every database; the time is printed.
 */
import { expect, it } from "vitest";
import {
  column,
  DateTime,
  Enum,
  ForeignKey,
  func,
  Index,
  Integer,
  MetaData,
  Numeric,
  String,
  Table,
  Text,
} from "../../../src/index.js";
import { pull } from "../../../src/migrate/index.js";
import { forEachMigrateDatabase } from "./db-helpers.js";

const TABLES = 100;

function hundredTables(): MetaData {
  const md = new MetaData();
  const state = { draft: "draft", active: "active", retired: "retired" } as const;
  for (let i = 0; i < TABLES; i++) {
    new Table(
      `item_${i}`,
      md,
      {
        id: column(Integer).primaryKey(),
        code: column(String(40)).unique(),
        label: column(String(200)),
        amount: column(Numeric(12, 2)).nullable(),
        state: column(Enum(state, { name: "item_state" })),
        notes: column(Text).nullable(),
        parent_id:
          i === 0 ? column(Integer).nullable() : column(Integer, ForeignKey(`item_${i - 1}.id`)).nullable(),
        created_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
        updated_at: column(DateTime({ timezone: true })).serverDefault(func.now()),
      },
      Index(`ix_item_${i}_label`, "label", "created_at"),
    );
  }
  return md;
}

forEachMigrateDatabase("pull of a hundred tables", (db) => {
  it("takes under 5 seconds", async () => {
    await db.engine.begin((c) => c.executeDriverSql("SELECT 1"));
    await hundredTables().createAll(db.engine);
    const result = await pull({ engine: db.engine }, { views: false });
    console.log(`pull of ${TABLES} tables on ${db.name}: ${result.seconds.toFixed(3)} s`);
    expect(Object.keys(result.tables)).toHaveLength(TABLES);
    expect(result.text.match(/^export class Item\d+ extends BaseModel\.table\(/gm)).toHaveLength(TABLES);
    expect(result.seconds).toBeLessThan(5);
  }, 120_000);
});
