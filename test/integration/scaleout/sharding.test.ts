import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  column,
  createEngine,
  declarativeBase,
  delete_,
  type Engine,
  ForeignKey,
  func,
  Integer,
  IntegrityError,
  relationship,
  select,
  selectinload,
  shardedSessionmaker,
  Text,
  update,
} from "../../../src/index.js";
import {
  configuredDatabases,
  type DatabaseName,
  type Provisioned,
  provision,
} from "../../support/databases.js";

const Base = declarativeBase();
class Customer extends Base.table("customers", {
  id: column(Integer).primaryKey(),
  region: column(Text),
  name: column(Text),
}) {
  static orders = relationship(() => Order, { backPopulates: "customer", cascade: "all, delete-orphan" });
  declare orders: Order[];
}
class Order extends Base.table("orders", {
  id: column(Integer).primaryKey(),
  customerId: column(Integer, ForeignKey("customers.id")),
  amount: column(Integer),
}) {
  static customer = relationship(() => Customer, { backPopulates: "orders" });
  declare customer: Customer;
}

// Two shards of one kind of database: SQLite files always, PostgreSQL databases with a server.
const kinds = configuredDatabases().filter((d): d is DatabaseName => d === "sqlite" || d === "postgresql");

for (const kind of kinds) {
  describe(`sharded sessions over two ${kind} databases`, () => {
    const dbs: Provisioned[] = [];
    let eu: Engine;
    let us: Engine;
    const chosen: string[][] = [];

    function factory() {
      return shardedSessionmaker({
        shards: { eu, us },
        shardChooser: (_mapper, obj) => {
          const region = obj instanceof Order ? obj.customer.region : (obj as Customer).region;
          return region === "us" ? "us" : "eu";
        },
        // Keys are laid out by range: 1-999 in eu, 1000 and up in us (a lookup tries that one first).
        identityChooser: (_mapper, pk) => (Number(pk) >= 1000 ? ["us", "eu"] : ["eu", "us"]),
        // Every shard, unless the caller names a region (an execution option of its own).
        queryChooser: (_stmt, { options }) => {
          const region = options?.region as string | undefined;
          const ids = region === undefined ? ["eu", "us"] : [region];
          chosen.push(ids);
          return ids;
        },
        expireOnCommit: true,
      });
    }

    beforeAll(async () => {
      for (let i = 0; i < 2; i++) dbs.push(await provision(kind, { file: true }));
      eu = createEngine(dbs[0]!.url);
      us = createEngine(dbs[1]!.url);
      for (const e of [eu, us]) await Base.metadata.createAll(e);
    });
    beforeEach(async () => {
      chosen.length = 0;
      for (const e of [eu, us])
        await e.begin(async (c) => {
          await c.execute(delete_(Order));
          await c.execute(delete_(Customer));
        });
    });
    afterAll(async () => {
      await eu?.dispose();
      await us?.dispose();
      for (const d of dbs) await d.cleanup();
    });

    const countIn = async (engine: Engine, model: typeof Customer | typeof Order) =>
      Number(await engine.begin(async (c) => c.scalar(select(func.count()).selectFrom(model))));

    it("places new objects (and what they cascade to) on the shard shardChooser names", async () => {
      const ShardedSession = factory();
      await ShardedSession.begin(async (db) => {
        const anna = new Customer({ id: 1, region: "eu", name: "Anna" });
        anna.orders.push(new Order({ id: 1, amount: 10 }), new Order({ id: 2, amount: 20 }));
        const bob = new Customer({ id: 1000, region: "us", name: "Bob" });
        bob.orders.push(new Order({ id: 1000, amount: 30 }));
        db.addAll([anna, bob]);
        expect(db.shardOf(anna)).toBe("eu");
        expect(db.shardOf(bob)).toBe("us");
        expect(db.shardOf(bob.orders[0]!)).toBe("us");
      });
      expect([await countIn(eu, Customer), await countIn(eu, Order)]).toEqual([1, 2]);
      expect([await countIn(us, Customer), await countIn(us, Order)]).toEqual([1, 1]);
    });

    it("get() asks identityChooser, and identities carry the shard: one primary key per shard", async () => {
      const ShardedSession = factory();
      await ShardedSession.begin(async (db) => {
        db.add(new Customer({ id: 7, region: "eu", name: "Eve (eu)" }));
        db.add(new Customer({ id: 7, region: "us", name: "Eve (us)" }));
        db.add(new Customer({ id: 1001, region: "us", name: "Uma" }));
      });
      await using db = ShardedSession();
      const eve = await db.get(Customer, 7);
      expect(eve?.name).toBe("Eve (eu)");
      const eveUs = await db.get(Customer, 7, { shardId: "us" });
      expect(eveUs?.name).toBe("Eve (us)");
      expect(eveUs).not.toBe(eve);
      expect(db.identityKey(eve!)).toEqual({ model: Customer, key: 7, shard: "eu" });
      expect(db.identityKey(eveUs!)).toEqual({ model: Customer, key: 7, shard: "us" });
      // Found on the second shard tried, and the same object on the next lookup (identity map).
      const uma = await db.get(Customer, 1001);
      expect(uma?.name).toBe("Uma");
      expect(await db.get(Customer, 1001)).toBe(uma);
      expect(await db.get(Customer, 4242)).toBeNull();
    });

    it("fans a select out to the shards queryChooser names and concatenates the rows", async () => {
      const ShardedSession = factory();
      await ShardedSession.begin(async (db) => {
        for (let i = 0; i < 5; i++) {
          const c = new Customer({ id: 10 + i, region: i % 2 ? "us" : "eu", name: `c${i}` });
          c.orders.push(new Order({ id: 100 + i, amount: i }));
          db.add(c);
        }
      });
      await using db = ShardedSession();
      const customers = (
        await db.scalars(select(Customer).orderBy(Customer.id).options(selectinload(Customer.orders)))
      ).all();
      // Per shard in order (ORDER BY applies within each shard): eu's 10, 12, 14 then us's 11, 13.
      expect(customers.map((c) => c.id)).toEqual([10, 12, 14, 11, 13]);
      expect(customers.map((c) => c.orders.map((o) => o.id))).toEqual([[100], [102], [104], [101], [103]]);
      expect(customers.map((c) => db.shardOf(c))).toEqual(["eu", "eu", "eu", "us", "us"]);
      const amounts = (await db.execute(select(Order.id, Order.amount).orderBy(Order.id))).all();
      expect(amounts.map((r) => r.amount)).toEqual([0, 2, 4, 1, 3]);
      expect(
        (await db.scalars(select(Customer.name).orderBy(Customer.id), undefined, { shardId: "us" })).all(),
      ).toEqual(["c1", "c3"]);
      expect(
        (await db.scalars(select(Customer.name).orderBy(Customer.id), undefined, { region: "eu" })).all(),
      ).toEqual(["c0", "c2", "c4"]);
      expect(chosen.at(-1)).toEqual(["eu"]);
      // An UPDATE fanned out counts the rows of every shard.
      const res = await db.execute(update(Order).values({ amount: 0 }));
      expect(res.rowCount).toBe(5);
      await db.commit();
    });

    it("a flush across shards writes each shard; changes to objects go to their own shard", async () => {
      const ShardedSession = factory();
      await ShardedSession.begin(async (db) => {
        db.add(new Customer({ id: 20, region: "eu", name: "a" }));
        db.add(new Customer({ id: 1020, region: "us", name: "b" }));
      });
      await using db = ShardedSession();
      const [a, b] = [await db.get(Customer, 20), await db.get(Customer, 1020)];
      a!.name = "a2";
      b!.name = "b2";
      await db.load(b!, "orders");
      b!.orders.push(new Order({ id: 1021, amount: 5 }));
      db.add(new Customer({ id: 21, region: "eu", name: "new" }));
      expect(db.dirty).toHaveLength(2);
      await db.commit();
      const names = async (engine: Engine) =>
        engine.begin(async (c) => (await c.scalars(select(Customer.name).orderBy(Customer.id))).all());
      expect(await names(eu)).toEqual(["a2", "new"]);
      expect(await names(us)).toEqual(["b2"]);
      expect(await countIn(us, Order)).toBe(1);
    });

    it("a flush that fails on one shard commits no shard", async () => {
      const ShardedSession = factory();
      await ShardedSession.begin(async (db) => {
        db.add(new Customer({ id: 1030, region: "us", name: "taken" }));
      });
      const db = ShardedSession();
      db.add(new Customer({ id: 30, region: "eu", name: "fine" }));
      db.add(new Customer({ id: 1030, region: "us", name: "duplicate" }));
      await expect(db.commit()).rejects.toBeInstanceOf(IntegrityError);
      await db.rollback();
      await db.close();
      expect(await countIn(eu, Customer)).toBe(0);
      expect(await countIn(us, Customer)).toBe(1);
    });

    it("refuses an unknown shard and an object of no shard with errors naming the fix", async () => {
      const ShardedSession = factory();
      await using db = ShardedSession();
      expect(() => db.shard("asia")).toThrow(/No shard 'asia'; the shards are 'eu', 'us'/);
      expect(() => db.delete(new Customer({ id: 1, region: "eu", name: "x" }))).toThrow(/add\(\) it first/);
      expect(() => shardedSessionmaker({ ...ShardedSession.options, shards: {} })).toThrow(
        /at least one shard/,
      );
    });
  });
}
