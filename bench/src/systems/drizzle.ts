/**
 * Drizzle ORM, on node-postgres (a pg.Pool), on better-sqlite3 and on mysql2 (a pool; _drizzle-mysql.ts).
 *
 * Fast form, per Drizzle's performance documentation: every read is a prepared statement built once with
 * sql.placeholder() and executed with its values (on PostgreSQL a named statement, parsed once per
 * connection); eager loading is the relational query API (`db.query.customers.findMany({ with })`, one SQL
 * query with a JSON sub-select), also prepared. Writes use the query builder in a transaction: multi-row
 * insert().values() in chunks of 1,000 rows (W4), and one prepared update per row (W5).
 */
import Database from "better-sqlite3";
import { asc, eq, relations, sql } from "drizzle-orm";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import * as pgCore from "drizzle-orm/pg-core";
import * as sqliteCore from "drizzle-orm/sqlite-core";
import pg from "pg";
import { chunks, defineSystem, packageVersion, type Session, sqliteTimestamp } from "../system.ts";
import { connectDrizzleMysql } from "./_drizzle-mysql.ts";

const INSERT_CHUNK = 1_000;

// PostgreSQL schema
const pgCustomers = pgCore.pgTable("customers", {
  id: pgCore.serial("id").primaryKey(),
  name: pgCore.text("name").notNull(),
  email: pgCore.text("email").notNull().unique(),
  city: pgCore.text("city").notNull(),
  createdAt: pgCore.timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
});
const pgOrders = pgCore.pgTable(
  "orders",
  {
    id: pgCore.serial("id").primaryKey(),
    customerId: pgCore
      .integer("customer_id")
      .notNull()
      .references(() => pgCustomers.id),
    status: pgCore.text("status").notNull(),
    total: pgCore.numeric("total", { precision: 10, scale: 2 }).notNull(),
    note: pgCore.text("note"),
    createdAt: pgCore.timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [pgCore.index("orders_customer_id_idx").on(t.customerId)],
);
const pgSchema = {
  customers: pgCustomers,
  orders: pgOrders,
  customersRelations: relations(pgCustomers, ({ many }) => ({ orders: many(pgOrders) })),
  ordersRelations: relations(pgOrders, ({ one }) => ({
    customer: one(pgCustomers, { fields: [pgOrders.customerId], references: [pgCustomers.id] }),
  })),
};

// SQLite schema. created_at is ISO-8601 text; a custom type (Drizzle's documented extension point) maps it
// to Date, as the timestamp modes of integer columns would on an integer column.
const isoTimestamp = sqliteCore.customType<{ data: Date; driverData: string }>({
  dataType: () => "text",
  fromDriver: (value) => new Date(value),
  toDriver: (value) => sqliteTimestamp(value),
});
const sqliteCustomers = sqliteCore.sqliteTable("customers", {
  id: sqliteCore.integer("id").primaryKey(),
  name: sqliteCore.text("name").notNull(),
  email: sqliteCore.text("email").notNull().unique(),
  city: sqliteCore.text("city").notNull(),
  createdAt: isoTimestamp("created_at").notNull(),
});
const sqliteOrders = sqliteCore.sqliteTable(
  "orders",
  {
    id: sqliteCore.integer("id").primaryKey(),
    customerId: sqliteCore
      .integer("customer_id")
      .notNull()
      .references(() => sqliteCustomers.id),
    status: sqliteCore.text("status").notNull(),
    total: sqliteCore.numeric("total").notNull(),
    note: sqliteCore.text("note"),
    createdAt: isoTimestamp("created_at").notNull(),
  },
  (t) => [sqliteCore.index("orders_customer_id_idx").on(t.customerId)],
);
const sqliteSchema = {
  customers: sqliteCustomers,
  orders: sqliteOrders,
  customersRelations: relations(sqliteCustomers, ({ many }) => ({ orders: many(sqliteOrders) })),
  ordersRelations: relations(sqliteOrders, ({ one }) => ({
    customer: one(sqliteCustomers, { fields: [sqliteOrders.customerId], references: [sqliteCustomers.id] }),
  })),
};

async function connectPg(url: string): Promise<Session> {
  const pool = new pg.Pool({ connectionString: url });
  const db = drizzlePg({ client: pool, schema: pgSchema });
  const customerById = db
    .select()
    .from(pgCustomers)
    .where(eq(pgCustomers.id, sql.placeholder("id")))
    .prepare("drizzle_w1");
  const firstOrders = db
    .select()
    .from(pgOrders)
    .orderBy(asc(pgOrders.id))
    .limit(sql.placeholder("limit"))
    .prepare("drizzle_w2");
  const customersWithOrders = db.query.customers
    .findMany({
      with: { orders: true },
      orderBy: [asc(pgCustomers.id)],
      limit: sql.placeholder("limit"),
    })
    .prepare("drizzle_w3");

  return {
    async findCustomer(id) {
      return (await customerById.execute({ id }))[0] ?? null;
    },
    loadOrders: (limit) => firstOrders.execute({ limit }),
    loadCustomersWithOrders: (limit) => customersWithOrders.execute({ limit }),
    async insertOrders(rows) {
      await db.transaction(async (tx) => {
        for (const chunk of chunks(rows, INSERT_CHUNK)) await tx.insert(pgOrders).values(chunk);
      });
    },
    async updateOrderStatuses(limit, nextStatus) {
      const orders = await firstOrders.execute({ limit });
      for (const o of orders) o.status = nextStatus(o.id);
      await db.transaction(async (tx) => {
        const update = tx
          .update(pgOrders)
          .set({ status: sql`${sql.placeholder("status")}` })
          .where(eq(pgOrders.id, sql.placeholder("id")))
          .prepare("drizzle_w5");
        for (const o of orders) await update.execute({ id: o.id, status: o.status });
      });
      return orders.length;
    },
    async teardown() {
      await pool.end();
    },
  };
}

async function connectSqlite(file: string): Promise<Session> {
  const client = new Database(file);
  client.pragma("foreign_keys = ON");
  const db = drizzleSqlite({ client, schema: sqliteSchema });
  const customerById = db
    .select()
    .from(sqliteCustomers)
    .where(eq(sqliteCustomers.id, sql.placeholder("id")))
    .prepare();
  const firstOrders = db
    .select()
    .from(sqliteOrders)
    .orderBy(asc(sqliteOrders.id))
    .limit(sql.placeholder("limit"))
    .prepare();
  const customersWithOrders = db.query.customers
    .findMany({
      with: { orders: true },
      orderBy: [asc(sqliteCustomers.id)],
      limit: sql.placeholder("limit"),
    })
    .prepare();
  const update = db
    .update(sqliteOrders)
    .set({ status: sql`${sql.placeholder("status")}` })
    .where(eq(sqliteOrders.id, sql.placeholder("id")))
    .prepare();

  return {
    async findCustomer(id) {
      return customerById.get({ id }) ?? null;
    },
    async loadOrders(limit) {
      return firstOrders.all({ limit });
    },
    async loadCustomersWithOrders(limit) {
      return customersWithOrders.all({ limit });
    },
    async insertOrders(rows) {
      db.transaction((tx) => {
        for (const chunk of chunks(rows, INSERT_CHUNK)) tx.insert(sqliteOrders).values(chunk).run();
      });
    },
    async updateOrderStatuses(limit, nextStatus) {
      const orders = firstOrders.all({ limit });
      for (const o of orders) o.status = nextStatus(o.id);
      db.transaction(() => {
        for (const o of orders) update.run({ id: o.id, status: o.status });
      });
      return orders.length;
    },
    async teardown() {
      client.close();
    },
  };
}

export default defineSystem(
  {
    id: "drizzle",
    label: `Drizzle ORM ${packageVersion("drizzle-orm")}`,
    supports: ["pg", "sqlite", "mysql"],
    notes:
      "prepared statements (sql.placeholder + .prepare()) for every read; W3 = relational query " +
      "findMany({ with: { orders: true } }) (one query, JSON sub-select); W4 = insert().values() in chunks of " +
      "1,000 in a transaction; W5 = prepared update per row in a transaction. PG: pg.Pool; MySQL: mysql2 pool " +
      "(prepared queries still go out as text queries).",
  },
  (db) =>
    db.kind === "pg"
      ? connectPg(db.url)
      : db.kind === "mysql"
        ? connectDrizzleMysql(db.url)
        : connectSqlite(db.file),
);
