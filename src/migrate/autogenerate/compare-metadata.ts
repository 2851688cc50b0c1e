/**
 * Autogenerate: compare the models' MetaData with the database, produce the operations that make
 * the database match, and return them for rendering (Alembic's compare -> produce operations ->
 * render code; rendering is the revision command's, through the operations' toCode()).
 *
 *   reflect (bulk, per schema) -> rename hints -> include filter -> compare enums, tables
 *   (columns, indexes, constraints, comments) -> changes -> order / batch / mark -> operations
 */
import type { ReflectedTable } from "../../dialects/reflection.js";
import type { Table } from "../../schema/table.js";
import { EnumType } from "../../sql/types/enum.js";
import type { ResolvedConfig } from "../config/config.js";
import { ConfigError } from "../errors.js";
import type { CompareContext } from "./changes.js";
import { compareEnums } from "./compare-enums.js";
import { compareTables } from "./compare-tables.js";
import { qualifiedKey, reflectDatabase } from "./database-snapshot.js";
import type { AutogenerateRequest, AutogenerateResult } from "./hook.js";
import { Includer } from "./include.js";
import { produce } from "./produce.js";
import { ReflectedTables } from "./reflected-tables.js";
import { resolveRenames } from "./renames.js";
import { readSettings } from "./settings.js";

/** The models' tables by qualified key; a table declared by two MetaData objects is an error. */
function declaredTables(config: ResolvedConfig): Map<string, Table<any, any>> {
  if (config.metadata.length === 0) {
    throw new ConfigError(
      "Autogenerate compares the models' MetaData with the database, and the config has none: set `metadata` in athanor.config.ts (e.g. `metadata: Base.metadata`).",
    );
  }
  const out = new Map<string, Table<any, any>>();
  for (const md of config.metadata) {
    if (!md || !(md.tables instanceof Map))
      throw new ConfigError(
        "The config's `metadata` must be a MetaData (e.g. Base.metadata) or a list of them.",
      );
    for (const t of md.tables.values()) {
      const key = qualifiedKey(t.schema, t.name);
      if (out.has(key) && out.get(key) !== t)
        throw new ConfigError(
          `Table '${key}' is declared by two of the config's MetaData objects; autogenerate cannot tell which is meant: keep one.`,
        );
      out.set(key, t);
    }
  }
  return out;
}

/** The autogenerate engine: the operations that bring the database to the models. */
export async function compareMetadata(
  config: ResolvedConfig,
  request: AutogenerateRequest,
): Promise<AutogenerateResult> {
  const settings = readSettings(config.source.autogenerate);
  const include = new Includer(config.include);
  const declaredAll = declaredTables(config);
  const conn = request.connection;
  const dialect = conn.dialect;
  const ctx: CompareContext = { dialect, settings, include };
  const versionKey = qualifiedKey(config.versionTableSchema, config.versionTable);
  declaredAll.delete(versionKey);

  const schemas: (string | null)[] = [null];
  for (const t of declaredAll.values())
    if (t.schema !== null && !schemas.includes(t.schema) && include.top("schema", t.schema, null, false))
      schemas.push(t.schema);
  const snapshot = await reflectDatabase(conn, schemas, {
    name: config.versionTable,
    schema: config.versionTableSchema,
  });
  const declaredDefault = new Map(
    [...declaredAll.values()].filter((t) => t.schema === null).map((t) => [t.name, t]),
  );
  const renames = resolveRenames(request.renames, declaredDefault, snapshot.tables, dialect);

  // The include filter, once per table: a table it hides is neither created, dropped nor altered.
  const declared = new Map<string, Table<any, any>>();
  const reflected = new Map<string, ReflectedTable>();
  const hiddenEnumUses = new Set<string>();
  for (const [key, t] of declaredAll) {
    if (!schemas.includes(t.schema)) continue;
    if (include.top("table", t.name, t.schema, false)) {
      declared.set(key, t);
      const r = renames.reflected.get(key);
      if (r) reflected.set(key, r);
    }
  }
  for (const [key, r] of renames.reflected) {
    if (declaredAll.has(key)) {
      if (!declared.has(key)) collectEnumUses(r, hiddenEnumUses);
      continue;
    }
    if (include.top("table", r.name, r.schema, true)) reflected.set(key, r);
    else collectEnumUses(r, hiddenEnumUses);
  }

  const built = new ReflectedTables(dialect, reflected);
  const changes = [
    ...compareEnums(ctx, [...declared.values()], snapshot.enums, snapshot.tables, hiddenEnumUses),
    ...compareTables(ctx, declared, reflected, built, renames),
  ];
  return produce(ctx, changes, request.message !== undefined);
}

function collectEnumUses(t: ReflectedTable, into: Set<string>): void {
  for (const c of t.columns)
    if (c.type instanceof EnumType && c.type.name) into.add(qualifiedKey(c.type.schema ?? null, c.type.name));
}
