/**
 * The Athanor demo: the seeds' Custody Manager on embedded SQLite (no server needed).
 * Run with `npm run demo`. Every step prints what it does and the SQL statement count.
 */
import { mkdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  exists,
  func,
  IntegrityError,
  insert,
  inspect,
  joinedload,
  select,
  selectinload,
  text,
  update,
} from "athanor";
import { upgrade } from "athanor/migrate";
import { engine, SessionLocal } from "./custody/db.js";
import {
  CustodyEvent,
  Kit,
  KitStatus,
  MaintenanceEvent,
  Profile,
  Tag,
  User,
  UserRole,
} from "./custody/models.js";

/** The demo's migrations folder (revisions in its versions/), wherever the demo is run from. */
const MIGRATIONS = fileURLToPath(new URL("./migrations", import.meta.url));

let statements = 0;
engine.on("afterExecute", () => {
  statements++;
});

function step(title: string): void {
  console.log(`\n== ${title}`);
}
function show(label: string, value: unknown): void {
  console.log(
    `   ${label}: ${typeof value === "string" ? value : JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`,
  );
}
async function counted<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const before = statements;
  const result = await fn();
  show(label, `${statements - before} SQL statement(s)`);
  return result;
}

async function main(): Promise<void> {
  rmSync(".athanor-demo", { recursive: true, force: true });
  mkdirSync(".athanor-demo", { recursive: true });

  // The schema comes from the revisions in examples/migrations (written by `athanor revision
  // --autogenerate` from the models), as a deployed application's would: not from createAll().
  const migrated = await upgrade({ engine, migrations: MIGRATIONS }, "head");
  step(`Schema: migrations upgrade head (${migrated.steps.length} revisions)`);
  for (const s of migrated.steps) show(s.revision, `${s.message}: ${s.operations.length} operation(s)`);
  show("tables", await inspect(engine).getTableNames());

  step("Core: the seeds' queries without the ORM");
  const users = User.__table__;
  const kits = Kit.__table__;
  const events = CustodyEvent.__table__;
  await engine.begin(async (conn) => {
    await conn.execute(insert(users), [
      { email: "neo@matrix.com", name: "Neo", role: "coach" },
      { email: "trinity@gmail.com", name: "Trinity", role: "armorer" },
      { email: "morpheus@gmail.com", name: "Morpheus", role: "admin", isActive: false },
    ]);
    await conn.execute(
      insert(kits).values([
        { code: "KIT-001", description: "Rifle Kit #1", status: "available", value: "1250.00" },
        { code: "KIT-002", description: "Rifle Kit #2", status: "lost", value: "980.50" },
        { code: "KIT-003", description: "Pistol Kit", status: "maintenance", value: "640.00" },
      ]),
    );
    await conn.execute(insert(events), [
      { kitId: 1, userId: 1, eventType: "check_out" },
      { kitId: 1, userId: 1, eventType: "check_in" },
      { kitId: 2, userId: 2, eventType: "lost" },
    ]);
    const gmail = (
      await conn.execute(
        select(users.c.name).where(users.c.isActive.is(true), users.c.email.like("%@gmail.com")),
      )
    ).all();
    show(
      "active users with @gmail.com",
      gmail.map((r) => r.name),
    );
    const perKit = (
      await conn.execute(
        select(events.c.kitId, func.count(events.c.id).label("count"))
          .groupBy(events.c.kitId)
          .orderBy(events.c.kitId),
      )
    ).all();
    show(
      "events per kit (GROUP BY)",
      perKit.map((r) => ({ kitId: r.kitId, count: r.count })),
    );
    const joined = (
      await conn.execute(select(events.c.eventType).join(users).where(users.c.email.eq("neo@matrix.com")))
    ).all();
    show(
      "events of neo (JOIN inferred from the foreign key)",
      joined.map((r) => r.eventType),
    );
    const withEvents = (
      await conn.execute(
        select(kits.c.code)
          .where(exists().where(events.c.kitId.eq(kits.c.id)))
          .orderBy(kits.c.code),
      )
    ).all();
    show(
      "kits with events (EXISTS)",
      withEvents.map((r) => r.code),
    );
    const raw = await conn.execute(text("SELECT code FROM kits WHERE status = :status"), {
      status: "available",
    });
    show(
      "raw SQL with text()",
      raw.all().map((r) => r[0]),
    );
    const res = await conn.execute(
      update(kits).where(kits.c.status.eq("lost")).values({ status: "available" }),
    );
    show("UPDATE kits lost -> available, rows", res.rowCount);
  });

  step("ORM: create, commit, refresh (the seeds' CRUD)");
  const db = SessionLocal();
  try {
    const user = new User({ email: "smith@matrix.com", name: "Agent Smith", role: UserRole.volunteer });
    db.add(user);
    await db.commit();
    await db.refresh(user);
    show("new user id / createdAt", { id: user.id, createdAt: user.createdAt.toISOString() });

    step("ORM: queries (legacy Query API and 2.0 select)");
    const active = await db.query(User).filter(User.isActive.is(true), User.email.like("%@gmail.com")).all();
    show(
      "db.query(User).filter(...).all()",
      active.map((u) => u.name),
    );
    const one = await db.get(User, 1);
    show("db.get(User, 1)", one?.name);
    const page = await db.query(Kit).orderBy(Kit.createdAt.desc(), Kit.id.desc()).offset(1).limit(2).all();
    show(
      "page of kits (offset 1, limit 2)",
      page.map((k) => k.code),
    );
    const expensive = await db.query(Kit).filter(Kit.value.gt(900)).count();
    show("kits worth more than 900", expensive);
    const coaches: User[] = (
      await db.scalars(select(User).where(User.role.eq("coach"), User.isActive.is(true)))
    ).all();
    show(
      "coaches (select + scalars)",
      coaches.map((u) => u.name),
    );
    const counts = (
      await db.execute(
        select(CustodyEvent.kitId, func.count(CustodyEvent.id).label("count")).groupBy(CustodyEvent.kitId),
      )
    ).all();
    show(
      "events per kit",
      counts.map((r) => `${r.kitId}: ${r.count}`),
    );
    const viaJoin = await db.query(CustodyEvent).join(User).filter(User.email.eq("neo@matrix.com")).all();
    show(
      "events joined to their user",
      viaJoin.map((e) => e.eventType),
    );

    step("ORM: change an object, commit (unit of work)");
    const kit = (await db.query(Kit).filter(Kit.code.eq("KIT-003")).first())!;
    kit.status = KitStatus.available;
    show("dirty before commit", db.dirty.length);
    await counted("commit", () => db.commit());

    step("ORM: eager loading without N+1");
    const withEvents = await counted("joinedload(Kit.custodyEvents) + first()", () =>
      db.query(Kit).options(joinedload(Kit.custodyEvents)).filter(Kit.id.eq(1)).first(),
    );
    show(
      "KIT-001 events",
      withEvents!.custodyEvents.map((e) => e.eventType),
    );
    const all = await counted("selectinload of events and their users", () =>
      db.scalars(
        select(Kit).options(selectinload(Kit.custodyEvents).selectinload(CustodyEvent.user)).orderBy(Kit.id),
      ),
    );
    for (const k of all.all())
      show(
        k.code,
        k.custodyEvents.map((e) => `${e.eventType} by ${e.user.name}`),
      );
    try {
      const plain = (await db.get(Kit, 3))!;
      void plain.maintenanceEvents;
    } catch (e) {
      show("reading an unloaded relationship", (e as Error).message.split(";")[0]!);
    }

    step("ORM: a checkout in one transaction (relationships set the foreign keys)");
    const neo = (await db.query(User).filterBy({ email: "neo@matrix.com" }).one())!;
    const k3 = (await db.get(Kit, 3))!;
    k3.status = KitStatus.checkedOut;
    const checkout = new CustodyEvent({ eventType: "check_out", attestationAccepted: true });
    checkout.kit = k3;
    checkout.user = neo;
    db.add(checkout);
    await db.commit();
    await db.load(k3, "custodyEvents");
    show(
      "KIT-003 events after checkout",
      k3.custodyEvents.map((e) => e.eventType),
    );

    step("ORM: a transaction that rolls back (duplicate code)");
    try {
      db.add(new Kit({ code: "KIT-001", description: "duplicate" }));
      await db.commit();
    } catch (e) {
      show("IntegrityError", e instanceof IntegrityError);
      await db.rollback();
    }
    show("kits after rollback", await db.query(Kit).count());

    step("ORM: a savepoint (beginNested) rolled back, the outer transaction kept");
    db.add(new Tag({ name: "rifle" }));
    const sp = await db.beginNested();
    db.add(new Tag({ name: "temporary" }));
    await db.flush();
    await sp.rollback();
    await db.commit();
    show("tags", (await db.scalars(select(Tag.name).orderBy(Tag.name))).all());

    step("ORM: many-to-many (kits <-> tags) and one-to-one (user <-> profile)");
    const rifle = (await db.query(Tag).filterBy({ name: "rifle" }).one())!;
    const kit1 = (await db.scalars(select(Kit).where(Kit.id.eq(1)).options(selectinload(Kit.tags)))).one();
    kit1.tags.push(rifle);
    const smith = (await db.query(User).filterBy({ email: "smith@matrix.com" }).one())!;
    smith.profile = new Profile({ bio: "Mr. Anderson..." });

    await db.commit();
    const tagged = (await db.scalars(select(Kit).where(Kit.tags.any(Tag.name.eq("rifle"))))).all();
    show(
      "kits tagged rifle",
      tagged.map((k) => k.code),
    );
    const withProfile = (await db.scalars(select(User).where(User.profile.has()))).all();
    show(
      "users with a profile",
      withProfile.map((u) => u.name),
    );

    step("ORM: cascade delete (a kit's events go with it)");
    db.add(new MaintenanceEvent({ kitId: 2, kind: "repair", cost: "45.00" }));
    await db.commit();
    const kit2 = (await db.get(Kit, 2))!;
    await db.delete(kit2);
    await counted("commit (loads children, deletes them, then the kit)", () => db.commit());
    show("custody events left", await db.query(CustodyEvent).count());

    step("ORM: bulk update and bulk delete (the seeds' Query.update / Query.delete)");
    const updated = await db
      .query(Kit)
      .filter(Kit.status.eq(KitStatus.available))
      .update({ status: KitStatus.maintenance });
    show("kits moved to maintenance", updated);
    const deleted = await db.query(CustodyEvent).filter(CustodyEvent.eventType.eq("check_in")).delete();
    show("check-in events deleted", deleted);
    await db.commit();
  } catch (e) {
    await db.rollback();
    throw e;
  } finally {
    await db.close();
  }

  step("Done");
  show("SQL statements in the whole demo", statements);
  await engine.dispose();
}

main().catch(async (e) => {
  console.error(e);
  await engine.dispose();
  process.exit(1);
});
