import { ArgumentError } from "../errors.js";

/**
 * Re-running a unit of work that lost a race: a serialization failure (SQLSTATE 40001,
 * PostgreSQL SERIALIZABLE / REPEATABLE READ), a deadlock (40P01 on PostgreSQL, error 1213 on
 * MySQL/MariaDB, reported with SQLSTATE 40001). The database rolled the transaction back and
 * says the same work may succeed if run again from the start.
 */
export interface RetryOptions {
  /** How many times to run the work at most, the first run included (default 5). */
  readonly attempts?: number;
  /** The backoff's first step in ms (default 20); each retry doubles it, up to maxDelay. */
  readonly baseDelay?: number;
  /** The longest wait between two runs in ms (default 1000). */
  readonly maxDelay?: number;
  /** Which errors to retry (default: isRetryableError). */
  readonly retryOn?: (error: unknown) => boolean;
  /** Called before each retry, with the error and the number of the run that failed (1-based). */
  readonly onRetry?: (error: unknown, attempt: number) => void;
}

/** `true` takes the defaults; a number is the attempts. */
export type RetrySetting = boolean | number | RetryOptions;

const RETRYABLE_SQLSTATES = new Set(["40001", "40P01"]);
const RETRYABLE_MYSQL_ERRNOS = new Set([1213]);

/**
 * Whether an error is a serialization failure or deadlock: the whole transaction may be re-run.
 * Looks at the error's SQLSTATE and driver error number, and at the errors it wraps (`cause`).
 */
export function isRetryableError(error: unknown): boolean {
  for (let e = error, depth = 0; e !== null && typeof e === "object" && depth < 5; depth++) {
    const err = e as { sqlstate?: unknown; orig?: unknown; cause?: unknown };
    if (typeof err.sqlstate === "string" && RETRYABLE_SQLSTATES.has(err.sqlstate)) return true;
    const orig = err.orig as { code?: unknown; errno?: unknown } | undefined;
    if (orig && typeof orig.errno === "number" && RETRYABLE_MYSQL_ERRNOS.has(orig.errno)) return true;
    if (orig && typeof orig.code === "string" && RETRYABLE_SQLSTATES.has(orig.code)) return true;
    e = err.cause ?? err.orig;
  }
  return false;
}

/** The options a retry setting stands for, checked. */
export function retryOptions(setting: RetrySetting): Required<Omit<RetryOptions, "onRetry">> & RetryOptions {
  const opts: RetryOptions =
    setting === true
      ? {}
      : setting === false
        ? { attempts: 1 }
        : typeof setting === "number"
          ? { attempts: setting }
          : setting;
  const attempts = opts.attempts ?? 5;
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new ArgumentError(
      `retry: attempts must be a whole number of runs, 1 or more; got ${String(attempts)}`,
    );
  const baseDelay = opts.baseDelay ?? 20;
  const maxDelay = opts.maxDelay ?? 1000;
  if (!(baseDelay >= 0) || !(maxDelay >= 0))
    throw new ArgumentError("retry: baseDelay and maxDelay are milliseconds, 0 or more");
  return { ...opts, attempts, baseDelay, maxDelay, retryOn: opts.retryOn ?? isRetryableError };
}

/** The wait before retry `n` (1-based): exponential with full jitter, so racing workers spread out. */
export function backoffDelay(n: number, baseDelay: number, maxDelay: number, random = Math.random): number {
  return Math.round(random() * Math.min(maxDelay, baseDelay * 2 ** (n - 1)));
}

/**
 * Runs `work` until it succeeds, re-running it from the start after a retryable error (see
 * isRetryableError) with backoff, `attempts` runs at most; then the last error is thrown. Each
 * run must be a whole transaction: the database rolled the failed one back.
 *
 *   await retrying(() => engine.begin(async (conn) => { ... }), { attempts: 5 })
 */
export async function retrying<T>(
  work: (attempt: number) => Promise<T>,
  setting: RetrySetting = true,
): Promise<T> {
  const opts = retryOptions(setting);
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (e) {
      if (attempt >= opts.attempts || !opts.retryOn(e)) throw e;
      opts.onRetry?.(e, attempt);
      const wait = backoffDelay(attempt, opts.baseDelay, opts.maxDelay);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
