import { afterEach, beforeAll, expect, it } from "vitest";
import { NoResultFound, select, selectinload, sessionmaker } from "../../../src/index.js";
import {
  createInsertSchema,
  createSelectSchema,
  createUpdateSchema,
} from "../../../src/integrations/zod/index.js";
import { forEachDatabase } from "../../support/databases.js";
import { everyTypeModel, kitModels, postgresTypeModel } from "./support/models.js";

/** A request body as it arrives: JSON text, parsed (dates and decimals are strings). */
const asJson = (body: unknown): unknown => JSON.parse(JSON.stringify(body));

forEachDatabase("athanor/zod schemas on a database", (tdb) => {
  const kits = kitModels();
  const every = everyTypeModel();
  const pg = postgresTypeModel();
  const SessionLocal = sessionmaker({ bind: undefined as never });
  const onPostgres = tdb.name === "pglite" || tdb.name === "postgresql";

  beforeAll(async () => {
    await kits.Base.metadata.createAll(tdb.engine);
    await every.Base.metadata.createAll(tdb.engine);
    if (onPostgres) await pg.Base.metadata.createAll(tdb.engine);
    SessionLocal.configure({ bind: tdb.engine });
  });
  afterEach(() => {
    expect(tdb.engine.pool.checkedOut).toBe(0);
  });

  it("a kit and its events: insert bodies parsed, stored, read back and parsed by the select schema", async () => {
    const { Kit, CustodyEvent } = kits;
    const KitCreate = createInsertSchema(Kit, { code: (s) => s.regex(/^KIT-\d{3}$/) });
    const EventCreate = createInsertSchema(CustodyEvent);
    const KitOut = createSelectSchema(Kit, { with: { custodyEvents: true } });

    const body = KitCreate.parse(asJson({ code: "KIT-001", description: "Rifle kit", serialNumber: null }));
    const id = await SessionLocal.begin(async (db) => {
      const kit = new Kit(body);
      kit.custodyEvents.push(new CustodyEvent(EventCreate.parse(asJson({ notes: "issued" }))));
      kit.custodyEvents.push(new CustodyEvent(EventCreate.parse(asJson({ attested: true }))));
      db.add(kit);
      await db.flush();
      return kit.id;
    });

    await using db = SessionLocal();
    const kit = await db.getOne(Kit, id, { options: [selectinload(Kit.custodyEvents)] });
    const out = KitOut.parse(kit);
    expect(out).toEqual({
      id,
      createdAt: expect.any(Date),
      code: "KIT-001",
      description: "Rifle kit",
      serialNumber: null,
      status: "available",
      custodyEvents: [
        { id: expect.any(Number), createdAt: expect.any(Date), kitId: id, notes: "issued", attested: false },
        { id: expect.any(Number), createdAt: expect.any(Date), kitId: id, notes: null, attested: true },
      ],
    });
    // A plain object: what c.json() sends, dates as ISO strings.
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(KitOut.parse(asJson(out))).toEqual(out);
  });

  it("an unloaded relationship is not dropped silently: parsing throws the error reading it throws", async () => {
    const { Kit } = kits;
    const KitOut = createSelectSchema(Kit, { with: { custodyEvents: true } });
    await using db = SessionLocal();
    const kit = (await db.scalars(select(Kit).limit(1))).one();
    expect(() => KitOut.parse(kit)).toThrow(/custodyEvents is not loaded/);
    expect(() => createSelectSchema(Kit).parse(kit)).not.toThrow();
  });

  it("an update body changes only what it gives", async () => {
    const { Kit } = kits;
    const KitPatch = createUpdateSchema(Kit);
    const patch = KitPatch.parse(asJson({ status: "lost", serialNumber: "SN-9" }));
    await SessionLocal.begin(async (db) => {
      const kit = (await db.scalars(select(Kit).where(Kit.code.eq("KIT-001")))).one();
      Object.assign(kit, patch);
    });
    await using db = SessionLocal();
    const kit = (await db.scalars(select(Kit).where(Kit.code.eq("KIT-001")))).one();
    expect([kit.status, kit.serialNumber, kit.description]).toEqual(["lost", "SN-9", "Rifle kit"]);
    await expect(db.getOne(Kit, -1)).rejects.toThrow(NoResultFound);
  });

  it("every column type round-trips: insert schema -> Session -> select schema", async () => {
    const { Sample } = every;
    const SampleCreate = createInsertSchema(Sample);
    const SampleOut = createSelectSchema(Sample);
    const token = "0F8FAD5B-D9CB-469F-A165-70867728950E";
    const wire = asJson({
      small: -7,
      count: null,
      big: 9_007_199_254_740_991,
      real: 1.5,
      dbl: -0.25,
      price: 12.5,
      at: "2024-05-06T09:08:09.123+02:00",
      day: "2024-02-29",
      clock: "12:30:15",
      span: "P1DT2H30M",
      token,
      settings: { theme: "dark", size: 3 },
      label: 'it\'s "quoted" ; DROP TABLE samples',
      handle: "MiXeD",
    }) as Record<string, unknown>;
    const parsed = SampleCreate.parse({ ...wire, blob: Buffer.from([0, 1, 254, 255]) });
    expect(parsed.at).toEqual(new Date("2024-05-06T07:08:09.123Z"));
    expect(parsed.price).toBe("12.5");

    const id = await SessionLocal.begin(async (db) => {
      const row = new Sample(parsed);
      db.add(row);
      await db.flush();
      return row.id;
    });
    expect(typeof id).toBe("bigint");

    await using db = SessionLocal();
    const row = await db.getOne(Sample, id);
    const out = SampleOut.parse(row);
    expect(out).toEqual({
      id,
      small: -7,
      count: null,
      big: 9_007_199_254_740_991,
      real: 1.5,
      dbl: -0.25,
      price: "12.50",
      flag: true,
      at: new Date("2024-05-06T07:08:09.123Z"),
      day: new Date(Date.UTC(2024, 1, 29)),
      clock: "12:30:15",
      span: "P1DT2H30M",
      token: token.toLowerCase(),
      blob: Buffer.from([0, 1, 254, 255]),
      settings: { theme: "dark", size: 3 },
      label: 'it\'s "quoted" ; DROP TABLE samples',
      handle: "mixed",
      doubled: -14,
    });
    // What the select schema gives, its own insert schema takes back (minus the computed column).
    const { doubled: _, ...again } = out;
    expect(SampleCreate.safeParse(again).success).toBe(true);
  });

  it("refuses bad rows with one issue per field", () => {
    const { Kit } = kits;
    const KitCreate = createInsertSchema(Kit);
    const result = KitCreate.safeParse(
      asJson({ code: "K".repeat(51), status: "stolen", createdAt: "2024-13-01T00:00:00Z" }),
    );
    expect(result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "createdAt: Invalid ISO datetime",
      "code: Too big: expected string to have <=50 characters",
      "description: Invalid input: expected string, received undefined",
      'status: Invalid option: expected one of "available"|"checked_out"|"lost"',
    ]);
  });

  // Declared only where the types exist (ARRAY and JSONB are PostgreSQL's).
  if (!onPostgres) return;
  it("PostgreSQL arrays (nested, of an enum) and JSONB round-trip", async () => {
    const { PgSample } = pg;
    const Create = createInsertSchema(PgSample);
    const Out = createSelectSchema(PgSample);
    const bad = Create.safeParse({ tags: ["x".repeat(21)], states: ["gone"], grid: [1, 2], doc: { a: [1] } });
    expect(bad.error!.issues.map((i) => `${i.path.join(".")}: ${i.code}`)).toEqual([
      "tags.0: too_big",
      "states.0: invalid_value",
      "grid.0: invalid_type",
      "grid.1: invalid_type",
    ]);
    const parsed = Create.parse(
      // states stays NULL: an array of an enum reads back as its text form ('{lost,available}'),
      // a limitation of ARRAY's result processing outside athanor/zod (reported).
      asJson({
        tags: ["a", "b,c", 'd"e'],
        states: null,
        grid: [
          [1, 2],
          [3, 4],
        ],
        doc: { a: [1, 2] },
      }),
    );
    const id = await SessionLocal.begin(async (db) => {
      const row = new PgSample(parsed);
      db.add(row);
      await db.flush();
      return row.id;
    });
    await using db = SessionLocal();
    expect(Out.parse(await db.getOne(PgSample, id))).toEqual({
      id,
      tags: ["a", "b,c", 'd"e'],
      states: null,
      grid: [
        [1, 2],
        [3, 4],
      ],
      doc: { a: [1, 2] },
    });
  });
});
