/**
 * The columns of a schema's views, in one catalog query per dialect (the dialects' bulk reflection
 * reads tables only). Views become read-only Table objects: names, types and nullability are all
 * a view has to declare.
 */
import type { Dialect } from "../../dialects/dialect.js";
import { mysqlTypeFromColumnType } from "../../dialects/mysql/reflection-types.js";
import { pgTypeFromName } from "../../dialects/postgresql/reflection-types.js";
import {
  type CatalogExec,
  type ReflectedColumn,
  type ReflectedTable,
  str,
} from "../../dialects/reflection.js";
import { sqliteTypeFromDeclared } from "../../dialects/sqlite/reflection-types.js";
import type { TypeEngine } from "../../sql/type-engine.js";

function catalogQuery(dialect: Dialect, schema: string | null): { sql: string; params: unknown[] } {
  switch (dialect.name) {
    case "postgresql":
      return {
        sql: `SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
              FROM pg_catalog.pg_attribute a
              JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = COALESCE($1::text, current_schema()) AND c.relkind IN ('v', 'm')
                AND a.attnum > 0 AND NOT a.attisdropped
              ORDER BY c.relname, a.attnum`,
        params: [schema],
      };
    case "mysql":
      return {
        sql: `SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE = 'NO'
              FROM information_schema.COLUMNS c
              JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
              WHERE c.TABLE_SCHEMA = COALESCE(?, DATABASE()) AND t.TABLE_TYPE = 'VIEW'
              ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`,
        params: [schema],
      };
    default: {
      const master = schema ? `"${schema.replace(/"/g, '""')}".sqlite_master` : "sqlite_master";
      return {
        sql: `SELECT m.name, p.name, p.type, p."notnull"
              FROM ${master} m JOIN pragma_table_info(m.name${schema ? ", ?" : ""}) p
              WHERE m.type = 'view' ORDER BY m.name, p.cid`,
        params: schema ? [schema] : [],
      };
    }
  }
}

function typeOf(dialect: Dialect, text: string): TypeEngine<any, any> {
  if (dialect.name === "postgresql") return pgTypeFromName(text);
  if (dialect.name === "mysql") return mysqlTypeFromColumnType(text);
  return sqliteTypeFromDeclared(text);
}

/** Every view of the schema (null: the connection's default) with its columns. */
export async function reflectViews(
  exec: CatalogExec,
  dialect: Dialect,
  schema: string | null,
): Promise<ReflectedTable[]> {
  const { sql, params } = catalogQuery(dialect, schema);
  const byView = new Map<string, ReflectedColumn[]>();
  for (const row of await exec(sql, params)) {
    const view = str(row[0])!;
    const typeText = str(row[2]) ?? "";
    let columns = byView.get(view);
    if (!columns) byView.set(view, (columns = []));
    columns.push({
      name: str(row[1])!,
      type: typeOf(dialect, typeText),
      typeText,
      // A view's columns are nullable unless the catalog knows better (PostgreSQL never does).
      nullable: !(row[3] === true || row[3] === 1 || row[3] === "1" || row[3] === 1n),
      default: null,
      autoincrement: false,
      comment: null,
      identity: null,
      computed: null,
    });
  }
  return [...byView].map(([name, columns]) => ({
    name,
    schema,
    comment: null,
    columns,
    primaryKey: { name: null, columns: [] },
    foreignKeys: [],
    indexes: [],
    uniqueConstraints: [],
    checkConstraints: [],
  }));
}
