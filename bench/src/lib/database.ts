/**
 * The harness's own access to each database (raw drivers, never timed): create the schema, seed it,
 * clean up after W4, and read back what the workloads wrote, to verify it.
 */
import { mkdirSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DbKind, DbTarget } from "../system.ts";
import { type DataSet, EPOCH_2020, sqliteTimestamp } from "./data.ts";

export interface Admin {
  readonly kind: DbKind;
  readonly target: DbTarget;
  /** Server / library version, for the report. */
  readonly version: string;
  /** Drop, create and seed both tables, then gather statistics. */
  seed(data: DataSet): Promise<void>;
  /** Delete the rows W4 inserted (id above the seeded range), then vacuum (see vacuum()). */
  cleanupInserted(maxSeededId: number): Promise<void>;
  /**
   * Leave the database as every run should find it: PostgreSQL VACUUM (dead rows reclaimed); SQLite
   * checkpoints its write-ahead log, so that no run pays for the checkpoint an earlier run's writes
   * made due (SQLite runs it in whichever COMMIT crosses 1,000 pages of log).
   */
  vacuum(): Promise<void>;
  /** W4 check: count, sum of totals in cents and null notes of rows above the seeded range. */
  insertedSummary(
    maxSeededId: number,
  ): Promise<{ count: number; totalCents: number; nullNotes: number; createdAtMsSum: number | null }>;
  /**
   * W5 check: status of orders 1..limit, by id, and whether created_at still holds exactly what the harness
   * seeded (a W5 must write the status only; a peer that rewrites another column is caught here).
   */
  w5Rows(limit: number, data: DataSet): Promise<{ status: string; createdAtIntact: boolean }[]>;
  close(): Promise<void>;
}

const PG_DDL = `
DROP TABLE IF EXISTS orders;
DROP TABLE IF EXISTS customers;
CREATE TABLE customers (
  id serial PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL UNIQUE,
  city text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  status text NOT NULL,
  total numeric(10, 2) NOT NULL,
  note text,
  created_at timestamptz NOT NULL
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
`;

const SQLITE_DDL = `
DROP TABLE IF EXISTS orders;
DROP TABLE IF EXISTS customers;
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  city TEXT NOT NULL,
  created_at DATETIME NOT NULL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  status TEXT NOT NULL,
  total NUMERIC(10, 2) NOT NULL,
  note TEXT,
  created_at DATETIME NOT NULL
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
`;

/** Creates the benchmark database if needed (connecting to a maintenance database of the same server). */
async function ensurePgDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== "3D000") throw explainPg(err, url);
  }
  let lastError: unknown;
  for (const maintenance of ["postgres", "root", "template1"]) {
    const adminUrl = new URL(url);
    adminUrl.pathname = `/${maintenance}`;
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    try {
      await admin.connect();
    } catch (err) {
      lastError = err;
      continue;
    }
    try {
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } catch (err) {
      if ((err as { code?: string }).code !== "42P04") throw err; // 42P04: already exists (a race)
    } finally {
      await admin.end();
    }
    return;
  }
  throw explainPg(lastError, url);
}

function explainPg(err: unknown, url: string): Error {
  const message = err instanceof Error ? err.message : String(err);
  return new Error(
    `Cannot reach PostgreSQL at ${url} (${message}).\n` +
      "Start it (e.g. pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), set BENCH_PG_URL, " +
      "or run with --only=sqlite.",
  );
}

