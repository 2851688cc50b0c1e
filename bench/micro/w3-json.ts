/**
 * W3 (the first 1,000 customers with all their orders, ~10,000, 5 times) by Athanor's selectinload
 * and jsonload, against the raw driver's two queries, on PostgreSQL, SQLite and MySQL/MariaDB. The
 * tables and rows are the harness's (10,000 customers, 100,000 orders, src/lib/data.ts), seeded
 * into `w3j_` tables; the strategies run interleaved (rotating order) for ROUNDS rounds after a
 * warm-up, and each database's median times and ratios to the raw baseline are printed:
 *   node --expose-gc --import tsx bench/micro/w3-json.ts        (DBS=sqlite,pg,mysql ROUNDS=9)
 * KEEP=1 keeps the tables afterwards and reuses them. "raw jsonload SQL" runs jsonload's own
 * statement through the raw driver (JSON parsed, nothing hydrated): the floor of one-query loading.
 * SQLite times are this process's CPU time; the servers' are wall time (plus the client's CPU
 * time as a ratio), which a busy machine inflates.
 */
import BetterSqlite from "better-sqlite3";
import mysql from "mysql2/promise";
import pg from "pg";
import {
  column,
  createEngine,
  DateTime,
  declarativeBase,
  ForeignKey,
  Integer,
  jsonload,
  Numeric,
  relationship,
  select,
  selectinload,
  sessionmaker,
  Text,
  text,
} from "../../src/index.js";
import { FULL } from "../src/lib/config.ts";
import { generate } from "../src/lib/data.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 9);
const DBS = (process.env.DBS ?? "sqlite,pg,mysql").split(",");
const LIMIT = FULL.w3Limit;
const REPS = FULL.w3Reps;
const PG_URL = process.env.BENCH_PG_URL ?? "postgresql://root@127.0.0.1:5432/test";
const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";
const SQLITE_FILE = process.env.BENCH_SQLITE_FILE ?? "/tmp/w3-json.sqlite";
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const Base = declarativeBase();
class Customer extends Base.table("w3j_customers", {
  id: column(Integer).primaryKey(),
  name: column(Text),
  email: column(Text),
  city: column(Text),
  createdAt: column(DateTime({ timezone: true })),
}) {
  static orders = relationship(() => Order, { backPopulates: "customer" });
  declare orders: Order[];
}
class Order extends Base.table("w3j_orders", {
  id: column(Integer).primaryKey(),
  customerId: column(Integer, ForeignKey("w3j_customers.id")).index(),
  status: column(Text),
  total: column(Numeric(10, 2)),
  note: column(Text).nullable(),
  createdAt: column(DateTime({ timezone: true })),
}) {
  static customer = relationship(() => Customer, { backPopulates: "orders" });
  declare customer: Customer;
}

type Load = () => Promise<number>;

/** Creates and fills the tables with the harness's data (through Athanor's bulk insert). */
async function seed(url: string): Promise<void> {
  if (process.env.KEEP) {
    const probe = createEngine(url);
    const conn = await probe.connect();
    let has = false;
    try {
      has = (await conn.execute(select(Order.id).limit(1))).all().length > 0;
    } catch {}
    await conn.close();
    await probe.dispose();
    if (has) return;
  }
  const data = generate(FULL);
  const engine = createEngine(url);
  await Base.metadata.dropAll(engine);
  await Base.metadata.createAll(engine);
  const c = data.customers;
  const o = data.orders;
  await engine.begin(async (conn) => {
    const customers = Customer.__table__;
    const rows = [];
    for (let i = 0; i < c.email.length; i++)
      rows.push({
        id: i + 1,
        name: c.name[i],
        email: c.email[i],
        city: c.city[i],
        createdAt: new Date(c.createdAt[i]!),
      });
    for (let i = 0; i < rows.length; i += 1000)
      await conn.execute(customers.insert(), rows.slice(i, i + 1000));
    const orders = Order.__table__;
    const orows = [];
    for (let i = 0; i < o.customerId.length; i++)
      orows.push({
        id: i + 1,
        customerId: o.customerId[i],
        status: o.status[i],
        total: o.total[i],
        note: o.note[i],
        createdAt: new Date(o.createdAt[i]!),
      });
    for (let i = 0; i < orows.length; i += 1000)
      await conn.execute(orders.insert(), orows.slice(i, i + 1000));
  });
  // Planner statistics, as the harness gathers them: without them PostgreSQL misjudges the
  // per-customer subquery (269 rows instead of 10) and compiles the statement with JIT (+1 s).
  const conn = await engine.connect();
  for (const t of ["w3j_customers", "w3j_orders"])
    await conn.execute(text(url.startsWith("mysql") ? `ANALYZE TABLE ${t}` : `ANALYZE ${t}`));
  await conn.close();
  await engine.dispose();
}

