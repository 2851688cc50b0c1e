import { type Processor, type TypeDialect, TypeEngine } from "../type-engine.js";

/**
 * A custom type built on a stored type (`impl`), converting values on the way in and out, as
 * SQLAlchemy's TypeDecorator:
 *
 *   class Lowercase extends TypeDecorator<string, string> {
 *     impl = String(100);
 *     processBindParam(v: string) { return v.toLowerCase(); }
 *     processResultValue(v: string) { return v; }
 *   }
 */
export abstract class TypeDecorator<T, Stored = unknown, In = T> extends TypeEngine<T, In> {
  abstract readonly impl: TypeEngine<Stored, any>;

  get typeName(): string {
    return this.impl.typeName;
  }

  override get typeKey(): string {
    return `${this.constructor.name}(${this.impl.typeKey})`;
  }

  override get affinity() {
    return this.impl.affinity;
  }

  /** JavaScript value -> value of the stored type (called for non-null values). */
  abstract processBindParam(value: In, dialect: TypeDialect): Stored;
  /** Value of the stored type -> JavaScript value (called for non-null values). */
  abstract processResultValue(value: Stored, dialect: TypeDialect): T;

  override bindProcessor(dialect: TypeDialect): Processor {
    const inner = this.impl.bindProcessor(dialect);
    return (v: unknown) => {
      if (v === null || v === undefined) return v;
      const stored = this.processBindParam(v as In, dialect);
      return inner ? inner(stored) : stored;
    };
  }

  override resultProcessor(dialect: TypeDialect): Processor {
    const inner = this.impl.resultProcessor(dialect);
    return (v: unknown) => {
      if (v === null || v === undefined) return null;
      return this.processResultValue((inner ? inner(v) : v) as Stored, dialect);
    };
  }

  override literal(value: In, dialect: TypeDialect): string {
    return this.impl.literal(this.processBindParam(value, dialect), dialect);
  }
}

/** The type a value is stored as: a TypeDecorator's impl (through nested decorators), else itself. */
export function storedType(type: TypeEngine<any, any>): TypeEngine<any, any> {
  let t = type;
  while (t instanceof TypeDecorator) t = t.impl;
  return t;
}
