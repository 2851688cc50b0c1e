/**
 * The base of every migration operation. Operations are plain data (Alembic's MigrateOperation):
 * the same object produces the statements that run online or print offline, reverses into the
 * operation that undoes it, and renders the `op.xxx(...)` call that recreates it in a revision
 * file (what autogenerate writes).
 */
import type { Dialect } from "../../dialects/dialect.js";
import type { NamingConvention } from "../../schema/naming.js";
import type { Node } from "../../sql/node.js";
import { IrreversibleOperationError } from "../errors.js";
import { type Code, CodeRenderer, call } from "../render/code.js";
import type { Doc } from "../render/doc.js";

/** What statements depend on: the dialect they are for. */
export interface StatementContext {
  readonly dialect: Dialect;
  /** Naming convention for constraints and indexes the operation leaves unnamed (default: MetaData's). */
  readonly namingConvention?: NamingConvention;
}

/**
 * One statement of an operation: a DDL element or Core statement (compiled per dialect, rendered
 * with values inline offline), or raw SQL text run as written.
 */
export type MigrationStatement = Node | string;

/** Who the rendered call is made on: the revision's `op`, or a batch's `batch` (table implied). */
export type Receiver = "op" | "batch";

/** Base class of migration operations. */
export abstract class MigrateOperation {
  /** A stable discriminator, e.g. "add_column". */
  abstract readonly kind: string;

  /** What the operation does, for progress output and errors: `add column kits.serial_number`. */
  abstract describe(): string;

  /** The statements that carry the operation out on a dialect, in order. */
  abstract toStatements(ctx: StatementContext): MigrationStatement[];

  /** The call that recreates this operation, as a document (see toCode). */
  abstract toDoc(r: CodeRenderer, receiver?: Receiver): Doc;

  /** The operation that undoes this one; throws IrreversibleOperationError when there is none. */
  reverse(): MigrateOperation {
    throw new IrreversibleOperationError(
      `${this.describe()} cannot be reversed automatically; write the downgrade by hand.`,
    );
  }

  /** Whether reverse() succeeds. */
  get isReversible(): boolean {
    try {
      this.reverse();
      return true;
    } catch (e) {
      if (e instanceof IrreversibleOperationError) return false;
      throw e;
    }
  }

  /**
   * The statement that recreates this operation in a revision file, formatted:
   * `await op.addColumn("kits", "serial_number", column(String(100)).nullable());`. Imports it
   * needs are recorded on `r`; `indentBy` is the column the statement starts at.
   */
  toCode(r: CodeRenderer = new CodeRenderer(), indentBy = 0): string {
    return r.print(["await ", this.toDoc(r), ";"], indentBy);
  }
}

/** An operation on one table: the kind a batch (`batchAlterTable`) can hold. */
export abstract class TableOperation extends MigrateOperation {
  abstract readonly tableName: string;
  abstract readonly schema: string | null;
}

/** `op.name(args)` or, inside a batch, `batch.name(args without the table)`. */
export function renderCall(receiver: Receiver, name: string, args: readonly Code[]): Doc {
  return call(`${receiver}.${name}`, args);
}
