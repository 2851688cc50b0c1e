import type { NestedTransaction } from "../../engine/transaction.js";
import { InvalidRequestError } from "../../errors.js";
import { newestOf } from "../newest.js";
import type { InstanceState } from "../state/instance-state.js";
import type { Session } from "./session.js";

const newest = newestOf<SessionTransaction>();

/**
 * A session's transaction: the root one (the connection's transaction) or a nested one (a
 * SAVEPOINT from `beginNested()`). It records what its flushes inserted, updated and deleted, so
 * rolling it back can put the objects back in step with the database.
 */
export class SessionTransaction implements AsyncDisposable {
  readonly session: Session;
  readonly parent: SessionTransaction | null;
  /** The Core savepoint (null for the root transaction). */
  readonly savepoint: NestedTransaction | null;
  active = true;
  #inserted: InstanceState[] | null = null;
  #updated: Set<InstanceState> | null = null;
  #deleted: Set<InstanceState> | null = null;

  constructor(session: Session, parent: SessionTransaction | null, savepoint: NestedTransaction | null) {
    this.session = session;
    this.parent = parent;
    this.savepoint = savepoint;
    newest.current = this;
  }

  /** Objects this transaction's flushes inserted, in order (made on first use: most transactions only read). */
  get inserted(): readonly InstanceState[] {
    return this.#inserted ?? [];
  }

  /** Records objects a flush inserted (a list: each row is inserted once per transaction). */
  recordInserted(states: readonly InstanceState[]): void {
    const list = (this.#inserted ??= []);
    for (const st of states) list.push(st);
  }

  /** Objects this transaction's flushes updated. */
  get updated(): Set<InstanceState> {
    return (this.#updated ??= new Set());
  }

  /** Objects this transaction's flushes deleted. */
  get deleted(): Set<InstanceState> {
    return (this.#deleted ??= new Set());
  }

  /** Whether any flush of this transaction deleted objects. */
  get hasDeleted(): boolean {
    return this.#deleted !== null && this.#deleted.size > 0;
  }

  get nested(): boolean {
    return this.savepoint !== null;
  }

  /** Releases the savepoint (flushing first) or commits the root transaction. */
  async commit(): Promise<void> {
    if (!this.active) throw new InvalidRequestError("This transaction is no longer active");
    if (!this.nested) return this.session.commit();
    await this.session._commitNested(this);
  }

  /** Rolls back to the savepoint (or the whole transaction for the root). */
  async rollback(): Promise<void> {
    if (!this.active) return;
    if (!this.nested) return this.session.rollback();
    await this.session._rollbackNested(this);
  }

  /** Folds this (released) savepoint's records into the enclosing transaction. */
  mergeInto(parent: SessionTransaction): void {
    parent.recordInserted(this.inserted);
    for (const s of this.updated) parent.updated.add(s);
    for (const s of this.deleted) parent.deleted.add(s);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.active) await this.rollback();
  }
}
