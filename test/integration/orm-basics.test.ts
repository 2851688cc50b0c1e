import { expect, it } from "vitest";
import { func, joinedload, select, selectinload, sessionmaker } from "../../src/index.js";
import { custodyModels } from "../support/custody-models.js";
import { forEachDatabaseAndPgBouncer } from "../support/databases.js";

forEachDatabaseAndPgBouncer("orm basics", (db) => {
  const m = custodyModels();
  const { Base, User, Kit, CustodyEvent } = m;

  it("creates, flushes, queries and loads relationships", async () => {
    await Base.metadata.createAll(db.engine);
    const SessionLocal = sessionmaker({ bind: db.engine, autoflush: false });
    await SessionLocal.begin(async (s) => {
      const u = new User({ email: "neo@matrix.com", name: "Neo" });
      const k = new Kit({ code: "KIT-001", description: "Rifle Kit #1" });
      s.add(u);
      s.add(k);
      const ev = new CustodyEvent({ eventType: "check_out", kitId: 0, userId: 0 });
      ev.kit = k;
      ev.user = u;
      expect(k.custodyEvents).toContain(ev);
      await s.flush();
      expect(typeof k.id).toBe("number");
      expect(ev.kitId).toBe(k.id);
    });
    const s = SessionLocal();
    const kits = (await s.scalars(select(Kit).options(selectinload(Kit.custodyEvents)))).all();
    expect(kits.map((k) => k.code)).toEqual(["KIT-001"]);
    expect(kits[0]!.custodyEvents.map((e) => e.eventType)).toEqual(["check_out"]);
    const k1 = await s
      .query(Kit)
      .options(joinedload(Kit.custodyEvents))
      .filter(Kit.id.eq(kits[0]!.id))
      .first();
    expect(k1).toBe(kits[0]);
    const users = await s.query(User).filter(User.isActive.is(true), User.email.like("%@matrix.com")).all();
    expect(users.map((u) => u.name)).toEqual(["Neo"]);
    const counts = (
      await s.execute(
        select(CustodyEvent.kitId, func.count(CustodyEvent.id).label("count")).groupBy(CustodyEvent.kitId),
      )
    ).all();
    expect(counts.map((r) => [r.kitId, r.count])).toEqual([[k1!.id, 1]]);
    k1!.status = "lost";
    await s.commit();
    expect(() => k1!.status).toThrow(/expired/);
    await s.refresh(k1!);
    expect(k1!.status).toBe("lost");
    await s.close();
  });
});
