import type { DriverConnection } from "../dialects/driver.js";
import { ArgumentError, StatementCancelledError } from "../errors.js";

/** Limits on the statements of a call: a timeout per statement (ms) and an AbortSignal. */
export interface StatementLimits {
  /** Milliseconds one statement may run before it is cancelled on the server. */
  readonly timeout?: number;
  /** Cancels the running statement (and refuses the next ones) when it fires. */
  readonly signal?: AbortSignal;
}

/** How long a cancelled statement may take to stop before its connection is discarded instead. */
const CANCEL_GRACE_MS = 2000;

/** Checks a timeout given by the caller. */
export function checkTimeout(timeout: unknown, where: string): void {
  if (timeout === undefined) return;
  if (typeof timeout !== "number" || !(timeout > 0) || !Number.isFinite(timeout))
    throw new ArgumentError(
      `${where}: timeout must be a positive number of milliseconds; got ${String(timeout)}`,
    );
}

/** Limits `inner` narrowed by `outer` (the shorter timeout; both signals). */
export function mergeLimits(outer: StatementLimits | null, inner: StatementLimits): StatementLimits {
  if (outer === null) return inner;
  const timeout =
    outer.timeout === undefined
      ? inner.timeout
      : inner.timeout === undefined
        ? outer.timeout
        : Math.min(outer.timeout, inner.timeout);
  const signals = [outer.signal, inner.signal].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  return { timeout, signal };
}

function cancelled(
  reason: "timeout" | "aborted",
  limits: StatementLimits,
  sql: string,
  orig: unknown,
  outcome: "unsent" | "cancelled" | "discarded" | "late",
): StatementCancelledError {
  const why =
    reason === "timeout"
      ? `ran longer than its ${limits.timeout} ms timeout (statementTimeout on the engine, or { timeout } on the call)`
      : "was aborted by its AbortSignal";
  const what = {
    unsent: "It was not sent.",
    cancelled:
      "The server cancelled it; the connection is usable again (roll back first if a transaction was open).",
    discarded:
      "The server did not confirm the cancel in time, so the connection was discarded; roll back and retry the work.",
    late: "It finished as the cancel was sent; the connection was discarded so the cancel cannot hit a later statement. Roll back and retry the work.",
  }[outcome];
  return new StatementCancelledError(`The statement ${why}. ${what}\n[SQL: ${sql}]`, {
    reason,
    orig,
    statement: sql,
    connectionInvalidated: outcome === "discarded" || outcome === "late",
  });
}

/** The error codes drivers report for a statement the server cancelled (PostgreSQL, MySQL/MariaDB). */
function isCancelReport(e: unknown): boolean {
  const err = e as { code?: unknown; errno?: unknown } | null;
  return err?.code === "57014" || err?.errno === 1317 || err?.code === "ER_QUERY_INTERRUPTED";
}

/**
 * Runs one driver call under `limits`. An already fired signal refuses it unsent. On a server
 * driver the timeout or abort sends a cancel and waits for the call to stop: a call the server
 * cancelled leaves the connection clean; one that does not stop within the grace period, or that
 * finished as the cancel went out, leaves it to be discarded (`connectionInvalidated`), so a
 * connection still busy, or with a cancel in flight, never goes back to the pool. In-process
 * drivers (SQLite, PGlite) cannot be interrupted: the limits apply between their statements.
 */
export async function runLimited<T>(
  driver: DriverConnection,
  limits: StatementLimits,
  sql: string,
  run: () => Promise<T>,
): Promise<T> {
  const { signal, timeout } = limits;
  if (signal?.aborted) throw cancelled("aborted", limits, sql, signal.reason, "unsent");
  const cancel = driver.cancel?.bind(driver);
  if (cancel === undefined) return run();
  const call = run();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const fired = new Promise<"timeout" | "aborted">((resolve) => {
    if (timeout !== undefined) timer = setTimeout(() => resolve("timeout"), timeout);
    if (signal) {
      onAbort = () => resolve("aborted");
      signal.addEventListener("abort", onAbort, { once: true });
    }
  });
  const settled = call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  try {
    const first = await Promise.race([settled, fired]);
    if (typeof first !== "string") {
      if (first.ok) return first.value;
      throw first.error;
    }
    await cancel().catch(() => undefined);
    let graceTimer: ReturnType<typeof setTimeout> | undefined;
    const grace = new Promise<"stuck">((resolve) => {
      graceTimer = setTimeout(() => resolve("stuck"), CANCEL_GRACE_MS);
    });
    const outcome = await Promise.race([settled, grace]);
    clearTimeout(graceTimer);
    if (outcome === "stuck") throw cancelled(first, limits, sql, null, "discarded");
    if (!outcome.ok && isCancelReport(outcome.error))
      throw cancelled(first, limits, sql, outcome.error, "cancelled");
    throw cancelled(first, limits, sql, outcome.ok ? null : outcome.error, "late");
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}
