import { setTimeout as delay } from "node:timers/promises";
import {
  currentSession,
  type Session,
  StaleDataError,
  select,
  TimeoutError,
  toDict,
} from "../../../../src/index.js";
import { custodyModels } from "../../../support/custody-models.js";

export const models = custodyModels();
const { Kit } = models;

/** What a route answers: a status and a JSON body. */
export interface Answer {
  status: number;
  body: unknown;
}

/** One route, written once and mounted on every framework under test. */
export interface Route {
  method: "GET" | "POST";
  path: string;
  handle(db: Session, input: { id?: string; body?: any }): Promise<Answer>;
}

let requestNumber = 0;

/** The routes every adapter test drives; the session comes from the framework's middleware. */
export const routes: Route[] = [
  {
    method: "POST",
    path: "/kits",
    async handle(db, { body }) {
      const kit = new Kit({ code: body.code, description: body.description ?? "Kit" });
      db.add(kit);
      await db.flush();
      return { status: 201, body: toDict(kit, { exclude: ["createdAt", "updatedAt"] }) };
    },
  },
  {
    // Writes, then fails: the write must not survive.
    method: "POST",
    path: "/kits/fail",
    async handle(db, { body }) {
      db.add(new Kit({ code: body.code, description: "doomed" }));
      await db.flush();
      throw new Error(`boom after INSERT INTO kits (code) VALUES ('${body.code}')`);
    },
  },
  {
    // Writes, then answers 400 itself: rolled back too.
    method: "POST",
    path: "/kits/reject",
    async handle(db, { body }) {
      db.add(new Kit({ code: body.code, description: "rejected" }));
      await db.flush();
      return { status: 400, body: { error: "rejected" } };
    },
  },
  {
    // A duplicate code, written by the commit after the handler answered (no flush here).
    method: "POST",
    path: "/kits/late",
    async handle(db, { body }) {
      db.add(new Kit({ code: body.code, description: "late" }));
      return { status: 201, body: { queued: body.code } };
    },
  },
  {
    method: "GET",
    path: "/kits/:id",
    async handle(db, { id }) {
      const kit = await db.getOne(Kit, Number(id));
      return { status: 200, body: toDict(kit, { exclude: ["createdAt", "updatedAt"] }) };
    },
  },
  {
    method: "GET",
    path: "/stale",
    async handle() {
      throw new StaleDataError(
        "UPDATE statement on table 'kits' expected to update 1 row(s); 0 were matched. [SQL: UPDATE kits SET code=?]",
      );
    },
  },
  {
    method: "GET",
    path: "/busy",
    async handle() {
      throw new TimeoutError(
        "QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00",
      );
    },
  },
  {
    // Holds its connection for a while: the next request waits on the pool.
    method: "POST",
    path: "/hold",
    async handle(db, { body }) {
      await db.scalar(select(Kit.id).limit(1));
      await delay(Math.min(Number(body.ms), 5_000));
      // Uses the session again after the wait (its client may have hung up meanwhile).
      return { status: 200, body: { held: body.ms, first: await db.scalar(select(Kit.id).limit(1)) } };
    },
  },
  {
    // Each request's own session, the same one currentSession() gives deep in the call chain.
    method: "GET",
    path: "/whoami",
    async handle(db) {
      db.info.request ??= ++requestNumber;
      await delay(1 + (requestNumber % 5));
      const found = await deep();
      return {
        status: 200,
        body: {
          request: db.info.request,
          same: found === db,
          rows: await db.scalar(select(Kit.id).limit(1)),
        },
      };
    },
  },
];

/** Code far from the handler: no session passed in. */
async function deep(): Promise<Session> {
  await Promise.resolve();
  return currentSession();
}
