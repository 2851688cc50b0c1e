/** Operations adding and dropping constraints: foreign key, unique, check, primary key. */
import {
  CheckConstraint,
  type CheckDef,
  type Constraint,
  ForeignKeyConstraint,
  type ForeignKeyConstraintDef,
  PrimaryKeyConstraint,
  type PrimaryKeyDef,
  UniqueConstraint,
  type UniqueDef,
} from "../../schema/constraints.js";
import { AddConstraint, DropConstraint } from "../../schema/ddl.js";
import type { ForeignKeyOptions } from "../../schema/foreign-key.js";
import type { ColumnElement } from "../../sql/elements.js";
import { IrreversibleOperationError } from "../errors.js";
import { type Code, type CodeRenderer, literal, str } from "../render/code.js";
import { renderCondition } from "../render/constraint-code.js";
import type { Doc } from "../render/doc.js";
import { withOptions } from "../render/schema-code.js";
import {
  type MigrationStatement,
  type Receiver,
  renderCall,
  type StatementContext,
  TableOperation,
} from "./base.js";
import { operationMetaData, stubTable } from "./schema-objects.js";
import { qualified } from "./table-ops.js";

/** The constraint kinds dropConstraint takes, named as Alembic's `type_`. */
export type ConstraintType = "foreignkey" | "primary" | "unique" | "check";

const DDL_KIND = {
  foreignkey: "foreign_key",
  primary: "primary_key",
  unique: "unique",
  check: "check",
} as const;

/** An operation that adds a constraint; reverse() drops it by name. */
export abstract class AddConstraintOp extends TableOperation {
  abstract readonly constraintName: string | null;
  abstract readonly constraintType: ConstraintType;

  /** The constraint as a schema object attached to a stub table. */
  abstract toConstraint(ctx?: StatementContext): Constraint;

  toStatements(ctx: StatementContext): MigrationStatement[] {
    return [new AddConstraint(this.toConstraint(ctx))];
  }

  override reverse(): DropConstraintOp {
    if (!this.constraintName) {
      throw new IrreversibleOperationError(
        `${this.describe()} cannot be reversed: the constraint has no name to drop it by; name it.`,
      );
    }
    return new DropConstraintOp(this.constraintName, this.tableName, {
      type: this.constraintType,
      schema: this.schema ?? undefined,
      definition: this,
    });
  }
}

function nameCode(name: string | null): Code {
  return name === null ? "null" : str(name);
}

/** `op.createForeignKey(name, source, referent, localCols, remoteCols, { ondelete })`. */
export class CreateForeignKeyOp extends AddConstraintOp {
  readonly kind = "create_foreign_key";
  readonly constraintType = "foreignkey";
  readonly constraintName: string | null;
  readonly tableName: string;
  readonly referentTable: string;
  readonly localColumns: readonly string[];
  readonly remoteColumns: readonly string[];
  readonly options: ForeignKeyOptions & { readonly sourceSchema?: string; readonly referentSchema?: string };

  /** Creates the operation. */
  constructor(
    name: string | null,
    sourceTable: string,
    referentTable: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options: ForeignKeyOptions & { sourceSchema?: string; referentSchema?: string } = {},
  ) {
    super();
    this.constraintName = name;
    this.tableName = sourceTable;
    this.referentTable = referentTable;
    this.localColumns = localColumns;
    this.remoteColumns = remoteColumns;
    this.options = options;
  }

  /** The operation that adds `fk` (a foreign key constraint of a metadata table). */
  static fromConstraint(fk: ForeignKeyConstraintDef): CreateForeignKeyOp {
    const first = fk.elements[0]!;
    const full = first.targetFullname;
    const dot = full.lastIndexOf(".");
    return new CreateForeignKeyOp(
      fk.name,
      fk.table.name,
      dot < 0 ? full : full.slice(dot + 1),
      fk.columns.map((c) => c.name),
      fk.elements.map((e) => e.targetColumnName),
      {
        ...fk.options,
        name: undefined,
        sourceSchema: fk.table.schema ?? undefined,
        referentSchema: dot < 0 ? undefined : full.slice(0, dot),
      },
    );
  }

  get schema(): string | null {
    return this.options.sourceSchema ?? null;
  }

  describe(): string {
    return `create foreign key ${this.constraintName ?? "(unnamed)"} on ${qualified(this.tableName, this.schema)}`;
  }

