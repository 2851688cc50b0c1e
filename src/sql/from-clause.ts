import { AmbiguousForeignKeysError, ArgumentError, NoForeignKeysError } from "../errors.js";
import { type Delete, delete_, type Insert, insert, type Update, update } from "./dml.js";
import { and_, ColumnElement } from "./elements.js";
import type { CacheKeyBuilder } from "./node.js";
import { Node } from "./node.js";
import { NULLTYPE, type TypeEngine } from "./type-engine.js";
import { type TypeArg, toType } from "./types/index.js";

/** A client-side column default: a value, a function called per row, or a SQL expression. */
export type ColumnDefault =
  | { readonly kind: "scalar"; readonly value: unknown }
  | { readonly kind: "callable"; readonly fn: () => unknown }
  | { readonly kind: "sql"; readonly expr: ColumnElement<any, any> };

let tableIds = 0;

/** A column of some FROM: a table column, or the column an alias or subquery exposes. */
export class ColumnClause<T = unknown, In = T, N extends string = string> extends ColumnElement<T, In> {
  declare readonly __name: N;
  readonly kind: string = "column";
  /** The column's name in SQL. */
  readonly name: string;
  /** The attribute / result-row key (differs from name when a camelCase key maps to snake_case). */
  readonly key: N;
  readonly type: TypeEngine<any, any>;
  /** The FROM this column belongs to (null for a free-standing `column("x")`). */
  readonly table: FromClause | null;
  /** The column this one re-exports (for alias and subquery columns). */
  readonly proxies: ColumnClause<any, any> | null;
  /** True for `literalColumn("x")`: the name is SQL, not an identifier. */
  readonly isLiteral: boolean;

  constructor(
    name: string,
    type: TypeEngine<any, any>,
    opts: {
      key?: N;
      table?: FromClause | null;
      proxies?: ColumnClause<any, any> | null;
      isLiteral?: boolean;
    } = {},
  ) {
    super();
    this.name = name;
    this.key = (opts.key ?? name) as N;
    this.type = type;
    this.table = opts.table ?? null;
    this.proxies = opts.proxies ?? null;
    this.isLiteral = opts.isLiteral ?? false;
  }

  override get resultKey(): string {
    return this.key;
  }

  /** The value INSERT uses when the statement does not set this column (schema Columns have one). */
  get insertDefault(): ColumnDefault | null {
    return null;
  }

  /** The value UPDATE sets when the statement does not set this column (`onUpdate`). */
  get updateDefault(): ColumnDefault | null {
    return null;
  }

  /** The column this one ultimately stands for (through aliases and subqueries). */
  get base(): ColumnClause<any, any> {
    let c: ColumnClause<any, any> = this;
    while (c.proxies) c = c.proxies;
    return c;
  }

  /** Whether this column is `other` or re-exports it. */
  sharesLineage(other: ColumnClause<any, any>): boolean {
    return this.base === other.base;
  }

  #token: string | undefined;

