import { join } from "node:path";
import { citext } from "@electric-sql/pglite/contrib/citext";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { typesMatch } from "../../../src/dialects/type-compare.js";
import {
  CITEXT,
  column,
  createEngine,
  type Engine,
  Integer,
  IntegrityError,
  insert,
  inspect,
  MetaData,
  select,
  Table,
} from "../../../src/index.js";
import { revision } from "../../../src/migrate/index.js";
import { configuredDatabases, type Provisioned, provision } from "../../support/databases.js";
import { makeProject, type TestProject } from "../migrate/support.js";

/**
 * Issue 14, item 6: CITEXT against the citext extension itself, on a PostgreSQL server
 * (postgresql-contrib) and on PGlite (its contrib build, passed as a PGlite extension):
 * equality and UNIQUE ignore case, and the column reflects as CITEXT, so autogenerate sees no
 * change.
 */
for (const name of configuredDatabases().filter((n) => n === "pglite" || n === "postgresql"))
  describe(`CITEXT [${name}]`, () => {
    let db: Provisioned;
    let engine: Engine;
    let project: TestProject;
    const md = new MetaData();
    const users = new Table("hc_users", md, {
      id: column(Integer).primaryKey(),
      email: column(CITEXT()).unique(),
    });
    const u = users.c;

    beforeAll(async () => {
      db = await provision(name, { file: false });
      engine = createEngine(db.url, name === "pglite" ? { connectArgs: { extensions: { citext } } } : {});
      project = makeProject("athanor-citext-");
      await engine.begin((c) => c.executeDriverSql("CREATE EXTENSION IF NOT EXISTS citext"));
      await md.createAll(engine);
    });
    afterAll(async () => {
      await engine.dispose();
      await db.cleanup();
      project.remove();
    });

    it("compares and enforces UNIQUE without regard to case", async () => {
      await engine.begin((c) => c.execute(insert(users).values({ id: 1, email: "Neo@Matrix.com" })));
      const found = await engine.begin(async (c) =>
        (await c.execute(select(u.email).where(u.email.eq("neo@MATRIX.com")))).scalars().all(),
      );
      expect(found).toEqual(["Neo@Matrix.com"]);
      await expect(
        engine.begin((c) => c.execute(insert(users).values({ id: 2, email: "NEO@matrix.COM" }))),
      ).rejects.toThrow(IntegrityError);
      const inList = await engine.begin(async (c) =>
        (await c.execute(select(u.id).where(u.email.in(["x@y.z", "NEO@MATRIX.COM"])))).scalars().all(),
      );
      expect(inList).toEqual([1]);
    });

    it("reflects as CITEXT; autogenerate sees no change", async () => {
      const cols = await engine.begin(async (c) => (await inspect(c)).getColumns("hc_users"));
      const email = cols.find((c) => c.name === "email")!;
      expect(email.type.typeName).toBe("citext");
      expect(typesMatch(engine.dialect, u.email.type, email.type)).toBe(true);
      const r = await revision(
        { engine, migrations: join(project.dir, "migrations"), metadata: md },
        { message: "check", autogenerate: true },
      );
      expect(r.operations).toEqual([]);
      expect(r.warnings.filter((w) => /email|citext/i.test(w))).toEqual([]);
    });
  });
