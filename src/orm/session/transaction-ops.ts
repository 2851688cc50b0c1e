/**
 * Session.connection(), begin(), beginNested(), flush(), commit(), rollback() and close(), with
 * what a rollback does to the objects: the session's transaction and the connection it holds,
 * from first use to release.
 */
import type { StatementLimits } from "../../engine/cancel.js";
import type { Connection } from "../../engine/connection.js";
import type { Engine } from "../../engine/engine.js";
import { newRoute } from "../../engine/replicas/route.js";
import { InvalidRequestError } from "../../errors.js";
import type { InstanceState } from "../state/instance-state.js";
import { expireState } from "../state/lifecycle.js";
import { isModified } from "../unitofwork/changes.js";
import { flushSession } from "../unitofwork/flush.js";
import { IdentityMap } from "./identity-map.js";
import { expungeAll } from "./lifecycle.js";
import type { Session } from "./session.js";
import { SessionTransaction } from "./session-transaction.js";

/** What close() returns when nothing was left to wait for. */
const DONE: Promise<void> = Promise.resolve();

/** Session.connection() when it must wait: no transaction may begin yet, or the pool must open, ping or wait. */
export async function connect(session: Session): Promise<Connection> {
  if (!session.transaction) {
    if (!session.autobegin)
      throw new InvalidRequestError(
        "This session has autobegin: false and no transaction; call `await db.begin()` first",
      );
    session.transaction = new SessionTransaction(session, null, null);
  }
  const conn = await (session.bind as Engine).connect();
  takeConnection(session, conn);
  return conn;
}

/** Makes `conn` the session's connection: its own unless it is the session's bind. */
export function takeConnection(session: Session, conn: Connection): void {
  session._conn = conn;
  session._ownsConnection = conn !== session.bind;
  // Reads after this session's commits see them, across the connections it takes (read replicas).
  if (session._ownsConnection && conn.engine._replicas !== null) conn._route = session._route ??= newRoute();
}

/** Session.begin(): begins the session transaction explicitly (needed with autobegin: false). */
export function begin(session: Session): SessionTransaction {
  if (session.transaction)
    throw new InvalidRequestError(
      "A transaction is already begun on this session; use beginNested() for a savepoint",
    );
  session.transaction = new SessionTransaction(session, null, null);
  return session.transaction;
}

/** Session.beginNested(): flushes, then opens a SAVEPOINT. */
export async function beginNested(session: Session): Promise<SessionTransaction> {
  await session.flush();
  const conn = await session.connection();
  const sp = await conn.beginNested();
  session.transaction = new SessionTransaction(session, session.transaction, sp);
  return session.transaction;
}

/** SessionTransaction.commit() of a savepoint: flushes and releases it. */
export async function commitNested(session: Session, tx: SessionTransaction): Promise<void> {
  requireInnermost(session, tx);
  await session.flush();
  await tx.savepoint!.commit();
  tx.active = false;
  tx.mergeInto(tx.parent!);
  session.transaction = tx.parent;
}

/** SessionTransaction.rollback() of a savepoint (the savepoints inside it first). */
export async function rollbackNested(session: Session, tx: SessionTransaction): Promise<void> {
  while (session.transaction && session.transaction !== tx && session.transaction.nested)
    await rollbackNested(session, session.transaction);
  requireInnermost(session, tx);
  await tx.savepoint!.rollback();
  tx.active = false;
  session.transaction = tx.parent;
  restoreAfterRollback(session, tx, true);
  session._pendingRollback = null;
}

function requireInnermost(session: Session, tx: SessionTransaction): void {
  if (session.transaction !== tx)
    throw new InvalidRequestError(
      "Only the innermost savepoint can be committed; release or roll back the inner ones first",
    );
}

/** Session.flush(): writes pending changes inside the current transaction. */
export async function flush(session: Session, limits?: StatementLimits): Promise<void> {
  if (limits !== undefined) {
    session.checkUsable();
    if (!session._hasChanges()) return;
    const conn = await session.connection();
    return conn._withLimits(limits, () => session.flush());
  }
  session.checkUsable();
  if (session._flushing) return;
  // Nothing new, deleted or changed: no flush (one comparison per loaded object, as cheap as
  // SQLAlchemy's check of its modified set for the autoflush before every query).
  if (!session._hasChanges()) return;
  session._flushing = true;
  try {
    const conn = await session.connection();
    await flushSession(session, conn, session.transaction!);
  } catch (e) {
    session._pendingRollback = e as Error;
    throw e;
  } finally {
    session._flushing = false;
  }
}

