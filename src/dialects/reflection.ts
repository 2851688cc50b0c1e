import { InvalidRequestError } from "../errors.js";
import type { TypeEngine } from "../sql/type-engine.js";
import { EnumType } from "../sql/types/enum.js";
import { enumCheckLabels, type TokenizeOptions } from "./sql-tokens.js";

/** Runs catalog SQL on a connection; rows as arrays. */
export type CatalogExec = (sql: string, params?: readonly unknown[]) => Promise<unknown[][]>;

/** A column as reflected from the database catalog. */
export interface ReflectedColumn {
  readonly name: string;
  /** The Athanor type the catalog type maps to (NullType when there is none). */
  readonly type: TypeEngine<any, any>;
  /** The type as the catalog spells it ("character varying(50)", "int(11)", "VARCHAR(50)"). */
  readonly typeText: string;
  readonly nullable: boolean;
  /** The server default as the database shows it (SQL text), or null. */
  readonly default: string | null;
  /** MySQL `ON UPDATE` expression (current_timestamp), or null. */
  readonly serverOnUpdate?: string | null;
  readonly autoincrement: boolean;
  readonly comment: string | null;
  readonly identity: {
    readonly always: boolean;
    readonly start?: number;
    readonly increment?: number;
  } | null;
  readonly computed: { readonly sqltext: string; readonly persisted: boolean | undefined } | null;
}

/** A primary key as reflected from the database catalog. */
export interface ReflectedPrimaryKey {
  readonly name: string | null;
  readonly columns: readonly string[];
}

/** A foreign key as reflected from the database catalog. */
export interface ReflectedForeignKey {
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referredSchema: string | null;
  readonly referredTable: string;
  readonly referredColumns: readonly string[];
  /** The action as written (CASCADE, SET NULL, ...); null for the default (NO ACTION). */
  readonly ondelete: string | null;
  readonly onupdate: string | null;
  readonly deferrable: boolean | null;
  readonly initially: string | null;
  /** MATCH FULL / PARTIAL (null for the default, SIMPLE). */
  readonly match?: string | null;
}

/** An index as reflected from the database catalog. */
export interface ReflectedIndex {
  readonly name: string;
  /** Column names; null entries stand for expressions (see `expressions`). */
  readonly columns: readonly (string | null)[];
  /** SQL of each key, expressions included, in order (null when every key is a plain column). */
  readonly expressions: readonly string[] | null;
  readonly unique: boolean;
  /** PostgreSQL / SQLite partial index predicate. */
  readonly where: string | null;
  /** The index method when not the default (PostgreSQL gin, gist, ...; MySQL HASH). */
  readonly using: string | null;
  /** MySQL prefix lengths by column name. */
  readonly mysqlLength?: Readonly<Record<string, number>> | null;
  /**
   * The constraint this index exists for, when the database made it: MySQL reports every UNIQUE
   * constraint as a unique index too, and creates an index for each foreign key. MetaData.reflect
   * skips such indexes (the constraint recreates them); autogenerate should too.
   */
  readonly duplicatesConstraint?: string | null;
}

/** A unique constraint as reflected from the database catalog. */
export interface ReflectedUnique {
  readonly name: string | null;
  readonly columns: readonly string[];
}

/** A check constraint as reflected from the database catalog. */
export interface ReflectedCheck {
  readonly name: string | null;
  readonly sqltext: string;
}

/** A table as reflected from the database catalog: columns, keys, indexes and constraints. */
export interface ReflectedTable {
  readonly name: string;
  readonly schema: string | null;
  readonly comment: string | null;
  readonly columns: readonly ReflectedColumn[];
  readonly primaryKey: ReflectedPrimaryKey;
  readonly foreignKeys: readonly ReflectedForeignKey[];
  readonly indexes: readonly ReflectedIndex[];
  readonly uniqueConstraints: readonly ReflectedUnique[];
  readonly checkConstraints: readonly ReflectedCheck[];
}

/** A PostgreSQL enum type as reflected from the database catalog. */
export interface ReflectedEnum {
  readonly name: string;
  readonly schema: string | null;
  readonly labels: readonly string[];
}

/**
 * A dialect's catalog reader. `reflectTables` answers for every table of a schema with a fixed
 * number of catalog queries, however many tables there are (autogenerate depends on it).
 */
export interface DialectReflection {
  getSchemaNames(exec: CatalogExec): Promise<string[]>;
  getTableNames(exec: CatalogExec, schema: string | null): Promise<string[]>;
  getViewNames(exec: CatalogExec, schema: string | null): Promise<string[]>;
  hasTable(exec: CatalogExec, name: string, schema: string | null): Promise<boolean>;
  /** Every table of the schema (or those named), in bulk. */
  reflectTables(
    exec: CatalogExec,
    schema: string | null,
    names?: readonly string[],
  ): Promise<Map<string, ReflectedTable>>;
  /** PostgreSQL enum types (empty elsewhere). */
  getEnums(exec: CatalogExec, schema: string | null): Promise<ReflectedEnum[]>;
}

/** Raised when a table asked for by name does not exist. */
export { NoSuchTableError } from "../errors.js";

/** The catalog reader of a dialect; throws when the dialect has none. */
export function reflectionOf(dialect: { readonly name: string }): DialectReflection {
  const r = (dialect as { reflection?: DialectReflection }).reflection;
  if (!r)
    throw new InvalidRequestError(
      `The ${dialect.name} dialect has no catalog reader (a 'reflection' member); reflection and autogenerate need one.`,
    );
  return r;
}

/** A row field as a string, or null (catalogs return Buffers, numbers and strings by driver). */
export function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Uint8Array) return Buffer.from(v).toString("utf8");
  return String(v);
}

/** A row field as a number, or null. */
export function num(v: unknown): number | null {
  if (v === null || v === undefined || v === "") return null;
  const n = Number(typeof v === "bigint" ? v : str(v));
  return Number.isNaN(n) ? null : n;
}

/** Groups rows by their first field (the table name), keeping catalog order. */
export function byTable(rows: readonly unknown[][]): Map<string, unknown[][]> {
  const out = new Map<string, unknown[][]>();
  for (const r of rows) {
    const key = str(r[0])!;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(r);
  }
  return out;
}

/** `?, ?, ?` for an IN list of n values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}

/**
 * Reads the CHECK an enum stored as VARCHAR gets (`col IN ('a', 'b')`) back as the column's
 * type: such a column becomes a non-native Enum named after the check, and the check is dropped
 * from the list (creating the Enum recreates it).
 */
export function recogniseEnumChecks(
  columns: ReflectedColumn[],
  checks: ReflectedCheck[],
  opts: TokenizeOptions = {},
): void {
  for (let i = 0; i < checks.length; i++) {
    const check = checks[i]!;
    const at = columns.findIndex(
      (c) => c.type.typeName === "varchar" && enumCheckLabels(check.sqltext, c.name, opts) !== null,
    );
    if (at < 0) continue;
    const col = columns[at]!;
    const labels = enumCheckLabels(check.sqltext, col.name, opts)!;
    columns[at] = {
      ...col,
      type: new EnumType(labels, { name: check.name ?? undefined, nativeEnum: false }),
    };
    checks.splice(i--, 1);
  }
}
