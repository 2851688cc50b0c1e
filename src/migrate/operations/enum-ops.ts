/**
 * PostgreSQL enum types: CREATE TYPE, DROP TYPE, ALTER TYPE ... ADD VALUE. On the other
 * databases enums live in the column (MySQL ENUM, a CHECK on SQLite), so these produce nothing.
 */
import { AddEnumValue, CreateEnumType, DropEnumType } from "../../schema/ddl.js";
import { EnumType } from "../../sql/types/enum.js";
import { IrreversibleOperationError } from "../errors.js";
import { type CodeRenderer, literal, str } from "../render/code.js";
import type { Doc } from "../render/doc.js";
import { withOptions } from "../render/schema-code.js";
import { MigrateOperation, type MigrationStatement, type Receiver, renderCall } from "./base.js";

function qualifiedType(name: string, schema: string | null): string {
  return schema ? `${schema}.${name}` : name;
}

/** `op.createEnum("kit_status", ["available", "lost"])`. */
export class CreateEnumOp extends MigrateOperation {
  readonly kind = "create_enum";
  readonly name: string;
  readonly values: readonly string[];
  readonly schema: string | null;
  readonly ifNotExists: boolean;

  /** Creates the operation. */
  constructor(
    name: string,
    values: readonly string[],
    opts: { schema?: string; ifNotExists?: boolean } = {},
  ) {
    super();
    this.name = name;
    this.values = values;
    this.schema = opts.schema ?? null;
    this.ifNotExists = opts.ifNotExists ?? false;
  }

  describe(): string {
    return `create enum type ${qualifiedType(this.name, this.schema)}`;
  }

  toStatements(): MigrationStatement[] {
    const type = new EnumType(this.values, { name: this.name, schema: this.schema ?? undefined });
    return [new CreateEnumType(type, { ifNotExists: this.ifNotExists })];
  }

  override reverse(): DropEnumOp {
    return new DropEnumOp(this.name, { schema: this.schema ?? undefined, values: this.values });
  }

  toDoc(_r: CodeRenderer, receiver: Receiver = "op"): Doc {
    return renderCall(
      receiver,
      "createEnum",
      withOptions([str(this.name), literal(this.values)], {
        schema: this.schema ?? undefined,
        ifNotExists: this.ifNotExists || undefined,
      }),
    );
  }
}

/** `op.dropEnum("kit_status")`: DROP TYPE. Reversible when it carries the values. */
export class DropEnumOp extends MigrateOperation {
  readonly kind = "drop_enum";
  readonly name: string;
  readonly schema: string | null;
  readonly ifExists: boolean;
  /** The type's values, which reverse() recreates. */
  readonly values: readonly string[] | null;

  /** Creates the operation. */
  constructor(name: string, opts: { schema?: string; ifExists?: boolean; values?: readonly string[] } = {}) {
    super();
    this.name = name;
    this.schema = opts.schema ?? null;
    this.ifExists = opts.ifExists ?? false;
    this.values = opts.values ?? null;
  }

  describe(): string {
    return `drop enum type ${qualifiedType(this.name, this.schema)}`;
  }

  toStatements(): MigrationStatement[] {
    return [new DropEnumType(this.name, { ifExists: this.ifExists, schema: this.schema })];
  }

  override reverse(): CreateEnumOp {
    if (!this.values) {
      throw new IrreversibleOperationError(
        `${this.describe()} cannot be reversed without its values: pass { values: [...] } to dropEnum().`,
      );
    }
    return new CreateEnumOp(this.name, this.values, { schema: this.schema ?? undefined });
  }

  toDoc(_r: CodeRenderer, receiver: Receiver = "op"): Doc {
    return renderCall(
      receiver,
      "dropEnum",
      withOptions([str(this.name)], {
        schema: this.schema ?? undefined,
        ifExists: this.ifExists || undefined,
        values: this.values ?? undefined,
      }),
    );
  }
}

/**
 * `op.addEnumValue("kit_status", "retired", { after: "lost" })`: ALTER TYPE ... ADD VALUE.
 * PostgreSQL cannot remove an enum value, so this has no reverse. The new value cannot be used
 * in the transaction that adds it: put it in `op.autocommitBlock()` when a later statement uses it.
 */
export class AddEnumValueOp extends MigrateOperation {
  readonly kind = "add_enum_value";
  readonly name: string;
  readonly value: string;
  readonly options: { readonly before?: string; readonly after?: string; readonly ifNotExists?: boolean };
  readonly schema: string | null;

  /** Creates the operation. */
  constructor(
    name: string,
    value: string,
    opts: { before?: string; after?: string; ifNotExists?: boolean; schema?: string } = {},
  ) {
    super();
    const { schema, ...rest } = opts;
    this.name = name;
    this.value = value;
    this.options = rest;
    this.schema = schema ?? null;
  }

  describe(): string {
    return `add value '${this.value}' to enum type ${qualifiedType(this.name, this.schema)}`;
  }

  toStatements(): MigrationStatement[] {
    return [new AddEnumValue(this.name, this.value, { ...this.options, schema: this.schema })];
  }

  override reverse(): MigrateOperation {
    throw new IrreversibleOperationError(
      `${this.describe()} cannot be reversed: PostgreSQL cannot drop an enum value. Recreate the type in the downgrade if you need to.`,
    );
  }

  toDoc(_r: CodeRenderer, receiver: Receiver = "op"): Doc {
    return renderCall(
      receiver,
      "addEnumValue",
      withOptions([str(this.name), str(this.value)], {
        before: this.options.before,
        after: this.options.after,
        ifNotExists: this.options.ifNotExists || undefined,
        schema: this.schema ?? undefined,
      }),
    );
  }
}
