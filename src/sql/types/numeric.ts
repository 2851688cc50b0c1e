import { ArgumentError, DataError } from "../../errors.js";
import { type Processor, type TypeDialect, TypeEngine } from "../type-engine.js";
import { finiteNumbers } from "./number-input.js";

function toNumber(v: unknown): unknown {
  return typeof v === "string" || typeof v === "bigint" ? Number(v) : v;
}

export class IntegerType extends TypeEngine<number> {
  readonly typeName: string = "integer";
  override get affinity() {
    return "numeric" as const;
  }
  override bindProcessor(dialect: TypeDialect): Processor {
    return finiteNumbers(dialect, "INTEGER");
  }
  override resultProcessor(_dialect: TypeDialect): Processor {
    return toNumber;
  }
}

export class SmallIntegerType extends IntegerType {
  override readonly typeName = "smallint";
}

/** Integer column; reads numbers, also from drivers that report counts as strings or bigints. */
export function Integer(): IntegerType {
  return new IntegerType();
}
/** A 16-bit integer column (SMALLINT), read as a number. */
export function SmallInteger(): SmallIntegerType {
  return new SmallIntegerType();
}

/** How a BigInteger column reads: "bigint" (exact, the default) or "number" (an error above 2^53). */
export type BigIntegerMode = "bigint" | "number";

export class BigIntegerType<T extends bigint | number = bigint> extends TypeEngine<T, T | number> {
  readonly typeName = "bigint";
  readonly mode: BigIntegerMode;
  constructor(mode: BigIntegerMode) {
    super();
    this.mode = mode;
  }
  override get typeKey(): string {
    return `bigint:${this.mode}`;
  }
  override get affinity() {
    return "numeric" as const;
  }
  override bindProcessor(dialect: TypeDialect): Processor {
    if (dialect.name === "sqlite") return (v: unknown) => (typeof v === "number" ? BigInt(v) : v);
    return (v: unknown) => (typeof v === "bigint" ? v.toString() : v);
  }
  override resultProcessor(_dialect: TypeDialect): Processor {
    if (this.mode === "bigint") {
      return (v: unknown) => (v === null ? null : typeof v === "bigint" ? v : BigInt(v as string | number));
    }
    return (v: unknown) => {
      if (v === null || typeof v === "number") return v;
      const n = Number(v);
      if (!Number.isSafeInteger(n)) {
        throw new DataError(
          `BigInteger value ${String(v)} does not fit in a JavaScript number without losing precision; ` +
            `declare the column BigInteger() (mode "bigint") to read it exactly.`,
          { orig: null },
        );
      }
      return n;
    };
  }
  override literal(value: T | number): string {
    return String(value);
  }
}

/**
 * 64-bit integer. Reads `bigint` by default (no precision loss; note JSON.stringify needs a
 * replacer for bigint); `BigInteger({ mode: "number" })` reads numbers and throws when a value
 * exceeds Number.MAX_SAFE_INTEGER.
 */
export function BigInteger(opts: { mode: "number" }): BigIntegerType<number>;
// Last, so a bare `column(BigInteger)` (which infers from the last overload) reads bigint.
export function BigInteger(opts?: { mode: "bigint" }): BigIntegerType<bigint>;
export function BigInteger(opts?: { mode?: BigIntegerMode }): BigIntegerType<any> {
  return new BigIntegerType(opts?.mode ?? "bigint");
}

export class FloatType extends TypeEngine<number> {
  readonly typeName: string = "float";
  readonly precision: number | undefined;
  constructor(precision?: number) {
    super();
    this.precision = precision;
  }
  override get typeKey(): string {
    return `${this.typeName}:${this.precision ?? ""}`;
  }
  override get affinity() {
    return "numeric" as const;
  }
  override bindProcessor(dialect: TypeDialect): Processor {
    return finiteNumbers(dialect, this.typeName === "double" ? "DOUBLE" : "FLOAT");
  }
  override resultProcessor(): Processor {
    return toNumber;
  }
  override literal(value: number): string {
    if (!Number.isFinite(value)) throw new ArgumentError(`Cannot render ${value} as a SQL literal`);
    return String(value);
  }
}

export class DoubleType extends FloatType {
  override readonly typeName = "double";
}

/** Floating point (REAL / DOUBLE PRECISION / FLOAT). */
export function Float(opts?: { precision?: number }): FloatType {
  return new FloatType(opts?.precision);
}
/** A double-precision floating point column (DOUBLE PRECISION / DOUBLE / REAL), read as a number. */
export function Double(): DoubleType {
  return new DoubleType();
}

/**
 * Exact decimal, read as a string ("12.50") so no precision is lost; numbers are accepted as
 * input. SQLite has no decimal storage: values beyond 15 significant digits lose precision there.
 */
export class NumericType extends TypeEngine<string, string | number> {
  readonly typeName = "numeric";
  readonly precision: number | undefined;
  readonly scale: number | undefined;
  constructor(precision?: number, scale?: number) {
    super();
    this.precision = precision;
    this.scale = scale;
  }
  override get typeKey(): string {
    return `numeric:${this.precision ?? ""},${this.scale ?? ""}`;
  }
  override get affinity() {
    return "numeric" as const;
  }
  override bindProcessor(dialect: TypeDialect): Processor {
    if (dialect.name === "sqlite") return finiteNumbers(dialect, "NUMERIC");
    return finiteNumbers(dialect, "NUMERIC", (v: unknown) => (typeof v === "number" ? String(v) : v));
  }
  override resultProcessor(dialect: TypeDialect): Processor {
    const scale = this.scale;
    if (dialect.name === "sqlite") {
      return (v: unknown) => {
        if (v === null || typeof v === "string") return v;
        const n = Number(v);
        return scale === undefined ? String(n) : n.toFixed(scale);
      };
    }
    return (v: unknown) => (v === null || typeof v === "string" ? v : String(v));
  }
  override literal(value: string | number): string {
    const text = String(value);
    if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) {
      throw new ArgumentError(`Numeric literal ${JSON.stringify(text)} is not a number`);
    }
    return text;
  }
}

/** An exact decimal column (NUMERIC(p, s)), read as a decimal string ("12.50") so no digit is lost. */
export function Numeric(precision?: number, scale?: number): NumericType {
  return new NumericType(precision, scale);
}
