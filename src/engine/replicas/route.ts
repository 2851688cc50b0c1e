/**
 * What replica routing needs to know of one session (or one Core connection) across its
 * transactions: shared by every connection the session checks out, so a read after a commit
 * knows the commit's position.
 */
export interface ReplicaRoute {
  /** WAL position (pg_current_wal_lsn()) just after this session's latest writing commit. */
  lsn: bigint | null;
  /** Whether this session has committed a write (what readYourWrites: "primary" keys off). */
  wrote: boolean;
  /** Every statement of this session goes to the primary. */
  pinned: boolean;
}

/** A route with nothing written yet. */
export function newRoute(pinned = false): ReplicaRoute {
  return { lsn: null, wrote: false, pinned };
}
