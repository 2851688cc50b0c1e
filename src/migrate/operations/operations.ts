/**
 * `op`, the object a revision's `upgrade(op)` / `downgrade(op)` receives: one typed method per
 * operation, declared statically (no facade built at run time). Each method builds the operation
 * object and runs it through `invoke`, online or into the offline script.
 */
import type { Dialect } from "../../dialects/dialect.js";
import type { Connection } from "../../engine/connection.js";
import type { ForeignKeyOptions } from "../../schema/foreign-key.js";
import type { ColumnBuilders, Table } from "../../schema/table.js";
import type { ColumnElement } from "../../sql/elements.js";
import type { TableClause } from "../../sql/from-clause.js";
import type { Node } from "../../sql/node.js";
import type { MigrationContext } from "../runtime/migration-context.js";
import type { MigrateOperation } from "./base.js";
import { BatchAlterTableOp, type BatchOptions } from "./batch/batch-op.js";
import { BatchOperations } from "./batch/batch-operations.js";
import { AddColumnOp, type AlterColumnChanges, AlterColumnOp, DropColumnOp } from "./column-ops.js";
import {
  type ConstraintType,
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
} from "./constraint-ops.js";
import { BulkInsertOp, ExecuteOp } from "./data-ops.js";
import { AddEnumValueOp, CreateEnumOp, DropEnumOp } from "./enum-ops.js";
import { CreateIndexOp, type CreateIndexOptions, DropIndexOp } from "./index-ops.js";
import type { ColumnBuilderAny } from "./schema-objects.js";
import {
  type CreateTableArg,
  CreateTableCommentOp,
  CreateTableOp,
  DropTableCommentOp,
  DropTableOp,
  RenameTableOp,
} from "./table-ops.js";

/** The migration in progress, for code that depends on it. */
export interface RevisionContext {
  readonly revision: string;
  readonly direction: "up" | "down";
}

/** The operations available to revision files (Alembic's `op`). */
export class Operations {
  readonly #ctx: MigrationContext;
  readonly #revision: RevisionContext | null;

  /** Creates the facade over a migration context (the runner does this). */
  constructor(ctx: MigrationContext, revision: RevisionContext | null = null) {
    this.#ctx = ctx;
    this.#revision = revision;
  }

  /** The dialect the migration runs on (`op.dialect.name === "postgresql"`). */
  get dialect(): Dialect {
    return this.#ctx.dialect;
  }

  /** Whether the migration is being written as SQL (`--sql`) rather than run. */
  get isOffline(): boolean {
    return this.#ctx.isOffline;
  }

  /** The revision being applied and the direction, or null outside a run. */
  get revision(): RevisionContext | null {
    return this.#revision;
  }

  /** Runs an operation object (what autogenerate produces, or one built by hand). */
  async invoke(operation: MigrateOperation): Promise<void> {
    await this.#ctx.runOperation(operation);
  }

  /**
   * The connection, for data migrations: `await op.getBind().execute(users.update().values(...))`.
   * It runs inside the migration's transaction. In `--sql` mode it writes statements to the script.
   */
  getBind(): Connection {
    return this.#ctx.bind();
  }

  /**
   * Creates a table and returns it (handy for bulkInsert):
   * `await op.createTable("kits", { id: column(Integer).primaryKey(), code: column(String(50)) }, UniqueConstraint("code"))`.
   * Column names are SQL names, used as written.
   */
  async createTable<B extends ColumnBuilders>(
    name: string,
    columns: B,
    ...args: CreateTableArg[]
  ): Promise<Table<string, B>> {
    const operation = new CreateTableOp(name, columns, args);
    await this.invoke(operation);
    return operation.toTable() as Table<string, B>;
  }

  /** Drops a table. */
  async dropTable(name: string, options: { schema?: string; ifExists?: boolean } = {}): Promise<void> {
    await this.invoke(new DropTableOp(name, options));
  }

  /** Renames a table. */
  async renameTable(oldName: string, newName: string, options: { schema?: string } = {}): Promise<void> {
    await this.invoke(new RenameTableOp(oldName, newName, options));
  }

  /** Adds a column: `await op.addColumn("kits", "serial_number", column(String(100)).nullable())`. */
  async addColumn(
    tableName: string,
    columnName: string,
    column: ColumnBuilderAny,
    options: { schema?: string; ifNotExists?: boolean } = {},
  ): Promise<void> {
    await this.invoke(new AddColumnOp(tableName, columnName, column, options));
  }

  /** Drops a column. */
  async dropColumn(
    tableName: string,
    columnName: string,
    options: { schema?: string; ifExists?: boolean } = {},
  ): Promise<void> {
    await this.invoke(new DropColumnOp(tableName, columnName, options));
  }

  /**
   * Changes a column: `await op.alterColumn("users", "old_name", { newColumnName: "new_name" })`,
   * `{ type: String(200), existingType: String(100) }`, `{ nullable: false }`, `{ serverDefault: null }`.
   * MySQL rewrites the whole column, so give the `existing...` values there.
   */
  async alterColumn(
    tableName: string,
    columnName: string,
    changes: AlterColumnChanges & { schema?: string },
  ): Promise<void> {
    const { schema, ...rest } = changes;
    await this.invoke(new AlterColumnOp(tableName, columnName, rest, { schema }));
  }

