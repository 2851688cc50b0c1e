/**
 * The bench's five SQLite workloads (W1 2,000 lookups by key, W2 10 x 10,000 orders, W3 5 x 1,000
 * customers with their orders by selectinload, W4 10,000 inserts, W5 1,000 loaded-changed-flushed
 * rows) run by Athanor and by raw better-sqlite3 in one process, alternating, each run after a full
 * GC as in the harness. Prints the CPU time (process.cpuUsage) of each and the ratio per round:
 * on a machine shared with other work, wall-clock ratios swing by 2x between rounds while CPU
 * time stays within ~20%. Asserts nothing:
 *   node --expose-gc --import tsx bench/micro/sqlite-cpu-ratios.ts
 * ATHANOR=<dir>/index.js runs a built dist/ instead of src/ (tsx-compiled src is slower);
 * W=W4,W5 picks workloads, ROUNDS=n the rounds (default 9).
 *
 * Both sides do what the harness's do (src/systems/raw-sqlite.ts): raw rows get created_at as a
 * Date, and W2 keeps one result while the next loads. (Until 2026-12-07 the raw W2 kept all ten
 * results alive and Athanor none, and raw rows kept the text: Athanor 0.73x of raw here while the
 * harness said 1.5-1.8x; with both fixed, 1.1-1.3x CPU.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";

const a = (await import(process.env.ATHANOR ?? "../../src/index.js")) as typeof import("../../src/index.js");
const ROUNDS = Number(process.env.ROUNDS ?? 9);
const ONLY = (process.env.W ?? "W1,W2,W3,W4,W5").split(",");
const dir = mkdtempSync(join(tmpdir(), "athanor-cpu-"));
const file = join(dir, "bench.sqlite");
const stamp = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

const raw = new Database(file);
raw.pragma("journal_mode = WAL");
raw.pragma("foreign_keys = ON");
raw.exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE,
  city TEXT NOT NULL, created_at DATETIME NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id),
  status TEXT NOT NULL, total NUMERIC(10, 2) NOT NULL, note TEXT, created_at DATETIME NOT NULL);
CREATE INDEX ix_orders_customer ON orders (customer_id);`);
raw.transaction(() => {
  const c = raw.prepare("INSERT INTO customers VALUES (?, ?, ?, ?, ?)");
  const o = raw.prepare("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)");
  for (let i = 1; i <= 10_000; i++)
    c.run(i, `name ${i}`, `c${i}@x.io`, `city ${i % 50}`, stamp(1.6e12 + i * 1000));
  for (let i = 1; i <= 100_000; i++)
    o.run(
      i,
      1 + ((i * 7919) % 10_000),
      "new",
      (i % 1000) + 0.25,
      i % 3 ? `note ${i}` : null,
      stamp(1.6e12 + i),
    );
})();
raw.exec("ANALYZE");

const { column, createEngine, DateTime, declarativeBase, ForeignKey, Integer, Numeric, relationship, Text } =
  a;
const { select, selectinload, sessionmaker } = a;
const Base = declarativeBase();
class Customer extends Base.table("customers", {
  id: column(Integer).primaryKey(),
  name: column(Text),
  email: column(Text).unique(),
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
const engine = createEngine(`sqlite:///${file}`);
const Session = sessionmaker({ bind: engine, expireOnCommit: false });

let run = 0;
const ids = Array.from({ length: 2000 }, (_, i) => 1 + ((i * 31) % 10_000));
const newOrders = () =>
  Array.from({ length: 10_000 }, (_, i) => ({
    customerId: 1 + (i % 10_000),
    status: "fresh",
    total: "12.50",
    note: i % 3 ? "n" : null,
    createdAt: new Date(1.7e12 + i),
  }));

const athanor: Record<string, () => Promise<unknown>> = {
  async W1() {
    for (const id of ids) {
      const s = Session();
      try {
        await s.get(Customer, id);
      } finally {
        await s.close();
      }
    }
  },
  async W2() {
    let last: Order[] = [];
    for (let i = 0; i < 10; i++) {
      await using s = Session();
      last = (await s.scalars(select(Order).orderBy(Order.id).limit(10_000))).all();
    }
    return last;
  },
  async W3() {
    const stmt = () =>
      select(Customer).orderBy(Customer.id).limit(1000).options(selectinload(Customer.orders));
    for (let i = 0; i < 5; i++) {
      await using s = Session();
      (await s.scalars(stmt())).all();
    }
  },
  async W4() {
    const rows = newOrders();
    await Session.begin(async (s) => s.addAll(rows.map((r) => new Order(r))));
  },
  async W5() {
    const tag = `a${++run}`;
    await Session.begin(async (s) => {
      for (const o of (await s.scalars(select(Order).orderBy(Order.id).limit(1000))).all())
        o.status = `${tag}-${o.id}`;
    });
  },
};

const cols = "id, customer_id, status, total, note, created_at";
const byId = raw.prepare("SELECT id, name, email, city, created_at FROM customers WHERE id = ?");
const firstOrders = raw.prepare(`SELECT ${cols} FROM orders ORDER BY id LIMIT ?`);
const firstCustomers = raw.prepare(
  "SELECT id, name, email, city, created_at FROM customers ORDER BY id LIMIT ?",
);
const ofCustomers = raw.prepare(`SELECT ${cols} FROM orders WHERE customer_id IN (${Array(1000).fill("?")})`);
const insert = raw.prepare(
  `INSERT INTO orders (customer_id, status, total, note, created_at) VALUES ${Array(1000).fill("(?, ?, ?, ?, ?)")}`,
);
const setStatus = raw.prepare("UPDATE orders SET status = ? WHERE id = ?");
type Row = Record<string, any>;
const dated = (rows: Row[]) => {
  for (const r of rows) r.created_at = new Date(r.created_at);
  return rows;
};
const driver: Record<string, () => unknown> = {
  W1: () => ids.map((id) => dated([byId.get(id) as Row])[0]),
  W2: () => {
    let last: Row[] = [];
    for (let i = 0; i < 10; i++) last = dated(firstOrders.all(10_000) as Row[]);
    return last;
  },
  W3: () => {
    for (let i = 0; i < 5; i++) {
      const byCustomer = new Map<number, Row[]>();
      const customers = dated(firstCustomers.all(1000) as Row[]).map((c) => {
        const orders: Row[] = [];
        byCustomer.set(c.id, orders);
        return { ...c, orders } as Row;
      });
      for (const o of dated(ofCustomers.all(...customers.map((c) => c.id)) as Row[]))
        byCustomer.get(o.customer_id)!.push(o);
    }
  },
  W4: raw.transaction(() => {
    const rows = newOrders();
    for (let i = 0; i < rows.length; i += 1000) {
      const v: unknown[] = [];
      for (const o of rows.slice(i, i + 1000))
        v.push(o.customerId, o.status, o.total, o.note, stamp(+o.createdAt));
      insert.run(v);
    }
  }),
  W5: () => {
    const tag = `r${++run}`;
    const orders = dated(firstOrders.all(1000) as Row[]);
    for (const o of orders) o.status = `${tag}-${o.id}`;
    raw.transaction(() => {
      for (const o of orders) setStatus.run(o.status, o.id);
    })();
  },
};

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
async function cpuMs(fn: () => unknown): Promise<number> {
  gc!();
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  raw.prepare("DELETE FROM orders WHERE id > 100000").run();
  return (used.user + used.system) / 1000;
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
try {
  for (const w of ONLY) {
    await athanor[w]!();
    await driver[w]!();
    const mine: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      theirs.push(await cpuMs(driver[w]!));
      mine.push(await cpuMs(athanor[w]!));
    }
    const ratios = mine.map((m, i) => m / theirs[i]!);
    console.log(
      `${w}: Athanor ${median(mine).toFixed(1)} ms CPU, raw ${median(theirs).toFixed(1)} ms; ratio median ${median(ratios).toFixed(2)}, min ${Math.min(...ratios).toFixed(2)}`,
    );
  }
} finally {
  await engine.dispose();
  raw.close();
  rmSync(dir, { recursive: true, force: true });
}
