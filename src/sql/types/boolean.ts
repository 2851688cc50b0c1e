import { type Processor, type TypeDialect, TypeEngine } from "../type-engine.js";

export class BooleanType extends TypeEngine<boolean> {
  readonly typeName = "boolean";
  override get affinity() {
    return "boolean" as const;
  }
  override bindProcessor(dialect: TypeDialect): Processor {
    if (dialect.supportsNativeBoolean) return null;
    return (v: unknown) => (v === null || v === undefined ? v : v ? 1 : 0);
  }
  override resultProcessor(dialect: TypeDialect): Processor {
    if (dialect.supportsNativeBoolean) return null;
    return (v: unknown) => (v === null ? null : typeof v === "boolean" ? v : Number(v) !== 0);
  }
  override literal(value: boolean, dialect: TypeDialect): string {
    if (dialect.supportsNativeBoolean) return value ? "true" : "false";
    return value ? "1" : "0";
  }
}

/** `Boolean`: true/false; 0/1 on SQLite and MySQL, converted both ways. */
export function Boolean(): BooleanType {
  return new BooleanType();
}
