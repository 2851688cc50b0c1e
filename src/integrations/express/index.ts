/**
 * athanor/express: a session per request for Express 5 (`req.db`), and an error handler that
 * maps database errors to HTTP answers without leaking SQL.
 *
 *   app.use(athanorSession(SessionLocal));
 *   app.get("/kits/:id", async (req, res) => { res.json(toDict(await req.db.getOne(Kit, Number(req.params.id)))) });
 *   app.use(athanorErrorHandler());   // after the routes
 */
import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";
import type { Session } from "../../orm/session/session.js";
import { runWithSession } from "../../orm/web/request-context.js";
import {
  answerFor,
  clientErrorStatus,
  defaultLog,
  RequestSession,
  type RequestSessionOptions,
  type SessionSource,
} from "../request-scope.js";

export type { RequestSessionOptions, SessionSource } from "../request-scope.js";

declare global {
  namespace Express {
    interface Request {
      /** The request's session (athanorSession() from athanor/express). */
      db: Session;
    }
  }
}

type End = Response["end"];

/**
 * Middleware giving each request its own session as `req.db` (and currentSession()): committed
 * before the answer goes out when its status is 1xx-3xx, rolled back on 4xx/5xx (a thrown error
 * reaches the error handler, which answers 4xx/5xx), closed either way, and closed if the client
 * goes away first. A failed commit turns the answer into the mapped error (409, 503, or 500).
 */
export function athanorSession(source: SessionSource, opts: RequestSessionOptions = {}): RequestHandler {
  const log = opts.log ?? defaultLog;
  return (req, res, next) => {
    const scope = new RequestSession(source, opts);
    req.db = scope.db;
    const end = res.end as (...args: unknown[]) => Response;
    // Express has no hook between the handler and the answer: end() is where the answer is
    // known and not sent yet (res.json and res.send end with it).
    res.end = function (this: Response, ...args: unknown[]) {
      if (scope.done) {
        // The client left before the handler answered: whatever it did since is not committed.
        void scope.abandon().catch(log);
        return end.apply(res, args);
      }
      scope.finish(res.statusCode).then(
        () => end.apply(res, args),
        (err) => {
          if (res.headersSent) {
            // Streaming began before the commit: the status is gone; end what was sent.
            log(err);
            end.apply(res, []);
            return;
          }
          const answer = answerFor(err, log);
          res.status(answer.status);
          for (const h of ["Content-Length", "ETag", "Content-Type"]) res.removeHeader(h);
          res.setHeader("Content-Type", "application/json; charset=utf-8");
          for (const [k, v] of Object.entries(answer.headers ?? {})) res.setHeader(k, v);
          end.call(res, JSON.stringify(answer.body));
        },
      );
      return res;
    } as End;
    res.once("close", () => void scope.abandon().catch(log));
    runWithSession(scope.db, next);
  };
}

/** Options of athanorErrorHandler(). */
export interface ErrorHandlerOptions {
  /** Unexpected errors (answered 500 without detail) go here: default console.error. */
  log?: (err: unknown, req: Request) => void;
}

/**
 * `app.use(athanorErrorHandler())` after the routes: NoResultFound -> 404, IntegrityError -> 409
 * (constraint and table), StaleDataError -> 409, pool TimeoutError -> 503, zod errors -> 400,
 * Express's own 4xx (a malformed JSON body) as they are, anything else -> 500 with no detail.
 */
export function athanorErrorHandler(opts: ErrorHandlerOptions = {}): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = clientErrorStatus(err);
    if (status !== null) {
      const expose = (err as { expose?: unknown }).expose === true;
      res
        .status(status)
        .json({ error: "bad_request", message: expose ? (err as Error).message : "Bad Request" });
      return;
    }
    const log = opts.log ?? defaultLog;
    const answer = answerFor(err, (e) => log(e, req));
    res
      .status(answer.status)
      .set(answer.headers ?? {})
      .json(answer.body);
  };
}
