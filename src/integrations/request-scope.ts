import type { Session } from "../orm/session/session.js";
import { type HttpError, httpErrorOf, INTERNAL_ERROR } from "../orm/web/http-errors.js";

/** Where request sessions come from: a sessionmaker (`SessionLocal`) or any function making one. */
export type SessionSource = () => Session;

/** How the request-scoped session middleware of every framework ends a request. */
export interface RequestSessionOptions {
  /**
   * Whether an answer with this status rolls back instead of committing (default: 4xx and 5xx).
   * A thrown error always rolls back.
   */
  rollbackOnStatus?: (status: number) => boolean;
  /** Errors the middleware answers by itself (a failed commit): default console.error. */
  log?: (err: unknown) => void;
}

const rollbackOnError = (status: number): boolean => status >= 400;

/**
 * One request's session, as the seeds' `get_db`: committed when the answer is a success,
 * rolled back otherwise, closed either way, exactly once.
 */
export class RequestSession {
  readonly db: Session;
  readonly #rollbackOn: (status: number) => boolean;
  #done = false;
  /** The commit or rollback under way, which a close must not cut short. */
  #ending: Promise<void> | null = null;

  constructor(source: SessionSource, opts: RequestSessionOptions) {
    this.db = source();
    this.#rollbackOn = opts.rollbackOnStatus ?? rollbackOnError;
  }

  /** Whether finish() or abandon() ran. */
  get done(): boolean {
    return this.#done;
  }

  /** Commits (unless `failed` or the status calls for a rollback) and closes; throws a failed commit. */
  async finish(status: number, failed = false): Promise<void> {
    if (this.#done) return;
    this.#done = true;
    this.#ending = this.#end(status, failed);
    await this.#ending;
  }

  async #end(status: number, failed: boolean): Promise<void> {
    try {
      if (!failed && !this.#rollbackOn(status)) await this.db.commit();
    } finally {
      // close() rolls back whatever was not committed and gives the connection back.
      await this.db.close();
    }
  }

  /**
   * Rolls back and closes (the client went away, or the request ended without an answer). Runs
   * every time it is called: a handler still at work after its client left may have taken a
   * connection again, and closing a closed session costs nothing.
   */
  async abandon(): Promise<void> {
    this.#done = true;
    // A failed commit is the finisher's to report; here it only has to be over.
    if (this.#ending !== null) await this.#ending.catch(() => undefined);
    await this.db.close();
  }
}

/** The answer for an error: the mapped one, or a bare 500 (the detail is for the log only). */
export function answerFor(err: unknown, log: (err: unknown) => void): HttpError {
  const mapped = httpErrorOf(err);
  if (mapped) return mapped;
  log(err);
  return INTERNAL_ERROR;
}

/** A client error a framework raised itself (bad JSON body, ...): its status, if 4xx. */
export function clientErrorStatus(err: unknown): number | null {
  const e = err as { status?: unknown; statusCode?: unknown } | null;
  const status =
    typeof e?.statusCode === "number" ? e.statusCode : typeof e?.status === "number" ? e.status : null;
  return status !== null && status >= 400 && status < 500 ? status : null;
}

/** The default log: the full error, SQL included, on the server's console. */
export function defaultLog(err: unknown): void {
  console.error(err);
}
