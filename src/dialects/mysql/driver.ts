import type { Connection, ConnectionOptions, FieldPacket, ResultSetHeader } from "mysql2/promise";
import type { ConnectionUrl } from "../dialect.js";
import { type DriverConnection, type DriverResult, loadDriverModule } from "../driver.js";

type Mysql2Module = typeof import("mysql2/promise");

/** Connection options: exact numbers and JSON as text, UTC dates, matched-row counts. */
export function mysqlConnectionOptions(
  url: ConnectionUrl,
  connectArgs: Readonly<Record<string, unknown>>,
): ConnectionOptions {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(url.query))
    extra[k] = /^\d+$/.test(v) ? Number(v) : v === "true" ? true : v === "false" ? false : v;
  if (extra.connect_timeout !== undefined) {
    extra.connectTimeout = Number(extra.connect_timeout) * 1000;
    delete extra.connect_timeout;
  }
  return {
    host: url.host ?? "localhost",
    port: url.port ?? 3306,
    user: url.username ?? undefined,
    password: url.password ?? undefined,
    database: url.database ?? undefined,
    charset: "utf8mb4",
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    jsonStrings: true,
    dateStrings: false,
    timezone: "Z",
    // UPDATE reports rows matched, not rows changed: optimistic locking relies on it.
    flags: ["FOUND_ROWS"],
    ...extra,
    ...(connectArgs as ConnectionOptions),
  } as ConnectionOptions;
}

class MysqlConnection implements DriverConnection {
  readonly raw: Connection;
  readonly #open: () => Promise<Connection>;
  constructor(conn: Connection, open: () => Promise<Connection>) {
    this.raw = conn;
    this.#open = open;
    conn.on("error", () => undefined);
  }

  /** KILL QUERY from a second connection: MySQL has no cancel on the connection itself. */
  async cancel(): Promise<void> {
    const killer = await this.#open();
    try {
      await killer.query(`KILL QUERY ${Number(this.raw.threadId)}`);
    } finally {
      await killer.end().catch(() => killer.destroy());
    }
  }

  async execute(sql: string, params: readonly unknown[]): Promise<DriverResult> {
    const [res, fields] = (await this.raw.query({ sql, rowsAsArray: true }, params as unknown[])) as [
      unknown,
      FieldPacket[] | undefined,
    ];
    if (Array.isArray(res)) {
      return { rows: res as unknown[][], fields: (fields ?? []).map((f) => f.name), rowCount: res.length };
    }
    const header = res as ResultSetHeader;
    return { rows: [], fields: null, rowCount: header.affectedRows, lastInsertId: header.insertId };
  }

  async executeMany(sql: string, paramSets: readonly (readonly unknown[])[]): Promise<number> {
    let total = 0;
    for (const params of paramSets) total += (await this.execute(sql, params)).rowCount;
    return total;
  }

  /**
   * Streams rows, reading at most about one batch ahead: the socket is paused while a full
   * batch waits for its consumer. Errors of the connection itself (a killed session) end the
   * stream too: mysql2 reports those on the connection, not on the running query.
   */
  async *stream(
    sql: string,
    params: readonly unknown[],
    batchSize: number,
  ): AsyncIterable<{ fields: readonly string[]; rows: unknown[][] }> {
    const core = (this.raw as unknown as { connection: import("mysql2").Connection }).connection;
    const query = core.query({ sql, rowsAsArray: true }, params as unknown[]);
    let fields: string[] = [];
    let buffer: unknown[][] = [];
    let done = false;
    let error: unknown = null;
    let paused = false;
    let abandoned = false;
    let wake: (() => void) | null = null;
    const notify = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    query.on("fields", (f: FieldPacket[]) => {
      fields = f.map((x) => x.name);
    });
    query.on("result", (row: unknown) => {
      if (abandoned) return;
      buffer.push(row as unknown[]);
      if (buffer.length >= batchSize && !paused) {
        paused = true;
        core.pause();
      }
      notify();
    });
    query.on("error", (e: unknown) => {
      error ??= e;
      done = true;
      notify();
    });
    query.on("end", () => {
      done = true;
      notify();
    });
    const lost = (e: unknown) => {
      error ??=
        e ??
        Object.assign(new Error("Connection lost: the server closed the connection"), {
          code: "PROTOCOL_CONNECTION_LOST",
          fatal: true,
        });
      done = true;
      notify();
    };
    core.on("error", lost);
    core.on("end", lost);
    try {
      for (;;) {
        if (buffer.length >= batchSize || (done && buffer.length > 0)) {
          const rows = buffer.slice(0, batchSize);
          buffer = buffer.slice(batchSize);
          yield { fields, rows };
          continue;
        }
        if (error) throw error;
        if (done) return;
        if (paused) {
          // resume() may deliver buffered packets synchronously: look again before waiting.
          paused = false;
          core.resume();
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      core.off("error", lost);
      core.off("end", lost);
      if (!done) {
        // Abandoned mid-way: MySQL has no way to stop a result but to read it, so let the rest
        // flow by unbuffered; the connection's next command runs after it.
        abandoned = true;
        buffer = [];
        if (paused) core.resume();
      }
    }
  }

  async close(): Promise<void> {
    await this.raw.end().catch(() => this.raw.destroy());
  }
}

/** Connects with mysql2 and sets the session time zone to UTC. */
export async function connectMysql(
  url: ConnectionUrl,
  connectArgs: Readonly<Record<string, unknown>>,
): Promise<DriverConnection> {
  const mod = await loadDriverModule<{ default: Mysql2Module }>("mysql2/promise", String(url));
  const open = () =>
    (mod.default ?? (mod as unknown as Mysql2Module)).createConnection(
      mysqlConnectionOptions(url, connectArgs),
    );
  const conn = await open();
  await conn.query("SET time_zone = '+00:00'");
  return new MysqlConnection(conn, open);
}
