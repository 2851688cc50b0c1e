/** Operations on whole tables: create, drop, rename, and the table comment. */

import { Constraint, IndexDef } from "../../schema/constraints.js";
import {
  CreateEnumType,
  CreateIndex,
  CreateTable,
  DropTable,
  RenameTable,
  SetTableComment,
} from "../../schema/ddl.js";
import { Table, type TableArg, type TableOptions } from "../../schema/table.js";
import { EnumType } from "../../sql/types/enum.js";
import { IrreversibleOperationError } from "../errors.js";
import { type Code, type CodeRenderer, object, str } from "../render/code.js";
import { renderTableArg } from "../render/constraint-code.js";
import type { Doc } from "../render/doc.js";
import { renderColumn, withOptions } from "../render/schema-code.js";
import {
  MigrateOperation,
  type MigrationStatement,
  type Receiver,
  renderCall,
  type StatementContext,
  TableOperation,
} from "./base.js";
import {
  type ColumnBuilderAny,
  ensureForeignKeyTargets,
  operationMetaData,
  type TableDefinition,
  tableDefinition,
} from "./schema-objects.js";

/** PostgreSQL native enum types the columns use, created before the table (idempotently, as types may be shared). */
export function enumTypesFor(ctx: StatementContext, table: Table<any, any>): MigrationStatement[] {
  if (!ctx.dialect.supportsNativeEnum || ctx.dialect.name !== "postgresql") return [];
  const seen = new Set<string>();
  const out: MigrationStatement[] = [];
  for (const col of table.columns) {
    let type = col.type as { itemType?: unknown } & object;
    while ((type as { itemType?: unknown }).itemType) type = (type as { itemType: object }).itemType;
    if (type instanceof EnumType && type.nativeEnum && type.name && !seen.has(type.name)) {
      seen.add(type.name);
      out.push(new CreateEnumType(type, { ifNotExists: true }));
    }
  }
  return out;
}

/** Options of createTable: the Table options, and IF NOT EXISTS. */
export type CreateTableOptions = TableOptions & { readonly ifNotExists?: boolean };

/** What follows the columns in createTable: constraints, indexes, options. */
export type CreateTableArg = TableArg | CreateTableOptions;

/** `op.createTable(name, columns, ...constraints)`: CREATE TABLE with its constraints and indexes. */
export class CreateTableOp extends MigrateOperation {
  readonly kind = "create_table";
  readonly tableName: string;
  /** Column declarations by SQL column name. */
  readonly columns: Readonly<Record<string, ColumnBuilderAny>>;
  /** Constraints and indexes (schema objects, attached anew to each table built from this). */
  readonly args: readonly TableArg[];
  readonly options: TableOptions;
  readonly ifNotExists: boolean;

  /** Creates the operation; table options (and `ifNotExists`) may come among `args`, as Table() takes them. */
  constructor(
    tableName: string,
    columns: Readonly<Record<string, ColumnBuilderAny>>,
    args: readonly CreateTableArg[] = [],
    options: CreateTableOptions = {},
  ) {
    super();
    this.tableName = tableName;
    this.columns = columns;
    const inline = args.filter((a) => !isSchemaObject(a)) as CreateTableOptions[];
    const { ifNotExists, ...tableOptions } = Object.assign({}, ...inline, options) as CreateTableOptions;
    this.args = args.filter(isSchemaObject);
    this.options = tableOptions;
    this.ifNotExists = ifNotExists ?? false;
  }

  /** The operation that creates a table like `table` (autogenerate: a table only the metadata has). */
  static fromTable(table: Table<any, any>): CreateTableOp {
    const def = tableDefinition(table);
    return new CreateTableOp(table.name, def.columns, def.args, def.options);
  }

  get schema(): string | null {
    return this.options.schema ?? null;
  }

  /** A Table object for this definition, in a private MetaData (foreign key targets stubbed). */
  toTable(ctx?: StatementContext): Table<any, any> {
    const md = operationMetaData(ctx);
    const table = new Table(this.tableName, md, { ...this.columns }, ...this.args, { ...this.options });
    ensureForeignKeyTargets(md, table);
    return table;
  }

