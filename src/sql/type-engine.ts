import { ArgumentError } from "../errors.js";

/** The dialect facts a type needs to convert values; the full Dialect lives in dialects/. */
export interface TypeDialect {
  readonly name: string;
  readonly supportsNativeBoolean: boolean;
  readonly supportsNativeEnum: boolean;
  readonly supportsNativeUuid: boolean;
  readonly supportsNativeJson: boolean;
  readonly supportsNativeInterval: boolean;
  readonly dateTimeStorage: "native" | "text";
  /** Renders a string as a quoted SQL literal, escaped for this dialect. */
  quoteString(value: string): string;
  /** Converts a value bound with no known SQL type (Date, boolean, object) for the driver. */
  coerceUntyped(value: unknown): unknown;
}

/** A value converter between JavaScript and the driver (null: no conversion needed). */
export type Processor = ((value: any) => any) | null;

/** A value the driver returned, through its result processor (NULL stays null, never undefined). */
export function processed(v: unknown, p: Processor): unknown {
  return v === null || v === undefined ? null : p ? p(v) : v;
}

/**
 * A SQL type. `T` is the TypeScript type of values read back; `In` is what may be bound as input
 * (e.g. Numeric reads strings but accepts numbers). Subclasses convert values per dialect.
 */
export abstract class TypeEngine<T = unknown, In = T> {
  declare readonly __t: T;
  declare readonly __in: In;
  /** A stable name used in DDL dispatch and cache keys ("integer", "varchar", ...). */
  abstract readonly typeName: string;

  /** Arguments that distinguish two instances of the same type, for cache keys and comparison. */
  get typeKey(): string {
    return this.typeName;
  }

  #bindToken: string | undefined;

  /** @internal The cache-key token of a plain bind of this type (types are immutable: made once). */
  get bindToken(): string {
    return (this.#bindToken ??= `b:${this.typeKey}`);
  }

  /** Converts a JavaScript value to the driver's representation, or null when no work is needed. */
  bindProcessor(_dialect: TypeDialect): Processor {
    return null;
  }

  /** Converts a driver value to the JavaScript value, or null when no work is needed. */
  resultProcessor(_dialect: TypeDialect): Processor {
    return null;
  }

  /** Renders a value inline as a SQL literal (offline SQL, DDL defaults). */
  literal(value: In, dialect: TypeDialect): string {
    return renderPlainLiteral(value, dialect);
  }

  /**
   * The type as used by a column `columnName` of table `tableName`: lets types that need a
   * name (enums, also inside arrays) take one from their column.
   */
  bindToColumn(_tableName: string, _columnName: string): TypeEngine<T, In> {
    return this;
  }

  /** Types this one contains (an array's item type), for schema-wide scans such as enum creation. */
  nestedTypes(): readonly TypeEngine<any, any>[] {
    return [];
  }

  /** The type expressions combining this type with another yield (arithmetic, concatenation). */

  get affinity(): "numeric" | "string" | "boolean" | "datetime" | "json" | "other" {
    return "other";
  }
}

/** Renders a JavaScript value as a SQL literal with no type knowledge. */
export function renderPlainLiteral(value: unknown, dialect: TypeDialect): string {
  if (value === null || value === undefined) return "NULL";
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new ArgumentError(`Cannot render ${value} as a SQL literal`);
      return String(value);
    case "bigint":
      return value.toString();
    case "boolean":
      return dialect.supportsNativeBoolean ? (value ? "true" : "false") : value ? "1" : "0";
    case "string":
      return dialect.quoteString(value);
    default:
      if (value instanceof Uint8Array) return binaryLiteral(value, dialect);
      // The form the dialect binds an untyped Date in (UTC text on SQLite and MySQL), so inline
      // and bound values compare alike.
      if (value instanceof Date) return dialect.quoteString(String(dialect.coerceUntyped(value)));
      return dialect.quoteString(JSON.stringify(value));
  }
}

/** Bytes in hexadecimal, without copying them. */
export function bytesHex(value: Uint8Array): string {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex");
}

/** Bytes as a literal: `'\x..'::bytea` on PostgreSQL, `X'..'` elsewhere. */
export function binaryLiteral(value: Uint8Array, dialect: TypeDialect): string {
  const hex = bytesHex(value);
  return dialect.name === "postgresql" ? `'\\x${hex}'::bytea` : `X'${hex}'`;
}

/** The type of expressions whose type is unknown (untyped binds, NULL): values convert by runtime type. */
export class NullType extends TypeEngine<any> {
  readonly typeName = "null";
  override bindProcessor(dialect: TypeDialect): Processor {
    return (value) => dialect.coerceUntyped(value);
  }
}

export const NULLTYPE = new NullType();
