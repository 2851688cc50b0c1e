// The seeds' Custody Manager as a REST API on Hono: one session per request (commit on success,
// rollback on error, always closed), bodies validated by schemas derived from the models, and
// NoResultFound / IntegrityError answered as 404 / 409 by the error handler.
import { and_, paginate, type SessionFactory, select, selectinload, toDict } from "athanor";
import { type AthanorVariables, athanorErrorHandler, athanorSession } from "athanor/hono";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { CustodyEvent, CustodyEventType, Kit, KitStatus, User } from "../custody/models.js";
import {
  CheckIn,
  CheckOut,
  CustodyEventOut,
  KitCreate,
  KitDetail,
  KitFeedQuery,
  KitListQuery,
  KitOut,
  KitUpdate,
  UserCreate,
  UserOut,
} from "./schemas.js";

/** A rule of the custody process was broken: 409 with the reason. */
function conflict(message: string): HTTPException {
  return new HTTPException(409, { res: Response.json({ error: "conflict", message }, { status: 409 }) });
}

/** The API on sessions from `SessionLocal`. */
export function createApp(SessionLocal: SessionFactory, opts: { log?: (err: unknown) => void } = {}) {
  const app = new Hono<{ Variables: AthanorVariables }>();
  app.use(athanorSession(SessionLocal, { log: opts.log }));
  app.onError(athanorErrorHandler({ log: opts.log }));

  app.post("/users", async (c) => {
    const user = new User(UserCreate.parse(await c.req.json()));
    c.var.db.add(user);
    await c.var.db.flush(); // the id, and a duplicate email as a 409 now
    return c.json(UserOut.parse(toDict(user)), 201);
  });

  app.get("/users/:id", async (c) => {
    const user = await c.var.db.getOne(User, Number(c.req.param("id")));
    return c.json(UserOut.parse(toDict(user)));
  });

  app.get("/kits", async (c) => {
    const q = KitListQuery.parse(c.req.query());
    const stmt = select(Kit)
      .where(
        and_(
          q.status === undefined ? undefined : Kit.status.eq(q.status),
          q.q === undefined ? undefined : Kit.code.contains(q.q), // % and _ matched literally
        ),
      )
      .orderBy(Kit.code);
    const page = await paginate(c.var.db, stmt, { page: q.page, perPage: q.perPage });
    return c.json({ ...page, items: page.items.map((k) => KitOut.parse(toDict(k))) });
  });

  // For clients that read everything: keyset pages (no OFFSET scan, no count).
  app.get("/kits/feed", async (c) => {
    const q = KitFeedQuery.parse(c.req.query());
    const page = await paginate(c.var.db, select(Kit).orderBy(Kit.code), {
      after: q.after,
      perPage: q.perPage,
    });
    return c.json({ ...page, items: page.items.map((k) => KitOut.parse(toDict(k))) });
  });

  app.post("/kits", async (c) => {
    const kit = new Kit(KitCreate.parse(await c.req.json()));
    c.var.db.add(kit);
    await c.var.db.flush();
    return c.json(KitOut.parse(toDict(kit)), 201);
  });

  app.get("/kits/:id", async (c) => {
    const kit = await c.var.db.getOne(Kit, Number(c.req.param("id")), {
      options: [selectinload(Kit.custodyEvents)],
    });
    return c.json(KitDetail.parse(toDict(kit, { include: ["custodyEvents"] })));
  });

  app.patch("/kits/:id", async (c) => {
    const changes = KitUpdate.parse(await c.req.json());
    const kit = await c.var.db.getOne(Kit, Number(c.req.param("id")));
    Object.assign(kit, changes);
    await c.var.db.flush();
    // updatedAt is set by the database (onUpdate: func.now()): read it back, as the seeds' db.refresh().
    await c.var.db.refresh(kit);
    return c.json(KitOut.parse(toDict(kit)));
  });

  app.post("/kits/:id/check-out", async (c) => {
    const body = CheckOut.parse(await c.req.json());
    const db = c.var.db;
    const kit = await db.getOne(Kit, Number(c.req.param("id")));
    const user = await db.getOne(User, body.userId);
    if (kit.status !== KitStatus.available) throw conflict(`${kit.code} is ${kit.status}, not available`);
    if (!user.isActive) throw conflict(`${user.email} is not active`);
    kit.status = KitStatus.checkedOut;
    const event = new CustodyEvent({ ...body, kitId: kit.id, eventType: CustodyEventType.checkOut });
    db.add(event);
    await db.flush();
    return c.json(CustodyEventOut.parse(toDict(event)), 201);
  });

  app.post("/kits/:id/check-in", async (c) => {
    const body = CheckIn.parse(await c.req.json());
    const db = c.var.db;
    const kit = await db.getOne(Kit, Number(c.req.param("id")));
    if (kit.status !== KitStatus.checkedOut) throw conflict(`${kit.code} is ${kit.status}, not checked out`);
    // Only the holder checks a kit in: the user of the latest check-out.
    const holder = await db.scalar(
      select(CustodyEvent.userId)
        .where(CustodyEvent.kitId.eq(kit.id), CustodyEvent.eventType.eq(CustodyEventType.checkOut))
        .orderBy(CustodyEvent.id.desc())
        .limit(1),
    );
    if (holder !== body.userId) throw conflict(`${kit.code} is held by user ${holder}, not ${body.userId}`);
    kit.status = KitStatus.available;
    const event = new CustodyEvent({ ...body, kitId: kit.id, eventType: CustodyEventType.checkIn });
    db.add(event);
    await db.flush();
    return c.json(CustodyEventOut.parse(toDict(event)), 201);
  });

  return app;
}
