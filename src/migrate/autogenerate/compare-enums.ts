/**
 * PostgreSQL enum types (CREATE TYPE ... AS ENUM), compared once per type rather than per column:
 *
 * - a type only the models use is created before the first table or column that uses it, and
 *   dropped by the downgrade after the last;
 * - a type only the database has is dropped after the last column using it goes;
 * - new values are added with ALTER TYPE ... ADD VALUE, in an autocommit block (it cannot run in
 *   a transaction before PG 12, and a value cannot be used in the transaction that added it); the
 *   downgrade removes them by recreating the type;
 * - removing (or reordering) values recreates the type: create the new type, move each column to
 *   it (`USING col::text::new`), drop the old type, rename the new one. Rows holding a removed
 *   value make this fail, loudly, rather than lose data.
 *
 * Elsewhere enums live in the column (MySQL ENUM, a CHECK on SQLite) and compare as its type.
 */
import type { ReflectedEnum, ReflectedTable } from "../../dialects/reflection.js";
import { sqlDefault } from "../../schema/column.js";
import { truncateName } from "../../schema/naming.js";
import type { Table } from "../../schema/table.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { Enum, EnumType } from "../../sql/types/enum.js";
import { TypeDecorator } from "../../sql/types/type-decorator.js";
import { AutocommitBlockOp } from "../operations/autocommit-op.js";
import { AlterColumnOp } from "../operations/column-ops.js";
import { ExecuteOp } from "../operations/data-ops.js";
import { AddEnumValueOp, CreateEnumOp, DropEnumOp } from "../operations/enum-ops.js";
import { CodeComment, type RenderItem } from "../render/operations-code.js";
import { type Change, type CompareContext, display, reversible } from "./changes.js";
import { hasEnumTypes, qualifiedKey } from "./database-snapshot.js";

/** A column of the database using an enum type, as the recreation needs it. */
interface EnumColumn {
  readonly table: string;
  readonly schema: string | null;
  readonly column: string;
  /** The column's server default as the database shows it (`'available'::kit_status`). */
  readonly default: string | null;
}

/** The enum types a type uses (itself, or the items of an ARRAY). */
function enumsIn(type: TypeEngine<any, any>, out: EnumType[] = []): EnumType[] {
  let t = type;
  while (t instanceof TypeDecorator) t = t.impl;
  if (t instanceof EnumType && t.nativeEnum && t.name) out.push(t);
  for (const inner of t.nestedTypes()) enumsIn(inner, out);
  return out;
}

/** The values to add (with their position) when `model` only adds to `db`; null when values are removed or reordered. */
export function enumAdditions(
  db: readonly string[],
  model: readonly string[],
): { value: string; before?: string; after?: string }[] | null {
  let j = 0;
  for (const v of model) if (j < db.length && v === db[j]) j++;
  if (j !== db.length) return null;
  const out: { value: string; before?: string; after?: string }[] = [];
  model.forEach((value, i) => {
    if (db.includes(value)) return;
    out.push(i > 0 ? { value, after: model[i - 1]! } : { value, before: db[0]! });
  });
  return out;
}

/** The literal a default like `'available'::kit_status` holds, or null for another expression. */
function defaultLabel(sql: string): string | null {
  const m = /^\s*'((?:[^']|'')*)'(?:::[\w".]+)?\s*$/.exec(sql);
  return m ? m[1]!.replace(/''/g, "'") : null;
}

/** The operations that give type `name` the values `to` (from `from`), moving `columns` over. */
function recreateOps(
  ctx: CompareContext,
  name: string,
  schema: string | null,
  from: readonly string[],
  to: readonly string[],
  columns: readonly EnumColumn[],
): RenderItem[] {
  const q = (n: string) => ctx.dialect.quoteIdentifier(n);
  const temp = truncateName(`${name}_new`, ctx.dialect.maxIdentifierLength);
  const typeRef = (n: string) => (schema ? `${q(schema)}.${q(n)}` : q(n));
  const schemaOpt = schema ? { schema } : {};
  const out: RenderItem[] = [new CreateEnumOp(temp, to, schemaOpt)];
  for (const c of columns.filter((x) => x.default !== null))
    out.push(
      new AlterColumnOp(
        c.table,
        c.column,
        { serverDefault: null, existingServerDefault: sqlDefault(c.default!) },
        c.schema ? { schema: c.schema } : {},
      ),
    );
  for (const c of columns)
    out.push(
      new AlterColumnOp(
        c.table,
        c.column,
        {
          type: Enum(to, { name: temp, ...schemaOpt }),
          existingType: Enum(from, { name, ...schemaOpt }),
          postgresqlUsing: `${q(c.column)}::text::${typeRef(temp)}`,
        },
        c.schema ? { schema: c.schema } : {},
      ),
    );
  out.push(new DropEnumOp(name, { ...schemaOpt, values: from }));
  out.push(new ExecuteOp(`ALTER TYPE ${typeRef(temp)} RENAME TO ${q(name)}`));
  for (const c of columns.filter((x) => x.default !== null)) {
    // A default naming a removed value stays dropped (the models' default comes with the columns' changes).
    const label = defaultLabel(c.default!);
    if (label !== null && !to.includes(label)) continue;
    out.push(
      new AlterColumnOp(
        c.table,
        c.column,
        { serverDefault: sqlDefault(c.default!), existingServerDefault: null },
        c.schema ? { schema: c.schema } : {},
      ),
    );
  }
  return out;
}

