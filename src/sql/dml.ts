import { ArgumentError } from "../errors.js";
import { BindParameter, ColumnElement, type Condition } from "./elements.js";
import { type ColumnClause, ExcludedTable, FromClause, TableClause } from "./from-clause.js";
import type { CacheKeyBuilder } from "./node.js";
import { Node } from "./node.js";
import type { kItems } from "./protocols.js";
import { isEntityLike, kEntity } from "./protocols.js";
import type { Select } from "./select.js";
import type { EntityItem, SelectItem } from "./typing.js";

/** What insert() / update() / delete() act on: a table, or a mapped class (its table). */
export type DmlTarget = TableClause<any> | EntityItem;

type ColumnsOf<T> = T extends TableClause<infer C> ? C : never;

/** Values for a row of `T`: by column key, each a value or a SQL expression. */
export type ValuesOf<T> =
  T extends TableClause<infer C>
    ? {
        [K in keyof C]?:
          | (C[K] extends ColumnElement<infer V, infer In> ? In | V : never)
          | ColumnElement<any, any>;
      }
    : T extends abstract new (
          ...args: any
        ) => infer R
      ? { [K in keyof R]?: R[K] | ColumnElement<any, any> }
      : Record<string, unknown>;

/** Resolves a DML target to its table. */
export function dmlTable(target: DmlTarget): TableClause<any> {
  if (target instanceof TableClause) return target;
  if (isEntityLike(target)) {
    const from = target[kEntity].from;
    if (from instanceof TableClause) return from;
  }
  throw new ArgumentError(
    `insert() / update() / delete() take a table or a mapped class; got ${String(target)}`,
  );
}

/** Maps a values record to (column, expression) pairs, checking every key names a column. */
export function valuePairs(
  table: TableClause<any>,
  values: Record<string, unknown>,
  what: string,
): [ColumnClause<any, any>, ColumnElement<any, any>][] {
  const pairs: [ColumnClause<any, any>, ColumnElement<any, any>][] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const col = table.c[key] as ColumnClause<any, any> | undefined;
    if (!col) {
      throw new ArgumentError(
        `${what}: table '${table.name}' has no column with key '${key}'. Its columns: ${Object.keys(table.c).join(", ")}.`,
      );
    }
    pairs.push([col, value instanceof ColumnElement ? value : new BindParameter(value, col.type)]);
  }
  return pairs;
}

export interface OnConflict {
  readonly action: "nothing" | "update";
  /** Conflict target columns, or a constraint name (PostgreSQL `ON CONSTRAINT`). */
  readonly target: readonly ColumnElement<any, any>[] | string | null;
  /** WHERE of a partial unique index the conflict target names. */
  readonly indexWhere: ColumnElement<any, any> | null;
  readonly set: readonly [ColumnClause<any, any>, ColumnElement<any, any>][];
  readonly where: ColumnElement<any, any> | null;
}

interface InsertState {
  readonly table: TableClause<any>;
  readonly target: DmlTarget;
  readonly rows: readonly (readonly [ColumnClause<any, any>, ColumnElement<any, any>][])[] | null;
  readonly fromSelect: {
    readonly columns: readonly ColumnClause<any, any>[];
    readonly select: Select<any>;
  } | null;
  readonly returning: readonly SelectItem[];
  readonly onConflict: OnConflict | null;
  readonly onDuplicate: readonly [ColumnClause<any, any>, ColumnElement<any, any>][] | null;
}

/** `INSERT`. One row, many rows (`values([...])`), or `fromSelect`; with `execute(stmt, rows)` an executemany. */
export class Insert<T extends DmlTarget = DmlTarget, R extends readonly SelectItem[] = []> extends Node {
  declare readonly [kItems]: R;
  readonly kind = "insert";
  readonly state: InsertState;

  constructor(state: InsertState) {
    super();
    this.state = state;
  }

