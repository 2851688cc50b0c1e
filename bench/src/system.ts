/**
 * The contract between the harness and one benchmarked system (a raw driver or an ORM).
 *
 * A system module lives in `src/systems/<id>.ts` and default-exports a {@link SystemFactory}. The harness
 * discovers every module in that folder by itself, so adding a system (Athanor, later) is one new file and
 * no change to the harness.
 */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export type DbKind = "pg" | "sqlite" | "mysql";

export interface PgTarget {
  readonly kind: "pg";
  /** Connection string of the benchmark database, e.g. postgresql://root@127.0.0.1:5432/athanor_bench. */
  readonly url: string;
}

export interface SqliteTarget {
  readonly kind: "sqlite";
  /** Absolute path of the SQLite database file. */
  readonly file: string;
}

export interface MysqlTarget {
  readonly kind: "mysql";
  /** Connection string of the benchmark database, e.g. mysql://root@127.0.0.1:3306/athanor_bench. */
  readonly url: string;
}

export type DbTarget = PgTarget | SqliteTarget | MysqlTarget;

/**
 * Schema (both databases; SQLite uses INTEGER PRIMARY KEY, DATETIME for created_at and NUMERIC for total):
 *   customers(id serial pk, name text, email text unique, city text, created_at timestamptz)
 *   orders(id serial pk, customer_id int fk -> customers (indexed), status text, total numeric(10,2),
 *          note text null, created_at timestamptz)
 *
 * On SQLite, created_at (declared DATETIME, as the peers' own migrations declare it) holds ISO-8601 text with
 * an explicit offset: `2021-03-04T05:06:07.123+00:00`.
 *
 * On MySQL/MariaDB: INT AUTO_INCREMENT ids, VARCHAR(255) for the text columns (a UNIQUE index needs a
 * bounded length), DECIMAL(10, 2) and DATETIME(3) holding UTC (every system's connection is set to UTC).
 */

/** One order to insert in W4. `total` is the exact decimal as a string, e.g. "123.45". */
export interface NewOrder {
  readonly customerId: number;
  readonly status: string;
  readonly total: string;
  readonly note: string | null;
  readonly createdAt: Date;
}

/**
 * The minimal shape the harness reads back to verify results (outside the timed part). Each library returns
 * its own entity objects (class instances, model instances, plain rows); they only need these properties.
 * The created_at value is checked too, under whichever name the library uses (`createdAt` or `created_at`).
 */
export interface CustomerLike {
  readonly id: number;
  readonly email: string;
}

export interface OrderLike {
  readonly id: number;
  readonly status: string;
}

/** `orders` may be an array or a library collection: only its `length` is read. */
export interface CustomerWithOrdersLike {
  readonly id: number;
  readonly orders: { readonly length: number };
}

export interface System {
  /** Short id used on the command line (`--systems=`) and in result files, e.g. "drizzle". */
  readonly id: string;
  /** Human-readable name with the version, e.g. "Drizzle ORM 0.45.4". */
  readonly label: string;
  /** Databases this system runs on. */
  readonly supports: readonly DbKind[];
  /** True for the raw driver that ratios are computed against (one per database). */
  readonly baseline?: boolean;
  /** One line on how the system is configured, copied into the results. */
  readonly notes?: string;

  /** Connect and initialise. Called once per database, before any workload; not timed. */
  setup(db: DbTarget): Promise<void>;

  /**
   * W1: look up one customer by primary key through a fresh session / entity manager / context, so the
   * lookup reaches the database. Called 2,000 times in a row per timed run.
   */
  findCustomer(id: number): Promise<CustomerLike | null>;

  /** W2: load the first `limit` orders by id, as entities, in one query. */
  loadOrders(limit: number): Promise<readonly OrderLike[]>;

  /** W3: load the first `limit` customers by id with all their orders, by the library's eager loading. */
  loadCustomersWithOrders(limit: number): Promise<readonly CustomerWithOrdersLike[]>;

  /** W4: insert the given orders through the library's normal entity / bulk path. */
  insertOrders(rows: readonly NewOrder[]): Promise<void>;

  /**
   * W5: load the first `limit` orders by id, set each one's status to `nextStatus(order.id)`, and persist the
   * change through the library's normal path. Returns the number of orders changed.
   */
  updateOrderStatuses(limit: number, nextStatus: (id: number) => string): Promise<number>;

  /** Close connections. Not timed. */
  teardown(): Promise<void>;
}

/** What a module in `src/systems/` default-exports: a function returning a fresh, not yet set up, system. */
export type SystemFactory = () => System;

/** The workload half of a System: what a connected system can do. */
export type Session = Pick<
  System,
  | "findCustomer"
  | "loadOrders"
  | "loadCustomersWithOrders"
  | "insertOrders"
  | "updateOrderStatuses"
  | "teardown"
>;

export interface SystemMeta {
  readonly id: string;
  readonly label: string;
  readonly supports: readonly DbKind[];
  readonly baseline?: boolean;
  readonly notes?: string;
}

/**
 * Optional helper for system modules: describe the system, and give a `connect` that sets it up for one
 * database and returns its workloads. Returns the factory to default-export.
 */
export function defineSystem(meta: SystemMeta, connect: (db: DbTarget) => Promise<Session>): SystemFactory {
  return () => {
    let session: Session | undefined;
    const s = (): Session => {
      if (!session) throw new Error(`${meta.id} is not set up`);
      return session;
    };
    return {
      ...meta,
      async setup(db) {
        if (!meta.supports.includes(db.kind)) throw new Error(`${meta.id} does not run on ${db.kind}`);
        session = await connect(db);
      },
      findCustomer: (id) => s().findCustomer(id),
      loadOrders: (limit) => s().loadOrders(limit),
      loadCustomersWithOrders: (limit) => s().loadCustomersWithOrders(limit),
      insertOrders: (rows) => s().insertOrders(rows),
      updateOrderStatuses: (limit, nextStatus) => s().updateOrderStatuses(limit, nextStatus),
      async teardown() {
        await session?.teardown();
        session = undefined;
      },
    };
  };
}

/** Splits rows into chunks (bulk inserts stay under the databases' bound-parameter limits). */
export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** SQLite created_at text for a Date: ISO-8601 with an explicit UTC offset. */
export function sqliteTimestamp(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

/** Reads the version of an installed package, for labels. */
export function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve(`${name}/package.json`));
  } catch {
    // Packages whose "exports" hide package.json: walk up from the main entry.
    dir = dirname(require.resolve(name));
    for (;;) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string };
        if (pkg.name === name) break;
      } catch {}
      const parent = dirname(dir);
      if (parent === dir) return "?";
      dir = parent;
    }
  }
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: string };
  return pkg.version ?? "?";
}
