/**
 * Baselines: the first revision of a database that already has its schema. Its upgrade creates
 * the schema as the database holds it now (reflected, not the models), so that offline SQL of it
 * recreates the schema elsewhere; on the existing database it is stamped, never run. A database
 * Alembic manages keeps its `alembic_version`: the baseline names the Alembic revision it stands
 * for, and nothing here writes Alembic's table.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ReflectedTable } from "../../dialects/reflection.js";
import type { Connection } from "../../engine/connection.js";
import type { Table } from "../../schema/table.js";
import type { CompareContext } from "../autogenerate/changes.js";
import { compareEnums } from "../autogenerate/compare-enums.js";
import { compareTables } from "../autogenerate/compare-tables.js";
import { reflectDatabase } from "../autogenerate/database-snapshot.js";
import { Includer } from "../autogenerate/include.js";
import { produce } from "../autogenerate/produce.js";
import { ReflectedTables } from "../autogenerate/reflected-tables.js";
import { resolveRenames } from "../autogenerate/renames.js";
import { readSettings } from "../autogenerate/settings.js";
import type { ResolvedConfig } from "../config/config.js";
import type { ConfigSource } from "../config/load-config.js";
import { CommandError } from "../errors.js";
import { checkRevisionId } from "../graph/identifier.js";
import { alembicRevisions } from "../pull/alembic.js";
import { CodeRenderer } from "../render/code.js";
import { renderOperations, reverseOperations } from "../render/operations-code.js";
import {
  newRevisionId,
  renderRevisionFile,
  revisionFileName,
  revisionTemplate,
} from "../script/revision-file.js";
import { type CommandOptions, loadProject, logger } from "./common.js";
import { openDatabase } from "./database.js";
import type { RevisionResult } from "./revision.js";
import { stamp } from "./stamp.js";

/** Options of a baseline (`revision --baseline`). */
export interface BaselineOptions extends CommandOptions {
  readonly message?: string;
  readonly revId?: string;
  /** Stamp the database at the new revision (default true); false only writes the file. */
  readonly stamp?: boolean;
}

/** A written baseline. */
export interface BaselineResult extends RevisionResult {
  readonly path: string;
  /** Whether the database was stamped at the baseline. */
  readonly stamped: boolean;
  /** The Alembic revisions the database was at, or null when Alembic does not manage it. */
  readonly alembicRevisions: readonly string[] | null;
}

/** The database's tables, less the version tables (Athanor's, Alembic's) and what the include filter hides. */
async function currentTables(
  conn: Connection,
  config: ResolvedConfig,
  include: Includer,
): Promise<Map<string, ReflectedTable>> {
  const snapshot = await reflectDatabase(conn, [null], {
    name: config.versionTable,
    schema: config.versionTableSchema,
  });
  const out = new Map<string, ReflectedTable>();
  for (const [key, t] of snapshot.tables) if (include.top("table", t.name, t.schema, true)) out.set(key, t);
  return out;
}

/**
 * What to say when `revision --autogenerate` meets a database with tables and a history with no
 * revisions: a first revision would not create them, a baseline would. Null otherwise.
 */
export async function baselineOffer(conn: Connection, config: ResolvedConfig): Promise<string | null> {
  const tables = await currentTables(conn, config, new Includer(config.include));
  if (tables.size === 0) return null;
  const alembic = await alembicRevisions(conn);
  return (
    `The database already has ${tables.size} table${tables.size === 1 ? "" : "s"} and the migrations have no revisions` +
    (alembic ? ` (Alembic manages it: alembic_version at ${alembic.join(", ") || "base"})` : "") +
    `; this revision only holds what the models add. To start the history from the current schema, run \`athanor revision --baseline -m "baseline"\` instead: it writes a revision that creates the schema and stamps it on this database without running it.`
  );
}

/** `revision --baseline -m "baseline"`: a first revision creating the current schema, stamped on the database. */
export async function baseline(config: ConfigSource, options: BaselineOptions = {}): Promise<BaselineResult> {
  const { config: resolved, script } = await loadProject(config, options);
  const log = logger(options);
  if (script.map.heads.length > 0)
    throw new CommandError(
      `A baseline starts the history, and the migrations already have revisions (heads: ${script.map.heads.join(", ")}); use \`athanor revision --autogenerate\` for changes, or \`athanor stamp <rev>\` to mark another database.`,
    );
  const id = options.revId ?? newRevisionId();
  checkRevisionId(id);
  const r = new CodeRenderer();
  let upgrades: string[];
  let downgrades: string[];
  let operations: string[];
  let warnings: string[];
  let alembic: string[] | null;
  const db = await openDatabase(resolved);
  try {
    const conn = db.conn;
    const rows = await db.versionTable.read(conn);
    if (rows.length)
      throw new CommandError(
        `The database is stamped at ${rows.join(", ")}, which the migrations folder does not have; a baseline is for a database without Athanor history (check the migrations folder, or \`athanor stamp base --purge\` first).`,
      );
    alembic = await alembicRevisions(conn);
    const include = new Includer(resolved.include);
    const tables = await currentTables(conn, resolved, include);
    if (tables.size === 0)
      throw new CommandError(
        "The database has no tables to baseline; write the first revision with `athanor revision --autogenerate` instead.",
      );
    // The reflected tables play the models against an empty database: every table is created.
    const built = new ReflectedTables(conn.dialect, tables);
    const declared = new Map<string, Table<any, any>>([...tables.keys()].map((k) => [k, built.table(k)]));
    const ctx: CompareContext = {
      dialect: conn.dialect,
      settings: readSettings(resolved.source.autogenerate),
      include,
    };
    const none = new Map<string, ReflectedTable>();
    const renames = resolveRenames([], new Map(), none, conn.dialect);
    const result = produce(
      ctx,
      [
        ...compareEnums(ctx, [...declared.values()], new Map(), none, new Set()),
        ...compareTables(ctx, declared, none, built, renames),
      ],
      true,
    );
    upgrades = renderOperations(result.upgradeOps, r);
    downgrades = renderOperations(result.downgradeOps ?? reverseOperations(result.upgradeOps), r);
    operations = result.upgradeOps.flatMap((o) => ("describe" in o ? [o.describe()] : []));
    warnings = [...(result.warnings ?? [])];
    await conn.rollback().catch(() => undefined);
  } finally {
    await db.close();
  }
  const message =
    options.message ?? (alembic?.length ? `baseline from alembic ${alembic.join(", ")}` : "baseline");
  const text = renderRevisionFile(
    {
      revision: id,
      downRevision: null,
      message,
      createDate: new Date().toISOString(),
      upgrades,
      downgrades,
      renderer: r,
    },
    revisionTemplate(resolved.migrationsDir),
  );
  const path = join(script.versionsDir, revisionFileName(id, message));
  if (existsSync(path)) throw new CommandError(`${path} already exists; choose another --rev-id.`);
  writeFileSync(path, text, { flag: "wx" });
  if (resolved.postWrite) await resolved.postWrite(path);
  const stamped = options.stamp !== false;
  if (stamped) await stamp(resolved, id, { log });
  return {
    revision: id,
    path,
    downRevision: null,
    branchLabels: [],
    dependsOn: [],
    message,
    autogenerated: true,
    operations,
    warnings,
    stamped,
    alembicRevisions: alembic,
  };
}
