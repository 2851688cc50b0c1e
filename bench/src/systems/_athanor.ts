/**
 * Athanor (helper of athanor.ts and athanor-baseline.ts, which give it a build of the library): the ORM in
 * its idiomatic form, the way the seeds write SQLAlchemy.
 *
 * - W1: a fresh session per lookup, `db.get(Customer, id)`.
 * - W2: `db.scalars(select(Order).orderBy(Order.id).limit(n))`.
 * - W3: `select(Customer).options(selectinload(Customer.orders))`: one extra query per level.
 * - W4: `db.addAll(orders)` and commit: the unit of work writes batched multi-row INSERTs.
 * - W5: load, change `status`, commit: the unit of work writes one grouped UPDATE per batch.
 *
 * Sessions use `expireOnCommit: false`, as SQLAlchemy's asyncio documentation recommends.
 */
import type * as Athanor from "athanor";
import { defineSystem, type SystemFactory } from "../system.ts";

/** The bench's two tables as models of one build of Athanor. */
function models(a: typeof Athanor) {
  const { column, DateTime, declarativeBase, ForeignKey, Integer, Numeric, relationship, Text } = a;
  const Base = declarativeBase();

  class Customer extends Base.table("customers", {
    id: column(Integer).primaryKey(),
    name: column(Text),
    email: column(Text).unique(),
    city: column(Text),
    createdAt: column(DateTime({ timezone: true })),
  }) {
    static orders = relationship(() => Order, { backPopulates: "customer" });
    declare orders: Order[];
  }

  class Order extends Base.table("orders", {
    id: column(Integer).primaryKey(),
    customerId: column(Integer, ForeignKey("customers.id")),
    status: column(Text),
    total: column(Numeric(10, 2)),
    note: column(Text).nullable(),
    createdAt: column(DateTime({ timezone: true })),
  }) {
    static customer = relationship(() => Customer, { backPopulates: "orders" });
    declare customer: Customer;
  }

  return { Customer, Order };
}

/**
 * The Athanor system on the given build (`id` is the module's file name); `eager` is W3's loader
 * option (jsonload for athanor-json).
 */
export function athanorSystem(
  a: typeof Athanor,
  id: string,
  label: string,
  eager: "selectinload" | "jsonload" = "selectinload",
  isolationLevel?: "READ COMMITTED",
): SystemFactory {
  const { createEngine, select, sessionmaker } = a;
  const load = a[eager];
  const { Customer, Order } = models(a);
  return defineSystem(
    {
      id,
      label,
      supports: isolationLevel ? ["mysql"] : ["pg", "sqlite", "mysql"],
      notes:
        `ORM sessions (sessionmaker, expireOnCommit: false); W1 db.get per fresh session; W3 ${eager}; ` +
        "W4 addAll + commit (batched INSERT ... RETURNING); W5 attribute changes + commit (grouped UPDATE)." +
        (isolationLevel
          ? ` Engine isolationLevel ${isolationLevel}: BEGIN waits for the first write, so a read-only session sends only its SELECTs.`
          : ""),
    },
    async (db) => {
      const url = db.kind === "sqlite" ? `sqlite:///${db.file}` : db.url;
      const engine = createEngine(url, isolationLevel ? { isolationLevel } : {});
      const SessionLocal = sessionmaker({ bind: engine, expireOnCommit: false });
      return {
        async findCustomer(id) {
          const s = SessionLocal();
          try {
            return await s.get(Customer, id);
          } finally {
            await s.close();
          }
        },
        async loadOrders(limit) {
          const s = SessionLocal();
          try {
            return (await s.scalars(select(Order).orderBy(Order.id).limit(limit))).all();
          } finally {
            await s.close();
          }
        },
        async loadCustomersWithOrders(limit) {
          const s = SessionLocal();
          try {
            return (
              await s.scalars(
                select(Customer).orderBy(Customer.id).limit(limit).options(load(Customer.orders)),
              )
            ).all();
          } finally {
            await s.close();
          }
        },
        async insertOrders(rows) {
          await SessionLocal.begin(async (s) => {
            s.addAll(
              rows.map(
                (r) =>
                  new Order({
                    customerId: r.customerId,
                    status: r.status,
                    total: r.total,
                    note: r.note,
                    createdAt: r.createdAt,
                  }),
              ),
            );
          });
        },
        async updateOrderStatuses(limit, nextStatus) {
          return SessionLocal.begin(async (s) => {
            const orders = (await s.scalars(select(Order).orderBy(Order.id).limit(limit))).all();
            for (const o of orders) o.status = nextStatus(o.id);
            return orders.length;
          });
        },
        async teardown() {
          await engine.dispose();
        },
      };
    },
  );
}
