// Types users rely on, checked by `tsc -p tsconfig.json` (and run as a test so the file is used).
import type { Request as ExpressRequest } from "express";
import type { FastifyRequest } from "fastify";
import { Hono } from "hono";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type KeysetPage,
  type Page,
  paginate,
  type Session,
  type SessionFactory,
  select,
  toDict,
} from "../../../src/index.js";
import type { AthanorVariables } from "../../../src/integrations/hono/index.js";
import { athanorSession } from "../../../src/integrations/hono/index.js";
import "../../../src/integrations/express/index.js";
import "../../../src/integrations/fastify/index.js";
import { models } from "./support/routes.js";

const { Kit } = models;
type KitT = InstanceType<typeof Kit>;

describe("adapter types", () => {
  it("req.db, request.db and c.var.db are Sessions", () => {
    expectTypeOf<ExpressRequest["db"]>().toEqualTypeOf<Session>();
    expectTypeOf<FastifyRequest["db"]>().toEqualTypeOf<Session>();
    const check = (SessionLocal: SessionFactory) => {
      const app = new Hono<{ Variables: AthanorVariables }>();
      app.use(athanorSession(SessionLocal));
      app.get("/", (c) => {
        expectTypeOf(c.var.db).toEqualTypeOf<Session>();
        return c.text("ok");
      });
      // Chained, the middleware's Variables reach the handler without declaring them on the app.
      new Hono().use(athanorSession(SessionLocal)).get("/", (c) => {
        expectTypeOf(c.var.db).toEqualTypeOf<Session>();
        return c.text("ok");
      });
    };
    expect(typeof check).toBe("function");
  });

  it("paginate gives entities, rows or values by what is selected; toDict a record", () => {
    const check = async (db: Session) => {
      expectTypeOf(await paginate(db, select(Kit), { page: 1 })).toEqualTypeOf<Page<KitT>>();
      const rows = await paginate(db, select(Kit.id, Kit.code), { after: null });
      expectTypeOf(rows.items[0]!.code).toEqualTypeOf<string>();
      expectTypeOf(await paginate(db, select(Kit.code), { after: "x" })).toEqualTypeOf<KeysetPage<string>>();
      expectTypeOf(toDict(new Kit({ code: "KIT-001", description: "x" }))).toEqualTypeOf<
        Record<string, unknown>
      >();
      // @ts-expect-error: page and after are two different forms
      await paginate(db, select(Kit), { page: 1, after: null });
    };
    expect(typeof check).toBe("function");
  });
});
