import { ArgumentError } from "../../errors.js";
import { renderPlainLiteral, type TypeDialect, TypeEngine } from "../type-engine.js";

/** Options of `Enum(values, options)`: the type name, native or VARCHAR + CHECK, schema. */
export interface EnumOptions {
  /** The PostgreSQL type name (and SQLite CHECK constraint name). Defaults to `<table>_<column>`. */
  name?: string;
  /** Create a native enum type on PostgreSQL / ENUM on MySQL (default true); false stores VARCHAR. */
  nativeEnum?: boolean;
  /** Add a CHECK constraint where there is no native enum (default true). */
  createConstraint?: boolean;
  /** The PostgreSQL schema of the type. */
  schema?: string;
}

/**
 * An enumerated string type. Values are the strings themselves; assigning one outside the set
 * fails before reaching the database with an error listing the allowed values.
 */
export class EnumType<T extends string = string> extends TypeEngine<T> {
  readonly typeName = "enum";
  readonly values: readonly T[];
  readonly name: string | undefined;
  readonly nativeEnum: boolean;
  readonly createConstraint: boolean;
  readonly schema: string | undefined;
  readonly #allowed: ReadonlySet<string>;

  constructor(values: readonly T[], opts: EnumOptions = {}) {
    super();
    if (values.length === 0) throw new ArgumentError("Enum() needs at least one value");
    this.values = values;
    this.name = opts.name;
    this.nativeEnum = opts.nativeEnum ?? true;
    this.createConstraint = opts.createConstraint ?? true;
    this.schema = opts.schema;
    this.#allowed = new Set(values);
  }

  override get typeKey(): string {
    return `enum:${this.name ?? ""}:${this.values.join(",")}`;
  }

  override get affinity() {
    return "string" as const;
  }

  /** The longest value, for VARCHAR sizing where the enum is not native. */
  get length(): number {
    return Math.max(...this.values.map((v) => v.length));
  }

  override bindToColumn(tableName: string, columnName: string): EnumType<T> {
    return this.name ? this : this.withName(`${tableName}_${columnName}`);
  }

  /** A copy named `name` (unnamed enums take `<table>_<column>` from their column). */

  withName(name: string): EnumType<T> {
    return new EnumType(this.values, {
      name,
      nativeEnum: this.nativeEnum,
      createConstraint: this.createConstraint,
      schema: this.schema,
    });
  }

  /** Checked like bound values: offline SQL must not insert what execute() would refuse. */
  override literal(value: T, dialect: TypeDialect): string {
    return renderPlainLiteral(this.bindProcessor()(value), dialect);
  }

  override bindProcessor(): (v: unknown) => unknown {
    const allowed = this.#allowed;
    const values = this.values;
    const name = this.name;
    return (v: unknown) => {
      if (v === null || v === undefined || allowed.has(v as string)) return v;
      throw new ArgumentError(
        `${JSON.stringify(v)} is not among the values of enum ${name ?? ""}: ${values.map((x) => JSON.stringify(x)).join(", ")}`,
      );
    };
  }
}

/** `Enum({ a: "a", b: "b" })` (a const object, as TypeScript enums are written), or `Enum(["a", "b"])`. */
export function Enum<const V extends string>(values: readonly V[], opts?: EnumOptions): EnumType<V>;
export function Enum<const O extends Record<string, string>>(
  values: O,
  opts?: EnumOptions,
): EnumType<O[keyof O]>;
export function Enum(
  values: readonly string[] | Record<string, string>,
  opts?: EnumOptions,
): EnumType<string> {
  const list = Array.isArray(values) ? values : Object.values(values as Record<string, string>);
  return new EnumType([...new Set(list)], opts);
}
