/**
 * Prisma ORM 7 with its driver adapters: @prisma/adapter-pg (node-postgres pool) and
 * @prisma/adapter-better-sqlite3. Prisma 7 has no Rust query engine: the TypeScript client compiles queries
 * with a WebAssembly query compiler and runs them through the adapter.
 *
 * The two clients are generated offline by scripts/prisma-generate.mjs from prisma/pg.prisma and
 * prisma/sqlite.prisma (hand-written to match the harness's tables; Prisma does not create them).
 * Idiomatic calls: findUnique (W1; Prisma has no identity map), findMany (W2), findMany with
 * `include: { orders: true }` (W3, the default "query" load strategy: relationJoins is still a preview
 * feature), createMany (W4), and a batch $transaction of one update() per order (W5; Prisma's documented way
 * to update many rows with different values).
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PgClient } from "../../node_modules/.bench-prisma/pg/client.ts";
import { PrismaClient as SqliteClient } from "../../node_modules/.bench-prisma/sqlite/client.ts";
import { defineSystem, packageVersion, type Session } from "../system.ts";

export default defineSystem(
  {
    id: "prisma",
    label: `Prisma ${packageVersion("@prisma/client")}`,
    supports: ["pg", "sqlite"],
    notes:
      "prisma-client generator (generated offline), driver adapters (adapter-pg / adapter-better-sqlite3); " +
      "findUnique / findMany / findMany({ include }) (default query strategy) / createMany / " +
      "$transaction([update, ...]).",
  },
  async (db): Promise<Session> => {
    // The two generated clients have the same model API; the PostgreSQL one's types stand for both.
    const prisma: PgClient =
      db.kind === "pg"
        ? new PgClient({ adapter: new PrismaPg({ connectionString: db.url }) })
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
