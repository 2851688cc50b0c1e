/** Operations on columns: add, drop, alter (type, nullability, default, comment, name). */
import { type Column, ColumnBuilder, type ServerDefaultArg } from "../../schema/column.js";
import { UniqueDef } from "../../schema/constraints.js";
import {
  AddColumn,
  AddConstraint,
  AlterColumn,
  type AlterColumnSpec,
  CreateEnumType,
  CreateIndex,
  DropColumn,
} from "../../schema/ddl.js";
import { Table } from "../../schema/table.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { EnumType } from "../../sql/types/enum.js";
import { IrreversibleOperationError } from "../errors.js";
import { type Code, type CodeRenderer, object, str } from "../render/code.js";
import type { Doc } from "../render/doc.js";
import { renderColumn, renderServerDefault, renderType, withOptions } from "../render/schema-code.js";
import {
  type MigrationStatement,
  type Receiver,
  renderCall,
  type StatementContext,
  TableOperation,
} from "./base.js";
import { type ColumnBuilderAny, columnBuilderOf, operationMetaData } from "./schema-objects.js";
import { enumTypesFor, qualified } from "./table-ops.js";

/** The table arguments of a rendered call: the table name (and schema) unless inside a batch. */
function tableHead(receiver: Receiver, tableName: string): Code[] {
  return receiver === "op" ? [str(tableName)] : [];
}

/** `op.addColumn(table, name, column(...))`: ALTER TABLE ... ADD COLUMN (with its index / unique constraint). */
export class AddColumnOp extends TableOperation {
  readonly kind = "add_column";
  readonly tableName: string;
  readonly columnName: string;
  readonly column: ColumnBuilderAny;
  readonly schema: string | null;
  readonly ifNotExists: boolean;

  /** Creates the operation. */
  constructor(
    tableName: string,
    columnName: string,
    column: ColumnBuilderAny,
    opts: { schema?: string; ifNotExists?: boolean } = {},
  ) {
    super();
    this.tableName = tableName;
    this.columnName = columnName;
    // The column is named by the operation; a `.name()` on the declaration would contradict it.
    this.column = column.spec.name === null ? column : new ColumnBuilder({ ...column.spec, name: null });
    this.schema = opts.schema ?? null;
    this.ifNotExists = opts.ifNotExists ?? false;
  }

  /** The operation that adds a column like `col` (from a metadata table) to its table. */
  static fromColumn(col: Column<any, any>): AddColumnOp {
    return new AddColumnOp(col.table.name, col.name, columnBuilderOf(col), {
      schema: col.table.schema ?? undefined,
    });
  }

  /** A one-column table holding the column, as the DDL compiler needs a Column object. */
  toTable(ctx?: StatementContext): Table<any, any> {
    return new Table(
      this.tableName,
      operationMetaData(ctx),
      { [this.columnName]: this.column },
      {
        ...(this.schema ? { schema: this.schema } : {}),
      },
    );
  }

  describe(): string {
    return `add column ${qualified(this.tableName, this.schema)}.${this.columnName}`;
  }

  toStatements(ctx: StatementContext): MigrationStatement[] {
    const table = this.toTable(ctx);
    const col = table.columnByName(this.columnName)!;
    const out: MigrationStatement[] = [
      ...enumTypesFor(ctx, table),
      new AddColumn(this.tableName, col, { schema: this.schema, ifNotExists: this.ifNotExists }),
    ];
    for (const c of table.constraints) if (c instanceof UniqueDef) out.push(new AddConstraint(c));
    for (const ix of table.indexes) out.push(new CreateIndex(ix));
    return out;
  }

  override reverse(): DropColumnOp {
    return new DropColumnOp(this.tableName, this.columnName, {
      schema: this.schema ?? undefined,
      definition: this.column,
    });
  }

  toDoc(r: CodeRenderer, receiver: Receiver = "op"): Doc {
    return renderCall(
      receiver,
      "addColumn",
      withOptions(
        [...tableHead(receiver, this.tableName), str(this.columnName), renderColumn(this.column, r)],
        {
          schema: receiver === "op" ? (this.schema ?? undefined) : undefined,
          ifNotExists: this.ifNotExists || undefined,
        },
      ),
    );
  }
}

