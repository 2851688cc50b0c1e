/**
 * `pull`: writes models from a live database (sqlacodegen, `prisma db pull`, `drizzle-kit pull`):
 * reflect each schema in bulk, keep what the config's include filter (and --table / --exclude)
 * keeps, and render one formatted models module. Version tables (Athanor's and Alembic's) are
 * left out; a database Alembic manages is reported.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { CatalogExec, ReflectedTable } from "../../dialects/reflection.js";
import { qualifiedKey } from "../autogenerate/database-snapshot.js";
import { Includer, includeObjects, type NamePattern } from "../autogenerate/include.js";
import { type ConfigSource, loadConfig } from "../config/load-config.js";
import { CommandError } from "../errors.js";
import { ALEMBIC_VERSION_TABLE, alembicNotice, alembicRevisions } from "../pull/alembic.js";
import { renderModelSource } from "../pull/model-source.js";
import { reflectViews } from "../pull/views.js";
import { type CommandOptions, logger } from "./common.js";
import { describeDatabase, openDatabase } from "./database.js";

/** Options of `pull`. */
export interface PullOptions extends CommandOptions {
  /** Write the models here (relative to the working directory); without it, only return the text. */
  readonly output?: string;
  /** Replace an existing output file. */
  readonly force?: boolean;
  /** Schemas to pull besides the default one (PostgreSQL schemas, MySQL databases, SQLite attachments). */
  readonly schemas?: readonly string[];
  /** Only these tables (names, `legacy_*` globs or regular expressions). */
  readonly tables?: readonly NamePattern[];
  /** Leave these tables out. */
  readonly exclude?: readonly NamePattern[];
  /** Pull views as read-only Tables (default true). */
  readonly views?: boolean;
}

/** What `pull` wrote. */
export interface PullResult {
  /** The models module. */
  readonly text: string;
  /** The file written, or null. */
  readonly path: string | null;
  /** Qualified names of the tables pulled, and the class or Table each became. */
  readonly tables: Readonly<Record<string, string>>;
  readonly views: readonly string[];
  /** Columns whose types the models approximate (each also a comment in the file). */
  readonly warnings: readonly string[];
  /** The Alembic revisions of the database, or null when Alembic does not manage it. */
  readonly alembicRevisions: readonly string[] | null;
  /** Seconds spent reflecting and rendering. */
  readonly seconds: number;
}

/** Foreign keys to tables left out (by --table, --exclude or the include filter): the models need them. */
function missingTargets(tables: readonly ReflectedTable[]): string[] {
  const pulled = new Set(tables.map((t) => qualifiedKey(t.schema, t.name)));
  const out: string[] = [];
  for (const t of tables)
    for (const fk of t.foreignKeys) {
      const target = qualifiedKey(fk.referredSchema ?? t.schema, fk.referredTable);
      if (!pulled.has(target))
        out.push(
          `${qualifiedKey(t.schema, t.name)}.${fk.columns.join(", ")} references ${target}, which was not pulled: pull it too, or declare it in the same MetaData, before using these models.`,
        );
    }
  return out;
}

/** `pull -o models.ts`: models from the database's current schema. */
export async function pull(config: ConfigSource, options: PullOptions = {}): Promise<PullResult> {
  const resolved = await loadConfig(config, { url: options.url, xArgs: options.xArgs });
  const log = logger(options);
  const path = options.output ? resolve(options.output) : null;
  if (path && existsSync(path) && !options.force)
    throw new CommandError(`${path} already exists; pass --force to replace it, or choose another --output.`);
  const include = new Includer(resolved.include);
  const byName =
    options.tables?.length || options.exclude?.length
      ? new Includer(
          includeObjects({
            ...(options.tables?.length ? { only: { table: options.tables } } : {}),
            ...(options.exclude?.length ? { exclude: { table: options.exclude } } : {}),
          }),
        )
      : null;
  const keep = (name: string, schema: string | null) =>
    include.top("table", name, schema, true) && (byName?.top("table", name, schema, true) ?? true);

  const started = performance.now();
  const db = await openDatabase(resolved);
  try {
    const conn = db.conn;
    const dialect = conn.dialect;
    const exec: CatalogExec = (sql, params) =>
      conn.executeDriverSql(sql, params ?? []).then((r) => r.rawRows());
    const alembic = await alembicRevisions(conn);
    if (alembic) log(alembicNotice(alembic));
    const skip = (schema: string | null, name: string) =>
      name === ALEMBIC_VERSION_TABLE ||
      (name === resolved.versionTable && (schema === null || schema === resolved.versionTableSchema));
    const tables: ReflectedTable[] = [];
    const views: ReflectedTable[] = [];
    for (const schema of [null, ...(options.schemas ?? [])]) {
      if (schema !== null && !include.top("schema", schema, null, true)) continue;
      for (const [name, t] of await dialect.reflection.reflectTables(exec, schema))
        if (!skip(schema, name) && keep(name, schema)) tables.push(t);
      if (options.views !== false)
        for (const v of await reflectViews(exec, dialect, schema)) if (keep(v.name, schema)) views.push(v);
    }
    await conn.rollback().catch(() => undefined);
    if (tables.length === 0 && views.length === 0)
      throw new CommandError(
        `No tables to pull from ${describeDatabase(resolved)}${options.tables?.length || options.exclude?.length ? " (after --table / --exclude)" : ""}; check the URL and schema.`,
      );
    const source = renderModelSource({
      dialect,
      tables,
      views,
      header: [
        `Models pulled by \`athanor pull\` from a ${dialect.name} database (${tables.length} tables, ${views.length} views).`,
        "Review relationship names and add cascades; columns whose types are approximated say so below.",
      ],
    });
    const warnings = [...source.warnings, ...missingTargets(tables)];
    for (const w of warnings) log(`warning: ${w}`);
    if (path) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, source.text);
    }
    return {
      text: source.text,
      path,
      tables: Object.fromEntries(source.names),
      views: views.map((v) => qualifiedKey(v.schema, v.name)),
      warnings,
      alembicRevisions: alembic,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await db.close();
  }
}
