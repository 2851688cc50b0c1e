import { afterAll, expect, it } from "vitest";
import {
  column,
  createEngine,
  declarativeBase,
  func,
  Integer,
  String as Str,
  select,
  sessionmaker,
} from "../../../src/index.js";

/**
 * A flush far beyond any batch size: nothing on the way may pass all objects as call arguments
 * (`push(...set)` overflows the stack past ~120,000 items). Engine-independent code, so one
 * in-memory SQLite database is enough; the core executemany path is checked the same way.
 */
const engine = createEngine("sqlite://");
afterAll(() => engine.dispose());

const Base = declarativeBase();
class Reading extends Base.table("large_flush_readings", {
  id: column(Integer).primaryKey(),
  label: column(Str(20)),
}) {}

const N = 150_000;

it(`flushes ${N.toLocaleString("en")} new objects in one unit of work`, async () => {
  await Base.metadata.createAll(engine);
  const SessionLocal = sessionmaker({ bind: engine });
  await SessionLocal.begin(async (db) => {
    for (let i = 0; i < N; i++) db.add(new Reading({ label: `r${i}` }));
  });
  await using db = SessionLocal();
  expect(await db.scalar(select(func.count()).selectFrom(Reading))).toBe(N);
}, 60_000);

it(`inserts ${N.toLocaleString("en")} rows with RETURNING through Core executemany`, async () => {
  const table = Base.metadata.tables.get("large_flush_readings")!;
  await using conn = await engine.connect();
  const rows = Array.from({ length: N }, (_, i) => ({ label: `c${i}` }));
  const res = await conn.execute(table.insert().returning(table.c.id), rows);
  expect(res.all()).toHaveLength(N);
  await conn.rollback();
}, 60_000);