  describe(): string {
    return `create table ${qualified(this.tableName, this.schema)}`;
  }

  toStatements(ctx: StatementContext): MigrationStatement[] {
    const table = this.toTable(ctx);
    return [
      ...enumTypesFor(ctx, table),
      new CreateTable(table, { ifNotExists: this.ifNotExists }),
      ...table.indexes.map((ix) => new CreateIndex(ix, { ifNotExists: this.ifNotExists })),
    ];
  }

  override reverse(): DropTableOp {
    return new DropTableOp(this.tableName, { schema: this.schema ?? undefined, definition: this });
  }

  toDoc(r: CodeRenderer, receiver: Receiver = "op"): Doc {
    // Building the table attaches the constraints, so they know their columns.
    this.toTable();
    const columns = object(Object.entries(this.columns).map(([name, b]) => [name, renderColumn(b, r)]));
    const args: Code[] = [str(this.tableName), columns];
    for (const a of this.args) args.push(renderTableArg(a as Constraint | IndexDef, r));
    const opts = withOptions([], {
      schema: this.options.schema,
      comment: this.options.comment,
      dialectOptions: this.options.dialectOptions,
      ifNotExists: this.ifNotExists || undefined,
    });
    return renderCall(receiver, "createTable", [...args, ...opts]);
  }
}

/** `op.dropTable(name)`: DROP TABLE. Reversible when it carries the table's definition. */
export class DropTableOp extends MigrateOperation {
  readonly kind = "drop_table";
  readonly tableName: string;
  readonly schema: string | null;
  readonly ifExists: boolean;
  /** The dropped table's definition, which reverse() recreates (autogenerate fills it in). */
  readonly definition: CreateTableOp | null;

  /** Creates the operation. */
  constructor(
    tableName: string,
    opts: { schema?: string; ifExists?: boolean; definition?: CreateTableOp | TableDefinition | null } = {},
  ) {
    super();
    this.tableName = tableName;
    this.schema = opts.schema ?? null;
    this.ifExists = opts.ifExists ?? false;
    const def = opts.definition ?? null;
    this.definition =
      def === null || def instanceof CreateTableOp
        ? def
        : new CreateTableOp(tableName, def.columns, def.args, def.options);
  }

  /** The operation that drops `table`, remembering its definition so the drop can be reversed. */
  static fromTable(table: Table<any, any>): DropTableOp {
    return new DropTableOp(table.name, {
      schema: table.schema ?? undefined,
      definition: CreateTableOp.fromTable(table),
    });
  }

  describe(): string {
    return `drop table ${qualified(this.tableName, this.schema)}`;
  }

  toStatements(): MigrationStatement[] {
    return [new DropTable({ name: this.tableName, schema: this.schema }, { ifExists: this.ifExists })];
  }

  override reverse(): CreateTableOp {
    if (!this.definition) {
      throw new IrreversibleOperationError(
        `${this.describe()} cannot be reversed: the operation does not carry the table's definition. Write the downgrade's createTable() by hand (autogenerate fills the definition in).`,
      );
    }
    return this.definition;
  }

  toDoc(_r: CodeRenderer, receiver: Receiver = "op"): Doc {
    return renderCall(
      receiver,
      "dropTable",
      withOptions([str(this.tableName)], {
        schema: this.schema ?? undefined,
        ifExists: this.ifExists || undefined,
      }),
    );
  }
}

/** `op.renameTable(old, new)`: ALTER TABLE ... RENAME TO. */
export class RenameTableOp extends MigrateOperation {
  readonly kind = "rename_table";
  readonly tableName: string;
  readonly newName: string;
  readonly schema: string | null;

  /** Creates the operation. */
  constructor(tableName: string, newName: string, opts: { schema?: string } = {}) {
    super();
    this.tableName = tableName;
    this.newName = newName;
    this.schema = opts.schema ?? null;
  }

  describe(): string {
    return `rename table ${qualified(this.tableName, this.schema)} to ${this.newName}`;
  }

