import { ArgumentError } from "../../errors.js";
import type { BindParameter } from "../elements.js";
import type { Node } from "../node.js";
import type { Processor, TypeEngine } from "../type-engine.js";

/** Where a placeholder's value comes from. */
export interface BindSlot {
  /** Position of the bind in the statement's bind list (cache-key walk order). */
  readonly index: number;
  /** For named binds: the execute() parameter that supplies the value. */
  readonly key: string | null;
  readonly processor: Processor;
  /** IN lists: one placeholder per element, or the empty-set form when the list is empty. */
  readonly expanding: boolean;
  /** Tuple IN lists: how many values each element has. */
  readonly tupleSize: number;
  /** Tuple lists: the conversion of each element of a row (by the tuple's expression types). */
  readonly tupleProcessors?: readonly Processor[];
  /** Tuple lists written `VALUES (..), (..)` (SQLite row values). */
  readonly valuesPrefix?: boolean;
  /** SQL replacing `(...)` contents when an expanding list is empty. */
  readonly emptySet: string;
  /** A value fixed at compile time (a column default), computed per execution. */
  readonly fixed?: () => unknown;
  /** Rendered inline (as a literal) at execution rather than sent as a parameter. */
  readonly literal: ((value: unknown) => string) | null;
}

const INDEX_KEY = /^(0|[1-9][0-9]*)$/;

/**
 * The values of a statement's named binds: by name, or (for binds named "0", "1", ..., as the
 * ORM's batched statements have) an array read by index.
 */
export type BindValues = Readonly<Record<string, unknown>> | readonly unknown[];

/** A column of a statement's result, in order. */
export interface ResultColumn {
  readonly key: string;
  readonly type: TypeEngine<any, any>;
  readonly processor: Processor;
}

/** A value computed at execution: a column's client-side default function. */
export class CallableValue {
  readonly fn: () => unknown;
  constructor(fn: () => unknown) {
    this.fn = fn;
  }
}

export type PlaceholderStyle = (position: number) => string;

/** The SQL for a statement shape, reusable for any statement with the same cache key. */
export class CompiledStatement {
  /** SQL split around placeholders: parts.length === slots.length + 1. */
  readonly parts: readonly string[];
  readonly slots: readonly BindSlot[];
  readonly resultColumns: readonly ResultColumn[] | null;
  /** The finished SQL when no slot expands; otherwise assembled per execution. */
  readonly sql: string | null;
  readonly placeholder: PlaceholderStyle;
  /** Whether the statement returns rows (SELECT, RETURNING, textual). */
  readonly returnsRows: boolean;
  readonly isInsert: boolean;
  /** True when any result column needs exact 64-bit integers (better-sqlite3 safeIntegers). */
  readonly needsBigInt: boolean;
  /** A stable per-shape name, usable for server-side prepared statements. */
  readonly name: string;
  /** Things the engine and ORM keep per compiled shape (row classes, loaders). */
  readonly memo = new Map<string, unknown>();

  /**
   * Whether every placeholder is a bind named by its position ("0", "1", ...) in fixed SQL: values
   * processed for the driver can then be sent as they are, in order (the ORM's batched writes).
   */
  readonly positional: boolean;

  static #counter = 0;
  /** Per slot, its parameter name as an array index when it is one ("0", "1", ...), else -1. */
  readonly #indexKeys: Int32Array;

