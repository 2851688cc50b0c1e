import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Engine, select, sessionmaker } from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";
import { models } from "./support/routes.js";
import { FRAMEWORKS, type RunningServer, startServer } from "./support/servers.js";

forEachDatabase(
  "an exhausted pool answers 503",
  (tdb) => {
    let engine: Engine;

    beforeAll(async () => {
      await models.Base.metadata.createAll(tdb.engine);
      // One connection, and 0.2 s to wait for it.
      engine = tdb.newEngine({ poolSize: 1, maxOverflow: 0, poolTimeout: 0.2 });
      // A new PGlite engine is a new database of its own (tables already there are skipped).
      await models.Base.metadata.createAll(engine);
    });

    for (const framework of FRAMEWORKS) {
      describe(framework, () => {
        let server: RunningServer;
        beforeAll(async () => {
          server = await startServer(framework, sessionmaker({ bind: engine }));
        });
        afterAll(async () => {
          await server?.close();
        });

        it("a request that cannot get a connection in time gets 503 and Retry-After, without detail", async () => {
          const holding = fetch(`${server.url}/hold`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ ms: 1000 }),
          });
          await delay(100);
          const res = await fetch(`${server.url}/whoami`);
          expect(res.status).toBe(503);
          expect(res.headers.get("retry-after")).toBe("1");
          const text = await res.text();
          expect(JSON.parse(text)).toEqual({
            error: "unavailable",
            message: "The database is busy; try again shortly",
          });
          expect(text).not.toMatch(/Pool|timeout \d/);
          expect((await holding).status).toBe(200);
          expect(engine.pool.checkedOut).toBe(0);
        });
      });
    }
  },
  { file: true },
);

forEachDatabase(
  "rollbackOnStatus decides which answers roll back",
  (tdb) => {
    beforeAll(async () => {
      await models.Base.metadata.createAll(tdb.engine);
    });

    for (const framework of FRAMEWORKS) {
      it(`${framework}: with rollbackOnStatus: (s) => s >= 500, a 400 answer commits`, async () => {
        const server = await startServer(framework, sessionmaker({ bind: tdb.engine }), {
          rollbackOnStatus: (status) => status >= 500,
        });
        try {
          const code = `${framework}-kept-400`;
          const res = await fetch(`${server.url}/kits/reject`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ code }),
          });
          expect(res.status).toBe(400);
          const db = sessionmaker({ bind: tdb.engine })();
          const found = await db.scalar(select(models.Kit.code).where(models.Kit.code.eq(code)));
          await db.close();
          expect(found).toBe(code);
        } finally {
          await server.close();
        }
      });
    }
  },
  { file: true },
);