  /** Creates an index: `await op.createIndex("ix_kits_code", "kits", ["code"], { unique: true })`. */
  async createIndex(
    indexName: string,
    tableName: string,
    columns: readonly (string | ColumnElement<any, any>)[],
    options: CreateIndexOptions = {},
  ): Promise<void> {
    await this.invoke(new CreateIndexOp(indexName, tableName, columns, options));
  }

  /** Drops an index (MySQL needs its table). */
  async dropIndex(
    indexName: string,
    tableName?: string,
    options: { schema?: string; ifExists?: boolean } = {},
  ): Promise<void> {
    await this.invoke(new DropIndexOp(indexName, tableName, options));
  }

  /** Adds a foreign key: `await op.createForeignKey("fk_events_kit", "custody_events", "kits", ["kit_id"], ["id"])`. */
  async createForeignKey(
    name: string | null,
    sourceTable: string,
    referentTable: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options: ForeignKeyOptions & { sourceSchema?: string; referentSchema?: string } = {},
  ): Promise<void> {
    await this.invoke(
      new CreateForeignKeyOp(name, sourceTable, referentTable, localColumns, remoteColumns, options),
    );
  }

  /** Adds a unique constraint. */
  async createUniqueConstraint(
    name: string | null,
    tableName: string,
    columns: readonly string[],
    options: { schema?: string } = {},
  ): Promise<void> {
    await this.invoke(new CreateUniqueConstraintOp(name, tableName, columns, options));
  }

  /** Adds a check constraint: `await op.createCheckConstraint("ck_price", "products", "price > 0")`. */
  async createCheckConstraint(
    name: string | null,
    tableName: string,
    condition: string | ColumnElement<any, any>,
    options: { schema?: string } = {},
  ): Promise<void> {
    await this.invoke(new CreateCheckConstraintOp(name, tableName, condition, options));
  }

  /** Adds a primary key. */
  async createPrimaryKey(
    name: string | null,
    tableName: string,
    columns: readonly string[],
    options: { schema?: string } = {},
  ): Promise<void> {
    await this.invoke(new CreatePrimaryKeyOp(name, tableName, columns, options));
  }

  /** Drops a constraint by name; `type` ("foreignkey", "unique", "primary", "check") is needed on MySQL. */
  async dropConstraint(
    name: string,
    tableName: string,
    options: { type?: ConstraintType; schema?: string; ifExists?: boolean } = {},
  ): Promise<void> {
    await this.invoke(new DropConstraintOp(name, tableName, options));
  }

  /** Sets a table's comment. */
  async createTableComment(
    tableName: string,
    comment: string,
    options: { existingComment?: string | null; schema?: string } = {},
  ): Promise<void> {
    await this.invoke(new CreateTableCommentOp(tableName, comment, options));
  }

  /** Removes a table's comment. */
  async dropTableComment(
    tableName: string,
    options: { existingComment?: string; schema?: string } = {},
  ): Promise<void> {
    await this.invoke(new DropTableCommentOp(tableName, options));
  }

  /** Creates a PostgreSQL enum type (nothing on other databases). */
  async createEnum(
    name: string,
    values: readonly string[],
    options: { schema?: string; ifNotExists?: boolean } = {},
  ): Promise<void> {
    await this.invoke(new CreateEnumOp(name, values, options));
  }

  /** Drops a PostgreSQL enum type. */
  async dropEnum(
    name: string,
    options: { schema?: string; ifExists?: boolean; values?: readonly string[] } = {},
  ): Promise<void> {
    await this.invoke(new DropEnumOp(name, options));
  }

  /** Adds a value to a PostgreSQL enum type (wrap in autocommitBlock when the same migration uses it). */
  async addEnumValue(
    name: string,
    value: string,
    options: { before?: string; after?: string; ifNotExists?: boolean; schema?: string } = {},
  ): Promise<void> {
    await this.invoke(new AddEnumValueOp(name, value, options));
  }

  /** Runs SQL text as written, or a Core statement: `await op.execute("UPDATE kits SET status = 'lost'")`. */
  async execute(sql: string | Node): Promise<void> {
    await this.invoke(new ExecuteOp(sql));
  }

  /** Inserts rows: `await op.bulkInsert(table("kits", column("code", String())), [{ code: "KIT-1" }])`. */
  async bulkInsert(
    table: TableClause<any>,
    rows: readonly Readonly<Record<string, unknown>>[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.invoke(new BulkInsertOp(table, rows));
  }

  /**
   * Groups changes to one table; on SQLite, changes ALTER TABLE cannot make recreate the table
   * (new table, copy every row, swap):
   * `await op.batchAlterTable("kits", async (batch) => { batch.alterColumn("code", { nullable: false }) })`.
   */
  async batchAlterTable(
    tableName: string,
    fn: (batch: BatchOperations) => void | Promise<void>,
    options: BatchOptions = {},
  ): Promise<void> {
    const batch = new BatchOperations(tableName, options.schema);
    await fn(batch);
    if (batch.ops.length === 0) return;
    await this.invoke(new BatchAlterTableOp(tableName, batch.ops, options));
  }

  /**
   * Runs `fn` outside the migration's transaction (committing what came before), for statements a
   * transaction cannot hold, e.g. PostgreSQL's `ALTER TYPE ... ADD VALUE` before using the value.
   */
  async autocommitBlock(fn: () => Promise<void>): Promise<void> {
    await this.#ctx.autocommit(fn);
  }
}
