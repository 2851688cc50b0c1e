/**
 * `op.autocommitBlock(async () => { ... })` as an operation object, so autogenerate can write
 * one: PostgreSQL's `ALTER TYPE ... ADD VALUE` must run outside the migration's transaction (before
 * PG 12 it cannot run inside one; after, the new value cannot be used in the transaction that
 * added it).
 */
import { IrreversibleOperationError } from "../errors.js";
import { asyncArrow, type CodeRenderer } from "../render/code.js";
import type { Doc } from "../render/doc.js";
import {
  MigrateOperation,
  type MigrationStatement,
  type Receiver,
  renderCall,
  type StatementContext,
} from "./base.js";

/** Operations run outside the migration's transaction (committing what came before). */
export class AutocommitBlockOp extends MigrateOperation {
  readonly kind = "autocommit_block";
  readonly ops: readonly MigrateOperation[];

  /** Creates the block. */
  constructor(ops: readonly MigrateOperation[]) {
    super();
    this.ops = ops;
  }

  describe(): string {
    return `autocommit block (${this.ops.map((o) => o.describe()).join("; ")})`;
  }

  /** The inner statements; the runner runs them outside the transaction (see MigrationContext). */
  toStatements(ctx: StatementContext): MigrationStatement[] {
    return this.ops.flatMap((op) => op.toStatements(ctx));
  }

  override reverse(): AutocommitBlockOp {
    try {
      return new AutocommitBlockOp([...this.ops].reverse().map((op) => op.reverse()));
    } catch (e) {
      if (e instanceof IrreversibleOperationError)
        throw new IrreversibleOperationError(`${this.describe()} cannot be reversed: ${e.message}`);
      throw e;
    }
  }

  toDoc(r: CodeRenderer, receiver: Receiver = "op"): Doc {
    const body = this.ops.map((op) => ["await ", op.toDoc(r, receiver), ";"] as Doc);
    return renderCall(receiver, "autocommitBlock", [asyncArrow([], body)]);
  }
}
