/**
 * Rename hints (`--rename old:new`, `--rename table.old:new`): autogenerate never guesses a
 * rename, it is told. Hints are checked against both sides (a hint naming something missing is an
 * error that lists what exists), turned into rename operations, and applied to the reflected
 * schema, so that the rest of the comparison sees the database as it is after the renames.
 */
import type { Dialect } from "../../dialects/dialect.js";
import type { ReflectedTable } from "../../dialects/reflection.js";
import { tokenize } from "../../dialects/sql-tokens.js";
import type { Table } from "../../schema/table.js";
import { CommandError } from "../errors.js";
import type { RenameHint } from "./hook.js";

/** A table rename (default schema). */
export interface TableRename {
  readonly from: string;
  readonly to: string;
}

/** A column rename; `table` is the table's name in the models. */
export interface ColumnRename {
  readonly table: string;
  readonly from: string;
  readonly to: string;
}

/** The checked hints, and the reflected tables with the renames applied. */
export interface ResolvedRenames {
  readonly tables: readonly TableRename[];
  readonly columns: readonly ColumnRename[];
  readonly reflected: Map<string, ReflectedTable>;
}

function names(list: Iterable<string>): string {
  return [...list].sort().join(", ") || "(none)";
}

/** Checks the hints against the models (`declared`, default schema tables by name) and the database. */
export function resolveRenames(
  hints: readonly RenameHint[],
  declared: ReadonlyMap<string, Table<any, any>>,
  reflected: ReadonlyMap<string, ReflectedTable>,
  dialect: Dialect,
): ResolvedRenames {
  const tables: TableRename[] = [];
  const columns: ColumnRename[] = [];
  const dbTables = [...reflected.values()].filter((t) => t.schema === null).map((t) => t.name);
  const modelTables = [...declared.values()].filter((t) => t.schema === null).map((t) => t.name);
  for (const h of hints.filter((x) => x.table === null)) {
    const hint = `--rename ${h.from}:${h.to}`;
    if (!dbTables.includes(h.from))
      throw new CommandError(
        `${hint}: the database has no table '${h.from}' to rename (its tables: ${names(dbTables)}).`,
      );
    if (!modelTables.includes(h.to))
      throw new CommandError(
        `${hint}: the models have no table '${h.to}' (their tables: ${names(modelTables)}).`,
      );
    if (dbTables.includes(h.to))
      throw new CommandError(
        `${hint}: the database already has a table '${h.to}'; there is nothing to rename.`,
      );
    if (modelTables.includes(h.from))
      throw new CommandError(
        `${hint}: the models still declare table '${h.from}'; a renamed table appears under its new name only.`,
      );
    if (tables.some((t) => t.from === h.from || t.to === h.to))
      throw new CommandError(`${hint}: another --rename already names '${h.from}' or '${h.to}'.`);
    tables.push({ from: h.from, to: h.to });
  }
  for (const h of hints.filter((x) => x.table !== null)) {
    const hint = `--rename ${h.table}.${h.from}:${h.to}`;
    // The table may be named as in the models or, when it is renamed too, as in the database.
    const modelName = tables.find((t) => t.from === h.table)?.to ?? h.table!;
    const dbName = tables.find((t) => t.to === modelName)?.from ?? modelName;
    const model = declared.get(modelName);
    const db = reflected.get(dbName);
    if (!model || model.schema !== null)
      throw new CommandError(
        `${hint}: the models have no table '${h.table}' (their tables: ${names(modelTables)}).`,
      );
    if (!db)
      throw new CommandError(
        `${hint}: the database has no table '${dbName}' (its tables: ${names(dbTables)}).`,
      );
    const dbColumns = db.columns.map((c) => c.name);
    const modelColumns = model.columns.map((c) => c.name);
    if (!dbColumns.includes(h.from))
      throw new CommandError(
        `${hint}: table '${dbName}' has no column '${h.from}' in the database (its columns: ${names(dbColumns)}).`,
      );
    if (!modelColumns.includes(h.to))
      throw new CommandError(
        `${hint}: table '${modelName}' has no column '${h.to}' in the models (its columns: ${names(modelColumns)}).`,
      );
    if (dbColumns.includes(h.to))
      throw new CommandError(`${hint}: column '${dbName}.${h.to}' already exists in the database.`);
    if (modelColumns.includes(h.from))
      throw new CommandError(
        `${hint}: the models still declare '${modelName}.${h.from}'; a renamed column appears under its new name only.`,
      );
    if (columns.some((c) => c.table === modelName && (c.from === h.from || c.to === h.to)))
      throw new CommandError(`${hint}: another --rename already names '${h.from}' or '${h.to}'.`);
    columns.push({ table: modelName, from: h.from, to: h.to });
  }
  return { tables, columns, reflected: applyRenames(reflected, tables, columns, dialect) };
}

