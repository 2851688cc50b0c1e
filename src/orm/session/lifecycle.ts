import { ArgumentError, InvalidRequestError } from "../../errors.js";
import { className } from "../mapper/mapping.js";
import { type InstanceState, stateOf } from "../state/instance-state.js";
import { cascadeTargets, expungeState } from "../state/lifecycle.js";
import { isModified } from "../unitofwork/changes.js";
import type { UnitOfWorkContext } from "../unitofwork/context.js";
import type { Session } from "./session.js";

/**
 * Session.add(), delete(), expunge() and expungeAll(): objects entering and leaving a session,
 * and what the session says about them (contains, new, dirty, deleted, isModified).
 */

/** Session.add(): attaches an object and what its relationships cascade save-update to. */
export function addObject(session: Session, obj: object): void {
  const st = stateOf(obj);
  if (!st) throw new ArgumentError(`db.add() takes an instance of a mapped class; got ${describe(obj)}`);
  attach(session, st);
}

function attach(session: Session, st: InstanceState): void {
  if (st.session === session) {
    if (st.markedDeleted && !st.deletedFlushed) {
      st.markedDeleted = false;
      session.markedDeleted.delete(st);
    }
    return;
  }
  if (st.session !== null) {
    throw new InvalidRequestError(
      `${st.describe()} is already attached to another session; expunge it there first, or use merge()`,
    );
  }
  st.session = session;
  if (st.key === null) {
    st.insertOrder = ++session._insertCounter;
    session.pending.add(st);
  } else {
    const existing = session.identityMap.get(st.mapper, st.key);
    if (existing && existing !== st) {
      st.session = null;
      throw new InvalidRequestError(
        `Can't attach ${st.describe()}: another object with the same identity is already in this session; use merge() to copy its state`,
      );
    }
    session.identityMap.add(st);
  }
  if (st.rel !== null) for (const child of cascadeTargets(st, "save-update")) attach(session, child);
}

/** Session.delete(): marks an object for deletion at the next flush (the flush cascades `delete`). */
export function deleteObject(session: Session, obj: object): void {
  const st = stateOf(obj);
  if (!st) throw new ArgumentError(`db.delete() takes an instance of a mapped class; got ${describe(obj)}`);
  if (st.key === null) {
    if (st.session === session) expungeObject(session, obj);
    throw new InvalidRequestError(
      `${st.describe()} is not persisted, so it cannot be deleted; it has been removed from the session instead`,
    );
  }
  if (st.session !== session) attach(session, st);
  st.markedDeleted = true;
  session.markedDeleted.add(st);
}

/** Session.expunge(): detaches an object (and its `expunge` cascade). */
export function expungeObject(session: UnitOfWorkContext, obj: object): void {
  const st = stateOf(obj);
  if (!st || st.session !== session)
    throw new InvalidRequestError(`${st ? st.describe() : describe(obj)} is not in this session`);
  expungeState(session, st);
}

/** Session.expungeAll(): detaches every object. */
export function expungeAll(session: Session): void {
  session.identityMap.forEach(detach);
  session._pending?.forEach(detach);
  session.identityMap.clear();
  session._pending = null;
  session._markedDeleted = null;
}

function detach(st: InstanceState): void {
  st.session = null;
}

/** The state of an object of this session, or an error naming what `what` needs. */
export function ownedState(session: UnitOfWorkContext, obj: object, what: string): InstanceState {
  const st = stateOf(obj);
  if (!st) throw new ArgumentError(`db.${what}() takes an instance of a mapped class; got ${describe(obj)}`);
  if (st.session !== session)
    throw new InvalidRequestError(
      `${st.describe()} is not in this session (it is ${st.status}); ${what}() needs an attached object — use merge() or add() first`,
    );
  return st;
}

/** Session.contains(): a flushed deletion is not in the session (it left with its row). */
export function containsObject(session: UnitOfWorkContext, obj: object): boolean {
  const st = stateOf(obj);
  return st !== null && st.session === session && !st.deletedFlushed;
}

/** Session.dirty: persistent objects with changes not yet flushed. */
export function dirtyObjects(session: UnitOfWorkContext): object[] {
  const out: object[] = [];
  for (const st of session.identityMap.states()) if (!st.markedDeleted && isModified(st)) out.push(st.obj);
  return out;
}

/** Session.isModified(): a pending object counts as modified in its own session. */
export function isObjectModified(session: UnitOfWorkContext, obj: object): boolean {
  const st = stateOf(obj);
  if (!st) throw new ArgumentError(`isModified() takes an instance of a mapped class; got ${describe(obj)}`);
  return st.key === null ? st.session === session : isModified(st);
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === "object")
    return `an object of class ${v.constructor ? className(v.constructor as new () => unknown) : "Object"}`;
  return typeof v;
}
