import { generate, property } from "../codegen.js";
import { MultipleResultsFound, NoResultFound } from "../errors.js";
import type { Processor } from "../sql/type-engine.js";
import type { Row, RowMapping, ScalarOf } from "../sql/typing.js";

/** Builds row objects of one statement shape: generated once, then one allocation per row. */
export interface RowFactory {
  readonly keys: readonly string[];
  readonly processors: readonly Processor[];
  make(raw: readonly unknown[]): any;
}

/** A row class with positional and named properties, and a (generated) factory applying processors. */
export function createRowFactory(keys: readonly string[], processors: readonly Processor[]): RowFactory {
  const n = keys.length;
  const seen = new Set<string>();
  // The key each position also sets by name (null: an index-like key, or one seen before).
  const names = keys.map((key) => {
    if (seen.has(key) || /^\d+$/.test(key) || key === "length") return null;
    seen.add(key);
    return key;
  });
  class ResultRow {
    get length(): number {
      return n;
    }
    *[Symbol.iterator](): Iterator<unknown> {
      for (let i = 0; i < n; i++) yield (this as any)[i];
    }
    /** The row as a plain object by key (also what JSON.stringify writes). */
    toJSON(): Record<string, unknown> {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) if (!(keys[i]! in out)) out[keys[i]!] = (this as any)[i];
      return out;
    }
  }
  Object.defineProperty(ResultRow.prototype, "keys", { value: keys, enumerable: false });
  const make = generate<(raw: readonly unknown[]) => any>(
    `row ${keys.join(",").slice(0, 60)}`,
    () => {
      const lines = names.map((name, i) => {
        const value = `const v${i} = r[${i}] == null ? null : ${processors[i] ? `p${i}(r[${i}])` : `r[${i}]`};`;
        return `${value} o[${i}] = v${i};${name === null ? "" : ` o${property(name)} = v${i};`}`;
      });
      return {
        params: ["RowClass", ...processors.map((_, i) => `p${i}`)],
        args: [ResultRow, ...processors],
        body: `return function make(r) { const o = new RowClass(); ${lines.join(" ")} return o; };`,
      };
    },
    () => (r) => {
      const o = new ResultRow() as unknown as Record<string | number, unknown>;
      for (let i = 0; i < n; i++) {
        const raw = r[i];
        const p = processors[i];
        const v = raw == null ? null : p ? p(raw) : raw;
        o[i] = v;
        const name = names[i];
        if (name !== null) o[name!] = v;
      }
      return o;
    },
  );
  return { keys, processors, make };
}

/**
 * The rows of an executed statement, buffered. Read once, as SQLAlchemy's Result: `all()`,
 * `first()`, `one()`, `scalar()` and iteration consume it. Rows are typed from the statement.
 */
export class Result<Items extends readonly unknown[] = unknown[]> implements Iterable<Row<Items>> {
  /** Rows as arrays; or, when #flat, the single value of each one-item row. */
  readonly #rows: readonly unknown[];
  readonly #flat: boolean;
  readonly #factory: RowFactory;
  #pos = 0;
  /** Rows affected by INSERT / UPDATE / DELETE (or returned by SELECT). */
  readonly rowCount: number;
  /** The generated key of the last inserted row, where the driver reports one (SQLite, MySQL). */
  readonly lastInsertId: number | bigint | null;
  /** Whether the statement returned rows. */
  readonly returnsRows: boolean;

  constructor(
    rows: readonly unknown[][],
    factory: RowFactory,
    rowCount: number,
    lastInsertId: number | bigint | null,
    returnsRows: boolean,
    flat = false,
  ) {
    this.#rows = rows;
    this.#flat = flat;
    this.#factory = factory;
    this.rowCount = rowCount;
    this.lastInsertId = lastInsertId;
    this.returnsRows = returnsRows;
  }

