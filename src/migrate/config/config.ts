/**
 * `athanor.config.ts`: what the commands need to know about a project (Alembic's alembic.ini and
 * env.py in one typed object). `defineConfig` only types it; `resolveConfig` fills in defaults.
 */
import { isAbsolute, join, resolve } from "node:path";
import type { Engine, EngineOptions } from "../../engine/engine.js";
import type { MetaData } from "../../schema/metadata.js";
import { ConfigError } from "../errors.js";

/** What the include filter is asked about (by autogenerate and `check`). */
export interface IncludeObject {
  readonly type:
    | "schema"
    | "table"
    | "column"
    | "index"
    | "unique_constraint"
    | "foreign_key_constraint"
    | "check_constraint"
    | "enum";
  /** The object's name (null for unnamed constraints). */
  readonly name: string | null;
  /** The table the object belongs to (null for tables, schemas and enums). */
  readonly tableName: string | null;
  readonly schema: string | null;
  /** True when the object was found in the database (it may be absent from the metadata). */
  readonly reflected: boolean;
}

/** Decides which database objects autogenerate considers (Alembic's include_object / include_name). */
export type IncludeFilter = (object: IncludeObject) => boolean;

/** The settings of `athanor.config.ts`. Every field is optional. */
export interface AthanorConfig {
  /** Database URL; falls back to the DATABASE_URL environment variable. */
  readonly url?: string;
  /** An engine to use instead of `url` (programmatic use: an in-memory SQLite engine, say); not disposed. */
  readonly engine?: Engine;
  /** Options for the engine made from `url`. */
  readonly engineOptions?: EngineOptions;
  /** The models' MetaData (e.g. `Base.metadata`), compared to the database by autogenerate. */
  readonly metadata?: MetaData | readonly MetaData[];
  /** The migrations folder, relative to the config file (default "migrations"); revisions live in its `versions/`. */
  readonly migrations?: string;
  /** Name of the version table (default "athanor_version"). */
  readonly versionTable?: string;
  /** Schema of the version table (default: the connection's default schema). */
  readonly versionTableSchema?: string;
  /** Commit after each migration instead of once per run (default false, as Alembic). */
  readonly transactionPerMigration?: boolean;
  /** Filter for autogenerate and `check`: return false to ignore an object. */
  readonly include?: IncludeFilter;
  /** Seconds to wait for another process's migration lock before giving up (default 600). */
  readonly lockTimeout?: number;
  /** Called with the path of each revision file written (run a formatter, `git add`, ...). */
  readonly postWrite?: (path: string) => void | Promise<void>;
  /** Settings for autogenerate (compare types, server defaults, ...), read by the autogenerate engine. */
  readonly autogenerate?: Readonly<Record<string, unknown>>;
}

/** A config with defaults applied and paths made absolute. */
export interface ResolvedConfig {
  readonly source: AthanorConfig;
  /** The config file it was loaded from, or null for a config object. */
  readonly configFile: string | null;
  /** The folder relative paths start from (the config file's, or the working directory). */
  readonly root: string;
  readonly url: string | null;
  readonly engine: Engine | null;
  readonly engineOptions: EngineOptions;
  readonly metadata: readonly MetaData[];
  readonly migrationsDir: string;
  readonly versionsDir: string;
  readonly versionTable: string;
  readonly versionTableSchema: string | null;
  readonly transactionPerMigration: boolean;
  readonly include: IncludeFilter | null;
  readonly lockTimeout: number;
  readonly postWrite: ((path: string) => void | Promise<void>) | null;
  /** `-x key=value` arguments of the command line. */
  readonly xArgs: Readonly<Record<string, string>>;
}

/** Types an `athanor.config.ts`: `export default defineConfig({ url, metadata, migrations })`. */
export function defineConfig(config: AthanorConfig): AthanorConfig {
  return config;
}

/** Overrides a command line may apply to a config. */
export interface ConfigOverrides {
  readonly url?: string;
  readonly configFile?: string | null;
  readonly root?: string;
  readonly xArgs?: Readonly<Record<string, string>>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** Applies defaults: migrations "migrations", version table "athanor_version", DATABASE_URL for a missing url. */
export function resolveConfig(config: AthanorConfig, overrides: ConfigOverrides = {}): ResolvedConfig {
  if (config === null || typeof config !== "object") {
    throw new ConfigError(
      `The config must be an object (export default defineConfig({ ... })), got ${config === null ? "null" : typeof config}.`,
    );
  }
  const root = overrides.root ?? process.cwd();
  const migrations = config.migrations ?? "migrations";
  const migrationsDir = isAbsolute(migrations) ? migrations : resolve(root, migrations);
  const versionTable = config.versionTable ?? "athanor_version";
  if (!NAME.test(versionTable) || versionTable.length > 63) {
    throw new ConfigError(
      `versionTable '${versionTable}' is not a plain SQL name; use letters, digits and underscores (at most 63).`,
    );
  }
  const metadata =
    config.metadata === undefined ? [] : Array.isArray(config.metadata) ? config.metadata : [config.metadata];
  const url = overrides.url ?? config.url ?? process.env.DATABASE_URL ?? null;
  return {
    source: config,
    configFile: overrides.configFile ?? null,
    root,
    url: url === "" ? null : url,
    // A URL given on the command line wins over the config's own engine.
    engine: overrides.url ? null : (config.engine ?? null),
    engineOptions: config.engineOptions ?? {},
    metadata: metadata as readonly MetaData[],
    migrationsDir,
    versionsDir: join(migrationsDir, "versions"),
    versionTable,
    versionTableSchema: config.versionTableSchema ?? null,
    transactionPerMigration: config.transactionPerMigration ?? false,
    include: config.include ?? null,
    lockTimeout: config.lockTimeout ?? 600,
    postWrite: config.postWrite ?? null,
    xArgs: overrides.xArgs ?? {},
  };
}

/** Whether a value is already a ResolvedConfig. */
export function isResolvedConfig(value: unknown): value is ResolvedConfig {
  return (
    typeof value === "object" &&
    value !== null &&
    "versionsDir" in value &&
    "source" in value &&
    "xArgs" in value
  );
}