/** Replaces the identifier `from` by `to` in SQL text (checks, index expressions, predicates). */
export function renameIdentifier(sql: string, from: string, to: string, dialect: Dialect): string {
  const tokens = tokenize(sql, {
    backslashEscapes: dialect.name === "mysql",
    bracketQuotes: dialect.name === "sqlite",
  });
  const caseless = dialect.name !== "postgresql";
  const same = (a: string) => (caseless ? a.toLowerCase() === from.toLowerCase() : a === from);
  let out = "";
  for (const t of tokens) {
    if (t.kind === "word" && same(t.text)) out += to;
    else if (t.kind === "quoted" && same(t.value)) out += dialect.quoteAlways(to);
    else out += t.text;
  }
  return out;
}

function applyRenames(
  reflected: ReadonlyMap<string, ReflectedTable>,
  tables: readonly TableRename[],
  columns: readonly ColumnRename[],
  dialect: Dialect,
): Map<string, ReflectedTable> {
  const newName = (schema: string | null, name: string) =>
    schema === null ? (tables.find((t) => t.from === name)?.to ?? name) : name;
  const out = new Map<string, ReflectedTable>();
  for (const t of reflected.values()) {
    const name = newName(t.schema, t.name);
    const mine = columns.filter((c) => c.table === name);
    const col = (c: string) => mine.find((r) => r.from === c)?.to ?? c;
    const sql = (s: string) => mine.reduce((acc, r) => renameIdentifier(acc, r.from, r.to, dialect), s);
    const renamed: ReflectedTable = {
      ...t,
      name,
      columns: t.columns.map((c) => ({ ...c, name: col(c.name) })),
      primaryKey: { ...t.primaryKey, columns: t.primaryKey.columns.map(col) },
      foreignKeys: t.foreignKeys.map((fk) => {
        const refSchema = fk.referredSchema ?? t.schema;
        const refTable = newName(refSchema, fk.referredTable);
        const refColumns = columns.filter((c) => refSchema === null && c.table === refTable);
        return {
          ...fk,
          columns: fk.columns.map(col),
          referredTable: refTable,
          referredColumns: fk.referredColumns.map((c) => refColumns.find((r) => r.from === c)?.to ?? c),
        };
      }),
      uniqueConstraints: t.uniqueConstraints.map((u) => ({ ...u, columns: u.columns.map(col) })),
      checkConstraints: t.checkConstraints.map((c) => ({ ...c, sqltext: sql(c.sqltext) })),
      indexes: t.indexes.map((ix) => ({
        ...ix,
        columns: ix.columns.map((c) => (c === null ? null : col(c))),
        expressions: ix.expressions?.map(sql) ?? null,
        where: ix.where === null ? null : sql(ix.where),
        mysqlLength: ix.mysqlLength
          ? Object.fromEntries(Object.entries(ix.mysqlLength).map(([k, v]) => [col(k), v]))
          : ix.mysqlLength,
      })),
    };
    out.set(t.schema ? `${t.schema}.${name}` : name, renamed);
  }
  return out;
}
