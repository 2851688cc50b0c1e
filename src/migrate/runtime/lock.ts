/**
 * The database lock a migration run holds, so concurrent deploys cannot apply a migration twice:
 * a session advisory lock on PostgreSQL, GET_LOCK on MySQL. SQLite has no session lock; there
 * every transaction of a run is BEGIN EXCLUSIVE (see transactions.ts), and the runner re-reads
 * the version table inside each one.
 */
import { createHash } from "node:crypto";
import type { Connection } from "../../engine/connection.js";
import { LockTimeoutError } from "../errors.js";

/** A held lock. */
export interface MigrationLock {
  release(): Promise<void>;
}

const POLL_MS = 200;

/** A signed 64-bit advisory lock key for a version table (as text, bound as bigint). */
export function advisoryLockKey(versionTable: string, schema: string | null): string {
  const digest = createHash("sha256")
    .update(`athanor:${schema ?? ""}.${versionTable}`)
    .digest();
  return digest.readBigInt64BE(0).toString();
}

/** A MySQL lock name (64 characters at most), per database and version table. */
function mysqlLockName(database: string, versionTable: string): string {
  const name = `athanor:${database}.${versionTable}`;
  return name.length <= 64 ? name : `athanor:${createHash("sha1").update(name).digest("hex")}`;
}

/**
 * Takes the migration lock on `conn`, waiting up to `timeoutSeconds` for another run to finish
 * (saying so through `log` once). The connection is left with no open transaction.
 */
export async function acquireMigrationLock(
  conn: Connection,
  options: {
    versionTable: string;
    schema: string | null;
    timeoutSeconds: number;
    log?: (line: string) => void;
  },
): Promise<MigrationLock> {
  const dialect = conn.dialect.name;
  if (dialect === "sqlite") return { release: async () => {} };
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let told = false;
  const wait = async (what: string) => {
    if (Date.now() >= deadline) {
      throw new LockTimeoutError(
        `Another migration run held the ${what} for more than ${options.timeoutSeconds}s; wait for it to finish (or end it), then retry. Raise lockTimeout in the config to wait longer.`,
      );
    }
    if (!told) {
      told = true;
      options.log?.(`Waiting for another migration run to finish (it holds the ${what})...`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  };

  if (dialect === "postgresql") {
    const key = advisoryLockKey(options.versionTable, options.schema);
    for (;;) {
      const got = (
        await conn.executeDriverSql("SELECT pg_try_advisory_lock($1::bigint)", [key])
      ).rawRows()[0]?.[0];
      await conn.commit();
      if (got === true) break;
      await wait("advisory lock");
    }
    return {
      release: async () => {
        await conn.executeDriverSql("SELECT pg_advisory_unlock($1::bigint)", [key]);
        await conn.commit();
      },
    };
  }

  const database = String((await conn.executeDriverSql("SELECT DATABASE()")).rawRows()[0]?.[0] ?? "");
  const name = mysqlLockName(database, options.versionTable);
  // A first try that does not wait, so a wait is reported; then GET_LOCK waits up to a second
  // at a time, and the loop honours the timeout.
  for (let seconds = 0; ; seconds = 1) {
    const got = (await conn.executeDriverSql("SELECT GET_LOCK(?, ?)", [name, seconds])).rawRows()[0]?.[0];
    await conn.commit();
    if (Number(got) === 1) break;
    await wait("GET_LOCK lock");
  }
  return {
    release: async () => {
      await conn.executeDriverSql("SELECT RELEASE_LOCK(?)", [name]);
      await conn.commit();
    },
  };
}
