import type { Connection, Params } from "../../engine/connection.js";
import type { Result } from "../../engine/result.js";
import type { Node } from "../../sql/node.js";
import type { IdentityMap } from "../session/identity-map.js";
import type { InstanceState } from "../state/instance-state.js";

/** What the flushes of a transaction did, kept to undo it in memory at rollback. */
export interface FlushRecord {
  /** Records objects a flush inserted. */
  recordInserted(states: readonly InstanceState[]): void;
  /** Objects the flushes updated. */
  readonly updated: Set<InstanceState>;
  /** Objects the flushes deleted. */
  readonly deleted: Set<InstanceState>;
}

/**
 * What loaders, object state and the flush need from the unit of work they run in, and nothing
 * more: as SQLAlchemy's persistence.py takes a UOWTransaction and MikroORM's ChangeSetPersister
 * its collaborators, they take this instead of the Session (which implements it). They import it
 * as a type only, so the session can import them without an import cycle.
 */
export interface UnitOfWorkContext {
  /** One object per primary key per mapper. */
  readonly identityMap: IdentityMap;
  /** Objects added and not yet inserted, in the order added. */
  readonly pending: Set<InstanceState>;
  /** Objects marked for deletion and not yet deleted. */
  readonly markedDeleted: Set<InstanceState>;
  /** The transaction in progress (null before the first statement). */
  readonly transaction: FlushRecord | null;
  /** The connection of the current transaction (begun on first use). */
  connection(): Promise<Connection>;
  /** @internal connection() when it needs no waiting; null otherwise (and nothing was done). */
  _connectionSync(): Connection | null;
  /** Raises if a failed flush is waiting for rollback(). */
  checkUsable(): void;
  /** @internal Flushes when autoflush is on (called before queries). */
  _autoflush(): Promise<void>;
  /** @internal Whether an autoflush would write anything. */
  _needsAutoflush(): boolean;
  /** Runs `fn` with autoflush turned off. */
  noAutoflush<T>(fn: () => Promise<T>): Promise<T>;
  /** The loader hook: runs a statement as the session does (ORM selects hydrate into the identity map). */
  execute(stmt: Node, params?: Params): Promise<Result<any>>;
  /** Attaches an object (save-update cascade). */
  add(obj: object): void;
  /** Marks an object for deletion. */
  delete(obj: object): void;
  /** Detaches an object (delete-orphan of a pending object). */
  expunge(obj: object): void;
}