/** `op.dropColumn(table, name)`: ALTER TABLE ... DROP COLUMN. Reversible with the column's definition. */
export class DropColumnOp extends TableOperation {
  readonly kind = "drop_column";
  readonly tableName: string;
  readonly columnName: string;
  readonly schema: string | null;
  readonly ifExists: boolean;
  /** The dropped column's declaration, which reverse() adds back (autogenerate fills it in). */
  readonly definition: ColumnBuilderAny | null;

  /** Creates the operation. */
  constructor(
    tableName: string,
    columnName: string,
    opts: { schema?: string; ifExists?: boolean; definition?: ColumnBuilderAny | null } = {},
  ) {
    super();
    this.tableName = tableName;
    this.columnName = columnName;
    this.schema = opts.schema ?? null;
    this.ifExists = opts.ifExists ?? false;
    this.definition = opts.definition ?? null;
  }

  /** The operation that drops `col`, remembering its declaration so the drop can be reversed. */
  static fromColumn(col: Column<any, any>): DropColumnOp {
    return new DropColumnOp(col.table.name, col.name, {
      schema: col.table.schema ?? undefined,
      definition: columnBuilderOf(col),
    });
  }

  describe(): string {
    return `drop column ${qualified(this.tableName, this.schema)}.${this.columnName}`;
  }

  toStatements(): MigrationStatement[] {
    return [
      new DropColumn(this.tableName, this.columnName, { schema: this.schema, ifExists: this.ifExists }),
    ];
  }

  override reverse(): AddColumnOp {
    if (!this.definition) {
      throw new IrreversibleOperationError(
        `${this.describe()} cannot be reversed: the operation does not carry the column's definition. Write the downgrade's addColumn() by hand (autogenerate fills the definition in).`,
      );
    }
    return new AddColumnOp(this.tableName, this.columnName, this.definition, {
      schema: this.schema ?? undefined,
    });
  }

  toDoc(_r: CodeRenderer, receiver: Receiver = "op"): Doc {
    return renderCall(
      receiver,
      "dropColumn",
      withOptions([...tableHead(receiver, this.tableName), str(this.columnName)], {
        schema: receiver === "op" ? (this.schema ?? undefined) : undefined,
        ifExists: this.ifExists || undefined,
      }),
    );
  }
}

/** What `alterColumn` changes, and what the column was (needed by MySQL and by reverse()). */
export interface AlterColumnChanges {
  readonly newColumnName?: string;
  readonly type?: TypeEngine<any, any>;
  readonly nullable?: boolean;
  /** null drops the default. */
  readonly serverDefault?: ServerDefaultArg | null;
  /** null drops the comment. */
  readonly comment?: string | null;
  readonly existingType?: TypeEngine<any, any>;
  readonly existingNullable?: boolean;
  /** null: the column had no default. */
  readonly existingServerDefault?: ServerDefaultArg | null;
  /** null: the column had no comment. */
  readonly existingComment?: string | null;
  readonly existingAutoincrement?: boolean;
  /** PostgreSQL `USING` expression for a type change (`"amount::numeric"`). */
  readonly postgresqlUsing?: string;
}

/** `op.alterColumn(table, name, { ... })`: changes a column's type, nullability, default, comment or name. */
export class AlterColumnOp extends TableOperation {
  readonly kind = "alter_column";
  readonly tableName: string;
  readonly columnName: string;
  readonly changes: AlterColumnChanges;
  readonly schema: string | null;

  /** Creates the operation. */
  constructor(
    tableName: string,
    columnName: string,
    changes: AlterColumnChanges,
    opts: { schema?: string } = {},
  ) {
    super();
    this.tableName = tableName;
    this.columnName = columnName;
    this.changes = changes;
    this.schema = opts.schema ?? null;
  }

  describe(): string {
    const c = this.changes;
    const what = [
      c.newColumnName !== undefined ? `rename to ${c.newColumnName}` : null,
      c.type !== undefined ? "type" : null,
      c.nullable !== undefined ? (c.nullable ? "drop not null" : "set not null") : null,
      c.serverDefault !== undefined ? "server default" : null,
      c.comment !== undefined ? "comment" : null,
    ].filter((x) => x !== null);
    return `alter column ${qualified(this.tableName, this.schema)}.${this.columnName}${what.length ? ` (${what.join(", ")})` : ""}`;
  }

