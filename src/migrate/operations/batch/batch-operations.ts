/**
 * The `batch` of `op.batchAlterTable("kits", async (batch) => { ... })`: the table operations,
 * with the table implied. Calls are recorded and run together when the callback returns.
 */

import type { ForeignKeyOptions } from "../../../schema/foreign-key.js";
import type { ColumnElement } from "../../../sql/elements.js";
import type { TableOperation } from "../base.js";
import { AddColumnOp, type AlterColumnChanges, AlterColumnOp, DropColumnOp } from "../column-ops.js";
import {
  type ConstraintType,
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
} from "../constraint-ops.js";
import { CreateIndexOp, type CreateIndexOptions, DropIndexOp } from "../index-ops.js";
import type { ColumnBuilderAny } from "../schema-objects.js";
import { CreateTableCommentOp, DropTableCommentOp } from "../table-ops.js";

/** Records operations on one table for a batch. */
export class BatchOperations {
  readonly tableName: string;
  readonly schema: string | undefined;
  /** The operations recorded so far, in order. */
  readonly ops: TableOperation[] = [];

  /** Creates the recorder for `tableName`. */
  constructor(tableName: string, schema?: string) {
    this.tableName = tableName;
    this.schema = schema;
  }

  #add(op: TableOperation): void {
    this.ops.push(op);
  }

  /** Adds a column: `batch.addColumn("serial_number", column(String(100)).nullable())`. */
  addColumn(columnName: string, column: ColumnBuilderAny): void {
    this.#add(new AddColumnOp(this.tableName, columnName, column, { schema: this.schema }));
  }

  /** Drops a column. */
  dropColumn(columnName: string): void {
    this.#add(new DropColumnOp(this.tableName, columnName, { schema: this.schema }));
  }

  /** Changes a column: `batch.alterColumn("code", { type: String(50), nullable: false })`. */
  alterColumn(columnName: string, changes: AlterColumnChanges): void {
    this.#add(new AlterColumnOp(this.tableName, columnName, changes, { schema: this.schema }));
  }

  /** Creates an index on the table. */
  createIndex(
    indexName: string,
    columns: readonly (string | ColumnElement<any, any>)[],
    options: Omit<CreateIndexOptions, "schema"> = {},
  ): void {
    this.#add(new CreateIndexOp(indexName, this.tableName, columns, { ...options, schema: this.schema }));
  }

  /** Drops an index of the table. */
  dropIndex(indexName: string): void {
    this.#add(new DropIndexOp(indexName, this.tableName, { schema: this.schema }));
  }

  /** Adds a unique constraint. */
  createUniqueConstraint(name: string | null, columns: readonly string[]): void {
    this.#add(new CreateUniqueConstraintOp(name, this.tableName, columns, { schema: this.schema }));
  }

  /** Adds a check constraint. */
  createCheckConstraint(name: string | null, condition: string | ColumnElement<any, any>): void {
    this.#add(new CreateCheckConstraintOp(name, this.tableName, condition, { schema: this.schema }));
  }

  /** Adds a foreign key from this table to `referentTable`. */
  createForeignKey(
    name: string | null,
    referentTable: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options: ForeignKeyOptions & { referentSchema?: string } = {},
  ): void {
    this.#add(
      new CreateForeignKeyOp(name, this.tableName, referentTable, localColumns, remoteColumns, {
        ...options,
        sourceSchema: this.schema,
      }),
    );
  }

  /** Sets the primary key. */
  createPrimaryKey(name: string | null, columns: readonly string[]): void {
    this.#add(new CreatePrimaryKeyOp(name, this.tableName, columns, { schema: this.schema }));
  }

  /** Drops a named constraint. */
  dropConstraint(name: string, options: { type?: ConstraintType } = {}): void {
    this.#add(new DropConstraintOp(name, this.tableName, { ...options, schema: this.schema }));
  }

  /** Sets the table comment. */
  createTableComment(comment: string, options: { existingComment?: string | null } = {}): void {
    this.#add(new CreateTableCommentOp(this.tableName, comment, { ...options, schema: this.schema }));
  }

  /** Drops the table comment. */
  dropTableComment(options: { existingComment?: string } = {}): void {
    this.#add(new DropTableCommentOp(this.tableName, { ...options, schema: this.schema }));
  }
}