  toConstraint(ctx?: StatementContext): ForeignKeyConstraintDef {
    const { sourceSchema, referentSchema, ...fkOptions } = this.options;
    const md = operationMetaData(ctx);
    const refSchema = referentSchema ?? sourceSchema ?? null;
    const prefix = referentSchema ? `${referentSchema}.` : "";
    const fk = ForeignKeyConstraint(
      this.localColumns,
      this.remoteColumns.map((c) => `${prefix}${this.referentTable}.${c}`),
      { ...fkOptions, name: this.constraintName ?? undefined },
    );
    const selfReferencing = this.referentTable === this.tableName && refSchema === (sourceSchema ?? null);
    if (!selfReferencing) stubTable(md, this.referentTable, refSchema, this.remoteColumns);
    const columns = selfReferencing
      ? [...new Set([...this.localColumns, ...this.remoteColumns])]
      : this.localColumns;
    stubTable(md, this.tableName, sourceSchema ?? null, columns, fk);
    return fk;
  }

  toDoc(_r: CodeRenderer, receiver: Receiver = "op"): Doc {
    const o = this.options;
    const head: Code[] =
      receiver === "op"
        ? [nameCode(this.constraintName), str(this.tableName), str(this.referentTable)]
        : [nameCode(this.constraintName), str(this.referentTable)];
    return renderCall(
      receiver,
      "createForeignKey",
      withOptions([...head, literal(this.localColumns), literal(this.remoteColumns)], {
        ondelete: o.ondelete,
        onupdate: o.onupdate,
        deferrable: o.deferrable,
        initially: o.initially,
        match: o.match,
        sourceSchema: receiver === "op" ? o.sourceSchema : undefined,
        referentSchema: o.referentSchema,
      }),
    );
  }
}

/** `op.createUniqueConstraint(name, table, columns)`. */
export class CreateUniqueConstraintOp extends AddConstraintOp {
  readonly kind = "create_unique_constraint";
  readonly constraintType = "unique";
  readonly constraintName: string | null;
  readonly tableName: string;
  readonly columns: readonly string[];
  readonly schema: string | null;

  /** Creates the operation. */
  constructor(
    name: string | null,
    tableName: string,
    columns: readonly string[],
    opts: { schema?: string } = {},
  ) {
    super();
    this.constraintName = name;
    this.tableName = tableName;
    this.columns = columns;
    this.schema = opts.schema ?? null;
  }

  /** The operation that adds `uq` (a unique constraint of a metadata table). */
  static fromConstraint(uq: UniqueDef): CreateUniqueConstraintOp {
    return new CreateUniqueConstraintOp(
      uq.name,
      uq.table.name,
      uq.columns.map((c) => c.name),
      { schema: uq.table.schema ?? undefined },
    );
  }

  describe(): string {
    return `create unique constraint ${this.constraintName ?? "(unnamed)"} on ${qualified(this.tableName, this.schema)}`;
  }

  toConstraint(ctx?: StatementContext): UniqueDef {
    const uq = UniqueConstraint(...this.columns, this.constraintName ? { name: this.constraintName } : {});
    stubTable(operationMetaData(ctx), this.tableName, this.schema, this.columns, uq);
    return uq;
  }

  toDoc(_r: CodeRenderer, receiver: Receiver = "op"): Doc {
    const head: Code[] =
      receiver === "op"
        ? [nameCode(this.constraintName), str(this.tableName)]
        : [nameCode(this.constraintName)];
    return renderCall(
      receiver,
      "createUniqueConstraint",
      withOptions([...head, literal(this.columns)], {
        schema: receiver === "op" ? (this.schema ?? undefined) : undefined,
      }),
    );
  }
}

/** `op.createCheckConstraint(name, table, "price > 0")`. */
export class CreateCheckConstraintOp extends AddConstraintOp {
  readonly kind = "create_check_constraint";
  readonly constraintType = "check";
  readonly constraintName: string | null;
  readonly tableName: string;
  readonly condition: string | ColumnElement<any, any>;
  readonly schema: string | null;

  /** Creates the operation. */
  constructor(
    name: string | null,
    tableName: string,
    condition: string | ColumnElement<any, any>,
    opts: { schema?: string } = {},
  ) {
    super();
    this.constraintName = name;
    this.tableName = tableName;
    this.condition = condition;
    this.schema = opts.schema ?? null;
  }

  /** The operation that adds `ck` (a check constraint of a metadata table). */
  static fromConstraint(ck: CheckDef): CreateCheckConstraintOp {
    return new CreateCheckConstraintOp(ck.name, ck.table.name, ck.sqltext, {
      schema: ck.table.schema ?? undefined,
    });
  }

  describe(): string {
    return `create check constraint ${this.constraintName ?? "(unnamed)"} on ${qualified(this.tableName, this.schema)}`;
  }

