/**
 * Columns of a table both sides have: added, dropped, renamed (by hint only) and altered (type,
 * nullability, server default, comment). Computed columns whose expression changed are dropped and
 * added again (their values are derived); identity changes are reported, not altered.
 */
import { ArrayType } from "../../dialects/postgresql/types.js";
import type { ReflectedColumn, ReflectedTable } from "../../dialects/reflection.js";
import { expressionsMatch, serverDefaultsMatch, typesMatch } from "../../dialects/type-compare.js";
import { type Column, type ServerDefaultArg, sqlDefault } from "../../schema/column.js";
import type { Table } from "../../schema/table.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { EnumType } from "../../sql/types/enum.js";
import { TypeDecorator } from "../../sql/types/type-decorator.js";
import {
  AddColumnOp,
  type AlterColumnChanges,
  AlterColumnOp,
  DropColumnOp,
} from "../operations/column-ops.js";
import { ALTER_ORDER, type Change, type CompareContext, display, reversible } from "./changes.js";
import { hasEnumTypes } from "./database-snapshot.js";
import { reflectedColumnBuilder } from "./reflected-tables.js";
import type { ColumnRename } from "./renames.js";

/** A table present in the models and the database (after renames). */
export interface TablePair {
  readonly key: string;
  readonly name: string;
  readonly schema: string | null;
  readonly declared: Table<any, any>;
  readonly reflected: ReflectedTable;
}

function unwrap(t: TypeEngine<any, any>): TypeEngine<any, any> {
  while (t instanceof TypeDecorator) t = t.impl;
  return t;
}

/** A PostgreSQL named enum type (CREATE TYPE), whose values compare-enums handles. */
function pgEnumType(ctx: CompareContext, t: TypeEngine<any, any>): EnumType | null {
  const u = unwrap(t);
  return hasEnumTypes(ctx.dialect) && u instanceof EnumType && u.nativeEnum ? u : null;
}

/** Whether the declared and reflected types store the same thing (enum values included, except PG types). */
export function sameType(
  ctx: CompareContext,
  declared: TypeEngine<any, any>,
  reflected: TypeEngine<any, any>,
): boolean {
  const d = unwrap(declared);
  const r = unwrap(reflected);
  // An ARRAY of a PostgreSQL enum type: the same dimensions, and the same type by name.
  if (
    hasEnumTypes(ctx.dialect) &&
    d instanceof ArrayType &&
    r instanceof ArrayType &&
    pgEnumType(ctx, d.itemType)
  )
    return d.dimensions === r.dimensions && sameType(ctx, d.itemType, r.itemType);
  const pgEnum = pgEnumType(ctx, declared);
  if (pgEnum) {
    // The type's values are compared (and altered) once per type, not per column.
    return r instanceof EnumType && r.name === pgEnum.name && (r.schema ?? null) === (pgEnum.schema ?? null);
  }
  if (!typesMatch(ctx.dialect, declared, reflected)) return false;
  // An enum stored as VARCHAR with a CHECK: the CHECK's values are part of the type.
  if (d instanceof EnumType && r instanceof EnumType && d.createConstraint)
    return d.values.length === r.values.length && d.values.every((v, i) => v === r.values[i]);
  return true;
}

/** PostgreSQL's `USING` for a change to a named enum type (no implicit cast exists). */
export function enumUsing(
  ctx: CompareContext,
  column: string,
  type: TypeEngine<any, any>,
): string | undefined {
  const e = pgEnumType(ctx, type);
  if (!e?.name) return undefined;
  const q = (n: string) => ctx.dialect.quoteIdentifier(n);
  return `${q(column)}::text::${e.schema ? `${q(e.schema)}.` : ""}${q(e.name)}`;
}

function persisted(ctx: CompareContext, value: boolean | undefined): boolean {
  // PostgreSQL only has stored generated columns; elsewhere the default is virtual.
  return ctx.dialect.name === "postgresql" ? true : value === true;
}

function computedDiffers(ctx: CompareContext, d: Column<any, any>, r: ReflectedColumn): boolean {
  if (!ctx.dialect.supportsComputedColumns) return false;
  if (!d.computed !== !r.computed) return true;
  if (!d.computed || !r.computed) return false;
  return (
    !expressionsMatch(ctx.dialect, d.computed.sqltext, r.computed.sqltext) ||
    persisted(ctx, d.computed.persisted) !== persisted(ctx, r.computed.persisted)
  );
}

