/**
 * Baseline on PostgreSQL: node-postgres (`pg`) with hand-written SQL on one connection.
 *
 * Named (prepared) statements for every query, so the server parses and plans each statement once per
 * connection, as pg's documentation describes for repeated queries.
 */
import pg from "pg";
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

/** Rows per multi-row INSERT in W4 (6 parameters a row at most; PostgreSQL allows 65,535 per statement). */
const INSERT_CHUNK = 1_000;

const ORDER_COLUMNS = "id, customer_id, status, total, note, created_at";
const CUSTOMER_COLUMNS = "id, name, email, city, created_at";

function insertSql(rows: number): string {
  const values: string[] = [];
  for (let r = 0; r < rows; r++) {
    const p = r * 5;
    values.push(`($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5})`);
  }
  return `INSERT INTO orders (customer_id, status, total, note, created_at) VALUES ${values.join(", ")}`;
}

export default defineSystem(
  {
    id: "raw-pg",
    label: `raw pg ${packageVersion("pg")}`,
    supports: ["pg"],
    baseline: true,
    notes:
      "pg.Client, one connection, named prepared statements; W3 = 2 queries (customer_id = ANY($1)); " +
      "W4 = multi-row INSERT, 1,000 rows a statement, in a transaction; " +
      "W5 = one UPDATE ... FROM unnest($1::int[], $2::text[]).",
  },
  async (db) => {
    if (db.kind !== "pg") throw new Error("raw-pg runs on PostgreSQL only");
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const insertSqlCache = new Map<number, string>();

    return {
      async findCustomer(id) {
        const r = await client.query<CustomerRow>({
          name: "w1_customer_by_id",
          text: `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = $1`,
          values: [id],
        });
        return (r.rows[0] as CustomerLike | undefined) ?? null;
      },

      async loadOrders(limit) {
        const r = await client.query<OrderRow>({
          name: "w2_orders",
          text: `SELECT ${ORDER_COLUMNS} FROM orders ORDER BY id LIMIT $1`,
          values: [limit],
        });
        return r.rows;
      },

      async loadCustomersWithOrders(limit) {
        const customers = (
          await client.query<CustomerRow>({
            name: "w3_customers",
            text: `SELECT ${CUSTOMER_COLUMNS} FROM customers ORDER BY id LIMIT $1`,
            values: [limit],
          })
        ).rows;
        const orders = (
          await client.query<OrderRow>({
            name: "w3_orders",
            text: `SELECT ${ORDER_COLUMNS} FROM orders WHERE customer_id = ANY($1::int[])`,
            values: [customers.map((c) => c.id)],
          })
        ).rows;
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
        await client.query("BEGIN");
        try {
          for (const chunk of chunks(rows, INSERT_CHUNK)) {
            let text = insertSqlCache.get(chunk.length);
            if (text === undefined) insertSqlCache.set(chunk.length, (text = insertSql(chunk.length)));
            const values: unknown[] = [];
            for (const o of chunk) values.push(o.customerId, o.status, o.total, o.note, o.createdAt);
            await client.query({ name: `w4_insert_${chunk.length}`, text, values });
          }
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK");
          throw err;
        }
      },

      async updateOrderStatuses(limit, nextStatus) {
        const orders = (
          await client.query<OrderRow>({
            name: "w5_orders",
            text: `SELECT ${ORDER_COLUMNS} FROM orders ORDER BY id LIMIT $1`,
            values: [limit],
          })
        ).rows;
        const ids: number[] = [];
        const statuses: string[] = [];
        for (const o of orders) {
          o.status = nextStatus(o.id);
          ids.push(o.id);
          statuses.push(o.status);
        }
        // One statement for the whole batch. The (id, status) pairs travel as two array parameters and are
        // zipped back into rows by unnest: the UPDATE ... FROM (VALUES ...) form with 2 parameters instead
        // of 2,000 (measured as fast or faster here).
        const r = await client.query({
          name: "w5_update",
          text: `UPDATE orders AS o SET status = v.status
                 FROM unnest($1::int[], $2::text[]) AS v(id, status) WHERE o.id = v.id`,
          values: [ids, statuses],
        });
        return r.rowCount ?? 0;
      },

      async teardown() {
        await client.end();
      },
    };
  },
);
