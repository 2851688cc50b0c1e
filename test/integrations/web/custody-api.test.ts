import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "../../../examples/custody-api/app.js";
import { inspect, type SessionFactory, sessionmaker } from "../../../src/index.js";
import { upgrade } from "../../../src/migrate/index.js";
import { forEachDatabase } from "../../support/databases.js";

const MIGRATIONS = fileURLToPath(new URL("../../../examples/migrations", import.meta.url));
/** What no answer may contain: SQL, parameters, driver text. */
const LEAKS = /INSERT|SELECT|UPDATE |\[SQL|parameters|constraint failed|duplicate key|Duplicate entry/i;

forEachDatabase(
  "examples/custody-api over HTTP",
  (tdb) => {
    let SessionLocal: SessionFactory;
    let base: string;
    let close: () => Promise<void>;
    const logged: unknown[] = [];

    beforeAll(async () => {
      const migrated = await upgrade({ engine: tdb.engine, migrations: MIGRATIONS }, "head");
      expect(migrated.steps.length).toBeGreaterThanOrEqual(2);
      SessionLocal = sessionmaker({ bind: tdb.engine, autoflush: false });
      const app = createApp(SessionLocal, { log: (e) => void logged.push(e) });
      const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
      });
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      close = () =>
        new Promise((resolve) => {
          (server as import("node:http").Server).closeAllConnections();
          server.close(() => resolve());
        });
    });
    afterAll(async () => {
      await close?.();
    });

    async function call(method: string, path: string, body?: unknown) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      expect(text).not.toMatch(LEAKS);
      return { status: res.status, json: JSON.parse(text) };
    }

    it("the schema comes from the migrations (upgrade head)", async () => {
      expect((await inspect(tdb.engine).getTableNames()).sort()).toEqual(
        expect.arrayContaining(["athanor_version", "custody_events", "kits", "users"]),
      );
    });

    it("creates users and kits from validated bodies: 201, 400 with the issues, 409 on duplicates", async () => {
      const neo = await call("POST", "/users", { email: "neo@matrix.com", name: "Neo", role: "coach" });
      expect(neo.status).toBe(201);
      expect(neo.json).toMatchObject({
        email: "neo@matrix.com",
        role: "coach",
        isActive: true,
        verifiedAdult: false,
      });
      expect(typeof neo.json.createdAt).toBe("string");

      const badEmail = await call("POST", "/users", { email: "nope", name: "X" });
      expect(badEmail.status).toBe(400);
      expect(badEmail.json.issues.map((i: { path: string[] }) => i.path.join("."))).toEqual(["email"]);
      const badRole = await call("POST", "/users", { email: "a@b.co", name: "X", role: "boss" });
      expect(badRole.status).toBe(400);
      expect(badRole.json.issues[0].path).toEqual(["role"]);
      const dupUser = await call("POST", "/users", { email: "neo@matrix.com", name: "Neo again" });
      expect(dupUser.status).toBe(409);
      expect(dupUser.json).toMatchObject({ error: "conflict", table: "users" });

      const kit = await call("POST", "/kits", { code: "KIT-001", description: "Rifle Kit #1", value: 1250 });
      expect(kit.status).toBe(201);
      expect(kit.json).toMatchObject({
        code: "KIT-001",
        status: "available",
        serialNumber: null,
      });
      // Numeric comes back as a decimal string (what the insert schema made of the number).
      expect(Number(kit.json.value)).toBe(1250);
      const badCode = await call("POST", "/kits", { code: "K1", description: "x" });
      expect(badCode.status).toBe(400);
      expect(badCode.json.issues).toEqual([{ path: ["code"], message: "code looks like KIT-001" }]);
      const tooLong = await call("POST", "/kits", { code: "KIT-009", description: "x".repeat(201) });
      expect(tooLong.status).toBe(400);
      expect(tooLong.json.issues[0].path).toEqual(["description"]);
      const extra = await call("POST", "/kits", { code: "KIT-009", description: "x", status: "lost" });
      expect(extra.status).toBe(400);
      const dupKit = await call("POST", "/kits", { code: "KIT-001", description: "again" });
      expect(dupKit.status).toBe(409);
      expect(dupKit.json).toMatchObject({ error: "conflict", table: "kits" });
      expect(dupKit.json.constraint).toMatch(/code/);
    });

    it("lists kits with filters and pages, and as a keyset feed", async () => {
      for (let i = 2; i <= 12; i++) {
        const r = await call("POST", "/kits", {
          code: `KIT-${String(i).padStart(3, "0")}`,
          description: `Kit ${i}`,
        });
        expect(r.status).toBe(201);
      }
      const page = await call("GET", "/kits?page=2&perPage=5");
      expect(page.json).toMatchObject({ total: 12, page: 2, perPage: 5, pages: 3 });
      expect(page.json.items.map((k: { code: string }) => k.code)).toEqual([
        "KIT-006",
        "KIT-007",
        "KIT-008",
        "KIT-009",
        "KIT-010",
      ]);
      const search = await call("GET", "/kits?q=01");
      expect(search.json.items.map((k: { code: string }) => k.code)).toEqual([
        "KIT-001",
        "KIT-010",
        "KIT-011",
        "KIT-012",
      ]);
      // LIKE wildcards in the search are matched literally.
      expect((await call("GET", "/kits?q=%25")).json.total).toBe(0);
      const lost = await call("GET", "/kits?status=lost");
      expect(lost.json).toMatchObject({ total: 0, items: [] });
      expect((await call("GET", "/kits?status=gone")).status).toBe(400);
      expect((await call("GET", "/kits?perPage=1000")).status).toBe(400);

      const codes: string[] = [];
      let after = "";
      for (let n = 0; n < 10; n++) {
        const feed = await call("GET", `/kits/feed?perPage=5${after ? `&after=${after}` : ""}`);
        expect(feed.status).toBe(200);
        codes.push(...feed.json.items.map((k: { code: string }) => k.code));
        if (feed.json.next === null) break;
        after = feed.json.next;
      }
      expect(codes).toHaveLength(12);
      expect(codes[11]).toBe("KIT-012");
      expect((await call("GET", "/kits/feed?after=garbage")).status).toBe(400);
    });

    it("checks a kit out and in by the rules, and shows it with its events eagerly loaded", async () => {
      const trinity = (await call("POST", "/users", { email: "trinity@gmail.com", name: "Trinity" })).json;
      const neo = (await call("GET", "/users/1")).json;
      const kit = (await call("POST", "/kits", { code: "KIT-100", description: "Pistol Kit" })).json;

      const noAttestation = await call("POST", `/kits/${kit.id}/check-out`, {
        userId: neo.id,
        attestationAccepted: false,
      });
      expect(noAttestation.status).toBe(400);
      expect(noAttestation.json.issues[0]).toEqual({
        path: ["attestationAccepted"],
        message: "the attestation must be accepted",
      });
      const unknownUser = await call("POST", `/kits/${kit.id}/check-out`, {
        userId: 9999,
        attestationAccepted: true,
      });
      expect(unknownUser.status).toBe(404);
      expect(unknownUser.json.message).toBe("No User with primary key 9999");

      const out = await call("POST", `/kits/${kit.id}/check-out`, {
        userId: neo.id,
        attestationAccepted: true,
        expectedReturnDate: "2026-12-24T18:00:00.000Z",
        notes: "range day",
      });
      expect(out.status).toBe(201);
      expect(out.json).toMatchObject({ eventType: "check_out", kitId: kit.id, userId: neo.id });
      expect(new Date(out.json.expectedReturnDate).toISOString()).toBe("2026-12-24T18:00:00.000Z");

      const again = await call("POST", `/kits/${kit.id}/check-out`, {
        userId: trinity.id,
        attestationAccepted: true,
      });
      expect(again.status).toBe(409);
      expect(again.json.message).toBe("KIT-100 is checked_out, not available");
      const wrongHolder = await call("POST", `/kits/${kit.id}/check-in`, { userId: trinity.id });
      expect(wrongHolder.status).toBe(409);
      const back = await call("POST", `/kits/${kit.id}/check-in`, { userId: neo.id, notes: "cleaned" });
      expect(back.status).toBe(201);

      const detail = await call("GET", `/kits/${kit.id}`);
      expect(detail.status).toBe(200);
      expect(detail.json.status).toBe("available");
      expect(detail.json.custodyEvents.map((e: { eventType: string }) => e.eventType)).toEqual([
        "check_out",
        "check_in",
      ]);
      expect(detail.json.custodyEvents[0].notes).toBe("range day");

      const missing = await call("GET", "/kits/424242");
      expect(missing).toEqual({
        status: 404,
        json: { error: "not_found", message: "No Kit with primary key 424242" },
      });
    });

    it("updates a kit partially, and a failed request writes nothing", async () => {
      const kit = (await call("POST", "/kits", { code: "KIT-200", description: "Old" })).json;
      const patched = await call("PATCH", `/kits/${kit.id}`, { description: "New", serialNumber: "SN-200" });
      expect(patched.status).toBe(200);
      expect(patched.json).toMatchObject({ description: "New", serialNumber: "SN-200", status: "available" });
      const bad = await call("PATCH", `/kits/${kit.id}`, { description: "y".repeat(300) });
      expect(bad.status).toBe(400);
      const after = await call("GET", `/kits/${kit.id}`);
      expect(after.json.description).toBe("New");
      expect(tdb.engine.pool.checkedOut).toBe(0);
      expect(logged.map(String)).toEqual([]);
    });
  },
  { file: true },
);