  /**
   * @internal A result of one-item rows held as a flat list of values (the ORM's entity lists):
   * no array per row, and scalars() hands the values on as they are.
   */
  static ofValues<Items extends readonly unknown[]>(values: unknown[], factory: RowFactory): Result<Items> {
    return new Result<Items>(values as unknown[][], factory, values.length, null, true, true);
  }

  #row(i: number): unknown[] {
    return this.#flat ? [this.#rows[i]] : (this.#rows[i] as unknown[]);
  }

  #rest(): unknown[][] {
    const rest = this.#rows.slice(this.#pos);
    this.#pos = this.#rows.length;
    return this.#flat ? rest.map((v) => [v]) : (rest as unknown[][]);
  }

  /** @internal The row factory (for results assembled from several statements). */
  get factory(): RowFactory {
    return this.#factory;
  }

  /** @internal The remaining rows as the driver returned them (processors not applied). */
  rawRowsUnprocessed(): unknown[][] {
    return this.#rest();
  }

  /** The result's column keys. */
  keys(): readonly string[] {
    return this.#factory.keys;
  }

  /** The raw (processed) values of the remaining rows as arrays; for the ORM's hydrators. */
  rawRows(): unknown[][] {
    const f = this.#factory;
    const rows = this.#rest();
    if (f.processors.every((p) => !p)) return rows;
    const ps = f.processors;
    return rows.map((r) =>
      r.map((v, i) => (v === null || v === undefined || !ps[i] ? (v ?? null) : ps[i]!(v))),
    );
  }

  /** Remaining rows. */
  all(): Row<Items>[] {
    const out: Row<Items>[] = [];
    const make = this.#factory.make;
    for (let i = this.#pos; i < this.#rows.length; i++) out.push(make(this.#row(i)));
    this.#pos = this.#rows.length;
    return out;
  }

  /** SQLAlchemy's fetchall(). */
  fetchall(): Row<Items>[] {
    return this.all();
  }

  /** The next row, or null. */
  fetchone(): Row<Items> | null {
    if (this.#pos >= this.#rows.length) return null;
    return this.#factory.make(this.#row(this.#pos++));
  }

  /** Up to `size` next rows. */
  fetchmany(size: number): Row<Items>[] {
    const out: Row<Items>[] = [];
    while (out.length < size && this.#pos < this.#rows.length)
      out.push(this.#factory.make(this.#row(this.#pos++)));
    return out;
  }

  /** The first row (or null), discarding the rest. */
  first(): Row<Items> | null {
    const row = this.fetchone();
    this.#pos = this.#rows.length;
    return row;
  }

  /** Exactly one row; NoResultFound or MultipleResultsFound otherwise. */
  one(): Row<Items> {
    const remaining = this.#rows.length - this.#pos;
    if (remaining === 0) throw new NoResultFound("No row was found when one was required");
    if (remaining > 1)
      throw new MultipleResultsFound(`Multiple rows (${remaining}) were found when exactly one was required`);
    return this.first()!;
  }

  /** One row or null; MultipleResultsFound when there are several. */
  oneOrNone(): Row<Items> | null {
    const remaining = this.#rows.length - this.#pos;
    if (remaining > 1)
      throw new MultipleResultsFound(`Multiple rows (${remaining}) were found when one or none was required`);
    return this.first();
  }

  /** The first column of the first row, or null when there are no rows. */
  scalar(): ScalarOf<Items> | null {
    const row = this.first();
    return row === null ? null : ((row as any)[0] as ScalarOf<Items>);
  }

  /** The first column of exactly one row. */
  scalarOne(): ScalarOf<Items> {
    return (this.one() as any)[0] as ScalarOf<Items>;
  }

  /** The first column of one row or null. */
  scalarOneOrNone(): ScalarOf<Items> | null {
    const row = this.oneOrNone();
    return row === null ? null : ((row as any)[0] as ScalarOf<Items>);
  }

  /** The values of one column (the first by default). */
  scalars<T = ScalarOf<Items>>(index = 0): ScalarResult<T> {
    const p = this.#factory.processors[index];
    if (this.#flat && index === 0 && !p) {
      const values = this.#pos === 0 ? this.#rows : this.#rows.slice(this.#pos);
      this.#pos = this.#rows.length;
      return new ScalarResult(values as T[], true);
    }
    const values: T[] = [];
    for (let i = this.#pos; i < this.#rows.length; i++) {
      const v = (this.#row(i) as unknown[])[index];
      values.push((v === null || v === undefined || !p ? (v ?? null) : p(v)) as T);
    }
    this.#pos = this.#rows.length;
    return new ScalarResult(values, true);
  }

  /** Rows as plain objects by key. */
  mappings(): ScalarResult<RowMapping<Items>> {
    return new ScalarResult(
      this.all().map((r) => (r as unknown as { toJSON(): RowMapping<Items> }).toJSON()),
    );
  }

  [Symbol.iterator](): Iterator<Row<Items>> {
    const self = this;
    return {
      next(): IteratorResult<Row<Items>> {
        const row = self.fetchone();
        return row === null ? { done: true, value: undefined } : { done: false, value: row };
      },
    };
  }
}

/** Values of one column (or mappings): `all`, `first`, `one`, `oneOrNone`, iteration. */
export class ScalarResult<T> implements Iterable<T> {
  readonly #values: readonly T[];
  /** Whether #values is this result's own array (all() may hand it over instead of copying). */
  #owned: boolean;
  #pos = 0;

  constructor(values: readonly T[], owned = false) {
    this.#values = values;
    this.#owned = owned;
  }

  all(): T[] {
    const out = this.#owned && this.#pos === 0 ? (this.#values as T[]) : this.#values.slice(this.#pos);
    this.#owned = false;
    this.#pos = this.#values.length;
    return out;
  }

  first(): T | null {
    const v = this.#pos < this.#values.length ? this.#values[this.#pos]! : null;
    this.#pos = this.#values.length;
    return v;
  }

  one(): T {
    const remaining = this.#values.length - this.#pos;
    if (remaining === 0) throw new NoResultFound("No row was found when one was required");
    if (remaining > 1)
      throw new MultipleResultsFound(`Multiple rows (${remaining}) were found when exactly one was required`);
    return this.first() as T;
  }

  oneOrNone(): T | null {
    const remaining = this.#values.length - this.#pos;
    if (remaining > 1)
      throw new MultipleResultsFound(`Multiple rows (${remaining}) were found when one or none was required`);
    return this.first();
  }

  /** Distinct values, in order of first appearance (SQLAlchemy's unique()). */
  unique(): ScalarResult<T> {
    return new ScalarResult([...new Set(this.#values.slice(this.#pos))]);
  }

  [Symbol.iterator](): Iterator<T> {
    return this.all()[Symbol.iterator]();
  }
}

/** A streamed result: rows arrive in batches from a server-side cursor. */
export class AsyncResult<Items extends readonly unknown[] = unknown[]> implements AsyncIterable<Row<Items>> {
  readonly #batches: AsyncIterable<unknown[][]>;
  readonly #factory: () => RowFactory;

  constructor(batches: AsyncIterable<unknown[][]>, factory: () => RowFactory) {
    this.#batches = batches;
    this.#factory = factory;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Row<Items>> {
    for await (const batch of this.#batches) {
      const make = this.#factory().make;
      for (const r of batch) yield make(r);
    }
  }

  /** Rows in lists of up to `size` (the batch size of the stream by default). */
  async *partitions(): AsyncIterable<Row<Items>[]> {
    for await (const batch of this.#batches) {
      const make = this.#factory().make;
      yield batch.map((r) => make(r));
    }
  }

  /** @internal Batches of rows as the driver returned them (no processors applied), for the ORM. */
  async *rawPartitions(): AsyncIterable<unknown[][]> {
    yield* this.#batches;
  }

  /** The first column of each row. */
  async *scalars(): AsyncIterable<ScalarOf<Items>> {
    for await (const row of this) yield (row as any)[0];
  }
}
