/**
 * Drizzle ORM on MySQL/MariaDB (drizzle-orm/mysql2 on a mysql2 pool): the MySQL half of drizzle.ts, in the
 * same fast form: reads built once with sql.placeholder() and .prepare() (Drizzle's mysql2 session still
 * sends them as text queries: mysql2 has no named statements it could reuse), W3 the relational query API
 * (one query, JSON_ARRAYAGG sub-select; MariaDB has no LATERAL join, so there Drizzle runs in its
 * "planetscale" mode, which builds the same query from correlated sub-selects instead), W4 insert().values() in chunks of 1,000 in a transaction, W5 one
 * prepared update per row in a transaction.
 */
import { asc, eq, relations, sql } from "drizzle-orm";
import * as mysqlCore from "drizzle-orm/mysql-core";
import { drizzle } from "drizzle-orm/mysql2";
import mysql from "mysql2/promise";
import { mysqlOptions } from "../lib/database-mysql.ts";
import { chunks, type Session } from "../system.ts";

const INSERT_CHUNK = 1_000;

const customers = mysqlCore.mysqlTable("customers", {
  id: mysqlCore.int("id").autoincrement().primaryKey(),
  name: mysqlCore.varchar("name", { length: 255 }).notNull(),
  email: mysqlCore.varchar("email", { length: 255 }).notNull().unique(),
  city: mysqlCore.varchar("city", { length: 255 }).notNull(),
  createdAt: mysqlCore.datetime("created_at", { mode: "date", fsp: 3 }).notNull(),
});
const orders = mysqlCore.mysqlTable(
  "orders",
  {
    id: mysqlCore.int("id").autoincrement().primaryKey(),
    customerId: mysqlCore
      .int("customer_id")
      .notNull()
      .references(() => customers.id),
    status: mysqlCore.varchar("status", { length: 255 }).notNull(),
    total: mysqlCore.decimal("total", { precision: 10, scale: 2 }).notNull(),
    note: mysqlCore.varchar("note", { length: 255 }),
    createdAt: mysqlCore.datetime("created_at", { mode: "date", fsp: 3 }).notNull(),
  },
  (t) => [mysqlCore.index("orders_customer_id_idx").on(t.customerId)],
);
const schema = {
  customers,
  orders,
  customersRelations: relations(customers, ({ many }) => ({ orders: many(orders) })),
  ordersRelations: relations(orders, ({ one }) => ({
    customer: one(customers, { fields: [orders.customerId], references: [customers.id] }),
  })),
};

/** Connects Drizzle to the benchmark database on MySQL/MariaDB. */
export async function connectDrizzleMysql(url: string): Promise<Session> {
  const pool = mysql.createPool(mysqlOptions(url));
  const [versionRows] = await pool.query("SELECT VERSION() AS v");
  const mariadb = /MariaDB/i.test(String((versionRows as { v: string }[])[0]!.v));
  // "default" mode uses LATERAL joins for relational queries (MySQL 8.0.14+); MariaDB has none, and the
  // "planetscale" mode (made for Vitess, which has none either) is the one whose queries it can run.
  const db = drizzle({ client: pool, schema, mode: mariadb ? "planetscale" : "default" });
  const customerById = db
    .select()
    .from(customers)
    .where(eq(customers.id, sql.placeholder("id")))
    .prepare();
  const firstOrders = db
    .select()
    .from(orders)
    .orderBy(asc(orders.id))
    .limit(sql.placeholder("limit"))
    .prepare();
  const customersWithOrders = db.query.customers
    .findMany({ with: { orders: true }, orderBy: [asc(customers.id)], limit: sql.placeholder("limit") })
    .prepare();

  return {
    async findCustomer(id) {
      return (await customerById.execute({ id }))[0] ?? null;
    },
    loadOrders: (limit) => firstOrders.execute({ limit }),
    loadCustomersWithOrders: (limit) => customersWithOrders.execute({ limit }),
    async insertOrders(rows) {
      await db.transaction(async (tx) => {
        for (const chunk of chunks(rows, INSERT_CHUNK)) await tx.insert(orders).values(chunk);
      });
    },
    async updateOrderStatuses(limit, nextStatus) {
      const list = await firstOrders.execute({ limit });
      for (const o of list) o.status = nextStatus(o.id);
      await db.transaction(async (tx) => {
        const update = tx
          .update(orders)
          .set({ status: sql`${sql.placeholder("status")}` })
          .where(eq(orders.id, sql.placeholder("id")))
          .prepare();
        for (const o of list) await update.execute({ id: o.id, status: o.status });
      });
      return list.length;
    },
    async teardown() {
      await pool.end();
    },
  };
}
