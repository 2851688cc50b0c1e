import { inspect } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DetachedInstanceError,
  loadOnly,
  type Session,
  select,
  selectinload,
  sessionmaker,
  toDict,
  UnloadedAttributeError,
} from "../../../src/index.js";
import { custodyModels } from "../../support/custody-models.js";
import { forEachDatabase } from "../../support/databases.js";

const { Base, Kit, User, CustodyEvent } = custodyModels();

forEachDatabase("toDict, toJSON and inspect of entities", (tdb) => {
  let SessionLocal: ReturnType<typeof sessionmaker>;

  beforeAll(async () => {
    await Base.metadata.createAll(tdb.engine);
    SessionLocal = sessionmaker({ bind: tdb.engine });
    await SessionLocal.begin(async (db) => {
      const neo = new User({ email: "neo@matrix.com", name: "Neo" });
      const kit = new Kit({ code: "KIT-001", description: "Rifle Kit #1", serialNumber: "SN-1" });
      const out = new CustodyEvent({ eventType: "check_out", notes: "range day" });
      const back = new CustodyEvent({ eventType: "check_in" });
      out.user = neo;
      back.user = neo;
      kit.custodyEvents.push(out, back);
      db.add(kit);
      db.add(new Kit({ code: "KIT-002", description: "Pistol Kit" }));
    });
  });

  async function withSession<T>(fn: (db: Session) => Promise<T>): Promise<T> {
    const db = SessionLocal();
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }

  it("writes the loaded columns by attribute key", async () => {
    await withSession(async (db) => {
      const kit = (await db.scalars(select(Kit).where(Kit.code.eq("KIT-002")))).one();
      const dict = toDict(kit);
      expect(Object.keys(dict).sort()).toEqual(
        ["code", "createdAt", "description", "id", "serialNumber", "status", "updatedAt"].sort(),
      );
      expect(dict).toMatchObject({
        code: "KIT-002",
        description: "Pistol Kit",
        serialNumber: null,
        status: "available",
      });
      expect(dict.createdAt).toBeInstanceOf(Date);
      expect(toDict(kit, { exclude: ["serialNumber", "createdAt", "updatedAt"] })).toEqual({
        id: kit.id,
        code: "KIT-002",
        description: "Pistol Kit",
        status: "available",
      });
    });
  });

  it("writes included relationships, nested by path, and only those", async () => {
    await withSession(async (db) => {
      const kit = (
        await db.scalars(
          select(Kit)
            .where(Kit.code.eq("KIT-001"))
            .options(selectinload(Kit.custodyEvents).selectinload(CustodyEvent.user)),
        )
      ).one();
      const dict = toDict(kit, {
        include: ["custodyEvents", "custodyEvents.user"],
        exclude: [
          "createdAt",
          "updatedAt",
          "custodyEvents.createdAt",
          "custodyEvents.updatedAt",
          "custodyEvents.user.createdAt",
          "custodyEvents.user.updatedAt",
        ],
      });
      const events = dict.custodyEvents as Record<string, unknown>[];
      expect(events.map((e) => e.eventType)).toEqual(["check_out", "check_in"]);
      expect(events[0]).toMatchObject({ notes: "range day", kitId: kit.id });
      expect(events[0]!.user).toMatchObject({ email: "neo@matrix.com", name: "Neo" });
      // The back reference (event.kit, loaded with the collection) is not included.
      expect("kit" in events[0]!).toBe(false);
      expect("custodyEvents" in (events[0]!.user as object)).toBe(false);
    });
  });

  it("JSON.stringify writes loaded relationships and breaks the backPopulates cycle", async () => {
    await withSession(async (db) => {
      const kit = (
        await db.scalars(select(Kit).where(Kit.code.eq("KIT-001")).options(selectinload(Kit.custodyEvents)))
      ).one();
      const json = JSON.parse(JSON.stringify(kit));
      expect(json.code).toBe("KIT-001");
      expect(json.custodyEvents).toHaveLength(2);
      // event.kit is loaded (the backref) but leads back: left out. event.user is not loaded.
      expect(Object.keys(json.custodyEvents[0]).sort()).toEqual(
        [
          "attestationAccepted",
          "createdAt",
          "eventType",
          "expectedReturnDate",
          "id",
          "kitId",
          "notes",
          "updatedAt",
          "userId",
        ].sort(),
      );
      expect(typeof json.createdAt).toBe("string");
      // From the other side, the event writes its kit, and the kit does not come back to events.
      const event = kit.custodyEvents[0]!;
      const fromEvent = JSON.parse(JSON.stringify(event));
      expect(fromEvent.kit.code).toBe("KIT-001");
      expect(fromEvent.kit.custodyEvents).toBeUndefined();
    });
  });

  it("an expired object throws the error reading it throws, instead of answering with the id alone", async () => {
    const db = SessionLocal();
    try {
      const kit = (await db.scalars(select(Kit).where(Kit.code.eq("KIT-002")))).one();
      kit.description = "Pistol Kit (cleaned)";
      await db.commit(); // expireOnCommit
      let readError: unknown;
      try {
        void kit.code;
      } catch (e) {
        readError = e;
      }
      expect(readError).toBeInstanceOf(UnloadedAttributeError);
      expect(() => JSON.stringify(kit)).toThrow(UnloadedAttributeError);
      // The same error as the read: the first column written (id stays readable) is code here.
      expect(() => toDict(kit, { exclude: ["createdAt", "updatedAt"] })).toThrow(
        (readError as Error).message,
      );
      await db.refresh(kit);
      expect(JSON.parse(JSON.stringify(kit)).description).toBe("Pistol Kit (cleaned)");
    } finally {
      await db.close();
    }
  });

  it("an included relationship that is not loaded throws, an unloaded one not asked for is left out", async () => {
    await withSession(async (db) => {
      const kit = (await db.scalars(select(Kit).where(Kit.code.eq("KIT-001")))).one();
      expect(() => toDict(kit, { include: ["custodyEvents"] })).toThrow(UnloadedAttributeError);
      expect(() => toDict(kit, { include: ["custodyEvents"] })).toThrow(/selectinload\(Kit\.custodyEvents\)/);
      expect(toDict(kit)).not.toHaveProperty("custodyEvents");
      expect(() => toDict(kit, { include: ["code"] })).toThrow(/'code' is not a relationship of Kit/);
    });
  });

  it("a deferred column throws unless excluded; a detached expired object throws DetachedInstanceError", async () => {
    const db = SessionLocal();
    const kit = (
      await db.scalars(select(Kit).where(Kit.code.eq("KIT-001")).options(loadOnly(Kit.code, Kit.description)))
    ).one();
    expect(() => toDict(kit)).toThrow(/deferred/);
    expect(toDict(kit, { exclude: ["serialNumber", "status", "createdAt", "updatedAt"] })).toEqual({
      id: kit.id,
      code: "KIT-001",
      description: "Rifle Kit #1",
    });
    await db.commit();
    await db.close();
    expect(() => JSON.stringify(kit)).toThrow(DetachedInstanceError);
  });

  it("inspect and console.log print the class, key, unique columns and status, no session internals", async () => {
    await withSession(async (db) => {
      const kit = (await db.scalars(select(Kit).where(Kit.code.eq("KIT-001")))).one();
      expect(inspect(kit)).toBe(`<Kit id=${kit.id} code='KIT-001' (persistent)>`);
      expect(inspect({ kit }, { depth: 4 })).toBe(`{ kit: <Kit id=${kit.id} code='KIT-001' (persistent)> }`);
      const fresh = new Kit({ code: "it's", description: "x" });
      expect(inspect(fresh)).toBe(`<Kit code='it\\'s' (transient)>`);
      db.add(fresh);
      expect(inspect(fresh)).toBe(`<Kit code='it\\'s' (pending)>`);
      db.expunge(fresh);
    });
    const db = SessionLocal();
    const kit = (await db.scalars(select(Kit).where(Kit.code.eq("KIT-001")))).one();
    await db.commit();
    // Expired columns are not read (printing never throws); the key stays readable.
    expect(inspect(kit)).toBe(`<Kit id=${kit.id} (persistent)>`);
    await db.close();
    expect(inspect(kit)).toBe(`<Kit id=${kit.id} (detached)>`);
  });
});

describe("toDict arguments", () => {
  it("refuses what is not an entity", () => {
    expect(() => toDict({ a: 1 })).toThrow(/toDict\(\) takes an instance of a mapped class; got Object/);
  });
});
