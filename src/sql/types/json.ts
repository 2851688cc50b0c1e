import { type Processor, type TypeDialect, TypeEngine } from "../type-engine.js";

/**
 * JSON documents of type T. Drivers are configured to return JSON as text, so every dialect parses
 * here, once: JSON on PostgreSQL and MySQL, TEXT on SQLite (and on MariaDB, where JSON is LONGTEXT).
 */
export class JsonType<T = unknown> extends TypeEngine<T> {
  readonly typeName: string = "json";
  /** Whether SQL NULL (rather than the JSON value null) is stored for a JavaScript null. */
  readonly noneAsNull: boolean;
  constructor(noneAsNull = true) {
    super();
    this.noneAsNull = noneAsNull;
  }
  override get affinity() {
    return "json" as const;
  }
  override bindProcessor(): Processor {
    const sqlNull = this.noneAsNull;
    return (v: unknown) => (v === undefined || (v === null && sqlNull) ? null : JSON.stringify(v));
  }
  override resultProcessor(): Processor {
    // SQLite gives a JSON column NUMERIC affinity: a top-level number comes back as a number,
    // or a bigint when the statement reads 64-bit integers exactly.
    return (v: unknown) =>
      typeof v === "string" ? JSON.parse(v) : typeof v === "bigint" ? Number(v) : v === undefined ? null : v;
  }
  override literal(value: T, dialect: TypeDialect): string {
    return dialect.quoteString(JSON.stringify(value));
  }
}

/** `Json<T>()`: a JSON column whose values are typed T. */
export function Json<T = unknown>(opts?: { noneAsNull?: boolean }): JsonType<T> {
  return new JsonType<T>(opts?.noneAsNull ?? true);
}
