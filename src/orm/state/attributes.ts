import {
  ArgumentError,
  DetachedInstanceError,
  InvalidRequestError,
  UnloadedAttributeError,
} from "../../errors.js";
import { kState } from "../declarative/keys.js";
import type { Mapper } from "../mapper/mapper.js";
import { newestOf } from "../newest.js";
import type { Relationship } from "../relationships/relationship.js";
import { type InstanceState, NO_REL, stateOf } from "./instance-state.js";

/**
 * A loaded collection. An Array whose mutators keep the other side of a backPopulates pair in
 * sync and cascade new members into the owner's session. Derived arrays (map, filter, slice) are
 * plain arrays. Assigning by index or truncating `length` is not seen until flush, which diffs
 * the collection against its snapshot anyway.
 */
const newestList = newestOf<InstrumentedList<unknown>>();

/** The array a loaded collection relationship holds: an Array whose changes the session tracks. */
export class InstrumentedList<T> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  // Private: invisible to Object.keys, JSON and deep equality, like the array's own data.
  #owner: InstanceState | null = null;
  #rel: Relationship | null = null;

  static create<T>(owner: InstanceState, rel: Relationship, items: readonly T[]): InstrumentedList<T> {
    const list = new InstrumentedList<T>();
    newestList.current = list;
    list.#owner = owner;
    list.#rel = rel;
    if (items.length) Array.prototype.push.apply(list, items as T[]);
    return list;
  }

  /** @internal The object whose collection this is. */
  get owner(): InstanceState {
    return this.#owner!;
  }

  /** @internal The relationship this collection belongs to. */
  get rel(): Relationship {
    return this.#rel!;
  }

  override push(...items: T[]): number {
    for (const i of items) added(this.owner, this.rel, i);
    return super.push(...items);
  }
  override unshift(...items: T[]): number {
    for (const i of items) added(this.owner, this.rel, i);
    return super.unshift(...items);
  }
  override pop(): T | undefined {
    const v = super.pop();
    if (v !== undefined) removed(this.owner, this.rel, v);
    return v;
  }
  override shift(): T | undefined {
    const v = super.shift();
    if (v !== undefined) removed(this.owner, this.rel, v);
    return v;
  }
  override splice(start: number, deleteCount?: number, ...items: T[]): T[] {
    const out = deleteCount === undefined ? super.splice(start) : super.splice(start, deleteCount, ...items);
    for (const v of out) removed(this.owner, this.rel, v);
    for (const i of items) added(this.owner, this.rel, i);
    return out;
  }
  /** Removes `item` (if present); true when it was there. */
  remove(item: T): boolean {
    const i = this.indexOf(item);
    if (i < 0) return false;
    this.splice(i, 1);
    return true;
  }
}

function mappedState(v: unknown, rel: Relationship): InstanceState {
  const st = stateOf(v);
  if (!st) {
    throw new ArgumentError(
      `${rel.parent.name}.${rel.key} holds ${rel.target?.name ?? "mapped"} objects; got ${v === null ? "null" : typeof v}`,
    );
  }
  return st;
}

/** Called when `item` joins `owner`'s collection `rel`. */
function added(owner: InstanceState, rel: Relationship, item: unknown): void {
  const st = mappedState(item, rel);
  owner.relModified = true;
  if (rel.backref && !rel.backref.uselist) setScalarQuietly(st, rel.backref, owner.obj);
  else if (rel.backref) appendQuietly(st, rel.backref, owner.obj);
  cascadeAdd(owner, rel, st);
}

/** Called when `item` leaves `owner`'s collection `rel`. */
function removed(owner: InstanceState, rel: Relationship, item: unknown): void {
  const st = stateOf(item);
  if (!st) return;
  owner.relModified = true;
  if (rel.backref && !rel.backref.uselist) {
    if (st.hasRel(rel.backref.key) && st.rel![rel.backref.key] === owner.obj)
      setScalarQuietly(st, rel.backref, null);
  } else if (rel.backref) removeQuietly(st, rel.backref, owner.obj);
  expungePendingOrphan(st, rel, owner.obj);
}

/**
 * As SQLAlchemy: a pending object taken out of a delete-orphan relationship leaves the session
 * at once (it was never inserted and has no parent now), unless its backref already names
 * another parent. Persistent orphans are deleted by the next flush instead.
 */
function expungePendingOrphan(st: InstanceState, rel: Relationship, owner: unknown): void {
  if (st.key !== null || st.session === null || !rel.cascade?.has("delete-orphan")) return;
  const back = rel.backref;
  const parent = back && !back.uselist && st.hasRel(back.key) ? st.rel![back.key] : null;
  if (parent && parent !== owner) return;
  st.session.expunge(st.obj);
}

