import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, expect, it } from "vitest";
import { codegenEnabled, setCodegenMode } from "../../../src/codegen.js";
import {
  column,
  DateTime,
  declarativeBase,
  type Engine,
  ForeignKey,
  Integer,
  Json,
  jsonload,
  LargeBinary,
  loadOnly,
  Numeric,
  relationship,
  String as Str,
  select,
  sessionmaker,
  Text,
  update,
} from "../../../src/index.js";
import { forEachDatabaseAndPgBouncer } from "../../support/databases.js";

/**
 * Where `new Function` is forbidden (Cloudflare Workers, a strict CSP) every generated function
 * has an interpreted twin (src/codegen.ts). The same ORM work (inserts of several shapes, a
 * refused value, hydration with deferred columns and composite keys, refresh, change detection
 * of every value kind, result rows with odd keys) must give the same transcript generated,
 * interpreted, and with code generation made to throw as a CSP does (detected, not forced).
 */

/**
 * Fresh models per run, on tables of their own: generated functions are kept per mapper and per
 * compiled statement, so each mode builds its own.
 */
function models(prefix: string) {
  const Base = declarativeBase();
  class Item extends Base.table(`${prefix}_items`, {
    id: column(Integer).primaryKey(),
    name: column(Str(40)),
    note: column(Text).nullable(),
    price: column(Numeric(10, 2)).nullable(),
    at: column(DateTime({ timezone: true })).nullable(),
    doc: column(Json()).nullable(),
    blob: column(LargeBinary()).nullable(),
  }) {}
  class Pair extends Base.table(`${prefix}_pairs`, {
    a: column(Integer).primaryKey(),
    b: column(Str(10)).primaryKey(),
    v: column(Integer),
  }) {}
  // Parts load inside their box's row as JSON (jsonload): their values are decoded by the reader.
  class Box extends Base.table(`${prefix}_boxes`, { id: column(Integer).primaryKey() }) {
    static parts = relationship(() => Part);
    declare parts: Part[];
  }
  class Part extends Base.table(`${prefix}_parts`, {
    id: column(Integer).primaryKey(),
    boxId: column(Integer, ForeignKey(`${prefix}_boxes.id`)),
    note: column(Text).nullable(),
    price: column(Numeric(10, 2)).nullable(),
    at: column(DateTime({ timezone: true })).nullable(),
    doc: column(Json()).nullable(),
    blob: column(LargeBinary()).nullable(),
  }) {}
  return { Base, Item, Pair, Box, Part };
}

