/**
 * Kysely, with its PostgresDialect (a pg.Pool) and its SqliteDialect (better-sqlite3).
 *
 * Kysely is a query builder: rows come back as plain objects with the columns' names. It has no prepared
 * statement API of its own, so every call builds and compiles its query (that is the documented usage).
 * Eager loading is the `jsonArrayFrom` helper from Kysely's "relations" recipe (one query with a JSON
 * sub-select; on SQLite with ParseJSONResultsPlugin, as the recipe requires). Writes run in a transaction:
 * multi-row insertInto().values() in chunks of 1,000 (W4), one updateTable() per row (W5).
 */
import Database from "better-sqlite3";
import {
  type ColumnType,
  type Generated,
  Kysely,
  ParseJSONResultsPlugin,
  PostgresDialect,
  SqliteDialect,
} from "kysely";
import { jsonArrayFrom as pgJsonArrayFrom } from "kysely/helpers/postgres";
import { jsonArrayFrom as sqliteJsonArrayFrom } from "kysely/helpers/sqlite";
import pg from "pg";
import { chunks, defineSystem, packageVersion, type Session, sqliteTimestamp } from "../system.ts";
import { connectKyselyMysql } from "./_kysely-mysql.ts";

const INSERT_CHUNK = 1_000;

interface Tables<TTimestamp, TTotal> {
  customers: {
    id: Generated<number>;
    name: string;
    email: string;
    city: string;
    created_at: TTimestamp;
  };
  orders: {
    id: Generated<number>;
    customer_id: number;
    status: string;
    total: TTotal;
    note: string | null;
    created_at: TTimestamp;
  };
}

type PgDatabase = Tables<ColumnType<Date, Date | string, Date | string>, string>;
type SqliteDatabase = Tables<string, ColumnType<number, number | string, number | string>>;

async function connectPg(url: string): Promise<Session> {
  const pool = new pg.Pool({ connectionString: url });
  const db = new Kysely<PgDatabase>({ dialect: new PostgresDialect({ pool }) });
  const firstOrders = (limit: number) =>
    db.selectFrom("orders").selectAll().orderBy("id").limit(limit).execute();
  return {
    async findCustomer(id) {
      return (await db.selectFrom("customers").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
    },
    loadOrders: firstOrders,
    loadCustomersWithOrders: (limit) =>
      db
        .selectFrom("customers")
        .selectAll("customers")
        .select((eb) =>
          pgJsonArrayFrom(
            eb.selectFrom("orders").selectAll("orders").whereRef("orders.customer_id", "=", "customers.id"),
          ).as("orders"),
        )
        .orderBy("customers.id")
        .limit(limit)
        .execute(),
    async insertOrders(rows) {
      await db.transaction().execute(async (trx) => {
        for (const chunk of chunks(rows, INSERT_CHUNK)) {
          await trx
            .insertInto("orders")
            .values(
              chunk.map((o) => ({
                customer_id: o.customerId,
                status: o.status,
                total: o.total,
                note: o.note,
                created_at: o.createdAt,
              })),
            )
            .execute();
        }
      });
    },
    async updateOrderStatuses(limit, nextStatus) {
      const orders = await firstOrders(limit);
      for (const o of orders) o.status = nextStatus(o.id);
      await db.transaction().execute(async (trx) => {
        for (const o of orders) {
          await trx.updateTable("orders").set({ status: o.status }).where("id", "=", o.id).execute();
        }
      });
      return orders.length;
    },
    async teardown() {
      await db.destroy();
    },
  };
}

async function connectSqlite(file: string): Promise<Session> {
  const database = new Database(file);
  database.pragma("foreign_keys = ON");
  const db = new Kysely<SqliteDatabase>({ dialect: new SqliteDialect({ database }) });
  const parseJson = new ParseJSONResultsPlugin();
  const firstOrders = (limit: number) =>
    db.selectFrom("orders").selectAll().orderBy("id").limit(limit).execute();
  return {
    async findCustomer(id) {
      return (await db.selectFrom("customers").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
    },
    loadOrders: firstOrders,
    loadCustomersWithOrders: (limit) =>
      db
        .withPlugin(parseJson)
        .selectFrom("customers")
        .selectAll("customers")
        .select((eb) =>
          sqliteJsonArrayFrom(
            // The SQLite helper needs explicit columns (json_object takes name/value pairs).
            eb
              .selectFrom("orders")
              .select([
                "orders.id",
                "orders.customer_id",
                "orders.status",
                "orders.total",
                "orders.note",
                "orders.created_at",
              ])
              .whereRef("orders.customer_id", "=", "customers.id"),
          ).as("orders"),
        )
        .orderBy("customers.id")
        .limit(limit)
        .execute(),
    async insertOrders(rows) {
      await db.transaction().execute(async (trx) => {
        for (const chunk of chunks(rows, INSERT_CHUNK)) {
          await trx
            .insertInto("orders")
            .values(
              chunk.map((o) => ({
                customer_id: o.customerId,
                status: o.status,
                total: o.total,
                note: o.note,
                created_at: sqliteTimestamp(o.createdAt),
              })),
            )
            .execute();
        }
      });
    },
    async updateOrderStatuses(limit, nextStatus) {
      const orders = await firstOrders(limit);
      for (const o of orders) o.status = nextStatus(o.id);
      await db.transaction().execute(async (trx) => {
        for (const o of orders) {
          await trx.updateTable("orders").set({ status: o.status }).where("id", "=", o.id).execute();
        }
      });
      return orders.length;
    },
    async teardown() {
      await db.destroy();
    },
  };
}

export default defineSystem(
  {
    id: "kysely",
    label: `Kysely ${packageVersion("kysely")}`,
    supports: ["pg", "sqlite", "mysql"],
    notes:
      "query builder, plain rows; W3 = jsonArrayFrom helper (one query, JSON sub-select; SQLite and MySQL add " +
      "ParseJSONResultsPlugin to that query; on MariaDB without the helper's MySQL-only cast to json); W4 = insertInto().values() in chunks of 1,000 in a transaction; " +
      "W5 = updateTable() per row in a transaction. PG: PostgresDialect on pg.Pool; MySQL: MysqlDialect on a mysql2 pool.",
  },
  (db) =>
    db.kind === "pg"
      ? connectPg(db.url)
      : db.kind === "mysql"
        ? connectKyselyMysql(db.url)
        : connectSqlite(db.file),
);
