/**
 * athanor/hono: a session per request for Hono 4 (`c.var.db`), and an error handler that maps
 * database errors to HTTP answers without leaking SQL.
 *
 *   app.use(athanorSession(SessionLocal));
 *   app.onError(athanorErrorHandler());
 *   app.get("/kits/:id", async (c) => c.json(toDict(await c.var.db.getOne(Kit, Number(c.req.param("id"))))));
 */
import type { Context, ErrorHandler, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Session } from "../../orm/session/session.js";
import { runWithSession } from "../../orm/web/request-context.js";
import {
  answerFor,
  defaultLog,
  RequestSession,
  type RequestSessionOptions,
  type SessionSource,
} from "../request-scope.js";

export type { RequestSessionOptions, SessionSource } from "../request-scope.js";

/** The variables athanorSession() sets: `c.var.db`. */
export interface AthanorVariables {
  db: Session;
}

/**
 * Middleware giving each request its own session as `c.var.db` (and currentSession()): committed
 * when the handler answers 1xx-3xx, rolled back when it throws or answers 4xx/5xx, always closed.
 * A failed commit is thrown on to `app.onError` (use athanorErrorHandler()).
 */
export function athanorSession(
  source: SessionSource,
  opts: RequestSessionOptions = {},
): MiddlewareHandler<{ Variables: AthanorVariables }> {
  return async (c, next) => {
    const scope = new RequestSession(source, opts);
    c.set("db", scope.db);
    try {
      await runWithSession(scope.db, next);
    } catch (e) {
      // Hono hands thrown errors to onError before they get here; without one they arrive.
      await scope.abandon();
      throw e;
    }
    await scope.finish(c.res.status, c.error !== undefined);
  };
}

/** Options of athanorErrorHandler(). */
export interface ErrorHandlerOptions {
  /** Unexpected errors (answered 500 without detail) go here: default console.error. */
  log?: (err: unknown, c: Context) => void;
}

/**
 * `app.onError(athanorErrorHandler())`: NoResultFound -> 404, IntegrityError -> 409 (constraint and
 * table), StaleDataError -> 409, pool TimeoutError -> 503, zod errors -> 400, HTTPException as
 * it says, anything else -> 500 with no detail. Bodies never hold SQL or parameters.
 */
export function athanorErrorHandler(opts: ErrorHandlerOptions = {}): ErrorHandler {
  return (err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    const log = opts.log ?? defaultLog;
    const answer = answerFor(err, (e) => log(e, c));
    return c.json(answer.body, answer.status as ContentfulStatusCode, answer.headers);
  };
}
