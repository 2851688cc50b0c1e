/**
 * TypeORM, with its `postgres` driver (pg pool) and its `better-sqlite3` driver.
 *
 * Entities are defined with EntitySchema, TypeORM's documented decorator-free form (same metadata, same
 * runtime path as decorated classes). The harness runs all TypeScript, Athanor's included, with one tsconfig
 * that mirrors the repository's (standard decorators, define-semantics class fields), so no peer relies on
 * legacy decorators or emitted decorator metadata.
 *
 * Idiomatic repository calls throughout: findOneBy (W1; TypeORM has no identity map, so every call reaches
 * the database), find with `take` (W2), find with `relations: { orders: true }` (W3, the default "join"
 * strategy), save() of new entities (W4: the unit-of-work path, in one transaction; on PostgreSQL TypeORM
 * batches it into multi-row INSERT ... RETURNING statements, on SQLite it sends one INSERT per entity) and
 * save() of the loaded, changed entities (W5). The better-sqlite3 driver caches prepared statements
 * (statementCacheSize, default 100).
 */
import { DataSource, EntitySchema, type Repository } from "typeorm";
import { type DbTarget, defineSystem, packageVersion, type Session } from "../system.ts";

interface Customer {
  id: number;
  name: string;
  email: string;
  city: string;
  createdAt: Date;
  orders?: Order[];
}

interface Order {
  id: number;
  customerId: number;
  customer?: Customer;
  status: string;
  total: string;
  note: string | null;
  createdAt: Date;
}

/** Entity schemas for one database (the timestamp column type differs: timestamptz / datetime). */
function entities(kind: DbTarget["kind"]) {
  const timestamp = kind === "pg" ? "timestamptz" : "datetime";
  const customer = new EntitySchema<Customer>({
    name: "Customer",
    tableName: "customers",
    columns: {
      id: { type: "integer", primary: true, generated: "increment" },
      name: { type: "text" },
      email: { type: "text", unique: true },
      city: { type: "text" },
      createdAt: { name: "created_at", type: timestamp },
    },
    relations: {
      orders: { type: "one-to-many", target: "Order", inverseSide: "customer" },
    },
  });
  const order = new EntitySchema<Order>({
    name: "Order",
    tableName: "orders",
    columns: {
      id: { type: "integer", primary: true, generated: "increment" },
      customerId: { name: "customer_id", type: "integer" },
      status: { type: "text" },
      total: { type: "numeric", precision: 10, scale: 2 },
      note: { type: "text", nullable: true },
      createdAt: { name: "created_at", type: timestamp },
    },
    relations: {
      customer: {
        type: "many-to-one",
        target: "Customer",
        inverseSide: "orders",
        joinColumn: { name: "customer_id" },
      },
    },
  });
  return { customer, order };
}

/** Rows per INSERT statement in W4's save() (TypeORM's `chunk` option; 10,000 rows x 5 columns would
 * exceed SQLite's bound-parameter limit in one statement). */
const SAVE_CHUNK = 1_000;

export default defineSystem(
  {
    id: "typeorm",
    label: `TypeORM ${packageVersion("typeorm")}`,
    supports: ["pg", "sqlite", "mysql"],
    notes:
      "EntitySchema entities, repositories: findOneBy / find({ take }) / find({ relations }) (default join " +
      "strategy) / save(new entities, { chunk: 1000 }) / save(changed entities). PG: postgres driver (pg pool); " +
      "SQLite: better-sqlite3 driver (prepared-statement cache); MySQL: mysql driver (mysql2 pool, timezone Z).",
  },
  async (db): Promise<Session> => {
    const schemas = entities(db.kind);
    const common = { entities: [schemas.customer, schemas.order], synchronize: false, logging: false };
    const dataSource = new DataSource(
      db.kind === "pg"
        ? { type: "postgres", url: db.url, ...common }
        : db.kind === "mysql"
          ? { type: "mysql", url: db.url, timezone: "Z", ...common }
          : { type: "better-sqlite3", database: db.file, ...common },
    );
    await dataSource.initialize();
    const customers: Repository<Customer> = dataSource.getRepository(schemas.customer);
    const orders: Repository<Order> = dataSource.getRepository(schemas.order);
    const firstOrders = (limit: number) => orders.find({ order: { id: "ASC" }, take: limit });

    return {
      findCustomer: (id) => customers.findOneBy({ id }),
      loadOrders: firstOrders,
      loadCustomersWithOrders: (limit) =>
        customers.find({ relations: { orders: true }, order: { id: "ASC" }, take: limit }) as Promise<
          (Customer & { orders: Order[] })[]
        >,
      async insertOrders(rows) {
        const entities = rows.map((r) =>
          orders.create({
            customerId: r.customerId,
            status: r.status,
            total: r.total,
            note: r.note,
            createdAt: r.createdAt,
          }),
        );
        await orders.save(entities, { chunk: SAVE_CHUNK });
      },
      async updateOrderStatuses(limit, nextStatus) {
        const list = await firstOrders(limit);
        for (const o of list) o.status = nextStatus(o.id);
        await orders.save(list);
        return list.length;
      },
      async teardown() {
        await dataSource.destroy();
      },
    };
  },
);
