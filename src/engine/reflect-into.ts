import {
  type CatalogExec,
  type ReflectedColumn,
  type ReflectedTable,
  reflectionOf,
} from "../dialects/reflection.js";
import { stripOuterParens } from "../dialects/sql-tokens.js";
import { InvalidRequestError } from "../errors.js";
import { type ColumnBuilder, column, sqlDefault } from "../schema/column.js";
import { ComputedDef, IdentityDef } from "../schema/computed.js";
import {
  CheckConstraint,
  ForeignKeyConstraint,
  Index,
  type IndexOptions,
  PrimaryKeyConstraint,
  UniqueConstraint,
} from "../schema/constraints.js";
import type { ForeignKeyOptions, ReferentialAction } from "../schema/foreign-key.js";
import type { MetaData } from "../schema/metadata.js";
import type { ReflectOptions } from "../schema/protocols.js";
import { Table, type TableArg } from "../schema/table.js";
import { text } from "../sql/text.js";
import type { Connection } from "./connection.js";

/** Reflected SQL as a text() clause: colons that text() would read as binds are escaped. */
function sql(body: string) {
  return text(body.replace(/(?<![:\w\\]):(?=\w)/g, "\\:"));
}

function fkOptions(fk: ReflectedTable["foreignKeys"][number]): ForeignKeyOptions {
  const opts: ForeignKeyOptions = {};
  if (fk.name) opts.name = fk.name;
  if (fk.ondelete) opts.ondelete = fk.ondelete as ReferentialAction;
  if (fk.onupdate) opts.onupdate = fk.onupdate as ReferentialAction;
  if (fk.deferrable) opts.deferrable = true;
  if (fk.initially) opts.initially = fk.initially as "DEFERRED" | "IMMEDIATE";
  if (fk.match) opts.match = fk.match as "FULL" | "PARTIAL";
  return opts;
}

/** The `table.column` a foreign key names, schema-qualified when it points to another schema. */
function target(fk: ReflectedTable["foreignKeys"][number], table: ReflectedTable, col: string): string {
  const ref = fk.referredSchema && fk.referredSchema !== table.schema ? `${fk.referredSchema}.` : "";
  return `${ref}${fk.referredTable}.${col}`;
}

