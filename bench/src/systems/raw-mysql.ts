/**
 * Baseline on MySQL/MariaDB: mysql2 with hand-written SQL on one connection.
 *
 * Every statement goes through `execute()`: a server-side prepared statement, prepared once per connection
 * and SQL text (mysql2 keeps them in its per-connection statement cache) and run with the binary protocol,
 * as mysql2's documentation recommends for repeated queries. Mirrors raw-pg: W3 in two queries, W4 as
 * multi-row INSERTs of 1,000 rows in a transaction, W5 as one batched UPDATE.
 */
import mysql from "mysql2/promise";
import { mysqlOptions } from "../lib/database-mysql.ts";
import { type CustomerLike, chunks, defineSystem, packageVersion } from "../system.ts";

interface CustomerRow {
  id: number;
  name: string;
  email: string;
  city: string;
  created_at: Date;
}

interface OrderRow {
  id: number;
  customer_id: number;
  status: string;
  total: string;
  note: string | null;
  created_at: Date;
}

/** Rows per multi-row INSERT in W4 (5 parameters a row; a prepared statement takes up to 65,535). */
const INSERT_CHUNK = 1_000;

/** What execute() binds here. */
type Param = string | number | Date | null;

const ORDER_COLUMNS = "id, customer_id, status, total, note, created_at";
const CUSTOMER_COLUMNS = "id, name, email, city, created_at";

function placeholders(n: number, each: string): string {
  return Array(n).fill(each).join(", ");
}

/** Memoizes the SQL text per list length (the same text reuses mysql2's prepared statement). */
function perLength(build: (n: number) => string): (n: number) => string {
  const cache = new Map<number, string>();
  return (n) => {
    let sql = cache.get(n);
    if (sql === undefined) cache.set(n, (sql = build(n)));
    return sql;
  };
}

const ordersOfCustomersSql = perLength(
  (n) => `SELECT ${ORDER_COLUMNS} FROM orders WHERE customer_id IN (${placeholders(n, "?")})`,
);
const insertSql = perLength(
  (n) =>
    `INSERT INTO orders (customer_id, status, total, note, created_at) VALUES ${placeholders(n, "(?, ?, ?, ?, ?)")}`,
);
// One statement for the whole batch: CASE maps each id to its new status (MySQL and MariaDB share no
// syntax for a VALUES list as a derived table, and this form runs on both).
const updateSql = perLength(
  (n) =>
    `UPDATE orders SET status = CASE id ${Array(n).fill("WHEN ? THEN ?").join(" ")} END ` +
    `WHERE id IN (${placeholders(n, "?")})`,
);

export default defineSystem(
  {
    id: "raw-mysql",
    label: `raw mysql2 ${packageVersion("mysql2")}`,
    supports: ["mysql"],
    baseline: true,
    notes:
      "one connection, execute() (server-side prepared statements, cached per connection); W3 = 2 queries " +
      "(customer_id IN (?, ...)); W4 = multi-row INSERT, 1,000 rows a statement, in a transaction; " +
      "W5 = one UPDATE ... SET status = CASE id WHEN ? THEN ? ... END WHERE id IN (...).",
  },
  async (db) => {
    if (db.kind !== "mysql") throw new Error("raw-mysql runs on MySQL/MariaDB only");
    const conn = await mysql.createConnection(mysqlOptions(db.url));
    await conn.query("SET time_zone = '+00:00'");

    const firstOrders = async (limit: number) =>
      (
        await conn.execute(`SELECT ${ORDER_COLUMNS} FROM orders ORDER BY id LIMIT ?`, [limit])
      )[0] as OrderRow[];

    return {
      async findCustomer(id) {
        const [rows] = await conn.execute(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = ?`, [id]);
        return ((rows as CustomerRow[])[0] as CustomerLike | undefined) ?? null;
      },

      loadOrders: firstOrders,

      async loadCustomersWithOrders(limit) {
        const [customerRows] = await conn.execute(
          `SELECT ${CUSTOMER_COLUMNS} FROM customers ORDER BY id LIMIT ?`,
          [limit],
        );
        const customers = customerRows as CustomerRow[];
        const ids = customers.map((c) => c.id);
        const [orderRows] = await conn.execute(ordersOfCustomersSql(ids.length), ids);
        const byCustomer = new Map<number, OrderRow[]>();
        const result = customers.map((c) => {
          const list: OrderRow[] = [];
          byCustomer.set(c.id, list);
          return { ...c, orders: list };
        });
        for (const o of orderRows as OrderRow[]) byCustomer.get(o.customer_id)!.push(o);
        return result;
      },

      async insertOrders(rows) {
        await conn.beginTransaction();
        try {
          for (const chunk of chunks(rows, INSERT_CHUNK)) {
            const values: Param[] = [];
            for (const o of chunk) values.push(o.customerId, o.status, o.total, o.note, o.createdAt);
            await conn.execute(insertSql(chunk.length), values);
          }
          await conn.commit();
        } catch (err) {
          await conn.rollback();
          throw err;
        }
      },

      async updateOrderStatuses(limit, nextStatus) {
        const orders = await firstOrders(limit);
        const pairs: Param[] = [];
        const ids: number[] = [];
        for (const o of orders) {
          o.status = nextStatus(o.id);
          pairs.push(o.id, o.status);
          ids.push(o.id);
        }
        // A single statement is atomic on its own: no BEGIN/COMMIT needed around it.
        await conn.execute(updateSql(orders.length), [...pairs, ...ids]);
        return orders.length;
      },

      async teardown() {
        await conn.end();
      },
    };
  },
);
