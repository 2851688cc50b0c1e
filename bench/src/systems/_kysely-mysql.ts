/**
 * Kysely on MySQL/MariaDB: MysqlDialect on a mysql2 pool; the MySQL half of kysely.ts, same calls.
 *
 * W3 is the "relations" recipe's `jsonArrayFrom` with explicit columns (JSON_OBJECT takes name/value
 * pairs). MariaDB has no JSON type of its own (JSON is LONGTEXT there), so the aggregated array comes back
 * as text: ParseJSONResultsPlugin parses it on that query, as on SQLite. On MariaDB the helper cannot run:
 * its `cast(... as json)` is MySQL-only syntax, and MariaDB does not resolve `customers.id` inside the
 * derived table the helper wraps the sub-select in. There W3 is the same aggregation written directly as a
 * correlated sub-select (json_arrayagg(json_object(...)) over orders), with Kysely's `sql` template.
 */
import { type ColumnType, type Generated, Kysely, MysqlDialect, ParseJSONResultsPlugin, sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/mysql";
import { createPool } from "mysql2";
import { mysqlOptions } from "../lib/database-mysql.ts";
import { chunks, type Session } from "../system.ts";

const INSERT_CHUNK = 1_000;

interface Database {
  customers: {
    id: Generated<number>;
    name: string;
    email: string;
    city: string;
    created_at: ColumnType<Date, Date, Date>;
  };
  orders: {
    id: Generated<number>;
    customer_id: number;
    status: string;
    total: string;
    note: string | null;
    created_at: ColumnType<Date, Date, Date>;
  };
}

const ORDER_COLUMNS = ["id", "customer_id", "status", "total", "note", "created_at"] as const;

/** The orders of `customers.id` as a JSON array, in one correlated sub-select MariaDB can run. */
const mariadbOrders = sql<unknown[]>`(select coalesce(json_arrayagg(json_object(${sql.join(
  ORDER_COLUMNS.map((c) => sql`${sql.lit(c)}, ${sql.ref(`orders.${c}`)}`),
)})), '[]') from orders where orders.customer_id = customers.id)`;

/** Connects Kysely to the benchmark database on MySQL/MariaDB. */
export async function connectKyselyMysql(url: string): Promise<Session> {
  const pool = createPool(mysqlOptions(url));
  const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool }) });
  const version = await sql<{ v: string }>`select version() as v`.execute(db);
  const mariadb = /MariaDB/i.test(version.rows[0]!.v);
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
          mariadb
            ? mariadbOrders.as("orders")
            : jsonArrayFrom(
                eb
                  .selectFrom("orders")
                  .select([...ORDER_COLUMNS].map((c) => `orders.${c}` as const))
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
