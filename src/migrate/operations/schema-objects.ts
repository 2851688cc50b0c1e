/**
 * Schema objects for operations: the DDL compiler works on Table / Column / Constraint objects,
 * so operations build them on the fly in a private MetaData (as Alembic's SchemaObjects does),
 * with stub tables standing in for the tables foreign keys point to.
 */
import { Column, ColumnBuilder, type ColumnSpec } from "../../schema/column.js";
import {
  CheckConstraint,
  ForeignKeyConstraint,
  Index,
  type IndexDef,
  type IndexOptions,
  PrimaryKeyConstraint,
  UniqueConstraint,
} from "../../schema/constraints.js";
import { ForeignKeyDef } from "../../schema/foreign-key.js";
import { MetaData } from "../../schema/metadata.js";
import { Table, type TableArg, type TableOptions } from "../../schema/table.js";
import type { ColumnElement } from "../../sql/elements.js";
import { NULLTYPE } from "../../sql/type-engine.js";
import type { StatementContext } from "./base.js";

/** Any column builder, as migration operations take them (`op.addColumn(table, name, column(...))`). */
export type ColumnBuilderAny = ColumnBuilder<any, any, boolean, boolean>;

/** A fresh MetaData for an operation's objects. */
export function operationMetaData(ctx?: StatementContext): MetaData {
  return new MetaData(ctx?.namingConvention ? { namingConvention: ctx.namingConvention } : {});
}

/** A column declaration with no type knowledge, for tables that only need column names. */
function untyped(): ColumnBuilderAny {
  return new ColumnBuilder({ ...plainSpec(), type: NULLTYPE, nullable: true });
}

function plainSpec(): ColumnSpec {
  return {
    type: NULLTYPE,
    name: null,
    nullable: false,
    primaryKey: false,
    autoincrement: "auto",
    default: null,
    onUpdate: null,
    serverDefault: null,
    serverOnUpdate: null,
    unique: false,
    index: false,
    comment: null,
    foreignKeys: [],
    identity: null,
    computed: null,
    deferred: false,
    info: {},
  };
}

/** A table that has just the named columns (untyped), plus `args`. */
export function stubTable(
  md: MetaData,
  name: string,
  schema: string | null,
  columnNames: readonly string[],
  ...args: TableArg[]
): Table<any, any> {
  const columns: Record<string, ColumnBuilderAny> = {};
  for (const c of columnNames) columns[c] = untyped();
  return new Table(name, md, columns, ...args, schema ? { schema } : {});
}

/** The table a constraint expression may name: text() and free columns need none. */
export function expressionColumns(items: readonly (string | ColumnElement<any, any>)[]): string[] {
  return items.filter((i): i is string => typeof i === "string");
}

/**
 * Adds stub tables for foreign key targets missing from `md`, so the DDL compiler can resolve
 * `REFERENCES other (id)` without the other table's definition.
 */
export function ensureForeignKeyTargets(md: MetaData, table: Table<any, any>): void {
  const wanted = new Map<string, { schema: string | null; name: string; columns: Set<string> }>();
  for (const fk of table.foreignKeys as ForeignKeyDef[]) {
    if (fk.referencedColumn()) continue;
    const full = fk.targetFullname;
    const dot = full.lastIndexOf(".");
    const schema = dot < 0 ? table.schema : full.slice(0, dot);
    const name = dot < 0 ? full : full.slice(dot + 1);
    const key = schema ? `${schema}.${name}` : name;
    let entry = wanted.get(key);
    if (!entry) wanted.set(key, (entry = { schema, name, columns: new Set() }));
    entry.columns.add(fk.targetColumnName);
  }
  for (const [key, entry] of wanted) {
    const existing = md.tables.get(key);
    const columns = new Set([...(existing?.columns.map((c) => c.name) ?? []), ...entry.columns]);
    if (existing && existing !== table) md.remove(existing);
    if (existing === table) continue;
    stubTable(md, entry.name, entry.schema, [...columns]);
  }
}

