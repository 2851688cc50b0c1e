/**
 * Prisma ORM 7 with its driver adapters: @prisma/adapter-pg (node-postgres pool),
 * @prisma/adapter-better-sqlite3 and, on MySQL/MariaDB, @prisma/adapter-mariadb (the `mariadb` driver: Prisma
 * has no mysql2 adapter, so Prisma's statements there are not in the statements table's counts). Prisma 7 has no Rust query engine: the TypeScript client compiles queries
 * with a WebAssembly query compiler and runs them through the adapter.
 *
 * The three clients are generated offline by scripts/prisma-generate.mjs from prisma/pg.prisma,
 * prisma/sqlite.prisma and prisma/mysql.prisma (hand-written to match the harness's tables; Prisma does not create them).
 * Idiomatic calls: findUnique (W1; Prisma has no identity map), findMany (W2), findMany with
 * `include: { orders: true }` (W3, the default "query" load strategy: relationJoins is still a preview
 * feature), createMany (W4), and a batch $transaction of one update() per order (W5; Prisma's documented way
 * to update many rows with different values).
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as MysqlClient } from "../../node_modules/.bench-prisma/mysql/client.ts";
import { PrismaClient as PgClient } from "../../node_modules/.bench-prisma/pg/client.ts";
import { PrismaClient as SqliteClient } from "../../node_modules/.bench-prisma/sqlite/client.ts";
import { defineSystem, packageVersion, type Session } from "../system.ts";

/** The MariaDB adapter's pool, on the benchmark database, in UTC like every other MySQL connection. */
function mariadbAdapter(url: string): PrismaMariaDb {
  const u = new URL(url);
  return new PrismaMariaDb({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    timezone: "Z",
  });
}

export default defineSystem(
  {
    id: "prisma",
    label: `Prisma ${packageVersion("@prisma/client")}`,
    supports: ["pg", "sqlite", "mysql"],
    notes:
      "prisma-client generator (generated offline), driver adapters (adapter-pg / adapter-better-sqlite3 / " +
      "adapter-mariadb, whose driver the statement counter does not see); " +
      "findUnique / findMany / findMany({ include }) (default query strategy) / createMany / " +
      "$transaction([update, ...]).",
  },
  async (db): Promise<Session> => {
    // The generated clients have the same model API; the PostgreSQL one's types stand for all three.
    const prisma: PgClient =
      db.kind === "pg"
        ? new PgClient({ adapter: new PrismaPg({ connectionString: db.url }) })
        : db.kind === "mysql"
          ? (new MysqlClient({ adapter: mariadbAdapter(db.url) }) as unknown as PgClient)
          : (new SqliteClient({
              adapter: new PrismaBetterSqlite3({ url: `file:${db.file}` }),
            }) as unknown as PgClient);
    await prisma.$connect();
    if (db.kind === "sqlite") {
      // The adapter opens one better-sqlite3 connection; enforce the declared foreign key on it, as every
      // other SQLite connection in the benchmark does.
      await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    }
    const firstOrders = (limit: number) => prisma.order.findMany({ orderBy: { id: "asc" }, take: limit });

    return {
      findCustomer: (id) => prisma.customer.findUnique({ where: { id } }),
      loadOrders: firstOrders,
      loadCustomersWithOrders: (limit) =>
        prisma.customer.findMany({ include: { orders: true }, orderBy: { id: "asc" }, take: limit }),
      async insertOrders(rows) {
        await prisma.order.createMany({
          data: rows.map((r) => ({
            customerId: r.customerId,
            status: r.status,
            total: r.total,
            note: r.note,
            createdAt: r.createdAt,
          })),
        });
      },
      async updateOrderStatuses(limit, nextStatus) {
        const list = await firstOrders(limit);
        await prisma.$transaction(
          list.map((o) => prisma.order.update({ where: { id: o.id }, data: { status: nextStatus(o.id) } })),
        );
        return list.length;
      },
      async teardown() {
        await prisma.$disconnect();
      },
    };
  },
);
