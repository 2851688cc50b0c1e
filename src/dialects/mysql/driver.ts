import type {
  Connection,
  ConnectionOptions,
  ExecuteValues,
  FieldPacket,
  ResultSetHeader,
} from "mysql2/promise";
import type { ConnectionUrl } from "../dialect.js";
import {
  type DriverConnection,
  type DriverResult,
  type ExecuteOptions,
  loadDriverModule,
} from "../driver.js";
import { kPreparedStatements } from "../postgresql/driver-pg.js";

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
    // Statements kept prepared per connection (mysql2's default is 16,000): the server allows
    // max_prepared_stmt_count (16,382 by default) across all its sessions, so a pool of 15
    // connections in each of several processes must stay well below it.
    maxPreparedStatements: 128,
    // mysql2's promise API captures a stack trace for every statement (to give a failed one its
    // caller's frames); Athanor raises its own errors from the caller's async stack, so it is
    // work for nothing: 9 µs of CPU a statement, measured in a W1 profile on MariaDB (2,000
    // lookups, 180 ms of 1,050 ms CPU over 5 rounds).
    trace: false,
    ...extra,
    ...(connectArgs as ConnectionOptions),
  } as ConnectionOptions;
}

/** MySQL's error for a statement the binary protocol cannot prepare (ER_UNSUPPORTED_PS). */
const UNSUPPORTED_PS = 1295;

/**
 * Statements with more parameters go as text: mysql2 encodes a prepared statement's parameters in
 * JavaScript, which for the flush's multi-row INSERT (1,000 rows a statement) cost more than the
 * server's parse saves. Measured in one bench run (MariaDB, 8 rounds, prepared against text):
 * W4's 10,000 inserts 1.40x the CPU prepared, W2's 10,000-row reads 0.82x.
 */
const MAX_PREPARED_PARAMS = 100;
/** FieldPacket.columnType of FLOAT. */
const FLOAT_TYPE = 4;

/**
 * A FLOAT read through the binary protocol, as the text protocol gives it: mysql2 returns the
 * float32's exact double (1.100000023841858 for 1.1), the server's text the short decimal that
 * reads back to the same float32 (1.1).
 */
export function shortFloat32(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  for (let digits = 1; digits < 9; digits++) {
    const short = Number(value.toPrecision(digits));
    if (Math.fround(short) === value) return short;
  }
  return value;
}

class MysqlConnection implements DriverConnection {
  readonly raw: Connection;
  readonly #open: () => Promise<Connection>;
  /** Whether statements with a name (compiled ones, see ExecuteOptions.name) run prepared. */
  readonly #prepare: boolean;
  /** Named statements the server refused to prepare: sent as text from then on. */
  readonly #unpreparable = new Set<string>();
  constructor(conn: Connection, open: () => Promise<Connection>, prepare: boolean) {
    this.raw = conn;
    this.#open = open;
    this.#prepare = prepare;
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

  /**
   * Compiled statements (a name in `opts`) run as server-side prepared statements, through the
   * binary protocol, as mysql2 recommends for repeated queries; anything else as text. Measured
   * (mysql2 alone, CPU for 10 loads of 10,000 rows of six columns, MariaDB 10.11, rowsAsArray,
   * on a loaded 2-core machine): 60 ms prepared, 74 ms as text, the difference being every number
   * and date read back from its text; the server also skips parsing the statement again. mysql2
   * keeps each connection's prepared statements (the first run of a statement on a connection
   * costs one more round trip, to prepare it).
   */
  async execute(sql: string, params: readonly unknown[], opts?: ExecuteOptions): Promise<DriverResult> {
    const command = { sql, rowsAsArray: true };
    let res: unknown;
    let fields: FieldPacket[] | undefined;
    if (
      this.#prepare &&
      opts?.name !== undefined &&
      params.length <= MAX_PREPARED_PARAMS &&
      !this.#unpreparable.has(sql)
    ) {
      try {
        [res, fields] = (await this.raw.execute(command, params as ExecuteValues[])) as [
          unknown,
          FieldPacket[] | undefined,
        ];
        if (Array.isArray(res) && fields !== undefined) readFloatsAsText(res as unknown[][], fields);
      } catch (e) {
        if ((e as { errno?: number }).errno !== UNSUPPORTED_PS) throw e;
        this.#unpreparable.add(sql);
        return this.execute(sql, params);
      }
    } else {
      [res, fields] = (await this.raw.query(command, params as unknown[])) as [
        unknown,
        FieldPacket[] | undefined,
      ];
    }
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

/** The FLOAT columns of a prepared statement's rows, read as the text protocol would (shortFloat32). */
function readFloatsAsText(rows: unknown[][], fields: readonly FieldPacket[]): void {
  for (let i = 0; i < fields.length; i++) {
    if (fields[i]!.columnType !== FLOAT_TYPE) continue;
    for (const row of rows) {
      const v = row[i];
      if (typeof v === "number") row[i] = shortFloat32(v);
    }
  }
}

/**
 * Connects with mysql2 and sets the session time zone to UTC. Compiled statements run prepared
 * unless the engine's preparedStatements option is false.
 */
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
  const prepare = connectArgs[kPreparedStatements as unknown as string] !== false;
  return new MysqlConnection(conn, open, prepare);
}