  toConstraint(ctx?: StatementContext): CheckDef {
    const ck = CheckConstraint(this.condition, this.constraintName ? { name: this.constraintName } : {});
    stubTable(operationMetaData(ctx), this.tableName, this.schema, [], ck);
    return ck;
  }

  toDoc(r: CodeRenderer, receiver: Receiver = "op"): Doc {
    const head: Code[] =
      receiver === "op"
        ? [nameCode(this.constraintName), str(this.tableName)]
        : [nameCode(this.constraintName)];
    const condition =
      typeof this.condition === "string" ? str(this.condition) : renderCondition(this.condition, r);
    return renderCall(
      receiver,
      "createCheckConstraint",
      withOptions([...head, condition], {
        schema: receiver === "op" ? (this.schema ?? undefined) : undefined,
      }),
    );
  }
}

/** `op.createPrimaryKey(name, table, columns)`. */
export class CreatePrimaryKeyOp extends AddConstraintOp {
  readonly kind = "create_primary_key";
  readonly constraintType = "primary";
  readonly constraintName: string | null;
  readonly tableName: string;
  readonly columns: readonly string[];
  readonly schema: string | null;

  /** Creates the operation. */
  constructor(
    name: string | null,
    tableName: string,
    columns: readonly string[],
    opts: { schema?: string } = {},
  ) {
    super();
    this.constraintName = name;
    this.tableName = tableName;
    this.columns = columns;
    this.schema = opts.schema ?? null;
  }

  describe(): string {
    return `create primary key ${this.constraintName ?? "(unnamed)"} on ${qualified(this.tableName, this.schema)}`;
  }

  toConstraint(ctx?: StatementContext): PrimaryKeyDef {
    const pk = PrimaryKeyConstraint(
      ...this.columns,
      this.constraintName ? { name: this.constraintName } : {},
    );
    stubTable(operationMetaData(ctx), this.tableName, this.schema, this.columns, pk);
    return pk;
  }

  toDoc(_r: CodeRenderer, receiver: Receiver = "op"): Doc {
    const head: Code[] =
      receiver === "op"
        ? [nameCode(this.constraintName), str(this.tableName)]
        : [nameCode(this.constraintName)];
    return renderCall(
      receiver,
      "createPrimaryKey",
      withOptions([...head, literal(this.columns)], {
        schema: receiver === "op" ? (this.schema ?? undefined) : undefined,
      }),
    );
  }
}

/** `op.dropConstraint(name, table, { type: "foreignkey" })`. Reversible with the constraint's definition. */
export class DropConstraintOp extends TableOperation {
  readonly kind = "drop_constraint";
  readonly constraintName: string;
  readonly tableName: string;
  readonly constraintType: ConstraintType | null;
  readonly schema: string | null;
  readonly ifExists: boolean;
  /** The constraint's definition, which reverse() adds again (autogenerate fills it in). */
  readonly definition: AddConstraintOp | null;

  /** Creates the operation. */
  constructor(
    name: string,
    tableName: string,
    opts: {
      type?: ConstraintType;
      schema?: string;
      ifExists?: boolean;
      definition?: AddConstraintOp | null;
    } = {},
  ) {
    super();
    this.constraintName = name;
    this.tableName = tableName;
    this.constraintType = opts.type ?? opts.definition?.constraintType ?? null;
    this.schema = opts.schema ?? null;
    this.ifExists = opts.ifExists ?? false;
    this.definition = opts.definition ?? null;
  }

  describe(): string {
    return `drop constraint ${this.constraintName} on ${qualified(this.tableName, this.schema)}`;
  }

  toStatements(): MigrationStatement[] {
    return [
      new DropConstraint(
        this.constraintName,
        this.tableName,
        this.constraintType ? DDL_KIND[this.constraintType] : null,
        { ifExists: this.ifExists, schema: this.schema },
      ),
    ];
  }

  override reverse(): AddConstraintOp {
    if (!this.definition) {
      throw new IrreversibleOperationError(
        `${this.describe()} cannot be reversed: the operation does not carry the constraint's definition. Write the downgrade's create...() call by hand.`,
      );
    }
    return this.definition;
  }

  toDoc(_r: CodeRenderer, receiver: Receiver = "op"): Doc {
    const head: Code[] =
      receiver === "op" ? [str(this.constraintName), str(this.tableName)] : [str(this.constraintName)];
    return renderCall(
      receiver,
      "dropConstraint",
      withOptions(head, {
        type: this.constraintType ?? undefined,
        schema: receiver === "op" ? (this.schema ?? undefined) : undefined,
        ifExists: this.ifExists || undefined,
      }),
    );
  }
}
