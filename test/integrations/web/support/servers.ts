import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import type { SessionFactory } from "../../../../src/index.js";
import * as athanorExpress from "../../../../src/integrations/express/index.js";
import * as athanorFastify from "../../../../src/integrations/fastify/index.js";
import * as athanorHono from "../../../../src/integrations/hono/index.js";
import type { RequestSessionOptions } from "../../../../src/integrations/request-scope.js";
import { routes } from "./routes.js";

export type Framework = "express" | "fastify" | "hono";
export const FRAMEWORKS: Framework[] = ["express", "fastify", "hono"];

/** A running server on 127.0.0.1 and a random port. */
export interface RunningServer {
  readonly url: string;
  /** Errors the server logged instead of answering with them (answered 500 without detail). */
  readonly logged: unknown[];
  close(): Promise<void>;
}

/** Starts `framework` with the request-scoped session middleware, the error handler and the routes. */
export async function startServer(
  framework: Framework,
  SessionLocal: SessionFactory,
  options: Pick<RequestSessionOptions, "rollbackOnStatus"> = {},
): Promise<RunningServer> {
  const logged: unknown[] = [];
  const opts: SessionOptions = { ...options, log: (err: unknown) => void logged.push(err) };
  switch (framework) {
    case "hono":
      return startHono(SessionLocal, logged, opts);
    case "express":
      return startExpress(SessionLocal, logged, opts);
    case "fastify":
      return startFastify(SessionLocal, logged, opts);
  }
}

type SessionOptions = RequestSessionOptions & { log: (err: unknown) => void };

async function startHono(
  SessionLocal: SessionFactory,
  logged: unknown[],
  opts: SessionOptions,
): Promise<RunningServer> {
  const { log } = opts;
  const app = new Hono<{ Variables: athanorHono.AthanorVariables }>();
  app.use(athanorHono.athanorSession(SessionLocal, opts));
  app.onError(athanorHono.athanorErrorHandler({ log }));
  for (const r of routes) {
    app.on(r.method, r.path, async (c) => {
      const body = r.method === "POST" ? await c.req.json() : undefined;
      const out = await r.handle(c.var.db, { id: c.req.param("id"), body });
      return c.json(out.body as object, out.status as 200);
    });
  }
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    logged,
    close: () =>
      new Promise((resolve) => {
        (server as import("node:http").Server).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

async function startExpress(
  SessionLocal: SessionFactory,
  logged: unknown[],
  opts: SessionOptions,
): Promise<RunningServer> {
  const { log } = opts;
  const app = express();
  app.use(express.json());
  app.use(athanorExpress.athanorSession(SessionLocal, opts));
  for (const r of routes) {
    const add = r.method === "GET" ? app.get.bind(app) : app.post.bind(app);
    add(r.path, async (req, res) => {
      const out = await r.handle(req.db, { id: req.params.id as string | undefined, body: req.body });
      res.status(out.status).json(out.body);
    });
  }
  app.use(athanorExpress.athanorErrorHandler({ log }));
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    logged,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function startFastify(
  SessionLocal: SessionFactory,
  logged: unknown[],
  opts: SessionOptions,
): Promise<RunningServer> {
  const { log } = opts;
  // forceCloseConnections: close() must not wait on the keep-alive sockets fetch leaves open.
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await app.register(athanorFastify.athanorSession(SessionLocal, opts));
  app.setErrorHandler(athanorFastify.athanorErrorHandler({ log }));
  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.path,
      handler: async (request, reply) => {
        const out = await r.handle(request.db, {
          id: (request.params as { id?: string }).id,
          body: request.body,
        });
        reply.status(out.status);
        return out.body;
      },
    });
  }
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  return { url: address, logged, close: () => app.close() };
}
