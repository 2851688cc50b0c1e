/** The micro benchmarks' database: in-memory SQLite holding 2,000 customers, and their model. */
import type * as AthanorModule from "../../src/index.js";

export const CUSTOMERS = 2000;

/** Builds the model with `athanor` (this checkout's, or another copy's) and fills a fresh database. */
export async function customersDatabase(athanor: typeof AthanorModule) {
  const { column, createEngine, declarativeBase, Integer, sessionmaker, Text } = athanor;
  const Base = declarativeBase();
  class Customer extends Base.table("customers", {
    id: column(Integer).primaryKey(),
    name: column(Text),
    email: column(Text),
    city: column(Text),
  }) {}
  const engine = createEngine("sqlite://");
  await Base.metadata.createAll(engine);
  const SessionLocal = sessionmaker({ bind: engine, expireOnCommit: false });
  await SessionLocal.begin(async (db) => {
    for (let i = 1; i <= CUSTOMERS; i++)
      db.add(new Customer({ id: i, name: `c${i}`, email: `c${i}@example.com`, city: "Lyon" }));
  });
  return { Customer, engine, SessionLocal };
}

/** CPU time (user + system) of `fn` in ms: other processes on a busy machine inflate wall time. */
export async function cpuTime(fn: () => Promise<void>): Promise<number> {
  const start = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The median of measurements. */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
