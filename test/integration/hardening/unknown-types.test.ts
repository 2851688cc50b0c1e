import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, createEngine, type Engine, Integer, MetaData, Table, Text } from "../../../src/index.js";
import { revision } from "../../../src/migrate/index.js";
import { configuredDatabases, type Provisioned, provision } from "../../support/databases.js";
import { makeProject, type TestProject } from "../migrate/support.js";

/**
 * Issue 14, item 6: autogenerate counted a reflected type it could not read (a domain, an
 * extension's type) as matching whatever the model declared. It now warns and names the column.
 */
for (const name of configuredDatabases().filter((n) => n === "pglite" || n === "postgresql"))
  describe(`autogenerate and types it cannot read [${name}]`, () => {
    let db: Provisioned;
    let engine: Engine;
    let project: TestProject;
    beforeAll(async () => {
      db = await provision(name, { file: false });
      engine = createEngine(db.url);
      project = makeProject("athanor-unknown-types-");
    });
    afterAll(async () => {
      await engine.dispose();
      await db.cleanup();
      project.remove();
    });

    it("warns for a column whose database type it cannot read, naming the column and the type; a domain reads as its base type", async () => {
      await engine.begin(async (c) => {
        await c.executeDriverSql("CREATE DOMAIN ht_positive AS integer CHECK (VALUE > 0)");
        await c.executeDriverSql(
          "CREATE TABLE ht_docs (id integer PRIMARY KEY, qty ht_positive NOT NULL, spot point NOT NULL, body text NOT NULL)",
        );
      });
      const md = new MetaData();
      new Table("ht_docs", md, {
        id: column(Integer).primaryKey(),
        qty: column(Integer),
        spot: column(Text()),
        body: column(Text()),
      });
      const r = await revision(
        { engine, migrations: join(project.dir, "migrations"), metadata: md },
        { message: "check", autogenerate: true },
      );
      const notes = r.warnings.filter((w) => /cannot read/.test(w));
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(
        /column ht_docs\.spot has the database type 'point', which Athanor cannot read/,
      );
      expect(notes[0]).toMatch(/declared TEXT/);
      // A domain reads as its base type: integer, as declared, so no change and no warning.
      expect(r.operations).toEqual([]);
    });
  });
