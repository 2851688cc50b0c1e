/**
 * W3's loading alone, for a profiler: the first 1,000 customers with their orders, N times, from
 * the harness's own tables (run the harness once first: it seeds `customers` and `orders`), by
 * jsonload (default), selectinload (OPT=selectin), or the ~10,000 orders of those customers read
 * as top-level rows (FLAT=1, no relationship: what hydrating the same objects costs without a
 * loader). Prints the CPU time per load. Meant to run under a profiler or a GC trace:
 *   node --cpu-prof --import tsx bench/micro/w3-profile.ts
 *   node --trace-gc-nvp --import tsx bench/micro/w3-profile.ts   (sum the allocated= fields)
 * URL= the database (default the harness's SQLite file, results/tmp/athanor-bench.sqlite, or
 * BENCH_SQLITE_FILE), ATHANOR=<dir>/index.js a built dist/ instead of src/, N= the loads (100).
 */
const a = (await import(process.env.ATHANOR ?? "../../src/index.js")) as typeof import("../../src/index.js");
const {
  column,
  createEngine,
  DateTime,
  declarativeBase,
  ForeignKey,
  Integer,
  Numeric,
  relationship,
  select,
  Text,
} = a;

const Base = declarativeBase();
class Customer extends Base.table("customers", {
  id: column(Integer).primaryKey(),
  name: column(Text),
  email: column(Text),
  city: column(Text),
  createdAt: column(DateTime({ timezone: true })),
}) {
  static orders = relationship(() => Order, { backPopulates: "customer" });
  declare orders: Order[];
}
class Order extends Base.table("orders", {
  id: column(Integer).primaryKey(),
  customerId: column(Integer, ForeignKey("customers.id")),
  status: column(Text),
  total: column(Numeric(10, 2)),
  note: column(Text).nullable(),
  createdAt: column(DateTime({ timezone: true })),
}) {
  static customer = relationship(() => Customer, { backPopulates: "orders" });
  declare customer: Customer;
}

const url =
  process.env.URL ??
  `sqlite:///${process.env.BENCH_SQLITE_FILE ?? new URL("../results/tmp/athanor-bench.sqlite", import.meta.url).pathname}`;
const loader = process.env.OPT === "selectin" ? a.selectinload : a.jsonload;
const N = Number(process.env.N ?? 100);
const engine = createEngine(url);
const SessionLocal = a.sessionmaker({ bind: engine, expireOnCommit: false });

let n = 0;
const c0 = process.cpuUsage();
for (let r = 0; r < N; r++) {
  await using db = SessionLocal();
  if (process.env.FLAT) {
    n += (await db.scalars(select(Order).where(Order.customerId.le(1000)))).all().length;
    continue;
  }
  const customers = (
    await db.scalars(select(Customer).orderBy(Customer.id).limit(1000).options(loader(Customer.orders)))
  ).all();
  for (const c of customers) n += c.orders.length;
}
const cpu = process.cpuUsage(c0);
console.log(`${n / N} orders a load; ${((cpu.user + cpu.system) / 1000 / N).toFixed(1)} ms CPU a load`);
await engine.dispose();
