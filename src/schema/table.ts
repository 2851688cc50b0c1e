import { ArgumentError, InvalidRequestError } from "../errors.js";
import type { ColumnClause, ForeignKeyRef } from "../sql/from-clause.js";
import { TableClause } from "../sql/from-clause.js";
import type { BuilderInput, BuilderValue, Column, ColumnBuilder } from "./column.js";
import {
  CheckDef,
  type Constraint,
  ForeignKeyConstraintDef,
  IndexDef,
  PrimaryKeyDef,
  UniqueDef,
} from "./constraints.js";
import { ForeignKeyDef } from "./foreign-key.js";
import type { MetaData } from "./metadata.js";
import { conventionName, indexConventionName } from "./naming.js";

/** The columns object of a Table or model: attribute key -> `column(...)`. */
export type ColumnBuilders = Record<string, ColumnBuilder<any, any, boolean, boolean>>;

/** The Column objects a table built from these declarations has, by key. */
export type ColumnsOf<B extends ColumnBuilders> = {
  [K in keyof B & string]: Column<BuilderValue<B[K]>, BuilderInput<B[K]>, K>;
};

/** Options of `new Table(name, metadata, columns, options)`: schema, comment, extendExisting, ... */
export interface TableOptions {
  schema?: string;
  comment?: string;
  /** Replace an existing table of the same name in the MetaData instead of failing. */
  extendExisting?: boolean;
  /** Return quietly if the MetaData already has the table (the new definition is ignored). */
  keepExisting?: boolean;
  info?: Record<string, unknown>;
  /** Dialect-specific options, e.g. { mysqlEngine: "InnoDB", mysqlCharset: "utf8mb4" }. */
  dialectOptions?: Record<string, unknown>;
}

export type TableArg = Constraint | IndexDef | TableOptions;

/**
 * A table of a MetaData: `new Table("kits", metadata, { id: column(Integer).primaryKey(), ... })`.
 * Keys are attribute names; the column name in SQL follows the MetaData's column naming
 * (preserved by default, snake_case for declarative models) or `.name("...")`.
 */
export class Table<
  Name extends string = string,
  B extends ColumnBuilders = ColumnBuilders,