/** Session.commit(): flushes, commits, and (expireOnCommit) expires every object. */
export async function commit(session: Session, limits?: StatementLimits): Promise<void> {
  if (limits !== undefined && session._conn === null && (session.transaction || session._hasChanges()))
    await session.connection();
  if (limits !== undefined && session._conn !== null) {
    const conn = session._conn;
    return conn._withLimits(limits, () => session.commit());
  }
  session.checkUsable();
  if (!session.transaction) {
    if (!session._hasChanges()) return;
    await session.connection();
  }
  await session.flush();
  while (session.transaction?.nested) await commitNested(session, session.transaction);
  const root = session.transaction!;
  if (session._conn) await session._conn.commit();
  root.active = false;
  session.transaction = null;
  if (root.hasDeleted) for (const st of root.deleted) detachDeleted(session, st);
  if (session.expireOnCommit) session.identityMap.forEach(expireAll);
  await releaseConnection(session);
}

function detachDeleted(session: Session, st: InstanceState): void {
  session.identityMap.remove(st);
  st.session = null;
  st.deletedFlushed = false;
  st.markedDeleted = false;
}

function expireAll(st: InstanceState): void {
  expireState(st, null);
}

/** Session.rollback(): rolls back every savepoint and the transaction; objects return to their state before it. */
export async function rollback(session: Session): Promise<void> {
  const root = rootOf(session);
  session._pendingRollback = null;
  if (!root) return;
  if (session._conn) await session._conn.rollback();
  for (let tx: SessionTransaction | null = session.transaction; tx; tx = tx.parent) tx.active = false;
  session.transaction = null;
  restoreAfterRollback(session, root, false);
  await releaseConnection(session);
}

function rootOf(session: Session): SessionTransaction | null {
  let tx = session.transaction;
  while (tx?.parent) tx = tx.parent;
  return tx;
}

/** Puts objects back in step with a database that forgot the rolled-back work. */
function restoreAfterRollback(session: Session, tx: SessionTransaction, nested: boolean): void {
  // Rows inserted by the rolled-back work no longer exist: those objects become transient.
  for (const st of new Set(tx.inserted)) {
    session.identityMap.remove(st);
    session.pending.delete(st);
    st.key = null;
    st.committed = null;
    st.session = null;
    st.deletedFlushed = false;
  }
  for (const st of tx.deleted) {
    st.deletedFlushed = false;
    st.markedDeleted = false;
    session.identityMap.add(st);
    expireState(st, null);
  }
  for (const st of tx.updated) if (st.session === session) expireState(st, null);
  // Objects added and not flushed leave the session (after a savepoint's rollback, as SQLAlchemy:
  // those added since it began, beginNested flushed the earlier ones). A rolled-back transaction
  // expires every object; a rolled-back savepoint those with changes not flushed yet.
  for (const st of session.pending) st.session = null;
  session.pending.clear();
  for (const st of session.markedDeleted) st.markedDeleted = false;
  session.markedDeleted.clear();
  for (const st of session.identityMap.states()) if (!nested || isModified(st)) expireState(st, null);
}

async function releaseConnection(session: Session): Promise<void> {
  const conn = session._conn;
  session._conn = null;
  if (conn && session._ownsConnection) await conn.close();
}

/** Session.close(): rolls back what is not committed, empties the session and releases the connection. */
export function close(session: Session): Promise<void> {
  // Without I/O to wait for (no transaction on the server, the pool takes the connection back
  // at once) the session closes now: one request, one session, the common case.
  const conn = session._conn;
  if (conn === null || (conn._rollbackSync() && (!session._ownsConnection || conn._closeSync()))) {
    detachAll(session);
    return DONE;
  }
  return closeAsync(session, conn);
}

async function closeAsync(session: Session, conn: Connection): Promise<void> {
  try {
    if (!conn._rollbackSync() && !(session._ownsConnection && conn._closeAfterReads()))
      await conn.rollback().catch(() => undefined);
  } finally {
    detachAll(session);
    if (session._ownsConnection && !conn._closeSync()) await conn.close();
  }
}

function detachAll(session: Session): void {
  session.transaction = null;
  session._pendingRollback = null;
  expungeAll(session);
  session.identityMap = new IdentityMap();
  session._conn = null;
}
