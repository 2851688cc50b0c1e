import { afterAll, beforeAll, expect, it } from "vitest";
import {
  column,
  EnumType,
  ForeignKey,
  Index,
  Integer,
  inspect,
  MetaData,
  NoSuchTableError,
  String,
  Table,
} from "../../src/index.js";
import { forEachDatabase } from "../support/databases.js";
import { comparable, declaredSchema, differences, secondDatabase } from "./reflection-support.js";

const CONTROL = /^(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i;

forEachDatabase("reflection", (db) => {
  let md: MetaData;

  beforeAll(async () => {
    // The dialect's flags are refined on the first connection (MariaDB vs MySQL).
    await db.engine.begin((c) => c.executeDriverSql("SELECT 1"));
    md = declaredSchema(db.engine.dialect);
    await md.createAll(db.engine);
  });

  it("reflects every declared type, default and constraint so that it compares equal", async () => {
    const insp = inspect(db.engine);
    const reflected = await insp.reflectTables();
    expect(differences(db.engine.dialect, md, reflected)).toEqual([]);

    const kits = reflected.get("kits")!;
    const grade = kits.columns.find((c) => c.name === "grade")!.type as EnumType;
    expect(grade).toBeInstanceOf(EnumType);
    expect([grade.values, grade.nativeEnum]).toEqual([["a", "b", "it's"], false]);
    // A non-native enum is named after its CHECK, which follows the ck naming convention.
    expect(grade.name).toMatch(/kit_grade$/);

    const status = kits.columns.find((c) => c.name === "status")!.type as EnumType;
    if (db.engine.dialect.supportsNativeEnum)
      expect(status.values).toEqual(["available", "checked_out", "lost"]);
    if (db.engine.dialect.name === "postgresql") {
      expect(status.name).toBe("kit_status");
      const enums = await insp.getEnums();
      expect(enums.map((e) => [e.name, e.labels])).toEqual([
        ["kit_mood", ["calm", "busy"]],
        ["kit_status", ["available", "checked_out", "lost"]],
      ]);
    }
    const events = reflected.get("events")!;
    const fk = events.foreignKeys.find((f) => f.columns[0] === "kitId")!;
    expect([fk.referredTable, fk.referredColumns, fk.ondelete, fk.onupdate]).toEqual([
      "kits",
      ["id"],
      "CASCADE",
      "SET NULL",
    ]);
    if (db.engine.dialect.supportsPartialIndexes) {
      const partial = events.indexes.find((i) => i.name === "ix_events_partial")!;
      expect([partial.unique, partial.where?.replace(/[()]/g, "")]).toEqual([true, "qty > 5"]);
    }
  });

  it("answers the Inspector API from one cached bulk reflection", async () => {
    const insp = inspect(db.engine);
    expect(await insp.getTableNames()).toEqual(expect.arrayContaining(["events", "kits", "pairs"]));
    expect(await insp.getViewNames()).toEqual([]);
    expect(await insp.hasTable("kits")).toBe(true);
    expect(await insp.hasTable("nope")).toBe(false);
    expect(await insp.getSchemaNames()).not.toEqual([]);
    expect((await insp.getColumns("pairs")).map((c) => [c.name, c.nullable])).toEqual([
      ["a", false],
      ["b", false],
      ["note", true],
    ]);
    expect((await insp.getPkConstraint("pairs")).columns).toEqual(["a", "b"]);
    expect((await insp.getForeignKeys("events")).map((f) => f.referredTable).sort()).toEqual([
      "events",
      "kits",
      "pairs",
    ]);
    expect((await insp.getIndexes("events")).map((i) => i.name)).toContain("ix_events_kit_qty");
    expect((await insp.getUniqueConstraints("events")).map((u) => u.columns)).toContainEqual([
      "kitId",
      "notes",
    ]);
    expect((await insp.getCheckConstraints("events")).map((c) => c.name)).toEqual(["ck_events_qty_range"]);
    expect(await insp.getTableComment("kits")).toEqual({
      text: db.engine.dialect.supportsComments ? "the kits" : null,
    });
    const multi = await insp.getMultiColumns(null, { filterNames: ["kits", "pairs"] });
    expect([...multi.keys()]).toEqual(["kits", "pairs"]);
    expect((await insp.getMultiForeignKeys()).get("events")).toHaveLength(3);
    await expect(insp.getColumns("nope")).rejects.toBeInstanceOf(NoSuchTableError);

    let statements = 0;
    const count = () => void statements++;
    db.engine.on("afterExecute", count);
    try {
      await insp.getIndexes("kits");
      await insp.getMultiCheckConstraints();
      expect(statements).toBe(0);
      insp.clearCache();
      await insp.getIndexes("kits");
      expect(statements).toBeGreaterThan(0);
    } finally {
      db.engine.off("afterExecute", count);
    }
  });

  it("uses as many catalog queries for 60 tables as for 3", async () => {
    const bulk = new MetaData();
    for (let i = 0; i < 60; i++) {
      new Table(
        `bulk_${`${i}`.padStart(2, "0")}`,
        bulk,
        {
          id: column(Integer).primaryKey(),
          code: column(String(20)).unique(),
          ...(i > 0 ? { prevId: column(Integer, ForeignKey(`bulk_${`${i - 1}`.padStart(2, "0")}.id`)) } : {}),
        },
        Index(`ix_bulk_${i}_code`, "code"),
      );
    }
    await bulk.createAll(db.engine);
    try {
      const queries = async (names: string[]) => {
        let n = 0;
        const count = ({ sql }: { sql: string }) => void (CONTROL.test(sql.trim()) || n++);
        await using conn = await db.engine.connect();
        const exec = (q: string, p?: readonly unknown[]) =>
          conn.executeDriverSql(q, p ?? []).then((r) => r.rawRows());
        db.engine.on("afterExecute", count);
        try {
          const tables = await (db.engine.dialect as any).reflection.reflectTables(exec, null, names);
          expect([...tables.keys()].sort()).toEqual([...names].sort());
        } finally {
          db.engine.off("afterExecute", count);
        }
        return n;
      };
      const all = [...bulk.tables.keys()];
      const few = await queries(all.slice(0, 3));
      const many = await queries(all);
      expect(many).toBe(few);
      expect(few).toBeLessThanOrEqual(4);

      // The whole schema through MetaData.reflect: the same fixed count.
      let n = 0;
      const count = ({ sql }: { sql: string }) => void (CONTROL.test(sql.trim()) || n++);
      db.engine.on("afterExecute", count);
      const into = new MetaData();
      try {
        await into.reflect(db.engine, { only: ["bulk_59"] });
      } finally {
        db.engine.off("afterExecute", count);
      }
      expect(n).toBe(few);
      // Foreign keys pull in the tables they reference, so every one of them resolves.
      expect(into.tables.size).toBe(60);
      for (const t of into.tables.values()) t.resolveForeignKeys();
    } finally {
      await bulk.dropAll(db.engine);
    }
  });

  it("reflects another schema, following foreign keys across schemas (PostgreSQL)", async () => {
    if (db.engine.dialect.name !== "postgresql") return;
    await db.engine.begin(async (c) => {
      await c.executeDriverSql("CREATE SCHEMA other");
      await c.executeDriverSql("CREATE TYPE other.gadget_size AS ENUM ('s', 'm')");
      await c.executeDriverSql(
        'CREATE TABLE other.gadgets (id serial PRIMARY KEY, "kitId" integer NOT NULL REFERENCES public.kits (id) ON DELETE CASCADE, size other.gadget_size NOT NULL)',
      );
    });
    try {
      const insp = inspect(db.engine);
      expect(await insp.getSchemaNames()).toEqual(expect.arrayContaining(["other", "public"]));
      expect(await insp.getTableNames("other")).toEqual(["gadgets"]);
      expect((await insp.getEnums("other")).map((e) => [e.name, e.schema, e.labels])).toEqual([
        ["gadget_size", "other", ["s", "m"]],
      ]);
      const [fk] = await insp.getForeignKeys("gadgets", "other");
      expect([fk!.referredSchema, fk!.referredTable, fk!.ondelete]).toEqual(["public", "kits", "CASCADE"]);
      const size = (await insp.getColumns("gadgets", "other")).find((c) => c.name === "size")!
        .type as EnumType;
      expect([size.name, size.schema]).toEqual(["gadget_size", "other"]);

      const into = new MetaData();
      await into.reflect(db.engine, { schema: "other" });
      expect([...into.tables.keys()].sort()).toEqual(["other.gadgets", "public.kits"]);
      for (const t of into.tables.values()) t.resolveForeignKeys();
    } finally {
      await db.engine.begin((c) => c.executeDriverSql("DROP SCHEMA other CASCADE"));
    }
  });

  let second: Awaited<ReturnType<typeof secondDatabase>> | null = null;
  afterAll(async () => {
    await second?.cleanup();
  });

  it("round-trips: reflect, create in a fresh database, reflect again", async () => {
    const reflected = new MetaData();
    await reflected.reflect(db.engine);
    expect([...reflected.tables.keys()].sort()).toEqual(["events", "kits", "pairs"]);
    // The reflected MetaData matches the declared one by the same comparison.
    const first = await inspect(db.engine).reflectTables();
    expect(differences(db.engine.dialect, reflected, first)).toEqual([]);

    second = await secondDatabase(db.name);
    await second.engine.begin((c) => c.executeDriverSql("SELECT 1"));
    await reflected.createAll(second.engine);
    const again = await inspect(second.engine).reflectTables();
    expect(comparable(again)).toEqual(comparable(first));
    expect(differences(second.engine.dialect, md, again)).toEqual([]);

    // extendExisting: tables already present are kept unless asked to be replaced.
    const kits = reflected.tables.get("kits")!;
    await reflected.reflect(second.engine, { only: ["kits"] });
    expect(reflected.tables.get("kits")).toBe(kits);
    await reflected.reflect(second.engine, { only: ["kits"], extendExisting: true });
    expect(reflected.tables.get("kits")).not.toBe(kits);
    await expect(reflected.reflect(second.engine, { only: ["nope"] })).rejects.toThrow(/nope/);
  });
});