> extends TableClause<ColumnsOf<B>> {
  declare readonly name: Name;
  readonly metadata: MetaData;
  readonly constraints: Constraint[] = [];
  readonly indexes: IndexDef[] = [];
  readonly primaryKey: PrimaryKeyDef;
  readonly comment: string | null;
  readonly info: Readonly<Record<string, unknown>>;
  readonly dialectOptions: Readonly<Record<string, unknown>>;
  #byName: Map<string, Column<any, any>> | null = null;
  /** `Object.values(this.c)`, made once: `c` never changes after the constructor. */
  #columns: readonly Column<any, any>[] = [];

  constructor(name: Name, metadata: MetaData, columns: B, ...args: TableArg[]) {
    const options =
      (args.find((a) => !(a instanceof IndexDef) && !("kind" in a)) as TableOptions | undefined) ?? {};
    const schema = options.schema ?? metadata.schema;
    super(name, [], schema);
    this.metadata = metadata;
    this.comment = options.comment ?? null;
    this.info = options.info ?? {};
    this.dialectOptions = options.dialectOptions ?? {};

    const built: Record<string, Column<any, any>> = {};
    const names = new Set<string>();
    for (const [key, builder] of Object.entries(columns)) {
      const colName = builder.spec.name ?? metadata.columnName(key);
      if (names.has(colName))
        throw new ArgumentError(
          `Table '${name}' declares column '${colName}' twice (keys: ${Object.keys(columns).join(", ")})`,
        );
      names.add(colName);
      built[key] = builder.build(key, colName, this);
    }
    (this as { c: ColumnsOf<B> }).c = built as ColumnsOf<B>;
    const cols = Object.values(built);
    this.#columns = cols;

    const explicitPk = args.find((a): a is PrimaryKeyDef => a instanceof PrimaryKeyDef);
    const flagged = cols.filter((c) => c.primaryKey);
    if (explicitPk && flagged.length) {
      throw new ArgumentError(
        `Table '${name}': give the primary key either with .primaryKey() on columns or with PrimaryKeyConstraint(...), not both`,
      );
    }
    this.primaryKey = explicitPk ?? new PrimaryKeyDef(flagged, null);
    this.#addConstraint(this.primaryKey);
    if (explicitPk) for (const c of this.primaryKey.columns) (c as { primaryKey: boolean }).primaryKey = true;

    for (const col of cols) {
      for (const fk of col.foreignKeys) {
        const fkc = new ForeignKeyConstraintDef([col], [fk.target as string], fk.options);
        fkc.elements.push(fk);
        fk.constraint = fkc;
        this.#addConstraint(fkc);
      }
    }
    for (const a of args) {
      if (a instanceof ForeignKeyConstraintDef || a instanceof UniqueDef || a instanceof CheckDef)
        this.#addConstraint(a);
      else if (a instanceof IndexDef) this.#addIndex(a);
    }
    for (const col of cols) {
      if (col.indexFlag) {
        this.#addIndex(
          new IndexDef(typeof col.indexFlag === "string" ? col.indexFlag : null, [col], {
            unique: col.uniqueFlag !== false,
          }),
        );
      } else if (col.uniqueFlag) {
        this.#addConstraint(new UniqueDef([col], typeof col.uniqueFlag === "string" ? col.uniqueFlag : null));
      }
    }
    metadata.addTable(this, options);
  }

  #addConstraint(c: Constraint): void {
    c.attach(this);
    // A table-level foreign key gets its key elements (one per column) before it is named.
    if (c instanceof ForeignKeyConstraintDef && c.elements.length === 0) {
      c.columns.forEach((col, i) => {
        const fk = new ForeignKeyDef(c.targets[i]!, c.options).bind(col);
        fk.constraint = c;
        c.elements.push(fk);
        col.foreignKeys.push(fk);
      });
    }
    const named = conventionName(this.metadata.namingConvention, c, this);

    if (named) {
      c.name = named;
      c.conventionNamed = true;
    }
    this.constraints.push(c);
  }

  #addIndex(ix: IndexDef): void {
    ix.attach(this);
    const named = indexConventionName(this.metadata.namingConvention, ix, this);
    if (named) {
      ix.name = named;
      ix.conventionNamed = true;
    }
    this.indexes.push(ix);
  }

  /** Adds a constraint after construction (as `table.append_constraint`). */
  appendConstraint(c: Constraint | IndexDef): void {
    if (c instanceof IndexDef) this.#addIndex(c);
    else this.#addConstraint(c);
  }

  /** The column with this SQL name. */
  columnByName(name: string): Column<any, any> | undefined {
    this.#byName ??= new Map(this.columns.map((c) => [c.name, c as Column<any, any>]));
    return this.#byName.get(name);
  }

  override get columns(): readonly Column<any, any>[] {
    return this.#columns;
  }

  override get foreignKeys(): readonly ForeignKeyRef[] {
    return this.columns.flatMap((c) => c.foreignKeys);
  }

  get foreignKeyConstraints(): ForeignKeyConstraintDef[] {
    return this.constraints.filter((c): c is ForeignKeyConstraintDef => c instanceof ForeignKeyConstraintDef);
  }

  /** Tables this one references (excluding itself). */
  get referencedTables(): Table<any, any>[] {
    const out = new Set<Table<any, any>>();
    for (const fk of this.foreignKeyConstraints) {
      const t = fk.referredTable;
      if (t && t !== this) out.add(t);
    }
    return [...out];
  }

  override correspondingColumn(col: ColumnClause<any, any>): ColumnClause<any, any> | null {
    return col.table === this ? col : super.correspondingColumn(col);
  }

  /** Checks that every foreign key resolves; throws naming the first that does not. */
  resolveForeignKeys(): void {
    for (const fk of this.foreignKeys as ForeignKeyDef[]) fk.column();
  }

  override toString(): string {
    return this.fullname;
  }
}

/** Thrown when a table is declared twice in one MetaData without extendExisting / keepExisting. */
export function duplicateTableError(name: string): InvalidRequestError {
  return new InvalidRequestError(
    `Table '${name}' is already defined for this MetaData. Pass { extendExisting: true } to redefine it, ` +
      `{ keepExisting: true } to keep the first definition, or use another MetaData.`,
  );
}