  /** The DDL element's view of the changes. */
  get spec(): AlterColumnSpec {
    const c = this.changes;
    return {
      newName: c.newColumnName,
      type: c.type,
      nullable: c.nullable,
      serverDefault: c.serverDefault,
      comment: c.comment,
      using: c.postgresqlUsing,
      existingType: c.existingType,
      existingNullable: c.existingNullable,
      existingServerDefault: c.existingServerDefault,
      existingComment: c.existingComment,
      existingAutoincrement: c.existingAutoincrement,
    };
  }

  toStatements(ctx: StatementContext): MigrationStatement[] {
    const out: MigrationStatement[] = [];
    const type = this.changes.type;
    if (
      type instanceof EnumType &&
      type.nativeEnum &&
      type.name &&
      ctx.dialect.supportsNativeEnum &&
      ctx.dialect.name === "postgresql"
    )
      out.push(new CreateEnumType(type, { ifNotExists: true }));
    out.push(new AlterColumn(this.tableName, this.columnName, this.spec, { schema: this.schema }));
    return out;
  }

  override reverse(): AlterColumnOp {
    const c = this.changes;
    const missing = (what: string, existing: string) =>
      new IrreversibleOperationError(
        `${this.describe()} cannot be reversed: it changes ${what} but does not say what it was; pass ${existing}.`,
      );
    const back: Record<string, unknown> = {};
    if (c.type !== undefined) {
      if (c.existingType === undefined) throw missing("the type", "existingType");
      back.type = c.existingType;
    }
    if (c.nullable !== undefined) back.nullable = c.existingNullable ?? !c.nullable;
    if (c.serverDefault !== undefined) {
      if (c.existingServerDefault === undefined)
        throw missing("the server default", "existingServerDefault (null if there was none)");
      back.serverDefault = c.existingServerDefault;
    }
    if (c.comment !== undefined) {
      if (c.existingComment === undefined)
        throw missing("the comment", "existingComment (null if there was none)");
      back.comment = c.existingComment;
    }
    if (c.newColumnName !== undefined) back.newColumnName = this.columnName;
    const reversed: AlterColumnChanges = {
      ...back,
      existingType: c.type ?? c.existingType,
      existingNullable: c.nullable ?? c.existingNullable,
      existingServerDefault: c.serverDefault !== undefined ? c.serverDefault : c.existingServerDefault,
      existingComment: c.comment !== undefined ? c.comment : c.existingComment,
      existingAutoincrement: c.existingAutoincrement,
    };
    return new AlterColumnOp(this.tableName, c.newColumnName ?? this.columnName, stripUndefined(reversed), {
      schema: this.schema ?? undefined,
    });
  }

  toDoc(r: CodeRenderer, receiver: Receiver = "op"): Doc {
    const c = this.changes;
    const entries: [string, Code][] = [];
    const put = (key: string, value: Code | undefined) => {
      if (value !== undefined) entries.push([key, value]);
    };
    const dflt = (v: ServerDefaultArg | null | undefined) =>
      v === undefined ? undefined : v === null ? "null" : renderServerDefault(v, r);
    const text = (v: string | null | undefined) =>
      v === undefined ? undefined : v === null ? "null" : str(v);
    put("newColumnName", text(c.newColumnName));
    put("type", c.type && renderType(c.type, r, { instance: true }));
    put("nullable", c.nullable === undefined ? undefined : String(c.nullable));
    put("serverDefault", dflt(c.serverDefault));
    put("comment", text(c.comment));
    put("existingType", c.existingType && renderType(c.existingType, r, { instance: true }));
    put("existingNullable", c.existingNullable === undefined ? undefined : String(c.existingNullable));
    put("existingServerDefault", dflt(c.existingServerDefault));
    put("existingComment", text(c.existingComment));
    put(
      "existingAutoincrement",
      c.existingAutoincrement === undefined ? undefined : String(c.existingAutoincrement),
    );
    put("postgresqlUsing", text(c.postgresqlUsing));
    if (receiver === "op" && this.schema) put("schema", str(this.schema));
    return renderCall(receiver, "alterColumn", [
      ...tableHead(receiver, this.tableName),
      str(this.columnName),
      object(entries),
    ]);
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