export async function openPgAdmin(url: string): Promise<Admin> {
  await ensurePgDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SET client_min_messages = warning");
  const version = ((await client.query("SHOW server_version")).rows[0] as { server_version: string })
    .server_version;
  return {
    kind: "pg",
    target: { kind: "pg", url },
    version: `PostgreSQL ${version}`,
    async seed(data) {
      await client.query(PG_DDL);
      const c = data.customers;
      await client.query("BEGIN");
      await client.query(
        `INSERT INTO customers (id, name, email, city, created_at)
         SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])`,
        [
          c.name.map((_, i) => i + 1),
          c.name,
          c.email,
          c.city,
          c.createdAt.map((ms) => new Date(ms).toISOString()),
        ],
      );
      const o = data.orders;
      const chunk = 25_000;
      for (let start = 0; start < o.status.length; start += chunk) {
        const end = Math.min(start + chunk, o.status.length);
        const ids: number[] = [];
        for (let i = start; i < end; i++) ids.push(i + 1);
        await client.query(
          `INSERT INTO orders (id, customer_id, status, total, note, created_at)
           SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::numeric[], $5::text[], $6::timestamptz[])`,
          [
            ids,
            Array.from(o.customerId.subarray(start, end)),
            o.status.slice(start, end),
            o.total.slice(start, end),
            o.note.slice(start, end),
            o.createdAt.slice(start, end).map((ms) => new Date(ms).toISOString()),
          ],
        );
      }
      await client.query("SELECT setval('customers_id_seq', (SELECT max(id) FROM customers))");
      await client.query("SELECT setval('orders_id_seq', (SELECT max(id) FROM orders))");
      await client.query("COMMIT");
      await client.query("VACUUM (ANALYZE) customers");
      await client.query("VACUUM (ANALYZE) orders");
    },
    async cleanupInserted(maxSeededId) {
      await client.query("DELETE FROM orders WHERE id > $1", [maxSeededId]);
      await client.query("VACUUM orders");
    },
    async vacuum() {
      await client.query("VACUUM orders");
    },
    async insertedSummary(maxSeededId) {
      const r = await client.query(
        `SELECT count(*)::int AS count, coalesce(sum(total * 100), 0)::bigint AS cents,
                count(*) FILTER (WHERE note IS NULL)::int AS null_notes,
                sum(round(extract(epoch FROM created_at) * 1000) - $2)::bigint AS ms
         FROM orders WHERE id > $1`,
        [maxSeededId, EPOCH_2020],
      );
      const row = r.rows[0] as { count: number; cents: string; null_notes: number; ms: string | null };
      return {
        count: row.count,
        totalCents: Number(row.cents),
        nullNotes: row.null_notes,
        createdAtMsSum: row.ms === null ? null : Number(row.ms),
      };
    },
    async w5Rows(limit, data) {
      const r = await client.query("SELECT status, created_at FROM orders WHERE id <= $1 ORDER BY id", [
        limit,
      ]);
      return r.rows.map((row: { status: string; created_at: Date }, i: number) => ({
        status: row.status,
        createdAtIntact: row.created_at.getTime() === data.orders.createdAt[i],
      }));
    },
    async close() {
      await client.end();
    },
  };
}

/** Opens the SQLite file; `fresh` (the harness, before seeding) deletes it first, a probe keeps it. */
export async function openSqliteAdmin(file: string, fresh = true): Promise<Admin> {
  mkdirSync(dirname(file), { recursive: true });
  if (fresh) for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  const db = new Database(file);
  // WAL is a property of the file, so every connection (each peer opens its own) gets it. It is the
  // journal mode better-sqlite3's documentation recommends for performance.
  db.pragma("journal_mode = WAL");
  const version = (db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;
  return {
    kind: "sqlite",
    target: { kind: "sqlite", file },
    version: `SQLite ${version} (better-sqlite3)`,
    async seed(data) {
      db.exec(SQLITE_DDL);
      const insertCustomer = db.prepare(
        "INSERT INTO customers (id, name, email, city, created_at) VALUES (?, ?, ?, ?, ?)",
      );
      const insertOrder = db.prepare(
        "INSERT INTO orders (id, customer_id, status, total, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      );
      db.transaction(() => {
        const c = data.customers;
        for (let i = 0; i < c.name.length; i++) {
          insertCustomer.run(i + 1, c.name[i], c.email[i], c.city[i], sqliteTimestamp(c.createdAt[i]!));
        }
        const o = data.orders;
        for (let i = 0; i < o.status.length; i++) {
          insertOrder.run(
            i + 1,
            o.customerId[i],
            o.status[i],
            o.total[i],
            o.note[i],
            sqliteTimestamp(o.createdAt[i]!),
          );
        }
      })();
      db.exec("ANALYZE");
      db.pragma("wal_checkpoint(TRUNCATE)");
    },
    async cleanupInserted(maxSeededId) {
      db.prepare("DELETE FROM orders WHERE id > ?").run(maxSeededId);
      db.pragma("wal_checkpoint(TRUNCATE)");
    },
    async vacuum() {
      db.pragma("wal_checkpoint(TRUNCATE)");
    },
    async insertedSummary(maxSeededId) {
      const row = db
        .prepare(
          // Each peer writes created_at in its own text format (or, for MikroORM's default type, as epoch
          // milliseconds); julianday() reads them all, so the check compares instants.
          `SELECT count(*) AS count, coalesce(sum(CAST(round(total * 100) AS INTEGER)), 0) AS cents,
                  sum(note IS NULL) AS null_notes,
                  sum(CAST(round((julianday(created_at) - 2440587.5) * 86400000) AS INTEGER) - ?) AS ms
           FROM orders WHERE id > ?`,
        )
        .get(EPOCH_2020, maxSeededId) as {
        count: number;
        cents: number;
        null_notes: number | null;
        ms: number | null;
      };
      return {
        count: row.count,
        totalCents: row.cents,
        nullNotes: row.null_notes ?? 0,
        createdAtMsSum: row.ms,
      };
    },
    async w5Rows(limit, data) {
      const rows = db
        .prepare("SELECT status, created_at FROM orders WHERE id <= ? ORDER BY id")
        .all(limit) as {
        status: string;
        created_at: unknown;
      }[];
      return rows.map((row, i) => ({
        status: row.status,
        createdAtIntact: row.created_at === sqliteTimestamp(data.orders.createdAt[i]!),
      }));
    },
    async close() {
      db.close();
    },
  };
}