  #with(patch: Partial<InsertState>): Insert<T, R> {
    return new Insert<T, R>({ ...this.state, ...patch });
  }

  get table(): TableClause<any> {
    return this.state.table;
  }

  /** One row (an object) or several (an array of objects: a multi-row VALUES). */
  values(values: ValuesOf<T> | readonly ValuesOf<T>[]): Insert<T, R> {
    const list = Array.isArray(values) ? values : [values];
    if (list.length === 0) throw new ArgumentError("insert().values([]) needs at least one row");
    const rows = list.map((v) =>
      valuePairs(this.state.table, v as Record<string, unknown>, "insert().values()"),
    );
    if (rows.length > 1) {
      const keys = rows[0]!.map(([c]) => c.key).join(",");
      for (const r of rows) {
        if (r.map(([c]) => c.key).join(",") !== keys) {
          throw new ArgumentError(
            "insert().values([...]): every row of a multi-row INSERT must name the same columns in the same order",
          );
        }
      }
    }
    return this.#with({ rows: [...(this.state.rows ?? []), ...rows] });
  }

  /** `INSERT INTO t (cols) SELECT ...`. */
  fromSelect(columns: readonly (ColumnClause<any, any> | string)[], stmt: Select<any>): Insert<T, R> {
    const cols = columns.map((c) =>
      typeof c === "string" ? (this.state.table.c[c] as ColumnClause<any, any>) : c,
    );
    return this.#with({ fromSelect: { columns: cols, select: stmt } });
  }

  /** `RETURNING ...` (PostgreSQL, SQLite, MariaDB). */
  returning<const N extends readonly SelectItem[]>(...items: N): Insert<T, N> {
    return new Insert<T, N>({ ...this.state, returning: items });
  }

  /** The proposed row, for conflict updates: `excluded.col` (PG, SQLite) or `VALUES(col)` (MySQL). */
  get excluded(): ColumnsOf<TableClause<any>> & ExcludedTable<any>["c"] {
    return new ExcludedTable(this.state.table).c;
  }
  /** Same as `excluded`, named as MySQL users know it. */
  get inserted(): ExcludedTable<any>["c"] {
    return this.excluded;
  }

  /** `ON CONFLICT [target] DO NOTHING` (PostgreSQL, SQLite). */
  onConflictDoNothing(
    opts: { target?: readonly ColumnElement<any, any>[] | string; where?: ColumnElement<any, any> } = {},
  ): Insert<T, R> {
    return this.#with({
      onConflict: {
        action: "nothing",
        target: opts.target ?? null,
        indexWhere: opts.where ?? null,
        set: [],
        where: null,
      },
    });
  }

  /** `ON CONFLICT (target) DO UPDATE SET ... [WHERE ...]` (PostgreSQL, SQLite). */
  onConflictDoUpdate(opts: {
    target: readonly ColumnElement<any, any>[] | string;
    set: ValuesOf<T>;
    where?: ColumnElement<any, any>;
    indexWhere?: ColumnElement<any, any>;
  }): Insert<T, R> {
    const set = valuePairs(
      this.state.table,
      opts.set as Record<string, unknown>,
      "onConflictDoUpdate({ set })",
    );
    if (set.length === 0)
      throw new ArgumentError(
        "onConflictDoUpdate() needs at least one column in `set`; use onConflictDoNothing() otherwise",
      );
    return this.#with({
      onConflict: {
        action: "update",
        target: opts.target,
        indexWhere: opts.indexWhere ?? null,
        set,
        where: opts.where ?? null,
      },
    });
  }

  /** `ON DUPLICATE KEY UPDATE ...` (MySQL / MariaDB). */
  onDuplicateKeyUpdate(set: ValuesOf<T>): Insert<T, R> {
    return this.#with({
      onDuplicate: valuePairs(this.state.table, set as Record<string, unknown>, "onDuplicateKeyUpdate()"),
    });
  }

  walk(key: CacheKeyBuilder): void {
    const s = this.state;
    key.push("insert(");
    key.fromRef(s.table);
    if (s.rows) {
      key.push(`|rows:${s.rows.length}`);
      for (const row of s.rows) {
        for (const [col, val] of row) {
          key.push(col.key);
          key.node(val);
        }
      }
    }
    if (!s.fromSelect) walkSqlDefaults(key, s.table, new Set(s.rows?.[0]?.map(([c]) => c)), "insert");
    if (s.fromSelect) {
      key.push(`|select:${s.fromSelect.columns.map((c) => c.key).join(",")}`);
      key.node(s.fromSelect.select);
    }
    walkReturning(key, s.returning);
    if (s.onConflict) {
      const oc = s.onConflict;
      key.push(`|conflict:${oc.action}:${typeof oc.target === "string" ? oc.target : ""}`);
      if (Array.isArray(oc.target)) key.nodes(oc.target);
      key.node(oc.indexWhere);
      walkPairs(key, oc.set);
      key.node(oc.where);
    }
    if (s.onDuplicate) {
      key.push("|dup");
      walkPairs(key, s.onDuplicate);
    }
    key.push(")");
  }
}

/**
 * The SQL defaults the compiler writes for the columns a statement leaves unset: their structure
 * and bound values belong to the statement's key like the rest of it.
 */
function walkSqlDefaults(
  key: CacheKeyBuilder,
  table: TableClause,
  given: ReadonlySet<ColumnClause>,
  which: "insert" | "update",
): void {
  for (const c of table.columns) {
    if (given.has(c)) continue;
    const d = which === "insert" ? c.insertDefault : c.updateDefault;
    if (d?.kind !== "sql") continue;
    key.push(`|default:${c.key}`);
    key.node(d.expr);
  }
}

function walkPairs(
  key: CacheKeyBuilder,
  pairs: readonly (readonly [ColumnClause<any, any>, ColumnElement<any, any>])[],
): void {
  for (const [col, val] of pairs) {
    key.push(col.key);
    key.node(val);
  }
}

function walkReturning(key: CacheKeyBuilder, items: readonly SelectItem[]): void {
  if (!items.length) return;
  key.push("|returning");
  for (const item of items) {
    if (item instanceof FromClause) key.fromRef(item);
    else if (item instanceof Node) key.node(item);
    else if (isEntityLike(item)) key.push(`entity:${item[kEntity].cacheToken}`);
  }
}

