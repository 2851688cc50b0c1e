import {
  type CatalogExec,
  type DialectReflection,
  NoSuchTableError,
  type ReflectedCheck,
  type ReflectedColumn,
  type ReflectedEnum,
  type ReflectedForeignKey,
  type ReflectedIndex,
  type ReflectedPrimaryKey,
  type ReflectedTable,
  type ReflectedUnique,
  reflectionOf,
} from "../dialects/reflection.js";
import { ArgumentError } from "../errors.js";
import { Connection } from "./connection.js";
import { Engine } from "./engine.js";

/** Options of the getMulti* methods. */
export interface MultiReflectOptions {
  /** Only these tables (by name). */
  filterNames?: readonly string[];
}

/**
 * Reads the database catalog, as SQLAlchemy's Inspector: `const insp = inspect(engine)`, then
 * `await insp.getColumns("kits")`. Each schema is reflected in bulk (a fixed number of catalog
 * queries, see DialectReflection) the first time any table of it is asked about, and answers
 * are cached until `clearCache()`.
 */
export class Inspector {
  readonly bind: Engine | Connection;
  readonly #reflection: DialectReflection;
  readonly #cache = new Map<string, Promise<unknown>>();

  constructor(bind: Engine | Connection) {
    this.bind = bind;
    this.#reflection = reflectionOf(bind.dialect);
  }

  get dialect() {
    return this.bind.dialect;
  }

  /** Forgets every cached answer (after DDL, for instance). */
  clearCache(): void {
    this.#cache.clear();
  }