/** A column declaration equivalent to a table's Column (constraints and indexes left to the table). */
export function columnBuilderOf(col: Column<any, any>): ColumnBuilderAny {
  return new ColumnBuilder({
    ...plainSpec(),
    type: col.type,
    name: col.key === col.name ? null : col.name,
    nullable: col.nullable,
    primaryKey: false,
    autoincrement: col.autoincrementSetting,
    serverDefault: col.serverDefault,
    serverOnUpdate: col.serverOnUpdate,
    comment: col.comment,
    identity: col.identity,
    computed: col.computed,
  });
}

/** A table's definition as createTable arguments: column declarations by SQL name, then constraints and indexes. */
export interface TableDefinition {
  readonly columns: Record<string, ColumnBuilderAny>;
  readonly args: TableArg[];
  readonly options: TableOptions;
}

/**
 * The createTable arguments that recreate `table`: an unnamed primary key and single-column
 * foreign keys stay on the columns (`.primaryKey()`, `.references()`), the rest are table-level
 * constraints. Names are kept as they are (convention-made ones included), so the DDL recreates
 * exactly what the table declares. Fresh objects each call.
 */
export function tableDefinition(table: Table<any, any>): TableDefinition {
  const pk = table.primaryKey;
  const pkOnColumns = pk.columns.length > 0 && pk.name === null;
  const columns: Record<string, ColumnBuilderAny> = {};
  const inlineFks = new Map<string, ForeignKeyDef[]>();
  const args: TableArg[] = [];
  for (const fk of table.foreignKeyConstraints) {
    const targets = fk.elements.map((e) =>
      typeof e.target === "string" ? e.target : `${e.targetFullname}.${e.targetColumnName}`,
    );
    if (fk.columns.length === 1) {
      const list = inlineFks.get(fk.columns[0]!.name) ?? [];
      list.push(new ForeignKeyDef(targets[0]!, { ...fk.options, name: fk.name ?? undefined }));
      inlineFks.set(fk.columns[0]!.name, list);
    } else {
      args.push(
        ForeignKeyConstraint(
          fk.columns.map((c) => c.name),
          targets,
          { ...fk.options, name: fk.name ?? undefined },
        ),
      );
    }
  }
  for (const col of table.columns) {
    let b = columnBuilderOf(col);
    b = new ColumnBuilder({
      ...b.spec,
      name: null,
      primaryKey: pkOnColumns && pk.columns.includes(col),
      foreignKeys: inlineFks.get(col.name) ?? [],
    });
    columns[col.name] = b;
  }
  if (pk.columns.length > 0 && !pkOnColumns)
    args.push(PrimaryKeyConstraint(...pk.columns.map((c) => c.name), { name: pk.name! }));
  for (const c of table.constraints) {
    const name = c.name ?? undefined;
    if (c.kind === "unique") {
      const cols = (c as unknown as { columns: readonly Column<any, any>[] }).columns.map((x) => x.name);
      args.push(UniqueConstraint(...cols, name ? { name } : {}));
    } else if (c.kind === "check") {
      args.push(
        CheckConstraint((c as unknown as { sqltext: ColumnElement<any, any> }).sqltext, name ? { name } : {}),
      );
    }
  }
  for (const ix of table.indexes) args.push(indexCopy(ix));
  const options: TableOptions = {};
  if (table.schema) options.schema = table.schema;
  if (table.comment !== null) options.comment = table.comment;
  if (Object.keys(table.dialectOptions).length) options.dialectOptions = { ...table.dialectOptions };
  return { columns, args, options };
}

/** An unattached copy of an index. */
export function indexCopy(ix: IndexDef): IndexDef {
  const refs = ix.expressions.map((e) => (e instanceof Column && e.table === ix.table ? e.name : e));
  const opts: IndexOptions = { unique: ix.unique };
  if (ix.where) opts.where = ix.where;
  if (ix.using) opts.using = ix.using;
  if (Object.keys(ix.mysqlLength).length) opts.mysqlLength = { ...ix.mysqlLength };
  return Index(ix.name, ...refs, opts);
}