function athanorLoads(url: string): {
  selectin: Load;
  json: Load;
  jsonSql: () => string;
  dispose: () => Promise<void>;
} {
  const engine = createEngine(url);
  let jsonSql = "";
  const capture = ({ sql }: { sql: string }) => {
    if (/json/i.test(sql)) jsonSql = sql;
  };
  engine.on("beforeExecute", capture);
  const SessionLocal = sessionmaker({ bind: engine, expireOnCommit: false });
  const load = (opt: typeof selectinload) => async () => {
    let n = 0;
    for (let r = 0; r < REPS; r++) {
      const s = SessionLocal();
      try {
        const cs = (
          await s.scalars(select(Customer).orderBy(Customer.id).limit(LIMIT).options(opt(Customer.orders)))
        ).all();
        for (const x of cs) n += x.orders.length;
      } finally {
        await s.close();
      }
    }
    return n;
  };
  return {
    selectin: load(selectinload),
    json: load(jsonload),
    jsonSql: () => {
      engine.off("beforeExecute", capture);
      return jsonSql;
    },
    dispose: () => engine.dispose(),
  };
}

/** Orders grouped by customer in JS, as the harness's raw baselines do. */
function group(customers: { id: number }[], orders: { customer_id: number }[]): number {
  const by = new Map<number, unknown[]>();
  for (const c of customers) by.set(c.id, []);
  for (const o of orders) by.get(o.customer_id)!.push(o);
  let n = 0;
  for (const c of customers) n += by.get(c.id)!.length;
  return n;
}

async function rawPg(): Promise<{ load: Load; dispose: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  return {
    load: async () => {
      let n = 0;
      for (let r = 0; r < REPS; r++) {
        const cs = await client.query({
          name: "w3j_c",
          text: "SELECT id, name, email, city, created_at FROM w3j_customers ORDER BY id LIMIT $1",
          values: [LIMIT],
        });
        const os = await client.query({
          name: "w3j_o",
          text: "SELECT id, customer_id, status, total, note, created_at FROM w3j_orders WHERE customer_id = ANY($1::int[])",
          values: [cs.rows.map((c) => c.id)],
        });
        n += group(cs.rows, os.rows);
      }
      return n;
    },
    dispose: () => client.end(),
  };
}

function rawSqlite(): { load: Load; dispose: () => Promise<void> } {
  const db = new BetterSqlite(SQLITE_FILE);
  const cq = db.prepare("SELECT id, name, email, city, created_at FROM w3j_customers ORDER BY id LIMIT ?");
  const stmts = new Map<number, BetterSqlite.Statement>();
  return {
    load: async () => {
      let n = 0;
      for (let r = 0; r < REPS; r++) {
        const cs = cq.all(LIMIT) as { id: number }[];
        let oq = stmts.get(cs.length);
        if (!oq) {
          oq = db.prepare(
            `SELECT id, customer_id, status, total, note, created_at FROM w3j_orders WHERE customer_id IN (${cs.map(() => "?").join(", ")})`,
          );
          stmts.set(cs.length, oq);
        }
        n += group(cs, oq.all(...cs.map((c) => c.id)) as { customer_id: number }[]);
      }
      return n;
    },
    dispose: async () => {
      db.close();
    },
  };
}

async function rawMysql(): Promise<{ load: Load; dispose: () => Promise<void> }> {
  const conn = await mysql.createConnection({ uri: MYSQL_URL, timezone: "Z" });
  return {
    load: async () => {
      let n = 0;
      for (let r = 0; r < REPS; r++) {
        const [cs] = (await conn.execute(
          "SELECT id, name, email, city, created_at FROM w3j_customers ORDER BY id LIMIT ?",
          [String(LIMIT)],
        )) as unknown as [{ id: number }[]];
        const [os] = (await conn.execute(
          `SELECT id, customer_id, status, total, note, created_at FROM w3j_orders WHERE customer_id IN (${cs.map(() => "?").join(", ")})`,
          cs.map((c) => c.id),
        )) as unknown as [{ customer_id: number }[]];
        n += group(cs, os);
      }
      return n;
    },
    dispose: () => conn.end(),
  };
}