  /** Runs `fn` with catalog access: on the bound connection, or on one checked out of the engine. */
  async #run<T>(fn: (exec: CatalogExec) => Promise<T>): Promise<T> {
    const run = (conn: Connection) =>
      fn((sql, params) => conn.executeDriverSql(sql, params ?? []).then((r) => r.rawRows()));
    if (this.bind instanceof Connection) return run(this.bind);
    const conn = await this.bind.connect();
    try {
      return await run(conn);
    } finally {
      await conn.close();
    }
  }

  /** Caches a catalog answer by key; a failed lookup is not cached. */
  #cached<T>(key: string, fn: (exec: CatalogExec) => Promise<T>): Promise<T> {
    let hit = this.#cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = this.#run(fn);
      this.#cache.set(key, hit);
      hit.catch(() => this.#cache.delete(key));
    }
    return hit;
  }

  /** The schemas (PostgreSQL namespaces, MySQL databases, SQLite attached databases). */
  getSchemaNames(): Promise<string[]> {
    return this.#cached("schemas", (exec) => this.#reflection.getSchemaNames(exec));
  }

  /** The tables of a schema (the default one when omitted), sorted by name. */
  getTableNames(schema?: string | null): Promise<string[]> {
    return this.#cached(`tables:${schema ?? ""}`, (exec) =>
      this.#reflection.getTableNames(exec, schema ?? null),
    );
  }

  getViewNames(schema?: string | null): Promise<string[]> {
    return this.#cached(`views:${schema ?? ""}`, (exec) =>
      this.#reflection.getViewNames(exec, schema ?? null),
    );
  }

  /** Whether a table (or view) exists; never cached. */
  hasTable(name: string, schema?: string | null): Promise<boolean> {
    return this.#run((exec) => this.#reflection.hasTable(exec, name, schema ?? null));
  }

  /** PostgreSQL enum types of a schema with their labels (empty elsewhere). */
  getEnums(schema?: string | null): Promise<ReflectedEnum[]> {
    return this.#cached(`enums:${schema ?? ""}`, (exec) => this.#reflection.getEnums(exec, schema ?? null));
  }

  /**
   * Everything about every table of a schema, by table name: what the other methods answer from.
   * One bulk reflection per schema, cached.
   */
  reflectTables(schema?: string | null): Promise<Map<string, ReflectedTable>> {
    return this.#cached(`reflect:${schema ?? ""}`, (exec) =>
      this.#reflection.reflectTables(exec, schema ?? null),
    );
  }

  async #table(name: string, schema: string | null | undefined): Promise<ReflectedTable> {
    if (typeof name !== "string" || !name)
      throw new ArgumentError("Inspector: pass the table name as a non-empty string");
    const table = (await this.reflectTables(schema)).get(name);
    if (!table) throw new NoSuchTableError(name, schema ?? null);
    return table;
  }

  async #multi<T>(
    schema: string | null | undefined,
    opts: MultiReflectOptions,
    pick: (t: ReflectedTable) => T,
  ): Promise<Map<string, T>> {
    const all = await this.reflectTables(schema);
    const out = new Map<string, T>();
    const names = opts.filterNames ?? [...all.keys()];
    for (const name of names) {
      const t = all.get(name);
      if (t) out.set(name, pick(t));
    }
    return out;
  }

  async getColumns(table: string, schema?: string | null): Promise<ReflectedColumn[]> {
    return [...(await this.#table(table, schema)).columns];
  }

  /** The primary key: `{ name, columns }` (columns empty when the table has none). */
  async getPkConstraint(table: string, schema?: string | null): Promise<ReflectedPrimaryKey> {
    return (await this.#table(table, schema)).primaryKey;
  }

  async getForeignKeys(table: string, schema?: string | null): Promise<ReflectedForeignKey[]> {
    return [...(await this.#table(table, schema)).foreignKeys];
  }

  /** Indexes, including those a constraint implies on MySQL (marked `duplicatesConstraint`). */
  async getIndexes(table: string, schema?: string | null): Promise<ReflectedIndex[]> {
    return [...(await this.#table(table, schema)).indexes];
  }

  async getUniqueConstraints(table: string, schema?: string | null): Promise<ReflectedUnique[]> {
    return [...(await this.#table(table, schema)).uniqueConstraints];
  }

  async getCheckConstraints(table: string, schema?: string | null): Promise<ReflectedCheck[]> {
    return [...(await this.#table(table, schema)).checkConstraints];
  }

  /** The table's comment as `{ text }` (text null when there is none), as SQLAlchemy returns it. */
  async getTableComment(table: string, schema?: string | null): Promise<{ text: string | null }> {
    return { text: (await this.#table(table, schema)).comment };
  }

  getMultiColumns(schema?: string | null, opts: MultiReflectOptions = {}) {
    return this.#multi(schema, opts, (t) => [...t.columns]);
  }

  getMultiPkConstraint(schema?: string | null, opts: MultiReflectOptions = {}) {
    return this.#multi(schema, opts, (t) => t.primaryKey);
  }

  getMultiForeignKeys(schema?: string | null, opts: MultiReflectOptions = {}) {
    return this.#multi(schema, opts, (t) => [...t.foreignKeys]);
  }

  getMultiIndexes(schema?: string | null, opts: MultiReflectOptions = {}) {
    return this.#multi(schema, opts, (t) => [...t.indexes]);
  }

  getMultiUniqueConstraints(schema?: string | null, opts: MultiReflectOptions = {}) {
    return this.#multi(schema, opts, (t) => [...t.uniqueConstraints]);
  }

  getMultiCheckConstraints(schema?: string | null, opts: MultiReflectOptions = {}) {
    return this.#multi(schema, opts, (t) => [...t.checkConstraints]);
  }

  getMultiTableComment(schema?: string | null, opts: MultiReflectOptions = {}) {
    return this.#multi(schema, opts, (t) => ({ text: t.comment }));
  }
}

/**
 * An Inspector for an engine or a connection: `const insp = inspect(engine)`. On a connection
 * the catalog is read inside its current transaction (so it sees uncommitted DDL).
 */
export function inspect(bind: Engine | Connection): Inspector {
  if (!(bind instanceof Engine) && !(bind instanceof Connection))
    throw new ArgumentError("inspect() takes an Engine or a Connection");
  return new Inspector(bind);
}
