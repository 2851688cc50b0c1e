import type { DatabaseUrl } from "../url.js";

/**
 * Where a session's reads go after it committed a write:
 * - "lsn" (default): to a replica that has replayed the commit (its WAL position), waiting up to
 *   `replicaCatchUpTimeout` for one, else to the primary;
 * - "primary": to the primary for the rest of the session (what Drizzle and Prisma do);
 * - false: to the replicas as before; a read may not see the session's own write.
 */
export type ReadYourWrites = "lsn" | "primary" | false;

/** The createEngine options of read replicas (PostgreSQL streaming replicas). */
export interface ReplicaOptions {
  /**
   * URLs of read replicas of the engine's database. Reads that run before a transaction's first
   * write go to them, round robin; writes and everything after a write in the same transaction
   * go to the primary. `createEngine(primaryUrl, { replicas: [replicaUrl] })`.
   */
  replicas?: readonly (string | DatabaseUrl)[];
  /** What reads see after the session's own commits (default "lsn"). */
  readYourWrites?: ReadYourWrites;
  /** Milliseconds a read after a commit waits for a replica to replay it before using the primary (default 200). */
  replicaCatchUpTimeout?: number;
  /** A replica whose replay lags the primary by more than this many milliseconds gets no reads (default 5000). */
  maxReplicaLag?: number;
  /** Milliseconds a replica that failed is left out before it is tried again (default 5000). */
  replicaRetryInterval?: number;
  /** Milliseconds a replica's measured lag is trusted before it is measured again (default 1000). */
  replicaLagCheckInterval?: number;
}
