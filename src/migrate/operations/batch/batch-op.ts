/**
 * `op.batchAlterTable(table, async (batch) => { ... })`: a group of changes to one table. Where
 * the database can ALTER, the changes run one by one; on SQLite, changes ALTER TABLE cannot make
 * recreate the table ("move and copy": new table, copy rows, swap), as Alembic's batch mode does.
 */
import { TextDefault } from "../../../schema/column.js";
import type { Table } from "../../../schema/table.js";
import { ColumnElement } from "../../../sql/elements.js";
import { IrreversibleOperationError, OperationNotSupportedError } from "../../errors.js";
import { asyncArrow, type Code, type CodeRenderer, str } from "../../render/code.js";
import type { Doc } from "../../render/doc.js";
import { withOptions } from "../../render/schema-code.js";
import {
  MigrateOperation,
  type MigrationStatement,
  type Receiver,
  renderCall,
  type StatementContext,
  type TableOperation,
} from "../base.js";
import { AddColumnOp, AlterColumnOp } from "../column-ops.js";
import { CreateIndexOp, DropIndexOp } from "../index-ops.js";
import { CreateTableCommentOp, DropTableCommentOp, qualified } from "../table-ops.js";
import { TableModel } from "./table-model.js";

/** When a batch recreates its table: only where needed (SQLite), always, or never. */
export type RecreateMode = "auto" | "always" | "never";

/** Options of batchAlterTable. */
export interface BatchOptions {
  readonly schema?: string;
  /** "auto" (default): recreate on SQLite when a change needs it; "always"; "never". */
  readonly recreate?: RecreateMode;
  /** The table's current definition; required in `--sql` mode (no database to reflect). */
  readonly copyFrom?: Table<any, any>;
}

/** Whether SQLite's ALTER TABLE can make the change in place. */
function sqliteCanAlter(op: TableOperation): boolean {
  if (op instanceof CreateIndexOp || op instanceof DropIndexOp) return true;
  if (op instanceof CreateTableCommentOp || op instanceof DropTableCommentOp) return true;
  if (op instanceof AlterColumnOp) {
    const c = op.changes;
    return c.type === undefined && c.nullable === undefined && c.serverDefault === undefined;
  }
  if (op instanceof AddColumnOp) {
    const s = op.column.spec;
    const dflt = s.serverDefault;
    // ADD COLUMN takes no PRIMARY KEY / UNIQUE, no expression default, and NOT NULL only with a default.
    const expressionDefault =
      dflt instanceof ColumnElement ||
      (dflt instanceof TextDefault && !/^('.*'|-?\d+(\.\d+)?|NULL)$/is.test(dflt.sql.trim()));
    return !s.primaryKey && !s.unique && !expressionDefault && (s.nullable || dflt !== null) && !s.computed;
  }
  return false;
}

/** A batch of operations on one table. */
export class BatchAlterTableOp extends MigrateOperation {
  readonly kind = "batch_alter_table";
  readonly tableName: string;
  readonly ops: readonly TableOperation[];
  readonly options: BatchOptions;

  /** Creates the operation. */
  constructor(tableName: string, ops: readonly TableOperation[], options: BatchOptions = {}) {
    super();
    this.tableName = tableName;
    this.ops = ops;
    this.options = options;
  }

  get schema(): string | null {
    return this.options.schema ?? null;
  }

  describe(): string {
    return `batch alter table ${qualified(this.tableName, this.schema)} (${this.ops.map((o) => o.describe()).join("; ")})`;
  }

  /** Whether the table is recreated on this dialect (else the operations run one by one). */
  recreates(ctx: StatementContext): boolean {
    const mode = this.options.recreate ?? "auto";
    if (mode === "always") return true;
    if (mode === "never" || ctx.dialect.name !== "sqlite") return false;
    return !this.ops.every(sqliteCanAlter);
  }

  /**
   * The statements; `existing` is the table's current definition (reflected online), needed when
   * the table is recreated and no `copyFrom` was given.
   */
  toStatements(ctx: StatementContext, existing?: Table<any, any> | null): MigrationStatement[] {
    if (!this.recreates(ctx)) return this.ops.flatMap((op) => op.toStatements(ctx));
    if (ctx.dialect.name !== "sqlite") {
      throw new OperationNotSupportedError(
        `batchAlterTable("${this.tableName}", ..., { recreate: "always" }) recreates tables on SQLite only; on ${ctx.dialect.name} use recreate: "auto", which runs the changes as ALTER statements.`,
      );
    }
    const source = this.options.copyFrom ?? existing ?? null;
    if (!source) {
      throw new OperationNotSupportedError(
        `batchAlterTable("${this.tableName}") must recreate the table on SQLite, which needs its current definition: online it is reflected from the database; in --sql mode pass { copyFrom: new Table("${this.tableName}", new MetaData(), {...}) }.`,
      );
    }
    const model = TableModel.fromTable(source);
    for (const op of this.ops) model.apply(op);
    return model.recreateStatements(ctx);
  }

  override reverse(): BatchAlterTableOp {
    try {
      return new BatchAlterTableOp(
        this.tableName,
        [...this.ops].reverse().map((op) => op.reverse() as TableOperation),
        { schema: this.options.schema, recreate: this.options.recreate },
      );
    } catch (e) {
      if (e instanceof IrreversibleOperationError) {
        throw new IrreversibleOperationError(`${this.describe()} cannot be reversed: ${e.message}`);
      }
      throw e;
    }
  }

  toDoc(r: CodeRenderer, receiver: Receiver = "op"): Doc {
    // Batch calls record operations (they return nothing to await).
    const body = this.ops.map((op) => [op.toDoc(r, "batch"), ";"] as Doc);
    const args: Code[] = [str(this.tableName), asyncArrow(["batch"], body)];
    return renderCall(
      receiver,
      "batchAlterTable",
      withOptions(args, {
        schema: this.options.schema,
        recreate: this.options.recreate,
      }),
    );
  }
}
