import { InvalidRequestError } from "../errors.js";
import type { Connection } from "./connection.js";

/**
 * The newest transaction, kept alive so V8 keeps the code optimized for its hidden class across a
 * full GC, as the ORM's newest objects (src/orm/newest.ts). Releasing this and the newest Connection
 * before each GC of bench/micro/newest-gc.ts (its release() extended to them) cost 2.7x the CPU time.
 */
const newest: { current: Transaction | null } = { current: null };

/**
 * A transaction on a Connection: `commit()` or `rollback()`; with `await using`, one that is
 * still open at the end of the block is rolled back.
 */
export class Transaction implements AsyncDisposable {
  readonly connection: Connection;
  protected active = true;

  constructor(connection: Connection) {
    this.connection = connection;
    newest.current = this;
  }

  get isActive(): boolean {
    return this.active && this.connection.inTransaction();
  }

  async commit(): Promise<void> {
    this.#check("commit");
    this.active = false;
    await this.connection.commit();
  }

  async rollback(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    await this.connection.rollback();
  }

  #check(what: string): void {
    if (!this.active) throw new InvalidRequestError(`This transaction is no longer active; cannot ${what}`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.isActive) await this.rollback();
  }
}

/** A SAVEPOINT: rolling it back undoes only its own work; the outer transaction goes on. */
export class NestedTransaction extends Transaction {
  readonly name: string;

  constructor(connection: Connection, name: string) {
    super(connection);
    this.name = name;
  }

  override get isActive(): boolean {
    return this.active;
  }

  /** RELEASE SAVEPOINT: keeps the work as part of the outer transaction. */
  override async commit(): Promise<void> {
    if (!this.active) throw new InvalidRequestError(`Savepoint ${this.name} is no longer active`);
    this.active = false;
    await this.connection._endSavepoint(this.name, "release");
  }

  /** ROLLBACK TO SAVEPOINT. */
  override async rollback(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    await this.connection._endSavepoint(this.name, "rollback");
  }
}
