import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type SessionFactory, select, sessionmaker } from "../../../src/index.js";
import { forEachDatabase } from "../../support/databases.js";
import { models } from "./support/routes.js";
import { FRAMEWORKS, type RunningServer, startServer } from "./support/servers.js";

const { Base, Kit } = models;

/** What no client-facing body may contain: SQL, parameters, driver text. */
const LEAKS =
  /INSERT|SELECT|UPDATE kits|\[SQL|parameters|QueuePool|constraint failed|duplicate key|Duplicate entry/i;

async function post(url: string, body: unknown): Promise<{ status: number; text: string; json: any }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : null };
}

async function get(url: string): Promise<{ status: number; text: string; json: any }> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : null };
}

/** Runs `total` calls of `task` with at most `width` at a time; bounded in count by construction. */
async function inBatches(total: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < total; start += width) {
    const batch: Promise<void>[] = [];
    for (let i = start; i < Math.min(total, start + width); i++) batch.push(task(i));
    await Promise.all(batch);
  }
}

forEachDatabase(
  "request-scoped sessions over HTTP",
  (tdb) => {
    let SessionLocal: SessionFactory;

    beforeAll(async () => {
      await Base.metadata.createAll(tdb.engine);
      SessionLocal = sessionmaker({ bind: tdb.engine, autoflush: false });
    });

    async function codes(prefix: string): Promise<string[]> {
      const db = SessionLocal();
      try {
        return (
          await db.scalars(
            select(Kit.code)
              .where(Kit.code.like(`${prefix}%`))
              .orderBy(Kit.code),
          )
        ).all();
      } finally {
        await db.close();
      }
    }

    for (const framework of FRAMEWORKS) {
      describe(framework, () => {
        let server: RunningServer;
        const p = `${framework.slice(0, 2)}-`;

        beforeAll(async () => {
          server = await startServer(framework, SessionLocal);
        });
        afterAll(async () => {
          await server?.close();
        });
        afterEach(() => {
          // Every request gave its connection back, whatever it answered.
          expect(tdb.engine.pool.checkedOut).toBe(0);
        });

        it("commits when the handler succeeds, before the answer arrives", async () => {
          const res = await post(`${server.url}/kits`, { code: `${p}ok`, description: "Rifle Kit" });
          expect(res.status).toBe(201);
          expect(res.json).toMatchObject({ code: `${p}ok`, description: "Rifle Kit", status: "available" });
          expect(await codes(`${p}ok`)).toEqual([`${p}ok`]);
          const again = await get(`${server.url}/kits/${res.json.id}`);
          expect(again.json.code).toBe(`${p}ok`);
        });

        it("rolls back on a thrown error: nothing written, a bare 500, the detail logged", async () => {
          const before = server.logged.length;
          const res = await post(`${server.url}/kits/fail`, { code: `${p}fail` });
          expect(res.status).toBe(500);
          expect(res.json).toEqual({ error: "internal", message: "Internal Server Error" });
          expect(await codes(`${p}fail`)).toEqual([]);
          expect(String(server.logged.slice(before))).toContain("boom after INSERT");
        });

        it("rolls back on a 4xx answer", async () => {
          const res = await post(`${server.url}/kits/reject`, { code: `${p}rej` });
          expect(res.status).toBe(400);
          expect(await codes(`${p}rej`)).toEqual([]);
        });

        it("maps NoResultFound to 404, IntegrityError to 409 with constraint and table, and never leaks SQL", async () => {
          const missing = await get(`${server.url}/kits/987654`);
          expect(missing.status).toBe(404);
          expect(missing.json).toEqual({ error: "not_found", message: "No Kit with primary key 987654" });

          await post(`${server.url}/kits`, { code: `${p}dup` });
          const dup = await post(`${server.url}/kits`, { code: `${p}dup` });
          expect(dup.status).toBe(409);
          expect(dup.json.error).toBe("conflict");
          expect(dup.json.table).toBe("kits");
          expect(dup.json.constraint).toMatch(/code/);
          expect(dup.text).not.toMatch(LEAKS);
          expect(dup.text).not.toContain(`${p}dup`);

          const stale = await get(`${server.url}/stale`);
          expect(stale.status).toBe(409);
          expect(stale.text).not.toMatch(LEAKS);
          const busy = await get(`${server.url}/busy`);
          expect(busy.status).toBe(503);
          expect(busy.text).not.toMatch(LEAKS);
        });

        it("a commit that fails after the handler answered turns the answer into the mapped error", async () => {
          await post(`${server.url}/kits`, { code: `${p}late` });
          const res = await post(`${server.url}/kits/late`, { code: `${p}late` });
          expect(res.status).toBe(409);
          expect(res.json).toMatchObject({ error: "conflict", table: "kits" });
          expect(res.text).not.toMatch(LEAKS);
          expect(await codes(`${p}late`)).toEqual([`${p}late`]);
        });

        it("a client that hangs up mid-request leaves no connection out", async () => {
          const aborted = new AbortController();
          const call = fetch(`${server.url}/hold`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ ms: 300 }),
            signal: aborted.signal,
          }).catch((e: unknown) => e);
          await new Promise((r) => setTimeout(r, 100));
          aborted.abort();
          expect(await call).toBeInstanceOf(Error);
          // The handler goes on after the hang-up (200 ms more); then its connection must be back.
          await new Promise((r) => setTimeout(r, 400));
          expect(tdb.engine.pool.checkedOut).toBe(0);
        });

        it("100 parallel requests each get their own session, which currentSession() returns", async () => {
          const answers = await Promise.all(Array.from({ length: 100 }, () => get(`${server.url}/whoami`)));
          expect(answers.every((a) => a.status === 200 && a.json.same === true)).toBe(true);
          expect(new Set(answers.map((a) => a.json.request)).size).toBe(100);
        });

        it("1,000 requests of which 10% fail leave every success written, no failure, and 0 connections out", async () => {
          const started = Date.now();
          // SQLite writers lock the whole file: one request at a time there, ten elsewhere.
          const width = tdb.name === "sqlite" ? 1 : 10;
          const statuses: number[] = [];
          await inBatches(1000, width, async (i) => {
            if (Date.now() - started > 120_000) throw new Error("1,000 requests took over 2 minutes");
            const code = `${p}m${String(i).padStart(4, "0")}`;
            const res = await post(`${server.url}/kits${i % 10 === 0 ? "/fail" : ""}`, { code });
            statuses.push(res.status);
          });
          expect(statuses.filter((s) => s === 201)).toHaveLength(900);
          expect(statuses.filter((s) => s === 500)).toHaveLength(100);
          const written = await codes(`${p}m`);
          expect(written).toHaveLength(900);
          expect(written.some((c) => Number(c.slice(-4)) % 10 === 0)).toBe(false);
          expect(tdb.engine.pool.checkedOut).toBe(0);
        }, 180_000);
      });
    }
  },
  { file: true },
);

describe("currentSession() outside a request", () => {
  it("says how to get one", async () => {
    const { currentSession } = await import("../../../src/index.js");
    expect(() => currentSession()).toThrow(/outside a request.*athanorSession/s);
  });
});