  toStatements(): MigrationStatement[] {
    return [new RenameTable(this.tableName, this.newName, { schema: this.schema })];
  }

  override reverse(): RenameTableOp {
    return new RenameTableOp(this.newName, this.tableName, { schema: this.schema ?? undefined });
  }

  toDoc(_r: CodeRenderer, receiver: Receiver = "op"): Doc {
    return renderCall(
      receiver,
      "renameTable",
      withOptions([str(this.tableName), str(this.newName)], { schema: this.schema ?? undefined }),
    );
  }
}

/** `op.createTableComment(table, comment)`: sets the table's comment (a no-op on SQLite). */
export class CreateTableCommentOp extends TableOperation {
  readonly kind = "create_table_comment";
  readonly tableName: string;
  readonly comment: string;
  readonly schema: string | null;
  /** The comment before, for reverse(); null means there was none. */
  readonly existingComment: string | null | undefined;

  /** Creates the operation. */
  constructor(
    tableName: string,
    comment: string,
    opts: { schema?: string; existingComment?: string | null } = {},
  ) {
    super();
    this.tableName = tableName;
    this.comment = comment;
    this.schema = opts.schema ?? null;
    this.existingComment = opts.existingComment;
  }

  describe(): string {
    return `set comment on table ${qualified(this.tableName, this.schema)}`;
  }

  toStatements(): MigrationStatement[] {
    return [new SetTableComment(this.tableName, this.comment, { schema: this.schema })];
  }

  override reverse(): MigrateOperation {
    if (this.existingComment === undefined) {
      throw new IrreversibleOperationError(
        `${this.describe()} cannot be reversed without existingComment (null if the table had none).`,
      );
    }
    const opts = { schema: this.schema ?? undefined, existingComment: this.comment };
    return this.existingComment === null
      ? new DropTableCommentOp(this.tableName, opts)
      : new CreateTableCommentOp(this.tableName, this.existingComment, opts);
  }

  toDoc(_r: CodeRenderer, receiver: Receiver = "op"): Doc {
    const head = receiver === "op" ? [str(this.tableName)] : [];
    return renderCall(
      receiver,
      "createTableComment",
      withOptions([...head, str(this.comment)], {
        existingComment: this.existingComment,
        schema: receiver === "op" ? (this.schema ?? undefined) : undefined,
      }),
    );
  }
}

/** `op.dropTableComment(table)`: removes the table's comment. */
export class DropTableCommentOp extends TableOperation {
  readonly kind = "drop_table_comment";
  readonly tableName: string;
  readonly schema: string | null;
  readonly existingComment: string | undefined;

  /** Creates the operation. */
  constructor(tableName: string, opts: { schema?: string; existingComment?: string } = {}) {
    super();
    this.tableName = tableName;
    this.schema = opts.schema ?? null;
    this.existingComment = opts.existingComment;
  }

  describe(): string {
    return `drop comment on table ${qualified(this.tableName, this.schema)}`;
  }

  toStatements(): MigrationStatement[] {
    return [new SetTableComment(this.tableName, null, { schema: this.schema })];
  }

  override reverse(): CreateTableCommentOp {
    if (this.existingComment === undefined) {
      throw new IrreversibleOperationError(
        `${this.describe()} cannot be reversed without existingComment (the comment being dropped).`,
      );
    }
    return new CreateTableCommentOp(this.tableName, this.existingComment, {
      schema: this.schema ?? undefined,
      existingComment: null,
    });
  }

  toDoc(_r: CodeRenderer, receiver: Receiver = "op"): Doc {
    const head = receiver === "op" ? [str(this.tableName)] : [];
    return renderCall(
      receiver,
      "dropTableComment",
      withOptions(head, {
        existingComment: this.existingComment,
        schema: receiver === "op" ? (this.schema ?? undefined) : undefined,
      }),
    );
  }
}

function isSchemaObject(a: CreateTableArg): a is Constraint | IndexDef {
  return a instanceof IndexDef || a instanceof Constraint;
}

/** `schema.table` or `table`, for descriptions. */
export function qualified(name: string, schema: string | null): string {
  return schema ? `${schema}.${name}` : name;
}
