import { randomBytes } from "node:crypto";
import {
  expressionsMatch,
  referentialActionsMatch,
  serverDefaultsMatch,
  typesMatch,
} from "../../src/dialects/type-compare.js";
import {
  ARRAY,
  BigInteger,
  Boolean,
  CheckConstraint,
  CheckDef,
  type Column,
  Computed,
  column,
  createEngine,
  Date,
  DateTime,
  type Dialect,
  Double,
  type Engine,
  Enum,
  EnumType,
  Float,
  ForeignKey,
  ForeignKeyConstraint,
  func,
  Identity,
  Index,
  Integer,
  Interval,
  JSONB,
  Json,
  LargeBinary,
  MetaData,
  makeUrl,
  Numeric,
  PrimaryKeyConstraint,
  type ReflectedTable,
  SmallInteger,
  String,
  sqlDefault,
  Table,
  Text,
  Time,
  text,
  UniqueConstraint,
  UniqueDef,
  Uuid,
} from "../../src/index.js";
import type { DatabaseName } from "../support/databases.js";

/** One MetaData using every type and constraint kind the dialect supports. */
export function declaredSchema(d: Dialect): MetaData {
  const md = new MetaData({
    namingConvention: {
      ix: "ix_%(column_0_label)s",
      uq: "uq_%(table_name)s_%(column_0_N_name)s",
      ck: "ck_%(table_name)s_%(constraint_name)s",
      pk: "pk_%(table_name)s",
    },
  });
  const pg = d.name === "postgresql";
  const mysql = d.name === "mysql";
  new Table(
    "kits",
    md,
    {
      id: column(Integer).primaryKey(),
      code: column(String(50)).unique().index(),
      description: column(Text).nullable().comment("free text"),
      status: column(Enum(["available", "checked_out", "lost"], { name: "kit_status" })).serverDefault(
        "available",
      ),
      grade: column(Enum(["a", "b", "it's"], { name: "kit_grade", nativeEnum: false })).nullable(),
      active: column(Boolean).serverDefault(true),
      price: column(Numeric(10, 2)).nullable().serverDefault("0.00"),
      plain: column(Numeric).nullable(),
      weight: column(Float).nullable(),
      ratio: column(Double).nullable(),
      big: column(BigInteger()).serverDefault(5),
      small: column(SmallInteger).serverDefault(-1),
      createdAt: column(DateTime({ timezone: true })).serverDefault(func.now()),
      stamp: column(DateTime({ precision: 3 })).nullable(),
      day: column(Date).nullable(),
      at: column(Time).nullable(),
      blob: column(LargeBinary).nullable(),
      uid: column(Uuid).nullable(),
      data: column(Json).nullable(),
      duration: column(Interval).nullable(),
      label: column(String(20)).serverDefault(sqlDefault("'x'")),
      quote: column(String(20)).serverDefault("it's"),
      ...(pg
        ? {
            real: column(Float({ precision: 10 })).nullable(),
            doc: column(JSONB).serverDefault(sqlDefault("'{}'::jsonb")),
            tags: column(ARRAY(String(10))).nullable(),
            grid: column(ARRAY(Integer, { dimensions: 2 })).nullable(),
            moods: column(ARRAY(Enum(["calm", "busy"], { name: "kit_mood" }))).nullable(),
          }
        : {}),
    },
    ...(pg ? [Index("ix_kits_doc", "doc", { using: "gin" })] : []),
    ...(mysql ? [Index("ix_kits_description", "description", { mysqlLength: { description: 20 } })] : []),
    { comment: "the kits" },
  );
  new Table(
    "pairs",
    md,
    { a: column(Integer), b: column(String(10)), note: column(Text).nullable() },
    PrimaryKeyConstraint("a", "b"),
  );
  new Table(
    "events",
    md,
    {
      id: d.supportsIdentityColumns
        ? column(Integer, Identity({ start: 10, increment: 2 })).primaryKey()
        : column(Integer).primaryKey(),
      kitId: column(Integer, ForeignKey("kits.id", { ondelete: "CASCADE", onupdate: "SET NULL" })).nullable(),
      parentId: column(
        Integer,
        ForeignKey("events.id", { ondelete: "SET NULL", name: "fk_events_parent" }),
      ).nullable(),
      pa: column(Integer).nullable(),
      pb: column(String(10)).nullable(),
      qty: column(Integer).serverDefault(1),
      notes: column(String(200)).nullable(),
      ...(d.supportsComputedColumns
        ? {
            total: column(Integer)
              .computed(Computed("qty * 2", { persisted: true }))
              .nullable(),
          }
        : {}),
    },
    ForeignKeyConstraint(["pa", "pb"], ["pairs.a", "pairs.b"], {
      name: "fk_events_pair",
      ondelete: "CASCADE",
    }),
    CheckConstraint("qty > 0 AND qty < 1000", { name: "qty_range" }),
    UniqueConstraint("kitId", "notes"),
    Index("ix_events_kit_qty", "kitId", "qty"),
    ...(d.supportsPartialIndexes
      ? [Index("ix_events_partial", "notes", { where: "qty > 5", unique: true })]
      : []),
    ...(d.supportsExpressionIndexes ? [Index("ix_events_lower", text("lower(notes)"))] : []),
  );
  return md;
}

