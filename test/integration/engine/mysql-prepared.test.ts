import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  column,
  createEngine,
  type Engine,
  Float,
  Integer,
  insert,
  MetaData,
  select,
  Table,
  text,
} from "../../../src/index.js";
import { configuredDatabases, type Provisioned, provision } from "../../support/databases.js";

/**
 * Compiled statements reach MySQL / MariaDB as server-side prepared statements (binary protocol);
 * driver SQL goes as text; the results read the same either way.
 */
const md = new MetaData();
const gauges = new Table("gauges", md, {
  id: column(Integer).primaryKey(),
  reading: column(Float({ precision: 24 })),
});

describe.skipIf(!configuredDatabases().includes("mysql"))("MySQL prepared statements [mysql]", () => {
  let db: Provisioned;
  const engines: Engine[] = [];
  const newEngine = (preparedStatements?: boolean) => {
    const e = createEngine(db.url, preparedStatements === undefined ? {} : { preparedStatements });
    engines.push(e);
    return e;
  };
  /** Statements this session has run through the binary protocol. */
  const executed = async (conn: Awaited<ReturnType<Engine["connect"]>>) =>
    Number((await conn.executeDriverSql("SHOW SESSION STATUS LIKE 'Com_stmt_execute'")).first()?.[1]);

  beforeAll(async () => {
    db = await provision("mysql", {});
    const setup = newEngine();
    await md.createAll(setup);
    await setup.begin((c) => c.execute(insert(gauges).values({ id: 1, reading: 1.1 })));
  });

  afterAll(async () => {
    for (const e of engines) await e.dispose();
    await db.cleanup();
  });

  it("runs compiled statements prepared, and reads FLOAT as the text protocol does", async () => {
    await using conn = await newEngine().connect();
    const before = await executed(conn);
    expect(await conn.scalar(select(gauges.c.reading).where(gauges.c.id.eq(1)))).toBe(1.1);
    expect(await executed(conn)).toBe(before + 1);
    expect((await conn.executeDriverSql("SELECT reading FROM gauges")).scalar()).toBe(1.1);
  });

  it("sends a statement the server cannot prepare as text, from then on", async () => {
    await using conn = await newEngine().connect();
    await conn.execute(text("PREPARE athanor_probe FROM 'SELECT 1'"));
    await conn.execute(text("PREPARE athanor_probe FROM 'SELECT 1'"));
    expect((await conn.executeDriverSql("EXECUTE athanor_probe")).scalar()).toBe(1);
  });

  it("sends a statement with more than 100 parameters as text (the flush's multi-row INSERT)", async () => {
    await using conn = await newEngine().connect();
    const rows = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: from + i, reading: 2.5 }));
    const before = await executed(conn);
    await conn.execute(insert(gauges).values(rows(100, 50)));
    expect(await executed(conn)).toBe(before + 1);
    await conn.execute(insert(gauges).values(rows(200, 51)));
    expect(await executed(conn)).toBe(before + 1);
    await conn.rollback();
  });

  it("preparedStatements: false sends everything as text", async () => {
    await using conn = await newEngine(false).connect();
    const before = await executed(conn);
    expect(await conn.scalar(select(gauges.c.reading).where(gauges.c.id.eq(1)))).toBe(1.1);
    expect(await executed(conn)).toBe(before);
  });
});
