import type { CatalogExec } from "./reflection.js";

/** Whether a table exists: the one catalog lookup createAll / dropAll need per table. */
export async function tableExists(
  dialect: string,
  exec: CatalogExec,
  name: string,
  schema: string | null,
): Promise<boolean> {
  switch (dialect) {
    case "postgresql":
      return (
        (
          await exec(
            "SELECT 1 FROM pg_catalog.pg_tables WHERE tablename = $1 AND schemaname = COALESCE($2, current_schema())",
            [name, schema],
          )
        ).length > 0
      );
    case "sqlite":
      return (
        (
          await exec(
            `SELECT 1 FROM ${schema ? `"${schema.replace(/"/g, '""')}".` : ""}sqlite_master WHERE type = 'table' AND name = ?`,
            [name],
          )
        ).length > 0
      );
    default:
      return (
        (
          await exec(
            "SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = COALESCE(?, DATABASE())",
            [name, schema],
          )
        ).length > 0
      );
  }
}

/** The PostgreSQL enum types that exist, by name. */
export async function enumNames(exec: CatalogExec, schema: string | null): Promise<Set<string>> {
  const rows = await exec(
    "SELECT t.typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e' AND n.nspname = COALESCE($1, current_schema())",
    [schema],
  );
  return new Set(rows.map((r) => String(r[0])));
}
