/**
 * Reflected tables as schema objects: the definitions the downgrade needs to recreate what the
 * upgrade drops (a table, a column, an index, a constraint). Built on demand, in one MetaData so
 * that foreign keys between reflected tables resolve (the drop order depends on them).
 */
import type { Dialect } from "../../dialects/dialect.js";
import type { ReflectedColumn, ReflectedForeignKey, ReflectedTable } from "../../dialects/reflection.js";
import { stripOuterParens } from "../../dialects/sql-tokens.js";
import { type ColumnBuilder, column, sqlDefault } from "../../schema/column.js";
import { ComputedDef, IdentityDef } from "../../schema/computed.js";
import {
  CheckConstraint,
  ForeignKeyConstraint,
  Index,
  type IndexOptions,
  PrimaryKeyConstraint,
  UniqueConstraint,
} from "../../schema/constraints.js";
import type { ForeignKeyOptions, ReferentialAction } from "../../schema/foreign-key.js";
import { MetaData } from "../../schema/metadata.js";
import { Table, type TableArg } from "../../schema/table.js";
import { type TextClause, text } from "../../sql/text.js";
import { qualifiedKey } from "./database-snapshot.js";

type Builder = ColumnBuilder<any, any, boolean, boolean>;

/** Reflected SQL as text(), with colons escaped so they are not read as bind parameters. */
export function reflectedSql(body: string): TextClause {
  return text(body.replace(/(?<![:\w\\]):(?=\w)/g, "\\:"));
}

/** The foreign key options the catalog reported (MySQL's RESTRICT is its default, left out). */
export function reflectedFkOptions(fk: ReflectedForeignKey, dialect: Dialect): ForeignKeyOptions {
  const opts: ForeignKeyOptions = {};
  const action = (a: string | null) =>
    a === null || (dialect.name === "mysql" && a.toUpperCase() === "RESTRICT")
      ? null
      : (a as ReferentialAction);
  if (fk.name) opts.name = fk.name;
  const ondelete = action(fk.ondelete);
  const onupdate = action(fk.onupdate);
  if (ondelete) opts.ondelete = ondelete;
  if (onupdate) opts.onupdate = onupdate;
  if (fk.deferrable) opts.deferrable = true;
  if (fk.initially) opts.initially = fk.initially as "DEFERRED" | "IMMEDIATE";
  if (fk.match) opts.match = fk.match as "FULL" | "PARTIAL";
  return opts;
}

/** `table.column` (schema-qualified when the target is in another schema) of a reflected foreign key. */
function target(fk: ReflectedForeignKey, table: ReflectedTable, col: string): string {
  const schema = fk.referredSchema && fk.referredSchema !== table.schema ? `${fk.referredSchema}.` : "";
  return `${schema}${fk.referredTable}.${col}`;
}

const INTEGER_TYPES = new Set(["integer", "bigint", "smallint"]);

