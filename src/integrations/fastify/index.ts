/**
 * athanor/fastify: a session per request for Fastify 5 (`request.db`), and an error handler that
 * maps database errors to HTTP answers without leaking SQL.
 *
 *   await app.register(athanorSession(SessionLocal));
 *   app.setErrorHandler(athanorErrorHandler());
 *   app.get("/kits/:id", async (request) => toDict(await request.db.getOne(Kit, Number(request.params.id))));
 */
import type { FastifyError, FastifyPluginCallback, FastifyReply, FastifyRequest } from "fastify";
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

declare module "fastify" {
  interface FastifyRequest {
    /** The request's session (athanorSession() from athanor/fastify). */
    db: Session;
  }
}

/**
 * A plugin giving each request its own session as `request.db` (and currentSession()): committed
 * before the answer is sent when its status is 1xx-3xx, rolled back on 4xx/5xx (a thrown error
 * reaches the error handler, which answers 4xx/5xx), closed either way, also when the client
 * aborts. A failed commit goes to the error handler. Not encapsulated (as fastify-plugin would
 * do): every route of the instance it is registered on gets the session.
 */
export function athanorSession(
  source: SessionSource,
  opts: RequestSessionOptions = {},
): FastifyPluginCallback {
  const scopes = new WeakMap<FastifyRequest, RequestSession>();
  const plugin: FastifyPluginCallback = (app, _options, done) => {
    app.decorateRequest("db", null as unknown as Session);
    app.addHook("onRequest", (request, _reply, next) => {
      const scope = new RequestSession(source, opts);
      scopes.set(request, scope);
      request.db = scope.db;
      runWithSession(scope.db, next);
    });
    // The body arrives on stream events outside the onRequest call chain: bind the session
    // again for validation, pre-handlers and the handler.
    app.addHook("preValidation", (request, _reply, next) => {
      runWithSession(request.db, next);
    });
    app.addHook("onSend", async (request, reply, payload) => {
      await scopes.get(request)?.finish(reply.statusCode);
      return payload;
    });
    // After the answer (normally a no-op: onSend closed it) and when the client aborts.
    const abandon = async (request: FastifyRequest) => {
      await scopes.get(request)?.abandon();
    };
    app.addHook("onResponse", abandon);
    app.addHook("onRequestAbort", abandon);
    done();
  };
  // What fastify-plugin does: the decorator and hooks apply to the parent instance.
  Object.assign(plugin, {
    [Symbol.for("skip-override")]: true,
    [Symbol.for("fastify.display-name")]: "athanor-session",
  });
  return plugin;
}

/** Options of athanorErrorHandler(). */
export interface ErrorHandlerOptions {
  /** Unexpected errors (answered 500 without detail) go here: default request.log.error. */
  log?: (err: unknown, request: FastifyRequest) => void;
}

/**
 * `app.setErrorHandler(athanorErrorHandler())`: NoResultFound -> 404, IntegrityError -> 409
 * (constraint and table), StaleDataError -> 409, pool TimeoutError -> 503, zod errors -> 400,
 * Fastify's own 4xx (schema validation, bad JSON) as they are, anything else -> 500 with no detail.
 */
export function athanorErrorHandler(
  opts: ErrorHandlerOptions = {},
): (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => void {
  return (err, request, reply) => {
    const status = clientErrorStatus(err);
    if (status !== null) {
      reply.status(status).send({ error: "bad_request", message: err.message });
      return;
    }
    const log = opts.log ?? ((e: unknown) => (request.log ? request.log.error(e) : defaultLog(e)));
    const answer = answerFor(err, (e) => log(e, request));
    reply
      .status(answer.status)
      .headers(answer.headers ?? {})
      .send(answer.body);
  };
}