/** A column declaration equivalent to what the catalog reports. */
function columnBuilder(c: ReflectedColumn, dialectName: string): ColumnBuilder<any, any, boolean, boolean> {
  let b: ColumnBuilder<any, any, boolean, boolean> = column(c.type).name(c.name);
  if (c.nullable) b = b.nullable();
  // A SERIAL column's nextval() default is implied by autoincrement (the DDL writes SERIAL again).
  const serialDefault =
    dialectName === "postgresql" && c.autoincrement && c.default !== null && /^nextval\(/i.test(c.default);
  if (c.default !== null && !serialDefault && !c.identity) b = b.serverDefault(sqlDefault(c.default));
  if (c.serverOnUpdate) b = b.serverOnUpdate(sqlDefault(c.serverOnUpdate));
  if (c.comment !== null) b = b.comment(c.comment);
  if (c.identity) b = b.identity(new IdentityDef(c.identity));
  if (c.computed)
    b = b.computed(
      new ComputedDef(stripOuterParens(c.computed.sqltext), { persisted: c.computed.persisted }),
    );
  return b.autoincrement(c.autoincrement);
}

/** The constraints and indexes of a reflected table, as Table arguments. */
function tableArgs(t: ReflectedTable, singleColumnFks: Set<object>): TableArg[] {
  const args: TableArg[] = [];
  if (t.primaryKey.columns.length)
    args.push(
      PrimaryKeyConstraint(...t.primaryKey.columns, t.primaryKey.name ? { name: t.primaryKey.name } : {}),
    );
  for (const fk of t.foreignKeys) {
    if (singleColumnFks.has(fk)) continue;
    args.push(
      ForeignKeyConstraint(
        fk.columns,
        fk.referredColumns.map((c) => target(fk, t, c)),
        fkOptions(fk),
      ),
    );
  }
  for (const u of t.uniqueConstraints)
    args.push(UniqueConstraint(...u.columns, u.name ? { name: u.name } : {}));
  for (const ck of t.checkConstraints)
    args.push(CheckConstraint(sql(ck.sqltext), ck.name ? { name: ck.name } : {}));
  for (const ix of t.indexes) {
    // The constraint recreates the index MySQL made for it.
    if (ix.duplicatesConstraint) continue;
    const refs = ix.columns.map((c, i) => (c !== null ? c : sql(ix.expressions?.[i] ?? "")));
    const opts: IndexOptions = { unique: ix.unique };
    if (ix.where) opts.where = sql(ix.where);
    if (ix.using && !/^(FULLTEXT|SPATIAL)$/i.test(ix.using)) opts.using = ix.using;
    if (ix.mysqlLength) opts.mysqlLength = { ...ix.mysqlLength };
    args.push(Index(ix.name, ...refs, opts));
  }
  return args;
}

/** Builds a Table of `metadata` from its reflection. */
function buildTable(metadata: MetaData, t: ReflectedTable, dialectName: string): Table<any, any> {
  // Single-column foreign keys are declared on the column; composite ones at table level.
  const singleColumnFks = new Set<object>(t.foreignKeys.filter((fk) => fk.columns.length === 1));
  const builders: Record<string, ColumnBuilder<any, any, boolean, boolean>> = {};
  for (const c of t.columns) {
    let b = columnBuilder(c, dialectName);
    for (const fk of t.foreignKeys)
      if (singleColumnFks.has(fk) && fk.columns[0] === c.name)
        b = b.references(target(fk, t, fk.referredColumns[0]!), fkOptions(fk));
    builders[c.name] = b;
  }
  return new Table(t.name, metadata, builders, ...tableArgs(t, singleColumnFks), {
    schema: t.schema ?? undefined,
    comment: t.comment ?? undefined,
    extendExisting: true,
  });
}

/**
 * MetaData.reflect: adds a Table for each table of the schema (or those `only` names), and for
 * the tables their foreign keys reference, so the keys resolve. Each schema involved is read
 * with one bulk reflection. Tables already in the MetaData are kept unless `extendExisting`.
 */
export async function reflectInto(conn: Connection, metadata: MetaData, opts: ReflectOptions): Promise<void> {
  const dialect = conn.dialect;
  const reflection = reflectionOf(dialect);
  const exec: CatalogExec = (q, params) => conn.executeDriverSql(q, params ?? []).then((r) => r.rawRows());
  const bySchema = new Map<string | null, Map<string, ReflectedTable>>();
  const schemaTables = async (schema: string | null) => {
    let tables = bySchema.get(schema);
    if (!tables) bySchema.set(schema, (tables = await reflection.reflectTables(exec, schema)));
    return tables;
  };

  const schema = opts.schema ?? metadata.schema ?? null;
  const available = await schemaTables(schema);
  let names: string[];
  if (Array.isArray(opts.only)) {
    const missing = opts.only.filter((n) => !available.has(n));
    if (missing.length)
      throw new InvalidRequestError(
        `Could not reflect: requested table(s) not available in ${schema ? `schema '${schema}'` : "the default schema"}: ` +
          `${missing.join(", ")}. Tables there: ${[...available.keys()].join(", ") || "(none)"}.`,
      );
    names = [...opts.only];
  } else if (typeof opts.only === "function") {
    const keep = opts.only as (name: string) => boolean;
    names = [...available.keys()].filter((n) => keep(n));
  } else names = [...available.keys()];

  // The selected tables, then every table a foreign key reaches, schema by schema.
  const chosen: ReflectedTable[] = [];
  const seen = new Set<string>();
  const queue: [string | null, string][] = names.map((n) => [schema, n]);
  while (queue.length) {
    const [s, name] = queue.shift()!;
    const key = `${s ?? ""}.${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const t = (await schemaTables(s)).get(name);
    if (!t) continue;
    chosen.push(t);
    for (const fk of t.foreignKeys) queue.push([fk.referredSchema ?? s, fk.referredTable]);
  }

  for (const t of chosen) {
    const fullname = t.schema ? `${t.schema}.${t.name}` : t.name;
    if (metadata.tables.has(fullname) && !opts.extendExisting) continue;
    buildTable(metadata, t, dialect.name);
  }
}