/** The jsonload statement's SQL run by the raw driver, its JSON parsed: the floor for jsonload. */
async function rawJson(db: string, sql: string): Promise<{ load: Load; dispose: () => Promise<void> }> {
  const count = (rows: unknown[][]) => {
    let n = 0;
    for (const r of rows) {
      const v = r[r.length - 1];
      n += v === null ? 0 : (typeof v === "string" ? JSON.parse(v) : (v as unknown[])).length;
    }
    return n;
  };
  if (db === "sqlite") {
    const conn = new BetterSqlite(SQLITE_FILE);
    const stmt = conn.prepare(sql).raw();
    return {
      load: async () => {
        let n = 0;
        for (let r = 0; r < REPS; r++) n += count(stmt.all(LIMIT) as unknown[][]);
        return n;
      },
      dispose: async () => {
        conn.close();
      },
    };
  }
  if (db === "pg") {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    return {
      load: async () => {
        let n = 0;
        for (let r = 0; r < REPS; r++)
          n += count(
            (await client.query({ name: "w3j_json", text: sql, values: [LIMIT], rowMode: "array" })).rows,
          );
        return n;
      },
      dispose: () => client.end(),
    };
  }
  const conn = await mysql.createConnection({ uri: MYSQL_URL, timezone: "Z", rowsAsArray: true });
  return {
    load: async () => {
      let n = 0;
      for (let r = 0; r < REPS; r++)
        n += count(((await conn.execute(sql, [String(LIMIT)])) as unknown as [unknown[][]])[0]);
      return n;
    },
    dispose: () => conn.end(),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const db of DBS) {
  const url = db === "pg" ? PG_URL : db === "mysql" ? MYSQL_URL : `sqlite:///${SQLITE_FILE}`;
  await seed(url);
  const raw = db === "pg" ? await rawPg() : db === "mysql" ? await rawMysql() : rawSqlite();
  const a = athanorLoads(url);
  const systems: [string, Load][] = [
    ["raw (2 queries)", raw.load],
    ["athanor selectinload", a.selectin],
    ["athanor jsonload", a.json],
  ];
  const expected = await raw.load();
  await a.json();
  const rj = await rawJson(db, a.jsonSql());
  systems.push(["raw jsonload SQL (1 query)", rj.load]);
  for (const [name, load] of systems) {
    const n = await load();
    if (n !== expected) throw new Error(`${db} ${name}: ${n} orders, raw found ${expected}`);
  }
  const times = new Map<string, number[]>(systems.map(([n]) => [n, []]));
  const cpus = new Map<string, number[]>(systems.map(([n]) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < systems.length; i++) {
      const [name, load] = systems[(i + round) % systems.length]!;
      gc();
      // SQLite runs in this process: its CPU time is the whole cost and ignores the other
      // processes of a busy machine; the servers' work is only in wall time.
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await load();
      const cpu = process.cpuUsage(c0);
      times.get(name)!.push(db === "sqlite" ? (cpu.user + cpu.system) / 1000 : performance.now() - t0);
      cpus.get(name)!.push((cpu.user + cpu.system) / 1000);
    }
  }
  const base = median(times.get("raw (2 queries)")!);
  const best = Math.min(...times.get("raw (2 queries)")!);
  const baseCpu = median(cpus.get("raw (2 queries)")!);
  console.log(
    `\n${db}: W3 = ${LIMIT} customers with their orders (${expected / REPS} orders), ${REPS} times; ` +
      `${db === "sqlite" ? "CPU" : "wall"} time, median and best of ${ROUNDS} rounds`,
  );
  for (const [name] of systems) {
    const m = median(times.get(name)!);
    const b = Math.min(...times.get(name)!);
    console.log(
      `  ${name.padEnd(28)} ${m.toFixed(1).padStart(8)} ms ${(m / base).toFixed(2)}x   best ${b.toFixed(1).padStart(8)} ms ${(b / best).toFixed(2)}x` +
        (db === "sqlite" ? "" : `   client CPU ${(median(cpus.get(name)!) / baseCpu).toFixed(2)}x`),
    );
  }
  await raw.dispose();
  await rj.dispose();
  await a.dispose();
  if (!process.env.KEEP) await Base.metadata.dropAll(createEngine(url));
}