const sqlOf = (e: unknown): string => (e as { text?: string }).text ?? `${e}`;

/**
 * Every difference between the declared tables and their reflection, as readable lines (empty
 * when they match). Uses the comparison functions autogenerate uses.
 */
export function differences(d: Dialect, md: MetaData, reflected: Map<string, ReflectedTable>): string[] {
  const out: string[] = [];
  for (const table of md.tables.values()) {
    const r = reflected.get(table.name);
    if (!r) {
      out.push(`${table.name}: not reflected`);
      continue;
    }
    const where = (what: string) => `${table.name}.${what}`;
    if (r.comment !== (d.supportsComments ? table.comment : null)) out.push(where(`comment ${r.comment}`));
    const names = r.columns.map((c) => c.name);
    if (names.join() !== table.columns.map((c) => c.name).join()) out.push(where(`columns ${names}`));
    for (const c of table.columns as Column<any, any>[]) {
      const rc = r.columns.find((x) => x.name === c.name);
      if (!rc) continue;
      const col = (what: string) => out.push(where(`${c.name}: ${what}`));
      if (!typesMatch(d, c.type, rc.type))
        col(`type ${rc.typeText} (${rc.type.typeKey}) vs ${c.type.typeKey}`);
      if (c.type instanceof EnumType && !(rc.type instanceof EnumType))
        col(`enum read as ${rc.type.typeKey}`);
      if (rc.nullable !== c.nullable) col(`nullable ${rc.nullable}`);
      if (!c.computed && !serverDefaultsMatch(d, c.serverDefault, rc.default, c))
        col(`default ${rc.default}`);
      if (rc.comment !== (d.supportsComments ? c.comment : null)) col(`comment ${rc.comment}`);
      if (rc.autoincrement !== c.isAutoincrement) col(`autoincrement ${rc.autoincrement}`);
      const identity = d.supportsIdentityColumns ? c.identity : null;
      if (!!rc.identity !== !!identity) col(`identity ${JSON.stringify(rc.identity)}`);
      if (identity && rc.identity) {
        const { always, start, increment } = rc.identity;
        if (always !== identity.always || start !== identity.start || increment !== identity.increment)
          col(`identity ${JSON.stringify(rc.identity)}`);
      }
      if (!!rc.computed !== !!c.computed) col(`computed ${JSON.stringify(rc.computed)}`);
      if (c.computed && rc.computed) {
        if (!expressionsMatch(d, c.computed.sqltext, rc.computed.sqltext))
          col(`computed ${rc.computed.sqltext}`);
        if (rc.computed.persisted !== (d.name === "postgresql" ? true : c.computed.persisted))
          col(`persisted ${rc.computed.persisted}`);
      }
    }
    const pk = table.primaryKey;
    if (r.primaryKey.columns.join() !== pk.columns.map((c) => c.name).join())
      out.push(where(`pk ${r.primaryKey.columns}`));
    if (d.name !== "mysql" && r.primaryKey.name !== pk.name) out.push(where(`pk name ${r.primaryKey.name}`));
    for (const fk of table.foreignKeyConstraints) {
      const cols = fk.columns.map((c) => c.name).join();
      const rf = r.foreignKeys.find((x) => x.columns.join() === cols);
      if (!rf) {
        out.push(where(`fk (${cols}) missing`));
        continue;
      }
      const target = fk.elements.map((e) => e.column());
      if (
        rf.referredTable !== target[0]!.table.name ||
        rf.referredColumns.join() !== target.map((t) => t.name).join()
      )
        out.push(where(`fk (${cols}) -> ${rf.referredTable}(${rf.referredColumns})`));
      if (!referentialActionsMatch(d, fk.options.ondelete, rf.ondelete))
        out.push(where(`fk ondelete ${rf.ondelete}`));
      if (!referentialActionsMatch(d, fk.options.onupdate, rf.onupdate))
        out.push(where(`fk onupdate ${rf.onupdate}`));
      if (fk.name && rf.name !== fk.name) out.push(where(`fk name ${rf.name}`));
    }
    if (r.foreignKeys.length !== table.foreignKeyConstraints.length)
      out.push(where(`fks ${r.foreignKeys.length}`));
    for (const u of table.constraints.filter((c): c is UniqueDef => c instanceof UniqueDef)) {
      const ru = r.uniqueConstraints.find((x) => x.name === u.name);
      if (!ru || ru.columns.join() !== u.columns.map((c) => c.name).join())
        out.push(where(`unique ${u.name}`));
    }
    for (const ix of table.indexes) {
      const ri = r.indexes.find((x) => x.name === ix.name);
      if (!ri) {
        out.push(where(`index ${ix.name} missing`));
        continue;
      }
      if (ri.unique !== ix.unique) out.push(where(`index ${ix.name} unique ${ri.unique}`));
      ix.expressions.forEach((e, i) => {
        const col = e.kind === "column" ? (e as Column<any, any>).name : null;
        const ok =
          col !== null ? ri.columns[i] === col : expressionsMatch(d, sqlOf(e), ri.expressions?.[i] ?? "");
        if (!ok) out.push(where(`index ${ix.name} key ${i}: ${ri.columns[i]} / ${ri.expressions?.[i]}`));
      });
      const predicate = ix.where ? sqlOf(ix.where) : null;
      if (
        (predicate === null) !== (ri.where === null) ||
        (predicate && !expressionsMatch(d, predicate, ri.where!))
      )
        out.push(where(`index ${ix.name} where ${ri.where}`));
      if ((ri.using ?? null) !== (d.name === "postgresql" ? ix.using : null))
        out.push(where(`index ${ix.name} using ${ri.using}`));
      const lengths = Object.keys(ix.mysqlLength).length ? ix.mysqlLength : null;
      if (d.name === "mysql" && JSON.stringify(ri.mysqlLength ?? null) !== JSON.stringify(lengths))
        out.push(where(`index ${ix.name} lengths ${JSON.stringify(ri.mysqlLength)}`));
    }
    const extra = r.indexes.filter(
      (x) => !x.duplicatesConstraint && !table.indexes.some((i) => i.name === x.name),
    );
    if (extra.length) out.push(where(`unexpected indexes ${extra.map((x) => x.name)}`));
    const checks = table.constraints.filter((c): c is CheckDef => c instanceof CheckDef);
    for (const ck of checks) {
      const rc = r.checkConstraints.find((x) => x.name === ck.name);
      if (!rc || !expressionsMatch(d, sqlOf(ck.sqltext), rc.sqltext))
        out.push(where(`check ${ck.name}: ${rc?.sqltext}`));
    }
    if (r.checkConstraints.length !== checks.length)
      out.push(where(`checks ${r.checkConstraints.map((c) => `${c.name}: ${c.sqltext}`)}`));
  }
  return out;
}