function identityNote(
  ctx: CompareContext,
  where: string,
  d: Column<any, any>,
  r: ReflectedColumn,
): string | null {
  if (!ctx.dialect.supportsIdentityColumns) return null;
  const di = d.identity;
  const ri = r.identity;
  if (!di && !ri) return null;
  const differs =
    !di ||
    !ri ||
    di.always !== ri.always ||
    (di.start !== undefined && di.start !== ri.start) ||
    (di.increment !== undefined && di.increment !== ri.increment);
  if (!differs) return null;
  return `the identity of ${where} differs (models: ${di ? `GENERATED ${di.always ? "ALWAYS" : "BY DEFAULT"}` : "none"}, database: ${ri ? `GENERATED ${ri.always ? "ALWAYS" : "BY DEFAULT"}` : "none"}); autogenerate does not alter identity columns: write op.execute("ALTER TABLE ... ALTER COLUMN ...") by hand.`;
}

/** The column changes of one table. */
export function compareColumns(
  ctx: CompareContext,
  pair: TablePair,
  renames: readonly ColumnRename[],
): Change[] {
  const { dialect, include } = ctx;
  const { name, schema, declared, reflected } = pair;
  const opts = schema ? { schema } : {};
  const out: Change[] = [];
  const where = (c: string) => `${display(schema, name)}.${c}`;

  for (const r of renames) {
    const op = new AlterColumnOp(name, r.from, { newColumnName: r.to }, opts);
    out.push(reversible(op, "table_alter", pair.key, ALTER_ORDER.renameColumn));
  }

  const dbColumns = new Map(reflected.columns.map((c) => [c.name, c]));
  const wanted = declared.columns.filter((c) => include.part("column", c.name, name, schema, false));
  const added = wanted.filter((c) => !dbColumns.has(c.name));
  const dropped = reflected.columns.filter(
    (c) => !declared.columnByName(c.name) && include.part("column", c.name, name, schema, true),
  );
  const dropColumn = (c: ReflectedColumn, warnings: string[] = []) =>
    out.push(
      reversible(
        new DropColumnOp(name, c.name, {
          ...opts,
          definition: reflectedColumnBuilder(c, reflected, dialect),
        }),
        "table_alter",
        pair.key,
        ALTER_ORDER.dropColumn,
        warnings,
      ),
    );
  const addColumn = (c: Column<any, any>, warnings: string[] = []) => {
    const needsValue =
      !c.nullable && c.serverDefault === null && !c.computed && !c.identity && !c.isAutoincrement;
    const notes = needsValue
      ? [
          ...warnings,
          `adds NOT NULL column ${where(c.name)} without a server default: this fails while ${display(schema, name)} has rows; give it .serverDefault(...) or add it nullable and fill it first.`,
        ]
      : warnings;
    out.push(reversible(AddColumnOp.fromColumn(c), "table_alter", pair.key, ALTER_ORDER.addColumn, notes));
  };

  for (const c of dropped) {
    const candidates = added.map((a) => a.name);
    const warning = candidates.length
      ? [
          `column ${where(c.name)} is dropped and ${candidates.map((n) => `'${n}'`).join(", ")} added. If it was renamed, autogenerate cannot tell: generate again with --rename ${name}.${c.name}:${candidates[0]}; otherwise the data in '${c.name}' is lost.`,
        ]
      : [];
    dropColumn(c, warning);
  }
  for (const c of added) addColumn(c);

  for (const d of wanted) {
    const r = dbColumns.get(d.name);
    if (!r) continue;
    if (computedDiffers(ctx, d, r)) {
      const note =
        !d.computed || !r.computed
          ? `column ${where(d.name)} ${d.computed ? "becomes" : "is no longer"} a computed column: it is dropped and added again, and its stored values are lost.`
          : `the expression of computed column ${where(d.name)} changed: it is dropped and added again (its values are recomputed).`;
      dropColumn(r, [note]);
      addColumn(d);
      continue;
    }
    const identity = identityNote(ctx, where(d.name), d, r);
    if (identity)
      out.push({
        phase: "table_alter",
        table: pair.key,
        order: ALTER_ORDER.alterColumn,
        up: [],
        down: [],
        warnings: [identity],
      });
    const unknown = ctx.settings.compareType ? unknownTypeNote(ctx, where(d.name), d, r) : null;
    if (unknown)
      out.push({
        phase: "table_alter",
        table: pair.key,
        order: ALTER_ORDER.alterColumn,
        up: [],
        down: [],
        warnings: [unknown],
      });
    const alter = alterColumn(ctx, pair, d, r);
    if (alter) out.push(alter);
  }
  return out;
}

