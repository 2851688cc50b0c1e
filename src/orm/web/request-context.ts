import { AsyncLocalStorage } from "node:async_hooks";
import { InvalidRequestError } from "../../errors.js";
import type { Session } from "../session/session.js";

/** The session of the request being handled, as MikroORM's RequestContext. */
const storage = new AsyncLocalStorage<Session>();

/**
 * The session of the current request, anywhere below the handler (services, repositories):
 * `const db = currentSession()`. The request-scoped middleware of athanor/express,
 * athanor/fastify and athanor/hono sets it; `runWithSession(db, fn)` sets it by hand (jobs, tests).
 */
export function currentSession(): Session {
  const db = storage.getStore();
  if (db === undefined) {
    throw new InvalidRequestError(
      "currentSession() was called outside a request: no session is bound to this call chain. " +
        "Install the request-scoped session middleware (athanorSession from athanor/express, athanor/fastify or athanor/hono) " +
        "before the routes, or run the code inside runWithSession(db, () => ...).",
    );
  }
  return db;
}

/** Runs `fn` with `db` as currentSession() for everything it calls, awaited or not. */
export function runWithSession<T>(db: Session, fn: () => T): T {
  return storage.run(db, fn);
}
