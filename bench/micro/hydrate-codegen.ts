/**
 * W2-like hydration (`db.scalars(select(Order).orderBy(Order.id).limit(10000))`, a fresh session
 * each) on in-memory SQLite with the generated hydrators, row writers and comparators against
 * their interpreted twins (src/codegen.ts). Prints figures, asserts nothing:
 *   npx tsx bench/micro/hydrate-codegen.ts
 */
import { setCodegenMode } from "../../src/codegen.js";
import {
  column,
  createEngine,
  DateTime,
  declarativeBase,
  type Engine,
  Integer,
  Numeric,
  select,
  sessionmaker,
  Text,
} from "../../src/index.js";

const ROWS = 10_000;
const ROUNDS = Number(process.env.ROUNDS ?? 9);

function orders(table: string) {
  const Base = declarativeBase();
  class Order extends Base.table(table, {
    id: column(Integer).primaryKey(),
    customerId: column(Integer),
    status: column(Text),
    total: column(Numeric(10, 2)),
    note: column(Text).nullable(),
    createdAt: column(DateTime({ timezone: true })),
  }) {}
  return { Base, Order };
}

async function setUp(mode: "generated" | "interpreted") {
  setCodegenMode(mode);
  const { Base, Order } = orders(`orders_${mode}`);
  const engine = createEngine("sqlite://");
  await Base.metadata.createAll(engine);
  const SessionLocal = sessionmaker({ bind: engine, expireOnCommit: false });
  await SessionLocal.begin(async (db) => {
    for (let i = 1; i <= ROWS; i++)
      db.add(
        new Order({
          id: i,
          customerId: i % 100,
          status: i % 3 ? "paid" : "open",
          total: `${i}.50`,
          note: i % 2 ? null : `note ${i}`,
          createdAt: new Date(1_700_000_000_000 + i * 1000),
        }),
      );
  });
  const load = async (): Promise<number> => {
    const t = performance.now();
    const db = SessionLocal();
    try {
      const rows = (await db.scalars(select(Order).orderBy(Order.id).limit(ROWS))).all();
      if (rows.length !== ROWS) throw new Error("wrong row count");
      rows[0]!.status = "changed";
      if (!db.isModified(rows[0]!)) throw new Error("change not seen");
    } finally {
      await db.close();
    }
    return performance.now() - t;
  };
  await load(); // the hydrator is built (generated or not) in the mode set above
  return { engine, load };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const runs = { generated: await setUp("generated"), interpreted: await setUp("interpreted") };
setCodegenMode("auto");
const times = { generated: [] as number[], interpreted: [] as number[] };
for (let r = 0; r < ROUNDS; r++)
  for (const k of ["generated", "interpreted"] as const) times[k].push(await runs[k].load());
for (const k of ["generated", "interpreted"] as const)
  console.log(
    `${k}: W2 ${ROWS} rows median ${median(times[k]).toFixed(1)} ms, min ${Math.min(...times[k]).toFixed(1)} ms`,
  );
console.log(
  `interpreted / generated: median ${(median(times.interpreted) / median(times.generated)).toFixed(2)}, ` +
    `min ${(Math.min(...times.interpreted) / Math.min(...times.generated)).toFixed(2)}`,
);
for (const r of Object.values(runs)) await (r.engine as Engine).dispose();
