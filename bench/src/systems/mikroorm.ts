/**
 * MikroORM 6 (data mapper, unit of work, identity map), with @mikro-orm/postgresql (pg),
 * @mikro-orm/better-sqlite (better-sqlite3) and @mikro-orm/mysql (mysql2; MariaDB too).
 *
 * MikroORM 7 needs Node 22.17+; this machine runs Node 20, so the harness uses the 6.x line, the newest that
 * supports it. Entities are defined with EntitySchema, MikroORM's documented decorator-free form (the
 * harness runs everything with one tsconfig that mirrors the repository's, without legacy decorators).
 * Every workload forks a fresh EntityManager (`orm.em.fork()`), MikroORM's documented
 * way to get a clean identity map per request: W1 forks per lookup, so every findOne() reaches the database.
 * W3 is `populate: ['orders']` with the default load strategy; W4 is em.create() x 10,000 then one flush()
 * (the unit of work batches the INSERTs, in one transaction); W5 changes the loaded entities and flush()es
 * (batched UPDATEs).
 */
import { type Collection, EntitySchema, type MikroORM, Type } from "@mikro-orm/core";
import { type DbTarget, defineSystem, packageVersion, type Session, sqliteTimestamp } from "../system.ts";

interface Customer {
  id: number;
  name: string;
  email: string;
  city: string;
  createdAt: Date;
  orders: Collection<Order>;
}

interface Order {
  id: number;
  customer: Customer;
  status: string;
  total: string;
  note: string | null;
  createdAt: Date;
}

/**
 * SQLite: created_at holds ISO-8601 text, while MikroORM's SQLite platform stores dates as epoch
 * milliseconds and compares snapshots that way, so with the built-in type every flush would see created_at
 * as changed and rewrite it as a number. A custom type (MikroORM's documented way to map a column format)
 * keeps the text form on both sides of the comparison.
 */
class IsoTextDateType extends Type<Date, string> {
  override convertToDatabaseValue(value: Date | string): string {
    return value instanceof Date ? sqliteTimestamp(value) : value;
  }

  override convertToJSValue(value: Date | string): Date {
    return value instanceof Date ? value : new Date(value);
  }

  override compareAsType(): string {
    return "string";
  }

  override getColumnType(): string {
    return "datetime";
  }
}

/** Entity schemas for one database (only the timestamp mapping differs). */
function entities(kind: DbTarget["kind"]) {
  const createdAt =
    kind === "pg"
      ? ({ type: "datetime", columnType: "timestamptz" } as const)
      : kind === "mysql"
        ? ({ type: "datetime", columnType: "datetime(3)" } as const)
        : { type: IsoTextDateType };
  const customer = new EntitySchema<Customer>({
    name: "Customer",
    tableName: "customers",
    properties: {
      id: { type: "integer", primary: true },
      name: { type: "text" },
      email: { type: "text", unique: true },
      city: { type: "text" },
      createdAt,
      orders: { kind: "1:m", entity: "Order", mappedBy: "customer" },
    },
  });
  const order = new EntitySchema<Order>({
    name: "Order",
    tableName: "orders",
    properties: {
      id: { type: "integer", primary: true },
      customer: { kind: "m:1", entity: "Customer" },
      status: { type: "text" },
      total: { type: "decimal", precision: 10, scale: 2 },
      note: { type: "text", nullable: true },
      createdAt,
    },
  });
  return { customer, order };
}

export default defineSystem(
  {
    id: "mikroorm",
    label: `MikroORM ${packageVersion("@mikro-orm/core")}`,
    supports: ["pg", "sqlite", "mysql"],
    notes:
      "EntitySchema entities; a fresh em.fork() per unit of work (per lookup in W1); W3 = populate: ['orders'] " +
      "(default strategy); W4 = em.create() per order + one flush(); W5 = change loaded entities + flush(). " +
      "6.x line: 7.x needs Node 22.17+. MySQL: @mikro-orm/mysql, timezone +00:00.",
  },
  async (db): Promise<Session> => {
    const { customer: Customer, order: Order } = entities(db.kind);
    const common = { entities: [Customer, Order], debug: false, allowGlobalContext: false };
    let orm: MikroORM;
    if (db.kind === "pg") {
      const { MikroORM } = await import("@mikro-orm/postgresql");
      orm = await MikroORM.init({ ...common, clientUrl: db.url });
    } else if (db.kind === "mysql") {
      const { MikroORM } = await import("@mikro-orm/mysql");
      orm = await MikroORM.init({ ...common, clientUrl: db.url, timezone: "+00:00" });
    } else {
      const { MikroORM } = await import("@mikro-orm/better-sqlite");
      orm = await MikroORM.init({ ...common, dbName: db.file });
    }

    return {
      findCustomer: (id) => orm.em.fork().findOne(Customer, id),
      loadOrders: (limit) => orm.em.fork().find(Order, {}, { orderBy: { id: "asc" }, limit }),
      loadCustomersWithOrders: (limit) =>
        orm.em.fork().find(Customer, {}, { populate: ["orders"], orderBy: { id: "asc" }, limit }),
      async insertOrders(rows) {
        const em = orm.em.fork();
        for (const r of rows) {
          em.create(Order, {
            customer: r.customerId,
            status: r.status,
            total: r.total,
            note: r.note,
            createdAt: r.createdAt,
          });
        }
        await em.flush();
      },
      async updateOrderStatuses(limit, nextStatus) {
        const em = orm.em.fork();
        const list = await em.find(Order, {}, { orderBy: { id: "asc" }, limit });
        for (const o of list) o.status = nextStatus(o.id);
        await em.flush();
        return list.length;
      },
      async teardown() {
        await orm.close(true);
      },
    };
  },
);
