import type { Connection, Engine, Logger } from "../../../src/index.js";
import type { DatabaseName } from "../../support/databases.js";

/** Records the SQL an engine sends (beforeExecute), for assertions on statement counts. */
export function recordSql(engine: Engine): { readonly sql: string[]; stop(): void } {
  const sql: string[] = [];
  const listener = (e: { sql: string }) => {
    sql.push(e.sql);
  };
  engine.on("beforeExecute", listener);
  return { sql, stop: () => engine.off("beforeExecute", listener) };
}

/** A logger that keeps what echo writes. */
export function memoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), debug: (m) => lines.push(m) };
}

/** The session's isolation level, as the database names it (upper case, spaces). */
export async function sessionIsolation(conn: Connection, name: DatabaseName): Promise<string> {
  const sql =
    name === "mysql"
      ? "SELECT @@session.tx_isolation"
      : name === "sqlite"
        ? "PRAGMA read_uncommitted"
        : "SHOW transaction_isolation";
  const value = String((await conn.executeDriverSql(sql)).scalar());
  if (name === "sqlite") return value === "1" ? "READ UNCOMMITTED" : "SERIALIZABLE";
  return value.toUpperCase().replace("-", " ");
}

/** The server's id of a connection's session (PostgreSQL backend pid, MySQL connection id). */
export async function backendId(conn: Connection, name: DatabaseName): Promise<number> {
  const sql = name === "mysql" ? "SELECT CONNECTION_ID()" : "SELECT pg_backend_pid()";
  return Number((await conn.executeDriverSql(sql)).scalar());
}

/** Kills a server session from another connection. */
export async function killBackend(engine: Engine, name: DatabaseName, id: number): Promise<void> {
  await using admin = await engine.connect();
  await admin.executionOptions({ isolationLevel: "AUTOCOMMIT" });
  if (name === "mysql") await admin.executeDriverSql(`KILL ${id}`);
  else await admin.executeDriverSql("SELECT pg_terminate_backend($1)", [id]);
}

/** Whether the database runs as a server (sessions can be killed from outside). */
export const isServer = (name: DatabaseName): boolean => name === "postgresql" || name === "mysql";

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
