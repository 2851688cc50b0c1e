/**
 * Alembic's version table: whether the database has one, and the revisions in it. Athanor reads it
 * to say that Alembic manages the database and to record which Alembic revision a baseline stands
 * for; it never writes it (a Python service may still migrate beside the TypeScript one).
 */
import { tableExists } from "../../dialects/catalog.js";
import type { CatalogExec } from "../../dialects/reflection.js";
import type { Connection } from "../../engine/connection.js";

/** The name of Alembic's version table. */
export const ALEMBIC_VERSION_TABLE = "alembic_version";

/** The revisions in `alembic_version`, or null when the database has no such table. */
export async function alembicRevisions(
  conn: Connection,
  schema: string | null = null,
): Promise<string[] | null> {
  const exec: CatalogExec = (sql, params) =>
    conn.executeDriverSql(sql, params ?? []).then((r) => r.rawRows());
  if (!(await tableExists(conn.dialect.name, exec, ALEMBIC_VERSION_TABLE, schema))) return null;
  const q = (n: string) => conn.dialect.quoteIdentifier(n);
  const table = schema ? `${q(schema)}.${q(ALEMBIC_VERSION_TABLE)}` : q(ALEMBIC_VERSION_TABLE);
  const rows = await exec(`SELECT ${q("version_num")} FROM ${table}`);
  return rows.map((r) => String(r[0])).sort();
}

/** What the CLI says about a database Alembic manages. */
export function alembicNotice(revisions: readonly string[]): string {
  const at = revisions.length ? revisions.join(", ") : "base (empty)";
  return `The database has an Alembic version table (alembic_version at ${at}). Athanor keeps its own (athanor_version) and never changes alembic_version; to take over, pull the models (athanor pull), then write and stamp a baseline: athanor revision --baseline -m "baseline from alembic ${revisions[0] ?? "base"}".`;
}