/**
 * A reflected type Athanor does not know (a domain, an extension's type) cannot be compared:
 * rather than count it as matching whatever is declared, say so and name the column. A declared
 * type whose DDL spells the catalog's name (a custom type for it) is a match.
 */
function unknownTypeNote(
  ctx: CompareContext,
  column: string,
  d: Column<any, any>,
  r: ReflectedColumn,
): string | null {
  if (unwrap(r.type).typeName !== "null") return null;
  let declared: string | null = null;
  try {
    declared = ctx.dialect.typeToSql(unwrap(d.type));
  } catch {
    declared = null;
  }
  const spell = (t: string) => t.toLowerCase().replace(/\s+/g, " ").trim();
  if (declared !== null && spell(declared) === spell(r.typeText)) return null;
  return (
    `column ${column} has the database type '${r.typeText}', which Athanor cannot read, so its type was not compared ` +
    `with the declared ${declared ?? d.type.typeName}: check it by hand, or declare the column with a custom type whose DDL is '${r.typeText}'.`
  );
}

/** One AlterColumnOp for everything that differs in a column, with the `existing...` values MySQL and reverse() need. */
function alterColumn(
  ctx: CompareContext,
  pair: TablePair,
  d: Column<any, any>,
  r: ReflectedColumn,
): Change | null {
  const { dialect, settings } = ctx;
  const mysql = dialect.name === "mysql";
  const typeChanged = settings.compareType && !sameType(ctx, d.type, r.type);
  const nullChanged = !d.computed && d.nullable !== r.nullable;
  const defaultMatches =
    !settings.compareServerDefault ||
    d.computed !== null ||
    (d.identity !== null && dialect.supportsIdentityColumns) ||
    serverDefaultsMatch(dialect, d.serverDefault, r.default, d);
  const existingComment = r.comment || null;
  const commentChanged = dialect.supportsComments && (d.comment ?? null) !== existingComment;
  if (!typeChanged && !nullChanged && defaultMatches && !commentChanged) return null;

  const existingDefault: ServerDefaultArg | null = defaultMatches
    ? (d.serverDefault ?? null)
    : r.default === null
      ? null
      : sqlDefault(r.default);
  const changes: { -readonly [K in keyof AlterColumnChanges]: AlterColumnChanges[K] } = {};
  if (typeChanged) {
    changes.type = d.type;
    const using = enumUsing(ctx, d.name, d.type);
    if (using) changes.postgresqlUsing = using;
  }
  if (nullChanged) changes.nullable = d.nullable;
  if (!defaultMatches) changes.serverDefault = d.serverDefault ?? null;
  if (commentChanged) changes.comment = d.comment ?? null;
  changes.existingType = typeChanged ? r.type : d.type;
  changes.existingNullable = r.nullable;
  if (!defaultMatches || (mysql && existingDefault !== null)) changes.existingServerDefault = existingDefault;
  if (commentChanged || (mysql && existingComment !== null)) changes.existingComment = existingComment;
  if (mysql && r.autoincrement) changes.existingAutoincrement = true;

  const opts = pair.schema ? { schema: pair.schema } : {};
  const up = new AlterColumnOp(pair.name, d.name, changes, opts);
  let down = up.reverse();
  const backUsing = typeChanged ? enumUsing(ctx, d.name, r.type) : undefined;
  if (backUsing)
    down = new AlterColumnOp(pair.name, d.name, { ...down.changes, postgresqlUsing: backUsing }, opts);
  return {
    phase: "table_alter",
    table: pair.key,
    order: ALTER_ORDER.alterColumn,
    up: [up],
    down: [down],
    warnings: [],
  };
}
