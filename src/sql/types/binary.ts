import { binaryLiteral, type Processor, type TypeDialect, TypeEngine } from "../type-engine.js";

/** Bytes, read as a Buffer (a Uint8Array); BYTEA on PostgreSQL, BLOB elsewhere. */
export class LargeBinaryType extends TypeEngine<Uint8Array> {
  readonly typeName = "binary";
  readonly length: number | undefined;
  constructor(length?: number) {
    super();
    this.length = length;
  }
  override get typeKey(): string {
    return `binary:${this.length ?? ""}`;
  }
  override bindProcessor(): Processor {
    return (v: unknown) =>
      v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;
  }
  override resultProcessor(): Processor {
    return (v: unknown) => (v === null || Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array));
  }
  override literal(value: Uint8Array, dialect: TypeDialect): string {
    return binaryLiteral(value, dialect);
  }
}

/** Bytes (BYTEA / BLOB), read as a Buffer; `length` sizes the MySQL BLOB type. */
export function LargeBinary(length?: number): LargeBinaryType {
  return new LargeBinaryType(length);
}
