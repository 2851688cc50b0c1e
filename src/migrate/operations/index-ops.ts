/** Operations on indexes: CREATE INDEX and DROP INDEX. */
import { Index, type IndexDef, type IndexOptions } from "../../schema/constraints.js";
import { CreateIndex, DropIndex } from "../../schema/ddl.js";
import type { ColumnElement } from "../../sql/elements.js";
import { TextClause } from "../../sql/text.js";
import { IrreversibleOperationError, OperationNotSupportedError } from "../errors.js";
import { array, type Code, type CodeRenderer, str } from "../render/code.js";
import type { Doc } from "../render/doc.js";
import { renderExpression, withOptions } from "../render/schema-code.js";
import {
  type MigrationStatement,
  type Receiver,
  renderCall,
  type StatementContext,
  TableOperation,
} from "./base.js";
import { expressionColumns, operationMetaData, stubTable } from "./schema-objects.js";
import { qualified } from "./table-ops.js";

/** Options of createIndex. */
export interface CreateIndexOptions {
  readonly unique?: boolean;
  /** Partial index condition (PostgreSQL, SQLite). */
  readonly where?: string | ColumnElement<any, any>;
  /** Index method (PostgreSQL gin, gist, ...). */
  readonly using?: string;
  /** MySQL prefix lengths by column. */
  readonly mysqlLength?: Readonly<Record<string, number>>;
  readonly schema?: string;
  readonly ifNotExists?: boolean;
}

/** `op.createIndex(name, table, ["col", text("lower(code)")], { unique })`. */
export class CreateIndexOp extends TableOperation {
  readonly kind = "create_index";
  readonly indexName: string;
  readonly tableName: string;
  readonly columns: readonly (string | ColumnElement<any, any>)[];
  readonly options: CreateIndexOptions;
  readonly schema: string | null;

  /** Creates the operation. */
  constructor(
    indexName: string,
    tableName: string,
    columns: readonly (string | ColumnElement<any, any>)[],
    options: CreateIndexOptions = {},
  ) {
    super();
    this.indexName = indexName;
    this.tableName = tableName;
    this.columns = columns;
    this.options = options;
    this.schema = options.schema ?? null;
  }

  /** The operation that creates `ix` (an index of a metadata table). */
  static fromIndex(ix: IndexDef): CreateIndexOp {
    if (!ix.name) {
      throw new OperationNotSupportedError(
        `An index on '${ix.table.name}' has no name; name it (or give the MetaData a naming convention) so a migration can create and drop it.`,
      );
    }
    const cols = ix.expressions.map((e) =>
      (e as { table?: unknown }).table === ix.table ? (e as { name: string }).name : e,
    );
    return new CreateIndexOp(ix.name, ix.table.name, cols, {
      unique: ix.unique || undefined,
      where: ix.where ?? undefined,
      using: ix.using ?? undefined,
      mysqlLength: Object.keys(ix.mysqlLength).length ? ix.mysqlLength : undefined,
      schema: ix.table.schema ?? undefined,
    });
  }

  /** The index as a schema object, on a stub of its table. */
  toIndex(ctx?: StatementContext): IndexDef {
    const o = this.options;
    const opts: IndexOptions = {
      unique: o.unique,
      where: o.where,
      using: o.using,
      mysqlLength: o.mysqlLength ? { ...o.mysqlLength } : undefined,
    };
    const ix = Index(this.indexName, ...this.columns, opts);
    stubTable(operationMetaData(ctx), this.tableName, this.schema, expressionColumns(this.columns), ix);
    return ix;
  }

  describe(): string {
    return `create index ${this.indexName} on ${qualified(this.tableName, this.schema)}`;
  }

  toStatements(ctx: StatementContext): MigrationStatement[] {
    return [new CreateIndex(this.toIndex(ctx), { ifNotExists: this.options.ifNotExists })];
  }

  override reverse(): DropIndexOp {
    return new DropIndexOp(this.indexName, this.tableName, {
      schema: this.schema ?? undefined,
      definition: this,
    });
  }

  toDoc(r: CodeRenderer, receiver: Receiver = "op"): Doc {
    const cols = literalColumns(this.columns, r);
    const o = this.options;
    const head: Code[] =
      receiver === "op" ? [str(this.indexName), str(this.tableName)] : [str(this.indexName)];
    return renderCall(
      receiver,
      "createIndex",
      withOptions([...head, cols], {
        unique: o.unique || undefined,
        where:
          typeof o.where === "string" ? o.where : o.where instanceof TextClause ? o.where.text : undefined,
        using: o.using,
        mysqlLength: o.mysqlLength,
        schema: receiver === "op" ? o.schema : undefined,
        ifNotExists: o.ifNotExists || undefined,
      }),
    );
  }
}

/** `["a", text("lower(b)")]` for a column list that may hold expressions. */
export function literalColumns(
  columns: readonly (string | ColumnElement<any, any>)[],
  r: CodeRenderer,
): Code {
  return array(columns.map((c) => (typeof c === "string" ? str(c) : renderExpression(c, r))));
}

/** `op.dropIndex(name, table)`: DROP INDEX (MySQL needs the table). */
export class DropIndexOp extends TableOperation {
  readonly kind = "drop_index";
  readonly indexName: string;
  readonly tableName: string;
  readonly schema: string | null;
  readonly ifExists: boolean;
  /** The index's definition, which reverse() creates again. */
  readonly definition: CreateIndexOp | null;

  /** Creates the operation. */
  constructor(
    indexName: string,
    tableName = "",
    opts: { schema?: string; ifExists?: boolean; definition?: CreateIndexOp | null } = {},
  ) {
    super();
    this.indexName = indexName;
    this.tableName = tableName;
    this.schema = opts.schema ?? null;
    this.ifExists = opts.ifExists ?? false;
    this.definition = opts.definition ?? null;
  }

  /** The operation that drops `ix`, remembering it so the drop can be reversed. */
  static fromIndex(ix: IndexDef): DropIndexOp {
    const create = CreateIndexOp.fromIndex(ix);
    return new DropIndexOp(create.indexName, create.tableName, {
      schema: create.schema ?? undefined,
      definition: create,
    });
  }

  describe(): string {
    return `drop index ${this.indexName}${this.tableName ? ` on ${qualified(this.tableName, this.schema)}` : ""}`;
  }

  toStatements(ctx: StatementContext): MigrationStatement[] {
    if (!this.tableName && ctx.dialect.name === "mysql") {
      throw new OperationNotSupportedError(
        `MySQL's DROP INDEX needs the table: write op.dropIndex("${this.indexName}", "<table>").`,
      );
    }
    return [new DropIndex(this.indexName, this.tableName, { ifExists: this.ifExists, schema: this.schema })];
  }

  override reverse(): CreateIndexOp {
    if (!this.definition) {
      throw new IrreversibleOperationError(
        `${this.describe()} cannot be reversed: the operation does not carry the index definition. Write the downgrade's createIndex() by hand.`,
      );
    }
    return this.definition;
  }

  toDoc(_r: CodeRenderer, receiver: Receiver = "op"): Doc {
    const head: Code[] =
      receiver === "op" && this.tableName
        ? [str(this.indexName), str(this.tableName)]
        : [str(this.indexName)];
    return renderCall(
      receiver,
      "dropIndex",
      withOptions(head, {
        schema: receiver === "op" ? (this.schema ?? undefined) : undefined,
        ifExists: this.ifExists || undefined,
      }),
    );
  }
}
