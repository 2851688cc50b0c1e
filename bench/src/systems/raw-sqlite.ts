/**
 * Baseline on SQLite: better-sqlite3 with hand-written SQL.
 *
 * Every statement is prepared once and reused, and writes run inside `db.transaction()`: the two things
 * better-sqlite3's documentation names for performance. better-sqlite3 is synchronous; the methods are
 * async only to fit the System interface.
 *
 * created_at comes back as a Date, as from the raw drivers of PostgreSQL and MySQL (and from every ORM
 * here): SQLite stores the text, and a user of the rows parses it (`new Date(text)`). Returning the text
 * left this baseline a step short of the others: on W2, `new Date()` per row is ~20% of its CPU time
 * (bench/micro/sqlite-cpu-ratios.ts, 2026-12-07). total stays the driver's number (SQLite has no decimal).
 */
import Database from "better-sqlite3";
import {
  type CustomerLike,
  chunks,
  defineSystem,
  type NewOrder,
  packageVersion,
  sqliteTimestamp,
} from "../system.ts";

/** A row as the driver returns it (created_at text), then as returned (created_at a Date). */
interface Stamped<T> {
  created_at: T;
}

interface CustomerRow<T = Date> extends Stamped<T> {
  id: number;
  name: string;
  email: string;
  city: string;
}

interface OrderRow<T = Date> extends Stamped<T> {
  id: number;
  customer_id: number;
  status: string;
  total: number;
  note: string | null;
}

/** Turns the rows' created_at text into Dates, in place. */
function withDates<R extends Stamped<string | Date>>(rows: R[]): (R & Stamped<Date>)[] {
  for (const r of rows) r.created_at = new Date(r.created_at);
  return rows as (R & Stamped<Date>)[];
}

/** Rows per multi-row INSERT in W4 (5 parameters a row; SQLite allows 32,766 per statement). */
const INSERT_CHUNK = 1_000;

const ORDER_COLUMNS = "id, customer_id, status, total, note, created_at";
const CUSTOMER_COLUMNS = "id, name, email, city, created_at";

function insertSql(rows: number): string {
  return `INSERT INTO orders (customer_id, status, total, note, created_at) VALUES ${Array(rows)
    .fill("(?, ?, ?, ?, ?)")
    .join(", ")}`;
}

export default defineSystem(
  {
    id: "raw-sqlite",
    label: `raw better-sqlite3 ${packageVersion("better-sqlite3")}`,
    supports: ["sqlite"],
    baseline: true,
    notes:
      "one connection, statements prepared once; created_at text read as a Date (new Date(text)); W3 = 2 queries (customer_id IN (?, ...)); W4 = multi-row " +
      "INSERT, 1,000 rows a statement, in a transaction; W5 = prepared UPDATE per row in one transaction " +
      "(measured 2x faster here than one UPDATE ... CASE).",
  },
  async (target) => {
    if (target.kind !== "sqlite") throw new Error("raw-sqlite runs on SQLite only");
    const db = new Database(target.file);
    db.pragma("foreign_keys = ON");
    const byId = db.prepare<[number], CustomerRow<string | Date>>(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = ?`,
    );
    const firstOrders = db.prepare<[number], OrderRow<string | Date>>(
      `SELECT ${ORDER_COLUMNS} FROM orders ORDER BY id LIMIT ?`,
    );
    const firstCustomers = db.prepare<[number], CustomerRow<string | Date>>(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers ORDER BY id LIMIT ?`,
    );
    const ordersOfCustomers = new Map<number, Database.Statement<number[], OrderRow<string | Date>>>();
    const inserts = new Map<number, Database.Statement<unknown[]>>();
    const updateStatus = db.prepare<[string, number]>("UPDATE orders SET status = ? WHERE id = ?");
    const insertAll = db.transaction((rows: readonly NewOrder[]) => {
      for (const chunk of chunks(rows, INSERT_CHUNK)) {
        let stmt = inserts.get(chunk.length);
        if (stmt === undefined) inserts.set(chunk.length, (stmt = db.prepare(insertSql(chunk.length))));
        const values: unknown[] = [];
        for (const o of chunk)
          values.push(o.customerId, o.status, o.total, o.note, sqliteTimestamp(o.createdAt));
        stmt.run(values);
      }
    });
    const updateAll = db.transaction((orders: readonly OrderRow[]) => {
      for (const o of orders) updateStatus.run(o.status, o.id);
    });

    return {
      async findCustomer(id) {
        const row = byId.get(id);
        return row === undefined ? null : (withDates([row])[0] as CustomerLike);
      },

      async loadOrders(limit) {
        return withDates(firstOrders.all(limit));
      },

      async loadCustomersWithOrders(limit) {
        const customers = withDates(firstCustomers.all(limit));
        const ids = customers.map((c) => c.id);
        let stmt = ordersOfCustomers.get(ids.length);
        if (stmt === undefined) {
          stmt = db.prepare(
            `SELECT ${ORDER_COLUMNS} FROM orders WHERE customer_id IN (${Array(ids.length).fill("?").join(", ")})`,
          );
          ordersOfCustomers.set(ids.length, stmt);
        }
        const orders = withDates(stmt.all(...ids));
        const byCustomer = new Map<number, OrderRow[]>();
        const result = customers.map((c) => {
          const list: OrderRow[] = [];
          byCustomer.set(c.id, list);
          return { ...c, orders: list };
        });
        for (const o of orders) byCustomer.get(o.customer_id)!.push(o);
        return result;
      },

      async insertOrders(rows) {
        insertAll(rows);
      },

      async updateOrderStatuses(limit, nextStatus) {
        const orders = withDates(firstOrders.all(limit));
        for (const o of orders) o.status = nextStatus(o.id);
        updateAll(orders);
        return orders.length;
      },

      async teardown() {
        db.close();
      },
    };
  },
);