/** A second private database on the same server (or a new in-memory one), dropped by `cleanup`. */
export async function secondDatabase(
  name: DatabaseName,
): Promise<{ engine: Engine; cleanup(): Promise<void> }> {
  if (name === "sqlite" || name === "pglite") {
    const engine = createEngine(name === "sqlite" ? "sqlite://" : "postgresql+pglite://");
    return { engine, cleanup: () => engine.dispose() };
  }
  const base =
    name === "postgresql" ? process.env.ATHANOR_TEST_POSTGRES_URL! : process.env.ATHANOR_TEST_MYSQL_URL!;
  const db = `athanor_t_${randomBytes(5).toString("hex")}`;
  const admin = createEngine(base, {
    poolClass: "null",
    ...(name === "postgresql" ? { isolationLevel: "AUTOCOMMIT" as const } : {}),
  });
  await admin.begin((c) => c.executeDriverSql(`CREATE DATABASE ${db}`));
  const engine = createEngine(makeUrl(base).set({ database: db }).render(false));
  return {
    engine,
    cleanup: async () => {
      await engine.dispose();
      await admin.begin((c) =>
        c.executeDriverSql(`DROP DATABASE IF EXISTS ${db}${name === "postgresql" ? " WITH (FORCE)" : ""}`),
      );
      await admin.dispose();
    },
  };
}

/** A reflection with the parts a faithful copy keeps (types by catalog text), for deep comparison. */
export function comparable(tables: Map<string, ReflectedTable>): unknown {
  return [...tables.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => ({
      ...t,
      columns: t.columns.map(({ type, ...c }) => ({ ...c, type: type.typeKey })),
      // The index MySQL makes for a foreign key is named after the key when the key has a name.
      indexes: t.indexes.filter((ix) => ix.unique || !ix.duplicatesConstraint),
    }));
}
