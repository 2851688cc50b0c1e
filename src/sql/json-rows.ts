import { CompileError, DataError } from "../errors.js";
import { ColumnElement, type OrderingExpression } from "./elements.js";
import type { CacheKeyBuilder } from "./node.js";
import { NULLTYPE, type Processor, type TypeDialect, TypeEngine } from "./type-engine.js";

/**
 * How one column type travels inside JSON on a dialect: `sql` wraps the column so JSON carries an
 * exact form of it (numerics and 64-bit integers as text, bytes as hex, ...), and `decode` turns
 * that JSON value back into what the driver itself returns for the column, before the type's own
 * result processor runs. So a value read through JSON equals the value read as a plain column.
 */
export interface JsonColumnCodec {
  readonly sql: (expr: string) => string;
  readonly decode: Processor;
}

/** A dialect's JSON functions (set on the dialect object as `jsonRows`). */
export interface JsonRowsSyntax {
  /** A row as a JSON array: `json_build_array(a, b)` on PostgreSQL. */
  array(elements: readonly string[]): string;
  /** The JSON array of the rows' arrays, in `orderBy` order; NULL over no rows. */
  aggregate(element: string, orderBy: readonly string[]): string;
  column(type: TypeEngine<any, any>): JsonColumnCodec;
}

/** A codec for values JSON carries as they are. */
export const JSON_NATIVE: JsonColumnCodec = { sql: (e) => e, decode: null };

/** A row as a JSON array of its elements, each encoded exactly by the dialect (see JsonColumnCodec). */
export class JsonRow extends ColumnElement<unknown[]> {
  readonly kind = "json_row";
  readonly type = NULLTYPE;
  readonly elements: readonly ColumnElement<any, any>[];

  constructor(elements: readonly ColumnElement<any, any>[]) {
    super();
    this.elements = elements;
  }

  walk(key: CacheKeyBuilder): void {
    key.push("json_row(");
    key.nodes(this.elements);
    key.push(")");
  }
}

/**
 * The JSON array of a group's rows (`json_agg`, `json_group_array`, `JSON_ARRAYAGG`), read back as
 * an array of row arrays whose values went through their columns' result processing: exactly
 * what selecting the columns themselves would give. NULL (no rows) stays NULL.
 */
export class JsonRowsAggregate extends ColumnElement<unknown[][]> {
  readonly kind = "json_agg";
  readonly row: JsonRow;
  readonly orderBy: readonly (ColumnElement<any, any> | OrderingExpression)[];
  readonly type: JsonRowsType;

  constructor(row: JsonRow, orderBy: readonly (ColumnElement<any, any> | OrderingExpression)[] = []) {
    super();
    this.row = row;
    this.orderBy = orderBy;
    this.type = new JsonRowsType(row.elements.map((e) => e.type));
  }

  walk(key: CacheKeyBuilder): void {
    key.push("json_agg(");
    key.node(this.row);
    key.push("order");
    key.nodes(this.orderBy);
    key.push(")");
  }
}

/** The dialect's JSON syntax, or an error naming the dialect. */
export function jsonRowsSyntax(dialect: TypeDialect): JsonRowsSyntax {
  const syntax = (dialect as { jsonRows?: JsonRowsSyntax }).jsonRows;
  if (!syntax)
    throw new CompileError(
      `${dialect.name} has no JSON aggregation; load the relationship with selectinload()`,
    );
  return syntax;
}

/** The type of a JsonRowsAggregate: decodes the JSON text and every value of every row. */
export class JsonRowsType extends TypeEngine<unknown[][]> {
  readonly typeName = "json_rows";
  readonly elementTypes: readonly TypeEngine<any, any>[];

  constructor(elementTypes: readonly TypeEngine<any, any>[]) {
    super();
    this.elementTypes = elementTypes;
  }

  override get typeKey(): string {
    return `json_rows(${this.elementTypes.map((t) => t.typeKey).join(",")})`;
  }

  override resultProcessor(dialect: TypeDialect): Processor {
    const syntax = jsonRowsSyntax(dialect);
    const decoders = this.elementTypes.map((t) => chain(syntax.column(t).decode, t.resultProcessor(dialect)));
    const n = decoders.length;
    const decode = (v: unknown) => {
      const rows = parsedJsonRows(v);
      for (const row of rows) {
        for (let i = 0; i < n; i++) {
          const d = decoders[i]!;
          const x = row[i];
          if (d !== null && x !== null && x !== undefined) row[i] = d(x);
        }
      }
      return rows;
    };
    return Object.assign(decode, { [kElementDecoders]: decoders });
  }
}

const kElementDecoders = Symbol("athanor.jsonRowsDecoders");

/**
 * The per-element decoders of a JsonRowsType's result processor (`p`): what it applies to each
 * value of each row after parsing, nested aggregates' processors included. Lets a reader parse
 * the JSON alone (parsedJsonRows) and decode each value as it reads it, in one pass.
 */
export function jsonRowsDecoders(p: Processor): readonly Processor[] {
  const decoders = (p as { [kElementDecoders]?: readonly Processor[] } | null)?.[kElementDecoders];
  if (!decoders) throw new Error("internal: not the result processor of a JSON rows aggregate");
  return decoders;
}

/** A JSON rows aggregate's value parsed, its values left as JSON has them; NULL (no rows) as []. */
export function parsedJsonRows(v: unknown): unknown[][] {
  if (v === null || v === undefined) return [];
  return (typeof v === "string" ? parseJsonRows(v) : v) as unknown[][];
}

function chain(first: Processor, second: Processor): Processor {
  if (first === null) return second;
  if (second === null) return first;
  return (v: unknown) => second(first(v));
}

function parseJsonRows(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DataError(
      `The JSON of a jsonload() is not valid (${(err as Error).message}; ${text.length} characters). ` +
        "On MariaDB, JSON_ARRAYAGG() stops at group_concat_max_len (1 MB by default): raise it " +
        "(SET GLOBAL group_concat_max_len = 1073741824) or load this relationship with selectinload().",
      { orig: err },
    );
  }
}
