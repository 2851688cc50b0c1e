/**
 * The database side of the comparison: every table of each schema involved, read in bulk (a fixed
 * number of catalog queries per schema, whatever the number of tables), and PostgreSQL's enum
 * types. The version table is left out: it is the migration tool's, not the models'. So is
 * Alembic's (`alembic_version`), which a database taken over from Alembic keeps.
 */
import type { Dialect } from "../../dialects/dialect.js";
import type { CatalogExec, ReflectedEnum, ReflectedTable } from "../../dialects/reflection.js";
import type { Connection } from "../../engine/connection.js";
import { ALEMBIC_VERSION_TABLE } from "../pull/alembic.js";

/** `schema.name`, or `name` in the default schema: how both sides key tables and enum types. */
export function qualifiedKey(schema: string | null | undefined, name: string): string {
  return schema ? `${schema}.${name}` : name;
}

/** What the database holds, keyed by qualifiedKey. */
export interface DatabaseSnapshot {
  readonly tables: Map<string, ReflectedTable>;
  readonly enums: Map<string, ReflectedEnum>;
}

/** Whether the dialect has PostgreSQL's named enum types (CREATE TYPE ... AS ENUM). */
export function hasEnumTypes(dialect: Dialect): boolean {
  return dialect.supportsNativeEnum && dialect.name === "postgresql";
}

/** Reflects the schemas (null: the connection's default schema), skipping the version table. */
export async function reflectDatabase(
  conn: Connection,
  schemas: readonly (string | null)[],
  versionTable: { readonly name: string; readonly schema: string | null },
): Promise<DatabaseSnapshot> {
  const dialect = conn.dialect;
  const exec: CatalogExec = (sql, params) =>
    conn.executeDriverSql(sql, params ?? []).then((r) => r.rawRows());
  const tables = new Map<string, ReflectedTable>();
  const enums = new Map<string, ReflectedEnum>();
  // The version table may be configured as the default schema by name: skip it there too.
  // Alembic's is skipped as well: after a takeover it stays, for a Python service still beside us.
  const isVersionTable = (schema: string | null, name: string) =>
    name === ALEMBIC_VERSION_TABLE ||
    (name === versionTable.name && (schema === null || schema === versionTable.schema));
  for (const schema of schemas) {
    for (const [name, table] of await dialect.reflection.reflectTables(exec, schema))
      if (!isVersionTable(schema, name)) tables.set(qualifiedKey(schema, name), table);
    if (hasEnumTypes(dialect))
      for (const e of await dialect.reflection.getEnums(exec, schema))
        enums.set(qualifiedKey(schema, e.name), e);
  }
  return { tables, enums };
}