  walk(key: CacheKeyBuilder): void {
    if (this.table) {
      // Columns outlive the statements naming them: their token is made once.
      key.push((this.#token ??= `col:${this.name}@`));
      key.fromRef(this.table);
    } else key.push(`col:${this.isLiteral ? "lit:" : ""}${this.name}:${this.type.typeKey}`);
  }

  /** A copy of this column bound to another FROM (an alias or subquery). */
  proxyFor(table: FromClause, name = this.name, key: string = this.key): ColumnClause<T, In, N> {
    return new ColumnClause(name, this.type, { key: key as N, table, proxies: this });
  }
}

/** `column("name", Type)`: a column not attached to a table, as used with `table()` in migrations. */
export function column<T = unknown, In = T, const N extends string = string>(
  name: N,
  type?: TypeArg<T, In>,
): ColumnClause<T, In, N> {
  return new ColumnClause<T, In, N>(name, type ? toType(type) : NULLTYPE);
}

/** `literalColumn("x")`: a column whose name is written as SQL (no quoting). */
export function literalColumn<T = unknown>(text: string, type?: TypeArg<T>): ColumnClause<T> {
  return new ColumnClause<T>(text, type ? toType(type) : NULLTYPE, { isLiteral: true });
}

/** A foreign key as joins see it: a column of this FROM that references a column elsewhere. */
export interface ForeignKeyRef {
  readonly parent: ColumnClause<any, any>;
  /** The referenced column, or null while the referenced table is not known yet. */
  referencedColumn(): ColumnClause<any, any> | null;
  /** Columns of the same constraint travel together (composite keys). */
  readonly constraintId: object;
}

export type ColumnMapOf<F> = F extends FromClause<infer C> ? C : never;

/** Anything that can appear in FROM: tables, aliases, subqueries, CTEs, joins. */
export abstract class FromClause<
  C extends Record<string, ColumnClause<any, any>> = Record<string, ColumnClause<any, any>>,
> extends Node {
  /** Columns by key. */
  abstract readonly c: C;

  /** Columns in order. */
  get columns(): readonly ColumnClause<any, any>[] {
    return Object.values(this.c);
  }

  /** Foreign keys of this FROM's columns (tables and their aliases). */
  get foreignKeys(): readonly ForeignKeyRef[] {
    return [];
  }

  /** The tables this FROM is built from (itself for a table; both sides for a join). */
  get baseFroms(): readonly FromClause[] {
    return [this];
  }

  /** This FROM's column that stands for `col` (same column, or a proxy of it), if any. */
  correspondingColumn(col: ColumnClause<any, any>): ColumnClause<any, any> | null {
    const base = col.base;
    for (const own of this.columns) if (own.base === base) return own;
    return null;
  }

  /** Whether this FROM is, or is an alias of, `other`. */
  isDerivedFrom(other: FromClause): boolean {
    return other === this;
  }

  /** `JOIN`; the ON clause is inferred from foreign keys when not given. */
  join(
    right: FromClause,
    onclause?: ColumnElement<any, any>,
    opts?: { isouter?: boolean; full?: boolean },
  ): Join {
    return new Join(
      this,
      right,
      onclause ?? joinCondition(this, right),
      opts?.isouter ?? false,
      opts?.full ?? false,
    );
  }

  /** `LEFT OUTER JOIN`. */
  outerjoin(right: FromClause, onclause?: ColumnElement<any, any>, opts?: { full?: boolean }): Join {
    return this.join(right, onclause, { isouter: true, full: opts?.full });
  }

  /** An aliased copy (`users AS u`); without a name the compiler assigns one. */
  alias(name?: string): Alias<C> {
    return new Alias(this, name ?? null) as Alias<C>;
  }
}

/** A named table, without the schema objects (constraints, types) of a full `Table`. */
export class TableClause<
  C extends Record<string, ColumnClause<any, any>> = Record<string, ColumnClause<any, any>>,
> extends FromClause<C> {
  readonly kind: string = "table";
  readonly name: string;
  readonly schema: string | null;
  readonly c: C;
  /** Identity in cache keys: two table objects of the same name may differ in columns and defaults. */
  readonly tableId = ++tableIds;

  constructor(name: string, columns: readonly ColumnClause<any, any>[], schema: string | null = null) {
    super();
    this.name = name;
    this.schema = schema;
    const c: Record<string, ColumnClause<any, any>> = {};
    for (const col of columns) {
      c[col.key] =
        col.table === this ? col : new ColumnClause(col.name, col.type, { key: col.key, table: this });
    }
    this.c = c as C;
  }

  /** `schema.name`, or `name`. */
  get fullname(): string {
    return this.schema ? `${this.schema}.${this.name}` : this.name;
  }

  /** `INSERT INTO` this table. */
  insert(): Insert<TableClause<C>> {
    return insert(this);
  }
  /** `UPDATE` this table. */
  update(): Update<TableClause<C>> {
    return update(this);
  }
  /** `DELETE FROM` this table. */
  delete(): Delete<TableClause<C>> {
    return delete_(this);
  }

  #token: string | undefined;

  walk(key: CacheKeyBuilder): void {
    key.push((this.#token ??= `table:${this.fullname}#${this.tableId}`));
  }
}

/** The pseudo-table of the row proposed for insertion: `excluded.x` (PG, SQLite), `VALUES(x)` (MySQL). */
export class ExcludedTable<C extends Record<string, ColumnClause<any, any>>> extends FromClause<C> {
  readonly kind = "excluded";
  readonly c: C;
  readonly table: TableClause<C>;
  constructor(table: TableClause<C>) {
    super();
    this.table = table;
    const c: Record<string, ColumnClause<any, any>> = {};
    for (const col of table.columns) c[col.key] = col.proxyFor(this);
    this.c = c as C;
  }
  walk(key: CacheKeyBuilder): void {
    key.push(`excluded:${this.table.name}`);
  }
}

type ColumnsToMap<Cols extends readonly ColumnClause<any, any, string>[]> = {
  [Col in Cols[number] as Col["key"]]: Col;
};

/**
 * `table("users", column("id", Integer), column("name", String()))`: an ad-hoc table for data
 * migrations and Core statements, as Alembic's `sa.table`.
 */
export function table<const Cols extends readonly ColumnClause<any, any, string>[]>(
  name: string,
  ...columns: Cols
): TableClause<ColumnsToMap<Cols>> {
  return new TableClause(name, columns) as TableClause<ColumnsToMap<Cols>>;
}

/** `element AS name` for a table or another FROM. */
export class Alias<
  C extends Record<string, ColumnClause<any, any>> = Record<string, ColumnClause<any, any>>,
> extends FromClause<C> {
  readonly kind: string = "alias";
  readonly element: FromClause;
  /** null: the compiler assigns `<table>_1`-style names. */
  readonly name: string | null;
  readonly c: C;

  constructor(element: FromClause, name: string | null) {
    super();
    this.element = element;
    this.name = name;
    const c: Record<string, ColumnClause<any, any>> = {};
    for (const col of element.columns) c[col.key] = col.proxyFor(this);
    this.c = c as C;
  }

  override get foreignKeys(): readonly ForeignKeyRef[] {
    return this.element.foreignKeys.map((fk) => ({
      parent: this.correspondingColumn(fk.parent) ?? fk.parent,
      referencedColumn: () => fk.referencedColumn(),
      constraintId: fk.constraintId,
    }));
  }

  override isDerivedFrom(other: FromClause): boolean {
    return other === this || this.element.isDerivedFrom(other);
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`alias:${this.name ?? ""}(`);
    key.fromRef(this.element);
    key.push(")");
  }

  /** A name suggestion for anonymous aliases. */
  get baseName(): string {
    const el = this.element;
    return el instanceof TableClause ? el.name : el instanceof Alias ? el.baseName : "anon";
  }
}

/** `left [LEFT OUTER | FULL OUTER] JOIN right ON onclause`. */
export class Join extends FromClause {
  readonly kind = "join";
  readonly left: FromClause;
  readonly right: FromClause;
  readonly onclause: ColumnElement<any, any>;
  readonly isOuter: boolean;
  readonly full: boolean;

  constructor(
    left: FromClause,
    right: FromClause,
    onclause: ColumnElement<any, any>,
    isOuter: boolean,
    full: boolean,
  ) {
    super();
    this.left = left;
    this.right = right;
    this.onclause = onclause;
    this.isOuter = isOuter;
    this.full = full;
  }

  get c(): Record<string, ColumnClause<any, any>> {
    const c: Record<string, ColumnClause<any, any>> = {};
    for (const from of this.baseFroms) {
      for (const col of from.columns) {
        const prefix =
          from instanceof TableClause
            ? from.name
            : from instanceof Alias
              ? (from.name ?? from.baseName)
              : "anon";
        c[`${prefix}_${col.key}`] = col;
      }
    }
    return c;
  }

  override get columns(): readonly ColumnClause<any, any>[] {
    return this.baseFroms.flatMap((f) => f.columns);
  }

  override get foreignKeys(): readonly ForeignKeyRef[] {
    return [...this.left.foreignKeys, ...this.right.foreignKeys];
  }

  override get baseFroms(): readonly FromClause[] {
    return [...this.left.baseFroms, ...this.right.baseFroms];
  }

  override correspondingColumn(col: ColumnClause<any, any>): ColumnClause<any, any> | null {
    return this.left.correspondingColumn(col) ?? this.right.correspondingColumn(col);
  }

  override isDerivedFrom(other: FromClause): boolean {
    return other === this || this.left.isDerivedFrom(other) || this.right.isDerivedFrom(other);
  }

  walk(key: CacheKeyBuilder): void {
    key.push(`join${this.isOuter ? ":outer" : ""}${this.full ? ":full" : ""}(`);
    key.fromRef(this.left);
    key.fromRef(this.right);
    key.node(this.onclause);
    key.push(")");
  }
}

function describeFrom(f: FromClause): string {
  if (f instanceof TableClause) return `'${f.fullname}'`;
  if (f instanceof Alias) return `'${f.name ?? f.baseName}' (an alias of ${describeFrom(f.element)})`;
  if (f instanceof Join) return `the join of ${f.baseFroms.map(describeFrom).join(", ")}`;
  return "the subquery";
}

/** Foreign key conditions linking `left` and `right`, by constraint: `right`'s keys first, then `left`'s. */
function foreignKeyPaths(left: FromClause, right: FromClause): Map<object, ColumnElement<boolean>[]> {
  const found = new Map<object, ColumnElement<boolean>[]>();
  const scan = (from: FromClause, to: FromClause) => {
    for (const fk of from.foreignKeys) {
      const target = fk.referencedColumn();
      if (!target) continue;
      const mirror = to.correspondingColumn(target);
      if (!mirror) continue;
      const parts = found.get(fk.constraintId) ?? [];
      parts.push(fk.parent.eq(mirror) as ColumnElement<boolean>);
      found.set(fk.constraintId, parts);
    }
  };
  scan(right, left);
  if (found.size === 0) scan(left, right);
  return found;
}

function ambiguous(left: FromClause, right: FromClause, paths: number): AmbiguousForeignKeysError {
  return new AmbiguousForeignKeysError(
    `Can't determine the join between ${describeFrom(left)} and ${describeFrom(right)}: ` +
      `there are ${paths} foreign key paths linking them. Pass an explicit ON clause: .join(target, onclause).`,
  );
}

/**
 * The ON clause joining `left` to `right` along foreign keys in either direction. Exactly one
 * foreign key constraint must link them (several columns of one constraint make one condition).
 * When `left` is a join, its most recently joined side is tried first, as SQLAlchemy does, so
 * `select(User).join(Post).join(Comment)` joins comments to posts even if comments also
 * reference users.
 */
export function joinCondition(left: FromClause, right: FromClause): ColumnElement<boolean> {
  if (left instanceof Join) {
    const recent = foreignKeyPaths(left.right, right);
    if (recent.size > 1) throw ambiguous(left.right, right, recent.size);
    if (recent.size === 1) return and_(...[...recent.values()][0]!);
  }
  const found = foreignKeyPaths(left, right);
  if (found.size === 0) {
    throw new NoForeignKeysError(
      `Can't find any foreign key relationships between ${describeFrom(left)} and ${describeFrom(right)}; ` +
        `pass an explicit ON clause: .join(target, onclause).`,
    );
  }
  if (found.size > 1) throw ambiguous(left, right, found.size);
  return and_(...[...found.values()][0]!);
}

/** Wraps a non-FROM argument in a clear error. */
export function expectFrom(value: unknown, what: string): FromClause {
  if (value instanceof FromClause) return value;
  throw new ArgumentError(`${what} expects a table, alias, subquery or join; got ${String(value)}`);
}