/** A JSON-comparable form of what the ORM handed back. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return { date: value.toISOString() };
  if (value instanceof Uint8Array) return { bytes: [...value] };
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

const AT = new Date("2024-03-01T10:20:30.000Z");

async function transcript(engine: Engine, prefix: string): Promise<unknown[]> {
  const { Base, Item, Pair, Box, Part } = models(prefix);
  const out: unknown[] = [];
  const statements: unknown[] = [];
  const log = (e: { sql: string; params: readonly unknown[] }) => {
    if (/^\s*(INSERT|UPDATE|DELETE)/i.test(e.sql))
      statements.push(plain([e.sql.replaceAll(prefix, "cg"), e.params]));
  };
  await Base.metadata.createAll(engine);
  try {
    const SessionLocal = sessionmaker({ bind: engine, expireOnCommit: false });
    engine.on("afterExecute", log);
    await SessionLocal.begin(async (db) => {
      db.addAll([
        new Item({ id: 1, name: "plain" }),
        new Item({ id: 2, name: "full", note: "n", price: "1.50", at: AT, doc: { x: [1] } }),
        new Item({ id: 3, name: "blob", blob: new Uint8Array([1, 2, 3]) }),
        new Item({ id: 4, name: "plain again" }),
        new Pair({ a: 1, b: "x", v: 10 }),
        new Pair({ a: 1, b: "y", v: 20 }),
        new Box({ id: 1 }),
        new Box({ id: 2 }),
        new Part({
          id: 1,
          boxId: 1,
          note: "n",
          price: "1.50",
          at: AT,
          doc: { x: [1] },
          blob: new Uint8Array([7]),
        }),
        new Part({ id: 2, boxId: 1 }),
      ]);
    });
    engine.off("afterExecute", log);
    out.push({ inserts: statements.splice(0) });

    // A value its column type cannot store is refused before any SQL, naming the column.
    const refused = await SessionLocal.begin(async (db) => {
      db.add(new Item({ id: "five" as never, name: "bad" }));
    }).catch((e: Error) => e.message);
    out.push({ refused });

    // Deferred columns: loaded without them, the objects expire them.
    {
      await using other = SessionLocal();
      const [partial] = (
        await other.scalars(select(Item).options(loadOnly(Item.name)).where(Item.id.eq(2)))
      ).all();
      let unloaded: string;
      try {
        unloaded = String(partial!.note);
      } catch (e) {
        unloaded = (e as Error).constructor.name;
      }
      out.push({ partial: partial!.name, unloaded });
    }

    await using db = SessionLocal();
    const items = (await db.scalars(select(Item).orderBy(Item.id))).all();
    out.push({ loaded: plain(items.map((i) => ({ ...i }))) });
    const pairs = (await db.scalars(select(Pair).orderBy(Pair.a, Pair.b))).all();
    out.push({ pairs: plain(pairs.map((p) => ({ ...p }))) });
    const boxes = (await db.scalars(select(Box).options(jsonload(Box.parts)).orderBy(Box.id))).all();
    out.push({
      boxes: plain(
        boxes.map((b) => ({
          id: b.id,
          parts: [...b.parts].sort((x, y) => x.id - y.id).map((p) => ({ ...p })),
        })),
      ),
      partsClean: boxes.flatMap((b) => b.parts.map((p) => db.isModified(p))),
    });
    out.push({
      identity: (await db.get(Pair, [1, "y"])) === pairs[1],
      again: (await db.get(Item, 2)) === items[1],
    });

    // Refresh of an object in the identity map (populateExisting) from changed rows.
    const conn = await db.connection();
    await conn.execute(update(Item).where(Item.id.eq(4)).values({ note: "changed behind" }));
    const [refreshed] = (
      await db.scalars(select(Item).where(Item.id.eq(4)).executionOptions({ populateExisting: true }))
    ).all();
    out.push({
      refreshed: refreshed === items[3],
      note: refreshed!.note,
      modified: db.isModified(refreshed!),
    });

    // Change detection: plain values, NaN-free numerics, a Date set to the same instant (no
    // change), a JSON document and a byte array changed in place.
    items[0]!.name = "renamed";
    items[1]!.at = new Date(AT.getTime());
    (items[1]!.doc as { x: number[] }).x.push(2);
    items[2]!.blob![0] = 9;
    items[3]!.price = "2.25";
    out.push({ dirty: items.map((i) => db.isModified(i)) });
    engine.on("afterExecute", log);
    await db.commit();
    engine.off("afterExecute", log);
    out.push({ updates: statements.splice(0) });
    out.push({ clean: items.map((i) => db.isModified(i)) });

    // Result rows: by position, by key, with keys repeated, index-like or named "length".
    const result = await db.execute(
      select(
        Item.id,
        Item.name,
        Item.at,
        Item.name.label("length"),
        Item.id.label("0"),
        Item.note.label("id"),
      )
        .where(Item.id.in([1, 2]))
        .orderBy(Item.id),
    );
    // Loosely typed: a label "length" makes the typed row `never` (it clashes with the tuple's length).
    type LooseRow = Iterable<unknown> & { toJSON(): unknown; length: number; name: unknown; id: unknown };
    const rows = result.all() as unknown as LooseRow[];
    out.push({
      keys: result.keys(),
      rows: rows.map((r) =>
        plain({ positional: [...r], json: r.toJSON(), length: r.length, name: r.name, id: r.id }),
      ),
    });
  } finally {
    engine.off("afterExecute", log);
    await Base.metadata.dropAll(engine);
  }
  return out;
}

forEachDatabaseAndPgBouncer("generated code and its interpreted twins", (tdb) => {
  const dumps = mkdtempSync(join(tmpdir(), "athanor-codegen-"));
  afterEach(() => {
    setCodegenMode("auto");
    delete process.env.ATHANOR_DEBUG_CODEGEN;
  });
  afterAll(() => rmSync(dumps, { recursive: true, force: true }));

  it("gives the same results generated, interpreted, and where code generation throws", async () => {
    setCodegenMode("generated");
    process.env.ATHANOR_DEBUG_CODEGEN = join(dumps, "generated");
    const generated = await transcript(tdb.engine, "cg_gen");
    expect(codegenEnabled()).toBe(true);

    setCodegenMode("interpreted");
    process.env.ATHANOR_DEBUG_CODEGEN = join(dumps, "interpreted");
    const interpreted = await transcript(tdb.engine, "cg_int");
    expect(codegenEnabled()).toBe(false);

    setCodegenMode("unavailable");
    process.env.ATHANOR_DEBUG_CODEGEN = join(dumps, "unavailable");
    const detected = await transcript(tdb.engine, "cg_det");
    expect(codegenEnabled()).toBe(false);

    if (process.env.CG_DEBUG) console.log(JSON.stringify(generated, null, 1));
    expect(interpreted).toEqual(generated);
    expect(detected).toEqual(generated);
    // The transcript did the work it claims: rows, updates and a refused value are in it.
    expect(JSON.stringify(generated)).toContain("renamed");
    expect(generated.find((x) => (x as { refused?: string }).refused)).toMatchObject({
      refused: expect.stringContaining("id"),
    });
    const updates = (generated.find((x) => "updates" in (x as object)) as { updates: unknown[] }).updates;
    // Items 1, 2 (document), 3 (bytes), 4: the Date set to the same instant changed nothing else.
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(updates)).not.toMatch(/2024-03-01/);

    // Every site went through the one helper: its dumps name them all, and none was written
    // when the interpreted twins ran.
    const written = readdirSync(join(dumps, "generated"));
    for (const site of [
      "hydrate_Item",
      "hydrate_Pair",
      "hydrate_Part",
      "changed_Item",
      "snapshot_",
      "insert_matches",
      "insert_firstInvalid",
      "row_",
    ])
      expect(
        written.some((f) => f.includes(site)),
        site,
      ).toBe(true);
    expect(written.some((f) => f.includes("insert_write") || f.includes("insert_driverWriter"))).toBe(true);
    const hydrator = readFileSync(
      join(dumps, "generated", written.find((f) => f.includes("hydrate_Item"))!),
      "utf8",
    );
    expect(hydrator).toContain("return function read(row, session, identity, populate)");
    expect(() => readdirSync(join(dumps, "interpreted"))).toThrow();
    expect(() => readdirSync(join(dumps, "unavailable"))).toThrow();
  });
});

it("compiles generated code in src/codegen.ts alone", async () => {
  const { readdir } = await import("node:fs/promises");
  const root = join(import.meta.dirname, "../../../src");
  const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith(".ts"));
  const offenders = files.filter(
    (f) =>
      f !== "codegen.ts" && /new Function\s*\(|[^.\w]eval\s*\(/.test(readFileSync(join(root, f), "utf8")),
  );
  expect(offenders).toEqual([]);
  expect(files).toContain("codegen.ts");
});