  constructor(init: {
    parts: readonly string[];
    slots: readonly BindSlot[];
    resultColumns: readonly ResultColumn[] | null;
    placeholder: PlaceholderStyle;
    returnsRows: boolean;
    isInsert: boolean;
  }) {
    this.parts = init.parts;
    this.slots = init.slots;
    this.resultColumns = init.resultColumns;
    this.placeholder = init.placeholder;
    this.returnsRows = init.returnsRows;
    this.isInsert = init.isInsert;
    this.needsBigInt = init.resultColumns?.some((c) => c.type.typeName === "bigint") ?? false;
    this.name = `athanor_${++CompiledStatement.#counter}`;
    this.#indexKeys = Int32Array.from(init.slots, (s) =>
      s.key !== null && !s.fixed && INDEX_KEY.test(s.key) && s.key.length < 10 ? Number(s.key) : -1,
    );
    const fixed = init.slots.every((s) => !s.expanding && !s.literal);
    this.sql = fixed ? this.#assemble(init.slots.map(() => 1)) : null;
    this.positional = fixed && this.#indexKeys.every((k, i) => k === i);
  }

  #assemble(
    counts: readonly number[],
    literals?: readonly (string | null)[],
    empties?: readonly boolean[],
  ): string {
    let sql = this.parts[0]!;
    let position = 0;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i]!;
      if (literals?.[i] != null) sql += literals[i];
      else if (empties?.[i]) sql += slot.emptySet;
      else if (slot.tupleSize > 1) {
        const tuples: string[] = [];
        for (let t = 0; t < counts[i]!; t++) {
          const ph: string[] = [];
          for (let k = 0; k < slot.tupleSize; k++) ph.push(this.placeholder(++position));
          tuples.push(`(${ph.join(", ")})`);
        }
        sql += (slot.valuesPrefix ? "VALUES " : "") + tuples.join(", ");
      } else {
        const ph: string[] = [];
        for (let t = 0; t < counts[i]!; t++) ph.push(this.placeholder(++position));
        sql += ph.join(", ");
      }
      sql += this.parts[i + 1]!;
    }
    return sql;
  }

  /** The SQL and driver parameters for one execution of a statement with this shape. */
  bind(binds: readonly Node[], params?: BindValues): { sql: string; values: unknown[] } {
    const slots = this.slots;
    if (this.sql !== null) {
      const fixed = new Array<unknown>(slots.length);
      const indexKeys = this.#indexKeys;
      const byIndex = params as Readonly<Record<number, unknown>> | undefined;
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!;
        // Parameters named "0", "1", ... (the ORM's batched INSERTs) are read by index: no string key.
        const k = indexKeys[i]!;
        let v = k >= 0 && byIndex !== undefined ? byIndex[k] : undefined;
        if (v === undefined) v = slotValue(slot, binds, params);
        fixed[i] = slot.processor && v !== null && v !== undefined ? slot.processor(v) : (v ?? null);
      }
      return { sql: this.sql, values: fixed };
    }
    const values: unknown[] = [];
    const counts: number[] = [];
    const literals: (string | null)[] = [];
    const empties: boolean[] = [];
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const v = slotValue(slot, binds, params);
      if (slot.literal) {
        literals.push(slot.literal(v));
        counts.push(0);
        empties.push(false);
        continue;
      }
      literals.push(null);
      if (!slot.expanding) {
        counts.push(1);
        empties.push(false);
        values.push(slot.processor && v !== null && v !== undefined ? slot.processor(v) : (v ?? null));
        continue;
      }
      if (!Array.isArray(v)) throw new ArgumentError(`An IN list parameter needs an array; got ${typeof v}`);
      counts.push(v.length);
      empties.push(v.length === 0);
      for (const item of v) {
        if (slot.tupleSize > 1) {
          if (!Array.isArray(item) || item.length !== slot.tupleSize) {
            throw new ArgumentError(
              `A tuple IN list needs arrays of ${slot.tupleSize} values; got ${JSON.stringify(item)}`,
            );
          }
          const procs = slot.tupleProcessors;
          item.forEach((part, k) => {
            const proc = procs?.[k];
            values.push(proc && part !== null && part !== undefined ? proc(part) : (part ?? null));
          });
        } else
          values.push(
            slot.processor && item !== null && item !== undefined ? slot.processor(item) : (item ?? null),
          );
      }
    }
    return { sql: this.#assemble(counts, literals, empties), values };
  }
}

function slotValue(slot: BindSlot, binds: readonly Node[], params?: BindValues): unknown {
  if (slot.fixed) return slot.fixed();
  if (slot.key !== null && params && slot.key in params)
    return (params as Readonly<Record<string, unknown>>)[slot.key];
  const bind = binds[slot.index] as BindParameter | undefined;
  const v = bind?.value;
  if (v === undefined && slot.key !== null) {
    throw new ArgumentError(
      `A value is required for bind parameter ':${slot.key}': pass it in execute()'s parameters, e.g. { ${slot.key}: ... }.`,
    );
  }
  return v instanceof CallableValue ? v.fn() : v;
}
