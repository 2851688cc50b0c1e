/**
 * The harness's own access to MySQL/MariaDB (mysql2, never timed): create the database and the schema, seed
 * them, clean up after W4 and read back what the workloads wrote. The PostgreSQL and SQLite halves are in
 * database.ts.
 */
import { createConnection as createRawConnection, type Socket } from "node:net";
import mysql, { type Connection, type RowDataPacket } from "mysql2/promise";
import type { DataSet } from "./data.ts";
import { EPOCH_2020 } from "./data.ts";
import type { Admin } from "./database.ts";

/**
 * Text columns are VARCHAR(255): MySQL indexes (the UNIQUE on email) need a bounded length, and VARCHAR is
 * what the peers' own MySQL migrations declare for a string column. created_at is DATETIME(3) holding UTC
 * (every connection in the benchmark is set to UTC); total is DECIMAL(10, 2), read back as an exact string.
 */
const MYSQL_DDL = [
  "DROP TABLE IF EXISTS orders",
  "DROP TABLE IF EXISTS customers",
  `CREATE TABLE customers (
    id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name varchar(255) NOT NULL,
    email varchar(255) NOT NULL UNIQUE,
    city varchar(255) NOT NULL,
    created_at datetime(3) NOT NULL
  ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4`,
  `CREATE TABLE orders (
    id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id int NOT NULL,
    status varchar(255) NOT NULL,
    total decimal(10, 2) NOT NULL,
    note varchar(255) NULL,
    created_at datetime(3) NOT NULL,
    KEY orders_customer_id_idx (customer_id),
    CONSTRAINT orders_customer_id_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
  ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4`,
];

/** Rows per multi-row INSERT while seeding (well under max_allowed_packet's 16 MiB default). */
const SEED_CHUNK = 5_000;

/** mysql2 connection options every MySQL system in the benchmark shares: UTC dates, exact decimals. */
export function mysqlOptions(url: string): mysql.ConnectionOptions {
  return { uri: url, timezone: "Z", dateStrings: false, decimalNumbers: false };
}

/** True if something accepts TCP connections at the URL's host and port within a second. */
export async function mysqlReachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket: Socket = createRawConnection({ host: u.hostname, port: Number(u.port || 3306) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Connects to the benchmark database, creating it first (through a connection without a database). */
async function connect(url: string): Promise<Connection> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^\w+$/.test(name))
    throw new Error(`BENCH_MYSQL_URL must name a database (letters, digits, _): ${url}`);
  const serverUrl = new URL(url);
  serverUrl.pathname = "/";
  let server: Connection;
  try {
    server = await mysql.createConnection(mysqlOptions(serverUrl.toString()));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Cannot reach MySQL/MariaDB at ${url} (${message}).\n` +
        "Start the server, set BENCH_MYSQL_URL, or leave mysql out of --only / BENCH_DATABASES.",
    );
  }
  try {
    await server.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4`);
  } finally {
    await server.end();
  }
  const conn = await mysql.createConnection(mysqlOptions(url));
  await conn.query("SET time_zone = '+00:00'");
  return conn;
}

function serverLabel(version: string): string {
  const m = /^([\d.]+)-MariaDB/.exec(version);
  return m ? `MariaDB ${m[1]} (${version})` : `MySQL ${version}`;
}

export async function openMysqlAdmin(url: string): Promise<Admin> {
  const conn = await connect(url);
  const [versionRows] = await conn.query<RowDataPacket[]>("SELECT VERSION() AS v");
  const version = serverLabel(String(versionRows[0]!.v));
  return {
    kind: "mysql",
    target: { kind: "mysql", url },
    version,
    async seed(data: DataSet) {
      for (const ddl of MYSQL_DDL) await conn.query(ddl);
      await conn.beginTransaction();
      const c = data.customers;
      for (let start = 0; start < c.name.length; start += SEED_CHUNK) {
        const rows: unknown[][] = [];
        for (let i = start; i < Math.min(start + SEED_CHUNK, c.name.length); i++)
          rows.push([i + 1, c.name[i], c.email[i], c.city[i], new Date(c.createdAt[i]!)]);
        await conn.query("INSERT INTO customers (id, name, email, city, created_at) VALUES ?", [rows]);
      }
      const o = data.orders;
      for (let start = 0; start < o.status.length; start += SEED_CHUNK) {
        const rows: unknown[][] = [];
        for (let i = start; i < Math.min(start + SEED_CHUNK, o.status.length); i++)
          rows.push([i + 1, o.customerId[i], o.status[i], o.total[i], o.note[i], new Date(o.createdAt[i]!)]);
        await conn.query("INSERT INTO orders (id, customer_id, status, total, note, created_at) VALUES ?", [
          rows,
        ]);
      }
      await conn.commit();
      await conn.query("ANALYZE TABLE customers, orders");
    },
    async cleanupInserted(maxSeededId) {
      await conn.execute("DELETE FROM orders WHERE id > ?", [maxSeededId]);
    },
    async vacuum() {
      // InnoDB purges deleted rows in the background; there is no VACUUM to run.
    },
    async insertedSummary(maxSeededId) {
      // TIMESTAMPDIFF between two DATETIME values does not depend on any time zone setting.
      const [rows] = await conn.execute<RowDataPacket[]>(
        `SELECT count(*) AS count, coalesce(sum(total * 100), 0) AS cents,
                coalesce(sum(note IS NULL), 0) AS null_notes,
                sum(TIMESTAMPDIFF(MICROSECOND, ?, created_at) DIV 1000) AS ms
         FROM orders WHERE id > ?`,
        [new Date(EPOCH_2020), maxSeededId],
      );
      const row = rows[0] as { count: number; cents: string; null_notes: string; ms: string | null };
      return {
        count: Number(row.count),
        totalCents: Number(row.cents),
        nullNotes: Number(row.null_notes),
        createdAtMsSum: row.ms === null ? null : Number(row.ms),
      };
    },
    async w5Rows(limit, data) {
      const [rows] = await conn.execute<RowDataPacket[]>(
        "SELECT status, created_at FROM orders WHERE id <= ? ORDER BY id",
        [limit],
      );
      return (rows as { status: string; created_at: Date }[]).map((row, i) => ({
        status: row.status,
        createdAtIntact: row.created_at.getTime() === data.orders.createdAt[i],
      }));
    },
    async close() {
      await conn.end();
    },
  };
}