/** A column declaration equivalent to what the catalog reports. */
export function reflectedColumnBuilder(c: ReflectedColumn, t: ReflectedTable, dialect: Dialect): Builder {
  let b: Builder = column(c.type);
  if (c.nullable) b = b.nullable();
  // A SERIAL column's nextval() default comes back with the SERIAL type; identity and computed
  // columns have none of their own.
  const serialDefault =
    dialect.name === "postgresql" && c.autoincrement && c.default !== null && /^nextval\(/i.test(c.default);
  if (c.default !== null && !serialDefault && !c.identity && !c.computed)
    b = b.serverDefault(sqlDefault(c.default));
  if (c.serverOnUpdate) b = b.serverOnUpdate(sqlDefault(c.serverOnUpdate));
  if (c.comment !== null) b = b.comment(c.comment);
  if (c.identity && dialect.supportsIdentityColumns) b = b.identity(new IdentityDef(c.identity));
  if (c.computed)
    b = b.computed(
      new ComputedDef(stripOuterParens(c.computed.sqltext), { persisted: c.computed.persisted }),
    );
  // "auto" where the database's answer is what the declaration implies anyway (a lone integer key).
  const pk = t.primaryKey.columns;
  const loneIntegerKey =
    pk.length === 1 &&
    pk[0] === c.name &&
    INTEGER_TYPES.has(c.type.typeName) &&
    !t.foreignKeys.some((fk) => fk.columns.length === 1 && fk.columns[0] === c.name);
  if (loneIntegerKey && !c.autoincrement && !c.identity) b = b.autoincrement(false);
  else if (!loneIntegerKey && c.autoincrement && !c.identity) b = b.autoincrement(true);
  return b;
}

/** Builds reflected tables as Table objects, each once, in one MetaData. */
export class ReflectedTables {
  readonly #dialect: Dialect;
  readonly #tables: ReadonlyMap<string, ReflectedTable>;
  // No naming convention: reflected names are kept, unnamed constraints stay unnamed.
  readonly metadata = new MetaData({ namingConvention: { ix: undefined } });
  readonly #built = new Map<string, Table<any, any>>();

  /** Wraps the (rename-normalised) reflected tables, by qualified key. */
  constructor(dialect: Dialect, tables: ReadonlyMap<string, ReflectedTable>) {
    this.#dialect = dialect;
    this.#tables = tables;
  }

  /** The reflected table behind `key`. */
  reflected(key: string): ReflectedTable {
    const t = this.#tables.get(key);
    if (!t) throw new Error(`internal: no reflected table ${key}`);
    return t;
  }

  /** The Table object of a reflected table. */
  table(key: string): Table<any, any> {
    let table = this.#built.get(key);
    if (!table) {
      table = this.#build(this.reflected(key));
      this.#built.set(key, table);
    }
    return table;
  }

  #build(t: ReflectedTable): Table<any, any> {
    const single = new Set<ReflectedForeignKey>(t.foreignKeys.filter((fk) => fk.columns.length === 1));
    const builders: Record<string, Builder> = {};
    for (const c of t.columns) {
      let b = reflectedColumnBuilder(c, t, this.#dialect);
      for (const fk of single)
        if (fk.columns[0] === c.name)
          b = b.references(target(fk, t, fk.referredColumns[0]!), reflectedFkOptions(fk, this.#dialect));
      builders[c.name] = b;
    }
    const args: TableArg[] = [];
    if (t.primaryKey.columns.length)
      args.push(
        PrimaryKeyConstraint(...t.primaryKey.columns, t.primaryKey.name ? { name: t.primaryKey.name } : {}),
      );
    for (const fk of t.foreignKeys) {
      if (single.has(fk)) continue;
      args.push(
        ForeignKeyConstraint(
          fk.columns,
          fk.referredColumns.map((c) => target(fk, t, c)),
          reflectedFkOptions(fk, this.#dialect),
        ),
      );
    }
    for (const u of t.uniqueConstraints)
      args.push(UniqueConstraint(...u.columns, u.name ? { name: u.name } : {}));
    for (const ck of t.checkConstraints)
      args.push(CheckConstraint(reflectedSql(ck.sqltext), ck.name ? { name: ck.name } : {}));
    for (const ix of t.indexes) {
      // MySQL's index behind a constraint comes back with the constraint.
      if (ix.duplicatesConstraint) continue;
      const refs = ix.columns.map((c, i) => (c !== null ? c : reflectedSql(ix.expressions?.[i] ?? "")));
      const opts: IndexOptions = { unique: ix.unique };
      if (ix.where) opts.where = reflectedSql(ix.where);
      if (ix.using && !/^(FULLTEXT|SPATIAL)$/i.test(ix.using)) opts.using = ix.using;
      if (ix.mysqlLength) opts.mysqlLength = { ...ix.mysqlLength };
      args.push(Index(ix.name, ...refs, opts));
    }
    const key = qualifiedKey(t.schema, t.name);
    const existing = this.metadata.tables.get(key);
    if (existing) this.metadata.remove(existing);
    return new Table(t.name, this.metadata, builders, ...args, {
      ...(t.schema ? { schema: t.schema } : {}),
      ...(t.comment !== null ? { comment: t.comment } : {}),
    });
  }
}
