import { CircularDependencyError } from "../errors.js";
import { EnumType } from "../sql/types/enum.js";
import { DEFAULT_NAMING_CONVENTION, type NamingConvention } from "./naming.js";
import { type CreateDropOptions, type DdlBindable, kDdlRunner, type ReflectOptions } from "./protocols.js";
import { duplicateTableError, type Table, type TableOptions } from "./table.js";

/** How attribute keys become column names. */
export type ColumnNaming = "preserve" | "snake_case" | ((key: string) => string);

/** Options of `new MetaData(options)`: default schema, naming convention, column naming. */
export interface MetaDataOptions {
  /** The default schema of tables (PostgreSQL / MySQL database). */
  schema?: string;
  namingConvention?: NamingConvention;
  columnNaming?: ColumnNaming;
}

/** snakeCase's results: models repeat their keys (id, createdAt, ...), and each took two regex replaces. */
const snakeNames = new Map<string, string>();

/** camelCase -> snake_case, keeping acronyms together: `createdAt` -> `created_at`, `userID` -> `user_id`. */
export function snakeCase(key: string): string {
  let name = snakeNames.get(key);
  if (name === undefined) {
    name = key
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
      .toLowerCase();
    snakeNames.set(key, name);
  }
  return name;
}

/**
 * A collection of tables: what createAll() creates and autogenerate compares against the database.
 */
export class MetaData {
  readonly schema: string | null;
  readonly namingConvention: NamingConvention;
  readonly columnNaming: ColumnNaming;
  /** Tables by full name (`schema.name` or `name`). */
  readonly tables = new Map<string, Table<any, any>>();

  constructor(opts: MetaDataOptions = {}) {
    this.schema = opts.schema ?? null;
    this.namingConvention = { ...DEFAULT_NAMING_CONVENTION, ...(opts.namingConvention ?? {}) };
    this.columnNaming = opts.columnNaming ?? "preserve";
  }

  /** The SQL name of a column declared under `key`. */
  columnName(key: string): string {
    const naming = this.columnNaming;
    if (naming === "preserve") return key;
    if (naming === "snake_case") return snakeCase(key);
    return naming(key);
  }

  /** Registers a table (called by the Table constructor). */
  addTable(table: Table<any, any>, options: TableOptions): void {
    const existing = this.tables.get(table.fullname);
    if (existing && !options.extendExisting) {
      if (options.keepExisting) return;
      throw duplicateTableError(table.fullname);
    }
    this.tables.set(table.fullname, table);
  }

  /** Removes a table from this MetaData (not from the database). */
  remove(table: Table<any, any>): void {
    this.tables.delete(table.fullname);
  }

  /** The table named `name` (optionally schema-qualified). */
  table(name: string): Table<any, any> | undefined {
    return this.tables.get(name) ?? (this.schema ? this.tables.get(`${this.schema}.${name}`) : undefined);
  }

  /** Tables ordered so that each comes after the tables it references (cycles broken, see below). */
  get sortedTables(): Table<any, any>[] {
    return sortTables([...this.tables.values()]).tables;
  }

  /** Every enum type used by the tables, by name (PostgreSQL creates these before the tables). */
  get enums(): EnumType[] {
    const byName = new Map<string, EnumType>();
    const visit = (type: import("../sql/type-engine.js").TypeEngine<any, any>) => {
      if (type instanceof EnumType && type.nativeEnum) byName.set(type.name!, type);
      for (const inner of type.nestedTypes()) visit(inner);
    };
    for (const t of this.tables.values()) for (const c of t.columns) visit(c.type);

    return [...byName.values()];
  }

  clear(): void {
    this.tables.clear();
  }

  /** Creates the tables (and enum types, indexes) in dependency order; existing ones are skipped. */
  createAll(bind: DdlBindable, opts: CreateDropOptions = {}): Promise<void> {
    return bind[kDdlRunner].createAll(this, opts);
  }

  /** Drops the tables in reverse dependency order (and PostgreSQL enum types they used). */
  dropAll(bind: DdlBindable, opts: CreateDropOptions = {}): Promise<void> {
    return bind[kDdlRunner].dropAll(this, opts);
  }

  /**
   * Loads Table objects from the database: every table of the schema (`opts.schema`, else this
   * MetaData's), or `only` those, plus the tables their foreign keys reference. Tables already
   * here are kept unless `extendExisting`. `await metadata.reflect(engine, { only: ["kits"] })`.
   */
  reflect(bind: DdlBindable, opts: ReflectOptions = {}): Promise<void> {
    return bind[kDdlRunner].reflect(this, opts);
  }
}

/**
 * Orders tables by foreign-key dependency. Foreign keys marked `useAlter`, and those that close
 * a cycle, are returned separately: they must be added with ALTER TABLE after the tables exist.
 */
export function sortTables(tables: readonly Table<any, any>[]): {
  tables: Table<any, any>[];
  deferredForeignKeys: import("./constraints.js").ForeignKeyConstraintDef[];
} {
  const deferred = new Set<import("./constraints.js").ForeignKeyConstraintDef>();
  const set = new Set(tables);
  const deps = (t: Table<any, any>) =>
    t.foreignKeyConstraints
      .filter((fk) => !fk.options.useAlter && !deferred.has(fk))
      .map((fk) => fk.referredTable)
      .filter((r): r is Table<any, any> => r !== null && r !== t && set.has(r));

  for (;;) {
    const order: Table<any, any>[] = [];
    const state = new Map<Table<any, any>, 1 | 2>();
    let cycle: Table<any, any>[] | null = null;
    const visit = (t: Table<any, any>, path: Table<any, any>[]) => {
      if (cycle) return;
      const s = state.get(t);
      if (s === 2) return;
      if (s === 1) {
        cycle = path.slice(path.indexOf(t));
        return;
      }
      state.set(t, 1);
      for (const d of deps(t)) visit(d, [...path, t]);
      state.set(t, 2);
      order.push(t);
    };
    const byName = [...tables].sort((a, b) => a.fullname.localeCompare(b.fullname));
    for (const t of byName) visit(t, []);
    if (!cycle)
      return {
        tables: order,
        deferredForeignKeys: [
          ...deferred,
          ...tables.flatMap((t) => t.foreignKeyConstraints.filter((fk) => fk.options.useAlter)),
        ],
      };
    const found: Table<any, any>[] = cycle;
    // Break the cycle at the foreign key from its last table back to its first.
    const from = found[found.length - 1]!;
    const to = found[0]!;
    const fk = from.foreignKeyConstraints.find((f) => f.referredTable === to && !deferred.has(f));
    if (!fk) {
      throw new CircularDependencyError(
        `Tables ${found.map((t) => t.name).join(" -> ")} depend on each other in a cycle that cannot be broken`,
        found.map((t) => t.name),
      );
    }
    deferred.add(fk);
  }
}
