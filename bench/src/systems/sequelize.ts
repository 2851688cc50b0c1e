/**
 * Sequelize 6 (active record), with its postgres dialect (pg) and its sqlite dialect (the `sqlite3`
 * package: Sequelize's SQLite dialect only speaks to that driver, not to better-sqlite3).
 *
 * Models are defined with Model.init and `declare`d attributes, as Sequelize's TypeScript guide shows.
 * Idiomatic calls: findByPk (W1; no identity map, every call is a query), findAll with limit (W2, model
 * instances, not raw rows), findAll with `include` (W3, the documented eager loading), bulkCreate (W4, one
 * multi-row INSERT), and instance.save() for each changed instance inside a managed transaction (W5: Sequelize
 * has no unit of work; save() updates only the changed column).
 */
import {
  type CreationOptional,
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type NonAttribute,
  Sequelize,
} from "sequelize";
import sqlite3 from "sqlite3";
import { type DbKind, defineSystem, packageVersion, type Session } from "../system.ts";

function models(sequelize: Sequelize, kind: DbKind) {
  // MySQL's DATETIME keeps fractions only when declared with them; DATE(3) also makes Sequelize's mysql
  // dialect write the milliseconds (plain DATE truncates them to the second).
  const date = kind === "mysql" ? DataTypes.DATE(3) : DataTypes.DATE;
  class Order extends Model<InferAttributes<Order>, InferCreationAttributes<Order>> {
    declare id: CreationOptional<number>;
    declare customerId: number;
    declare status: string;
    declare total: string;
    declare note: string | null;
    declare createdAt: Date;
  }

  class Customer extends Model<InferAttributes<Customer>, InferCreationAttributes<Customer>> {
    declare id: CreationOptional<number>;
    declare name: string;
    declare email: string;
    declare city: string;
    declare createdAt: Date;
    declare orders?: NonAttribute<Order[]>;
  }

  Customer.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      name: { type: DataTypes.TEXT, allowNull: false },
      email: { type: DataTypes.TEXT, allowNull: false, unique: true },
      city: { type: DataTypes.TEXT, allowNull: false },
      createdAt: { type: date, allowNull: false, field: "created_at" },
    },
    { sequelize, tableName: "customers", timestamps: false },
  );
  Order.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      customerId: { type: DataTypes.INTEGER, allowNull: false, field: "customer_id" },
      status: { type: DataTypes.TEXT, allowNull: false },
      total: { type: DataTypes.DECIMAL(10, 2), allowNull: false },
      note: { type: DataTypes.TEXT, allowNull: true },
      createdAt: { type: date, allowNull: false, field: "created_at" },
    },
    { sequelize, tableName: "orders", timestamps: false },
  );
  Customer.hasMany(Order, { as: "orders", foreignKey: "customerId" });
  Order.belongsTo(Customer, { as: "customer", foreignKey: "customerId" });
  return { Customer, Order };
}

export default defineSystem(
  {
    id: "sequelize",
    label: `Sequelize ${packageVersion("sequelize")}`,
    supports: ["pg", "sqlite", "mysql"],
    notes:
      "Model.init models; findByPk / findAll({ limit }) (model instances) / findAll({ include }) / " +
      "bulkCreate / instance.save() per changed order in a managed transaction. SQLite through the sqlite3 " +
      `package ${packageVersion("sqlite3")} (SQLite ${sqlite3.VERSION}), the only driver Sequelize's SQLite ` +
      "dialect supports; it also runs PRAGMA table_info before every SELECT to learn column types. MySQL: " +
      "mysql dialect (mysql2), timezone +00:00, created_at as DATE(3) (plain DATE drops milliseconds).",
  },
  async (db): Promise<Session> => {
    const sequelize =
      db.kind === "pg"
        ? new Sequelize(db.url, { dialect: "postgres", logging: false })
        : db.kind === "mysql"
          ? new Sequelize(db.url, { dialect: "mysql", logging: false, timezone: "+00:00" })
          : new Sequelize({ dialect: "sqlite", storage: db.file, logging: false });
    const { Customer, Order } = models(sequelize, db.kind);
    await sequelize.authenticate();
    const firstOrders = (limit: number) => Order.findAll({ order: [["id", "ASC"]], limit });

    return {
      findCustomer: (id) => Customer.findByPk(id),
      loadOrders: firstOrders,
      loadCustomersWithOrders: async (limit) => {
        const list = await Customer.findAll({
          include: [{ model: Order, as: "orders" }],
          order: [["id", "ASC"]],
          limit,
        });
        return list as ((typeof list)[number] & { orders: unknown[] })[];
      },
      async insertOrders(rows) {
        await Order.bulkCreate(
          rows.map((r) => ({
            customerId: r.customerId,
            status: r.status,
            total: r.total,
            note: r.note,
            createdAt: r.createdAt,
          })),
        );
      },
      async updateOrderStatuses(limit, nextStatus) {
        const list = await firstOrders(limit);
        await sequelize.transaction(async (transaction) => {
          for (const o of list) {
            o.status = nextStatus(o.id);
            await o.save({ transaction });
          }
        });
        return list.length;
      },
      async teardown() {
        await sequelize.close();
      },
    };
  },
);