/** save-update cascade: an object attached to one in a session joins that session. */
function cascadeAdd(owner: InstanceState, rel: Relationship, st: InstanceState): void {
  if (owner.session && st.session === null && rel.cascade?.has("save-update")) owner.session.add(st.obj);
}

function setScalarQuietly(st: InstanceState, rel: Relationship, value: unknown): void {
  st.setRel(rel.key, value);
  st.relModified = true;
}

function appendQuietly(st: InstanceState, rel: Relationship, obj: unknown): void {
  if (!st.hasRel(rel.key)) {
    // Only collections that are loaded (or of new objects) are kept in sync; others load later.
    if (st.key !== null) return;
    st.setRel(rel.key, InstrumentedList.create(st, rel, []));
  }
  const list = st.rel![rel.key] as unknown[];
  if (!list.includes(obj)) Array.prototype.push.call(list, obj);
  st.relModified = true;
}

function removeQuietly(st: InstanceState, rel: Relationship, obj: unknown): void {
  if (!st.hasRel(rel.key)) return;
  const list = st.rel![rel.key] as unknown[];
  const i = list.indexOf(obj);
  if (i >= 0) Array.prototype.splice.call(list, i, 1);
  st.relModified = true;
}

/**
 * Sets a relationship to what a load found (value and snapshot). The members of a loaded
 * one-to-many collection also get their many-to-one backref, when not loaded yet: the parent is
 * known, so reading `event.kit` after loading `kit.custodyEvents` needs no query.
 */
export function setLoadedRelationship(st: InstanceState, rel: Relationship, found: readonly object[]): void {
  if (rel.uselist) {
    const list = InstrumentedList.create(st, rel, found);
    st.setRel(rel.key, list);
    st.setRelCommitted(rel.key, list);
  } else st.setLoadedRel(rel.key, found[0] ?? null);
  const back = rel.backref;
  if (rel.direction !== "ONETOMANY" || !back || back.uselist) return;
  for (const child of found) {
    const cs = stateOf(child);
    if (cs && !cs.hasRel(back.key)) cs.setLoadedRel(back.key, st.obj);
  }
}

/** The error for reading a relationship that is not loaded. */
function unloadedRelationship(st: InstanceState, rel: Relationship): Error {
  const where = `${rel.parent.name}.${rel.key}`;
  if (st.session === null) {
    return new DetachedInstanceError(
      `${st.describe()} is detached (not in a session), and ${where} was not loaded. Load it before the session closes: ` +
        `selectinload(${where}) in the query, or \`await db.load(obj, "${rel.key}")\`.`,
    );
  }
  const hint = rel.lazy === "raise" ? ` (${where} is lazy: "raise")` : "";
  return new UnloadedAttributeError(
    `${where} is not loaded on ${st.describe()}${hint}; Athanor never queries on attribute access. ` +
      `Eager load it with .options(selectinload(${where})) or joinedload(${where}), or load it now with \`await db.load(obj, "${rel.key}")\`.`,
  );
}

/** Reads a relationship: the loaded value, an empty value for new objects, or a clear error. */
export function getRelationship(obj: any, rel: Relationship): unknown {
  if (!rel.configured) rel.parent.registry.configure();
  const st: InstanceState = obj[kState];
  const v = st.relValue(rel.key);
  if (v !== NO_REL) return v;
  if (st.key === null) {
    const empty = rel.uselist ? InstrumentedList.create(st, rel, []) : null;
    st.setRel(rel.key, empty);
    return empty;
  }
  if (rel.lazy === "noload") {
    // Loaded as nothing: a later assignment is then a change against that.
    setLoadedRelationship(st, rel, []);
    return st.rel![rel.key];
  }
  throw unloadedRelationship(st, rel);
}

