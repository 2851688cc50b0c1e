import type { DriverConnection } from "../../dialects/driver.js";
import { ArgumentError, OperationalError, StatementCancelledError } from "../../errors.js";
import type { Connection } from "../connection.js";
import type { Engine } from "../engine.js";
import { parseLsn } from "./lsn.js";
import type { ReadYourWrites, ReplicaOptions } from "./options.js";
import type { ReplicaRoute } from "./route.js";

/** What is known of one replica: when it failed, how far it has replayed, how far it lags. */
interface ReplicaHealth {
  /** performance.now() before which the replica is left out (it failed); 0 when up. */
  downUntil: number;
  /** The latest replay position seen (a replica only moves forward). */
  replayed: bigint;
  /** Replay lag in milliseconds at the last measure. */
  lagMs: number;
  /** performance.now() of the last measure; 0 for never. */
  measuredAt: number;
}

/**
 * The replay position and the replay lag of a standby in one query. No WAL waiting to be
 * replayed means no lag, however old the last replayed transaction is (an idle primary); a
 * server not in recovery answers NULL positions and counts as caught up.
 */
const HEALTH_SQL =
  "SELECT pg_last_wal_replay_lsn()::text, CASE WHEN pg_last_wal_receive_lsn() IS NULL " +
  "OR pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0 ELSE " +
  "coalesce(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000, 0) END";

/** A position no primary reaches: what a server that is not a standby has "replayed". */
const EVERYTHING = (1n << 64n) - 1n;

/** The answer of read(): the value, or null when no replica could serve the read. */
export type Routed<T> = { value: T } | null;

/**
 * @internal The read replicas of an engine: picks one per read (round robin), leaves out those
 * that failed or lag, and waits for one to replay a session's last commit (read-your-writes).
 */
export class ReplicaSet {
  readonly engines: readonly Engine[];
  readonly readYourWrites: ReadYourWrites;
  readonly #catchUpMs: number;
  readonly #maxLagMs: number;
  readonly #retryMs: number;
  readonly #measureMs: number;
  readonly #health: ReplicaHealth[];
  #next = 0;

  constructor(engines: readonly Engine[], options: ReplicaOptions) {
    this.engines = engines;
    this.readYourWrites = options.readYourWrites ?? "lsn";
    this.#catchUpMs = nonNegative(options.replicaCatchUpTimeout, 200, "replicaCatchUpTimeout");
    this.#maxLagMs = nonNegative(options.maxReplicaLag, 5000, "maxReplicaLag");
    this.#retryMs = nonNegative(options.replicaRetryInterval, 5000, "replicaRetryInterval");
    this.#measureMs = nonNegative(options.replicaLagCheckInterval, 1000, "replicaLagCheckInterval");
    this.#health = engines.map(() => ({ downUntil: 0, replayed: 0n, lagMs: 0, measuredAt: 0 }));
  }

  /**
   * Runs a read on a replica that may serve it; null when none can now, and the caller reads on
   * the primary. A replica that fails to connect or loses its connection is left out for
   * replicaRetryInterval and the read moves on (reads are safe to run again).
   */
  async read<T>(route: ReplicaRoute, run: (conn: Connection) => Promise<T>): Promise<Routed<T>> {
    if (route.pinned) return null;
    if (this.readYourWrites === "primary" && route.wrote) return null;
    const need = this.readYourWrites === "lsn" ? route.lsn : null;
    const deadline = need === null ? 0 : performance.now() + this.#catchUpMs;
    const n = this.engines.length;
    for (let round = 0; ; round++) {
      let behind = false;
      for (let i = 0; i < n; i++) {
        const index = (this.#next + i) % n;
        const health = this.#health[index]!;
        if (health.downUntil > performance.now()) continue;
        let conn: Connection;
        try {
          conn = await this.engines[index]!.connect();
        } catch (e) {
          if (!(e instanceof OperationalError)) throw e;
          this.#markDown(health);
          continue;
        }
        try {
          const verdict = await this.#usable(health, conn, need);
          if (verdict !== "ok") {
            behind ||= verdict === "behind";
            continue;
          }
          this.#next = index + 1;
          return { value: await run(conn) };
        } catch (e) {
          if (!isReplicaFailure(e)) throw e;
          // Lost connection, server shutting down or starting up, or a query cancelled by a
          // recovery conflict (40001): the read goes elsewhere. Only the first leaves it out.
          if ((e as OperationalError).sqlstate !== "40001") this.#markDown(health);
        } finally {
          await conn.close();
        }
      }
      if (!behind || performance.now() >= deadline) return null;
      // A replica is up but has not replayed the session's commit yet: poll it, soon at first
      // (on a local network replay takes about a millisecond), then every 8 ms.
      await sleep(Math.min(1 << Math.min(round, 3), Math.max(0, deadline - performance.now())));
    }
  }

  /** Whether the replica may serve a read that must see `need` (measuring it when stale). */
  async #usable(
    health: ReplicaHealth,
    conn: Connection,
    need: bigint | null,
  ): Promise<"ok" | "behind" | "lagging"> {
    const stale = performance.now() - health.measuredAt > this.#measureMs;
    if (stale || (need !== null && health.replayed < need)) await this.#measure(health, conn);
    if (health.lagMs > this.#maxLagMs) return "lagging";
    if (need !== null && health.replayed < need) return "behind";
    return "ok";
  }

  async #measure(health: ReplicaHealth, conn: Connection): Promise<void> {
    const row = (await conn.executeDriverSql(HEALTH_SQL)).rawRows()[0] as [string | null, unknown];
    const replayed = row[0] === null ? EVERYTHING : parseLsn(row[0]);
    if (replayed > health.replayed) health.replayed = replayed;
    health.lagMs = Number(row[1]);
    health.measuredAt = performance.now();
  }

  #markDown(health: ReplicaHealth): void {
    health.downUntil = performance.now() + this.#retryMs;
    health.measuredAt = 0;
  }

  /**
   * Records a commit that wrote, on the primary connection that committed it: its WAL position
   * for readYourWrites "lsn" (the position after COMMIT returned covers the commit record).
   */
  async recordCommit(driver: DriverConnection, route: ReplicaRoute): Promise<void> {
    route.wrote = true;
    if (this.readYourWrites !== "lsn") return;
    const res = await driver.execute("SELECT pg_current_wal_lsn()::text", []);
    const lsn = parseLsn(String(res.rows[0]?.[0]));
    if (route.lsn === null || lsn > route.lsn) route.lsn = lsn;
  }

  /** Which replicas are left out now (for tests and health endpoints): their indexes. */
  down(): number[] {
    const now = performance.now();
    return this.#health.flatMap((h, i) => (h.downUntil > now ? [i] : []));
  }

  async dispose(): Promise<void> {
    await Promise.all(this.engines.map((e) => e.dispose()));
  }
}

/** Errors after which a read may run elsewhere: the replica, not the statement, failed. */
function isReplicaFailure(e: unknown): boolean {
  if (!(e instanceof OperationalError)) return false;
  // A timeout or an AbortSignal of the caller: the same read elsewhere would be cancelled too.
  if (e instanceof StatementCancelledError && e.sqlstate !== "40001") return false;
  const state = e.sqlstate ?? "";
  return (
    (e as { connectionInvalidated?: boolean }).connectionInvalidated === true ||
    state.startsWith("08") ||
    state.startsWith("57P") ||
    state === "40001"
  );
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0)
    throw new ArgumentError(`createEngine({ ${name} }) must be a number of milliseconds >= 0; got ${value}`);
  return value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
