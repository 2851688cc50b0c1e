import { type Processor, renderPlainLiteral, type TypeDialect, TypeEngine } from "../type-engine.js";

/** A UUID as a lowercase string; native UUID on PostgreSQL, CHAR(36) elsewhere. */
export class UuidType extends TypeEngine<string> {
  readonly typeName = "uuid";
  override bindProcessor(): Processor {
    return (v: unknown) => (typeof v === "string" ? v.toLowerCase() : v);
  }
  override resultProcessor(): Processor {
    return (v: unknown) => (typeof v === "string" ? v.toLowerCase() : v === null ? null : String(v));
  }
  /** Lowercased like bound values, so offline SQL stores what execute() would. */
  override literal(value: string, dialect: TypeDialect): string {
    return renderPlainLiteral(typeof value === "string" ? value.toLowerCase() : value, dialect);
  }
}

/** A UUID column, read as a lower-case string: native UUID on PostgreSQL, CHAR(36) elsewhere. */
export function Uuid(): UuidType {
  return new UuidType();
}