/** Assigns a relationship, keeping backPopulates in sync and cascading into the session. */
export function setRelationship(obj: any, rel: Relationship, value: unknown): void {
  if (!rel.configured) rel.parent.registry.configure();
  const st: InstanceState = obj[kState];
  if (rel.uselist) {
    if (!Array.isArray(value))
      throw new ArgumentError(`${rel.parent.name}.${rel.key} is a collection; assign an array`);
    if (st.key !== null && !st.hasRel(rel.key)) {
      // Replacing a collection means unlinking the members that leave it, which only a loaded
      // collection tells (SQLAlchemy loads it here; Athanor never queries on attribute access).
      throw new InvalidRequestError(
        `${rel.parent.name}.${rel.key} is not loaded on ${st.describe()}, so assigning it can't tell which members leave. ` +
          `Load it first (\`await db.load(obj, "${rel.key}")\` or selectinload(${rel.parent.name}.${rel.key})), then assign or push.`,
      );
    }
    const old = st.hasRel(rel.key) ? (st.rel![rel.key] as unknown[]) : [];
    const list = InstrumentedList.create(st, rel, value);
    st.setRel(rel.key, list);
    st.relModified = true;
    for (const o of old) if (!value.includes(o)) removed(st, rel, o);
    for (const n of value) if (!old.includes(n)) added(st, rel, n);
    return;
  }
  const old = st.hasRel(rel.key) ? st.rel![rel.key] : undefined;
  if (value !== null && value !== undefined) mappedState(value, rel);
  st.setRel(rel.key, value ?? null);
  st.relModified = true;
  if (old === value) return;
  if (rel.backref) {
    if (old) {
      const os = stateOf(old)!;
      if (rel.backref.uselist) removeQuietly(os, rel.backref, obj);
      else if (os.hasRel(rel.backref.key) && os.rel![rel.backref.key] === obj)
        setScalarQuietly(os, rel.backref, null);
    }
    if (value) {
      const ns = stateOf(value)!;
      if (rel.backref.uselist) appendQuietly(ns, rel.backref, obj);
      else {
        const prev = ns.hasRel(rel.backref.key) ? ns.rel![rel.backref.key] : null;
        if (prev && prev !== obj) setScalarQuietly(stateOf(prev)!, rel, null);
        setScalarQuietly(ns, rel.backref, obj);
      }
    }
  }
  if (old) expungePendingOrphan(stateOf(old)!, rel, obj);
  if (value) cascadeAdd(st, rel, stateOf(value)!);
}

/** Installs relationship accessors on the mapped class's prototype. */
export function installRelationshipAccessors(mapper: Mapper): void {
  const proto = (mapper.cls as unknown as { prototype: object }).prototype;
  for (const rel of mapper.relationships.values()) {
    if (Object.getOwnPropertyDescriptor(proto, rel.key)) {
      throw new ArgumentError(
        `${mapper.name} defines a method or accessor '${rel.key}' that collides with the relationship of the same name; rename one of them`,
      );
    }
    Object.defineProperty(proto, rel.key, {
      get(this: object) {
        return getRelationship(this, rel);
      },
      set(this: object, v: unknown) {
        setRelationship(this, rel, v);
      },
      configurable: true,
      enumerable: false,
    });
  }
}

/** Makes columns of a loaded object unreadable until reloaded (expire), with a clear error. */
export function expireColumns(
  st: InstanceState,
  keys: readonly string[],
  reason: "expired" | "deferred",
): void {
  const obj = st.obj;
  const expired = (st.expiredKeys ??= new Set());
  for (const key of keys) {
    expired.add(key);
    Object.defineProperty(obj, key, {
      get() {
        throw unloadedColumnError(st, key, reason);
      },
      set(v: unknown) {
        Object.defineProperty(obj, key, { value: v, writable: true, enumerable: true, configurable: true });
        st.expiredKeys?.delete(key);
        // A value assigned over an expired attribute is a change to write (it has no snapshot).
        (st.forcedDirty ??= new Set()).add(key);
      },
      configurable: true,
      enumerable: false,
    });
  }
}

/** Restores expired or deferred columns as plain properties with fresh values. */
export function restoreColumn(st: InstanceState, key: string, value: unknown): void {
  Object.defineProperty(st.obj, key, { value, writable: true, enumerable: true, configurable: true });
  st.expiredKeys?.delete(key);
}

function unloadedColumnError(st: InstanceState, key: string, reason: "expired" | "deferred"): Error {
  const where = `${st.mapper.name}.${key}`;
  if (st.session === null) {
    return new DetachedInstanceError(
      `${st.describe()} is detached and ${where} was ${reason === "expired" ? "expired (by commit or rollback)" : "not loaded (deferred)"}. ` +
        `Refresh it while it is in a session (\`await db.refresh(obj)\`), or create the session with expireOnCommit: false.`,
    );
  }
  if (reason === "deferred") {
    return new UnloadedAttributeError(
      `${where} is deferred and not loaded on ${st.describe()}. Load it with .options(undefer(${where})) or \`await db.refresh(obj, ["${key}"])\`.`,
    );
  }
  return new UnloadedAttributeError(
    `${where} was expired on ${st.describe()} (by commit, rollback or expire()); Athanor never queries on attribute access. ` +
      `Reload it with \`await db.refresh(obj)\` (or query it again), or create the session with expireOnCommit: false.`,
  );
}