/** The database's columns using each enum type (by qualified key), before any rename. */
function enumColumns(tables: Iterable<ReflectedTable>): Map<string, EnumColumn[]> {
  const out = new Map<string, EnumColumn[]>();
  for (const t of tables)
    for (const c of t.columns) {
      if (!(c.type instanceof EnumType) || !c.type.name || !c.type.nativeEnum) continue;
      const key = qualifiedKey(c.type.schema ?? null, c.type.name);
      const list = out.get(key) ?? [];
      list.push({ table: t.name, schema: t.schema, column: c.name, default: c.default });
      out.set(key, list);
    }
  return out;
}

/** Whether some database column keeps using the type through an ARRAY (which the recreation does not move). */
function usedInArrays(tables: Iterable<ReflectedTable>, name: string): string[] {
  const out: string[] = [];
  for (const t of tables)
    for (const c of t.columns)
      if (!(c.type instanceof EnumType) && enumsIn(c.type).some((e) => e.name === name))
        out.push(`${t.name}.${c.name}`);
  return out;
}

/** The enum changes (PostgreSQL only): `declared` are the compared tables of the models. */
export function compareEnums(
  ctx: CompareContext,
  declared: readonly Table<any, any>[],
  dbEnums: ReadonlyMap<string, ReflectedEnum>,
  rawTables: ReadonlyMap<string, ReflectedTable>,
  /** Enum keys used by database columns that the include filter hides (never dropped). */
  hiddenUses: ReadonlySet<string>,
): Change[] {
  if (!hasEnumTypes(ctx.dialect)) return [];
  const { include } = ctx;
  const model = new Map<string, EnumType>();
  for (const t of declared)
    for (const c of t.columns)
      for (const e of enumsIn(c.type)) {
        const key = qualifiedKey(e.schema ?? null, e.name!);
        if (!model.has(key)) model.set(key, e);
      }
  const out: Change[] = [];
  const columns = enumColumns(rawTables.values());
  for (const [key, e] of model) {
    const schema = e.schema ?? null;
    const name = e.name!;
    if (!include.top("enum", name, schema, false)) continue;
    const db = dbEnums.get(key);
    if (!db) {
      out.push(reversible(new CreateEnumOp(name, e.values, schema ? { schema } : {}), "enum_create", null));
      continue;
    }
    const from = db.labels;
    const to = e.values;
    if (from.length === to.length && from.every((v, i) => v === to[i])) continue;
    const users = columns.get(key) ?? [];
    const arrays = usedInArrays(rawTables.values(), name);
    const arrayNote = arrays.length
      ? [
          `enum type ${display(schema, name)} is also used by ARRAY column(s) ${arrays.join(", ")}, which the recreation below does not move: adjust those by hand.`,
        ]
      : [];
    const additions = enumAdditions(from, to);
    const removedBack = to.filter((v) => !from.includes(v));
    const downNote = new CodeComment(
      `Recreates enum type ${display(schema, name)} without ${removedBack.map((v) => `'${v}'`).join(", ")}: rows holding those values make this fail; update them first.`,
    );
    if (additions) {
      const adds = additions.map(
        (a) =>
          new AddEnumValueOp(name, a.value, {
            ...(a.before ? { before: a.before } : { after: a.after }),
            ...(schema ? { schema } : {}),
          }),
      );
      out.push({
        phase: "enum_create",
        table: null,
        order: 0,
        up: [new AutocommitBlockOp(adds)],
        down: [downNote, ...recreateOps(ctx, name, schema, to, from, users)],
        warnings: arrayNote,
      });
      continue;
    }
    const removed = from.filter((v) => !to.includes(v));
    const why = removed.length
      ? `loses ${removed.map((v) => `'${v}'`).join(", ")}`
      : "changes the order of its values";
    out.push({
      phase: "enum_recreate",
      table: null,
      order: 0,
      up: recreateOps(ctx, name, schema, from, to, users),
      down: [...(removedBack.length ? [downNote] : []), ...recreateOps(ctx, name, schema, to, from, users)],
      warnings: [
        `enum type ${display(schema, name)} ${why}: PostgreSQL cannot remove enum values, so the type is recreated and its columns (${users.map((u) => `${u.table}.${u.column}`).join(", ") || "none"}) moved to it. Rows holding a removed value make the upgrade fail: update them first.`,
        ...arrayNote,
      ],
    });
  }
  for (const [key, db] of dbEnums) {
    if (model.has(key) || hiddenUses.has(key)) continue;
    if (!include.top("enum", db.name, db.schema, true)) continue;
    const op = new DropEnumOp(db.name, { ...(db.schema ? { schema: db.schema } : {}), values: db.labels });
    out.push(reversible(op, "enum_drop", null));
  }
  return out;
}