interface UpdateState {
  readonly table: TableClause<any>;
  readonly target: DmlTarget;
  readonly values: readonly [ColumnClause<any, any>, ColumnElement<any, any>][];
  readonly where: readonly ColumnElement<any, any>[];
  readonly returning: readonly SelectItem[];
  readonly executionOptions: Readonly<Record<string, unknown>>;
}

/** `UPDATE`; other tables named in values/where become `UPDATE ... FROM` (PostgreSQL, SQLite) or a multi-table UPDATE (MySQL). */
export class Update<T extends DmlTarget = DmlTarget, R extends readonly SelectItem[] = []> extends Node {
  declare readonly [kItems]: R;
  readonly kind = "update";
  readonly state: UpdateState;

  constructor(state: UpdateState) {
    super();
    this.state = state;
  }

  #with(patch: Partial<UpdateState>): Update<T, R> {
    return new Update<T, R>({ ...this.state, ...patch });
  }

  get table(): TableClause<any> {
    return this.state.table;
  }

  values(values: ValuesOf<T>): Update<T, R> {
    const pairs = valuePairs(this.state.table, values as Record<string, unknown>, "update().values()");
    const merged = new Map(this.state.values.map(([c, v]) => [c, v]));
    for (const [c, v] of pairs) merged.set(c, v);
    return this.#with({ values: [...merged] });
  }
  where(...conditions: (Condition | undefined)[]): Update<T, R> {
    return this.#with({
      where: [
        ...this.state.where,
        ...conditions.filter((c): c is ColumnElement<any, any> => c !== undefined),
      ],
    });
  }
  filter(...conditions: (Condition | undefined)[]): Update<T, R> {
    return this.where(...conditions);
  }
  returning<const N extends readonly SelectItem[]>(...items: N): Update<T, N> {
    return new Update<T, N>({ ...this.state, returning: items });
  }
  /** `{ synchronizeSession: "auto" | "fetch" | "evaluate" | false }` for ORM sessions. */
  executionOptions(opts: Record<string, unknown>): Update<T, R> {
    return this.#with({ executionOptions: { ...this.state.executionOptions, ...opts } });
  }

  walk(key: CacheKeyBuilder): void {
    const s = this.state;
    key.push("update(");
    key.fromRef(s.table);
    key.push("|set");
    walkPairs(key, s.values);
    walkSqlDefaults(key, s.table, new Set(s.values.map(([c]) => c)), "update");
    key.push("|where");
    key.nodes(s.where);
    walkReturning(key, s.returning);
    key.push(")");
  }
}

interface DeleteState {
  readonly table: TableClause<any>;
  readonly target: DmlTarget;
  readonly where: readonly ColumnElement<any, any>[];
  readonly returning: readonly SelectItem[];
  readonly executionOptions: Readonly<Record<string, unknown>>;
}

/** `DELETE`; other tables named in where become `DELETE ... USING` (PostgreSQL) or a multi-table DELETE (MySQL). */
export class Delete<T extends DmlTarget = DmlTarget, R extends readonly SelectItem[] = []> extends Node {
  declare readonly [kItems]: R;
  readonly kind = "delete";
  readonly state: DeleteState;

  constructor(state: DeleteState) {
    super();
    this.state = state;
  }

  get table(): TableClause<any> {
    return this.state.table;
  }

  where(...conditions: (Condition | undefined)[]): Delete<T, R> {
    return new Delete<T, R>({
      ...this.state,
      where: [
        ...this.state.where,
        ...conditions.filter((c): c is ColumnElement<any, any> => c !== undefined),
      ],
    });
  }
  filter(...conditions: (Condition | undefined)[]): Delete<T, R> {
    return this.where(...conditions);
  }
  returning<const N extends readonly SelectItem[]>(...items: N): Delete<T, N> {
    return new Delete<T, N>({ ...this.state, returning: items });
  }
  executionOptions(opts: Record<string, unknown>): Delete<T, R> {
    return new Delete<T, R>({ ...this.state, executionOptions: { ...this.state.executionOptions, ...opts } });
  }

  walk(key: CacheKeyBuilder): void {
    const s = this.state;
    key.push("delete(");
    key.fromRef(s.table);
    key.push("|where");
    key.nodes(s.where);
    walkReturning(key, s.returning);
    key.push(")");
  }
}

/** `insert(table)` / `insert(Model)`. */
export function insert<T extends DmlTarget>(target: T): Insert<T> {
  return new Insert<T>({
    table: dmlTable(target),
    target,
    rows: null,
    fromSelect: null,
    returning: [],
    onConflict: null,
    onDuplicate: null,
  });
}

/** `update(table)` / `update(Model)`. */
export function update<T extends DmlTarget>(target: T): Update<T> {
  return new Update<T>({
    table: dmlTable(target),
    target,
    values: [],
    where: [],
    returning: [],
    executionOptions: {},
  });
}

/** `delete_(table)` / `delete_(Model)` (`delete` is a JavaScript keyword). */
export function delete_<T extends DmlTarget>(target: T): Delete<T> {
  return new Delete<T>({ table: dmlTable(target), target, where: [], returning: [], executionOptions: {} });
}
