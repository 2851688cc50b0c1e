import { ArgumentError } from "../errors.js";
import { ColumnElement, type OrderingExpression } from "../sql/elements.js";
import { type TextClause, text } from "../sql/text.js";
import type { Column } from "./column.js";
import type { ForeignKey, ForeignKeyOptions } from "./foreign-key.js";
import type { Table } from "./table.js";

/** A column named by key (or SQL name), or the Column itself. */
export type ColumnRef = string | Column<any, any>;

/** Resolves a column reference against a table: by key first, then by SQL name. */
export function resolveColumn(table: Table<any, any>, ref: ColumnRef, what: string): Column<any, any> {
  if (typeof ref !== "string") return ref;
  const col = (table.c as Record<string, Column<any, any>>)[ref] ?? table.columnByName(ref);
  if (!col) {
    throw new ArgumentError(
      `${what} on table '${table.name}' names column '${ref}', which the table does not have. Columns: ${Object.keys(table.c).join(", ")}.`,
    );
  }
  return col;
}

/** Common to every constraint: an optional name and the table it belongs to. */
export abstract class Constraint {
  abstract readonly kind: "primary_key" | "foreign_key" | "unique" | "check";
  /** The name given, or the one the naming convention produced (null: the database names it). */
  name: string | null;
  /** Whether `name` came from the naming convention rather than the user. */
  conventionNamed = false;
  #table: Table<any, any> | null = null;

  constructor(name: string | null) {
    this.name = name;
  }

  get table(): Table<any, any> {
    if (!this.#table) throw new ArgumentError(`This ${this.kind} constraint is not attached to a table`);
    return this.#table;
  }

  /** Attaches to a table, resolving column references. Called by Table. */
  attach(table: Table<any, any>): void {
    this.#table = table;
  }
}

/** Columns-based constraints (primary key, unique, foreign key). */
abstract class ColumnsConstraint extends Constraint {
  readonly #refs: readonly ColumnRef[];
  #columns: Column<any, any>[] = [];

  constructor(refs: readonly ColumnRef[], name: string | null) {
    super(name);
    this.#refs = refs;
  }

  get columns(): readonly Column<any, any>[] {
    return this.#columns;
  }

  override attach(table: Table<any, any>): void {
    super.attach(table);
    this.#columns = this.#refs.map((r) => resolveColumn(table, r, `${this.kind} constraint`));
  }
}

/** A table's PRIMARY KEY constraint (composite keys: `PrimaryKeyConstraint("a", "b")`). */
export class PrimaryKeyDef extends ColumnsConstraint {
  readonly kind = "primary_key";
}

/** `PrimaryKeyDef("a", "b", { name })`: a composite primary key. */
export function PrimaryKeyConstraint(...args: (ColumnRef | { name?: string })[]): PrimaryKeyDef {
  const { refs, opts } = splitArgs(args);
  return new PrimaryKeyDef(refs, opts.name ?? null);
}

/** A UNIQUE constraint over one or more columns (`UniqueConstraint("kitId", "userId")`). */
export class UniqueDef extends ColumnsConstraint {
  readonly kind = "unique";
}

/** `UniqueDef("code", "kitId", { name })`. */
export function UniqueConstraint(...args: (ColumnRef | { name?: string })[]): UniqueDef {
  const { refs, opts } = splitArgs(args);
  if (!refs.length) throw new ArgumentError("UniqueConstraint() needs at least one column");
  return new UniqueDef(refs, opts.name ?? null);
}

export class CheckDef extends Constraint {
  readonly kind = "check";
  readonly sqltext: TextClause | ColumnElement<any, any>;
  constructor(sqltext: string | ColumnElement<any, any>, name: string | null) {
    super(name);
    this.sqltext = typeof sqltext === "string" ? text(sqltext) : sqltext;
  }
}

/** `CheckDef("price > 0", { name })` or with an expression. */
export function CheckConstraint(
  sqltext: string | ColumnElement<any, any>,
  opts: { name?: string } = {},
): CheckDef {
  return new CheckDef(sqltext, opts.name ?? null);
}

/** A (composite) foreign key of a table, as `ForeignKeyConstraint([...], [...])` declares it. */
export class ForeignKeyConstraintDef extends ColumnsConstraint {
  readonly kind = "foreign_key";
  readonly elements: ForeignKey[] = [];
  readonly options: ForeignKeyOptions;
  readonly #targets: readonly string[];

  constructor(refs: readonly ColumnRef[], targets: readonly string[], options: ForeignKeyOptions) {
    super(refs, options.name ?? null);
    if (refs.length !== targets.length) {
      throw new ArgumentError(
        `ForeignKeyConstraint: ${refs.length} local column(s) but ${targets.length} referenced column(s); give one "table.column" per local column`,
      );
    }
    this.#targets = targets;
    this.options = options;
  }

  /** The "table.column" targets, for constraints declared at table level. */
  get targets(): readonly string[] {
    return this.#targets;
  }

  get referredTable(): Table<any, any> | null {
    return (this.elements[0]?.referencedColumn()?.table as Table<any, any> | undefined) ?? null;
  }

  get referredTableName(): string {
    return this.elements[0]!.targetFullname;
  }
}

/** `ForeignKeyConstraintDef(["a", "b"], ["other.x", "other.y"], { ondelete })`: a composite foreign key. */
export function ForeignKeyConstraint(
  columns: readonly ColumnRef[],
  targets: readonly string[],
  options: ForeignKeyOptions = {},
): ForeignKeyConstraintDef {
  return new ForeignKeyConstraintDef(columns, targets, options);
}

/** Options of `Index(name, ...columns, options)`: unique, partial (`where`), method (`using`), ... */
export interface IndexOptions {
  unique?: boolean;
  /** PostgreSQL / SQLite partial index: `WHERE ...`. */
  where?: ColumnElement<any, any> | string;
  /** PostgreSQL index method: btree, gin, gist, ... */
  using?: string;
  /** MySQL prefix lengths per column. */
  mysqlLength?: Record<string, number>;
}

/** `Index("ix_kit_created", "kitId", "createdAt")`; expressions make expression indexes. */
export class IndexDef {
  name: string | null;
  conventionNamed = false;
  readonly unique: boolean;
  readonly where: ColumnElement<any, any> | null;
  readonly using: string | null;
  readonly mysqlLength: Readonly<Record<string, number>>;
  readonly #refs: readonly (ColumnRef | ColumnElement<any, any> | OrderingExpression)[];
  #expressions: (Column<any, any> | ColumnElement<any, any>)[] = [];
  #table: Table<any, any> | null = null;

  constructor(
    name: string | null,
    refs: readonly (ColumnRef | ColumnElement<any, any> | OrderingExpression)[],
    opts: IndexOptions = {},
  ) {
    this.name = name;
    this.#refs = refs;
    this.unique = opts.unique ?? false;
    this.where = typeof opts.where === "string" ? text(opts.where) : (opts.where ?? null);
    this.using = opts.using ?? null;
    this.mysqlLength = opts.mysqlLength ?? {};
  }

  get table(): Table<any, any> {
    if (!this.#table) throw new ArgumentError(`Index ${this.name ?? ""} is not attached to a table`);
    return this.#table;
  }

  /** Columns and expressions, in order. */
  get expressions(): readonly (Column<any, any> | ColumnElement<any, any>)[] {
    return this.#expressions;
  }

  /** Only the plain columns (expression indexes have fewer). */
  get columns(): readonly Column<any, any>[] {
    return this.#expressions.filter(
      (e): e is Column<any, any> => e.kind === "column" && (e as Column<any, any>).table === this.#table,
    );
  }

  attach(table: Table<any, any>): void {
    this.#table = table;
    this.#expressions = this.#refs.map((r) =>
      typeof r === "string" || !(r instanceof ColumnElement || isOrdering(r))
        ? resolveColumn(table, r as ColumnRef, "Index")
        : (r as ColumnElement<any, any>),
    );
  }
}

/** `t.c.createdAt.desc()`: a key part with its sort order (an OrderingExpression). */
function isOrdering(x: unknown): boolean {
  return typeof x === "object" && x !== null && (x as { kind?: unknown }).kind === "ordering";
}

/** `Index(name, ...columns, { unique, where, using })`; a column may carry its order (`.desc()`). */
export function Index(
  name: string | null,
  ...args: (ColumnRef | ColumnElement<any, any> | OrderingExpression | IndexOptions)[]
): IndexDef {
  const last = args.at(-1);
  const hasOpts =
    last !== undefined &&
    typeof last === "object" &&
    !(last instanceof ColumnElement) &&
    !isOrdering(last) &&
    !("table" in (last as object));
  const opts = hasOpts ? (last as IndexOptions) : {};
  const refs = (hasOpts ? args.slice(0, -1) : args) as (
    | ColumnRef
    | ColumnElement<any, any>
    | OrderingExpression
  )[];
  if (!refs.length) throw new ArgumentError("Index() needs at least one column or expression");
  return new IndexDef(name, refs, opts);
}

function splitArgs<O extends object>(args: readonly (ColumnRef | O)[]): { refs: ColumnRef[]; opts: O } {
  const last = args.at(-1);
  if (last !== undefined && typeof last === "object" && !(last instanceof ColumnElement)) {
    return { refs: args.slice(0, -1) as ColumnRef[], opts: last as O };
  }
  return { refs: args as ColumnRef[], opts: {} as O };
}

export type PrimaryKeyConstraint = PrimaryKeyDef;
export type UniqueConstraint = UniqueDef;
export type CheckConstraint = CheckDef;
export type ForeignKeyConstraint = ForeignKeyConstraintDef;
export type Index = IndexDef;
