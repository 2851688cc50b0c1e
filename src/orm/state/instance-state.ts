import { kState } from "../declarative/keys.js";
import type { Mapper } from "../mapper/mapper.js";
import { newestOf } from "../newest.js";
import type { UnitOfWorkContext } from "../unitofwork/context.js";

/** Where an object is in its session's life cycle (`objectStatus(obj)`), as SQLAlchemy's inspect() states. */
export type ObjectStatus = "transient" | "pending" | "persistent" | "deleted" | "detached";

const newest = newestOf<InstanceState>();

const REL_MODIFIED = 1;
const MARKED_DELETED = 2;
const DELETED_FLUSHED = 4;
/** relCommitted is `rel` itself (see setLoadedRel). */
const REL_SHARED = 8;
/** The relationship value is the value of the mapper's lone relationship, not a record (see setLoadedRel). */
const REL_LONE = 16;
/** #rel holds a Rare record, whose `rel` holds the relationship value. */
const RARE = 32;
/** #bits holds the flags below this and the insertion order times it (arithmetic, not bit operations: exact past 2^31 adds). */
const ORDER_UNIT = 64;
/** The mapper memo naming the relationship whose loaded value a state may hold alone. */
const LONE_KEY = "loneRelKey";

/**
 * What few objects have, made on first use: expired or flagged columns, a relationship snapshot of
 * its own; and the relationship value the state's #rel held until then.
 */
interface Rare {
  rel: unknown;
  expiredKeys: Set<string> | null;
  forcedDirty: Set<string> | null;
  relCommitted: Record<string, unknown> | null;
}

/**
 * A snapshot of column values: one field per mapper column, named by snapshotSlot(column.index).
 * An object with named fields rather than an array: one object of 24 + 8n bytes where an array
 * takes two (its header, 32 bytes, and its elements, 16 + 8n). A 100,000-row load keeps one per
 * object and copies every one through the young generation: 24 bytes and one object less each.
 */
export type Snapshot = Record<string, unknown>;

const slots: string[] = [];

/** The snapshot field of the column at `index` in mapper.columns (c0, c1, ...). */
export function snapshotSlot(index: number): string {
  for (let i = slots.length; i <= index; i++) slots.push(`c${i}`);
  return slots[index]!;
}

/**
 * Per-object bookkeeping, as SQLAlchemy's InstanceState: which session the object belongs to,
 * its identity key, the column values last loaded or flushed (the snapshot dirty checks compare
 * against), and relationship values and their snapshots.
 */
export class InstanceState {
  readonly mapper: Mapper;
  readonly obj: any;
  session: UnitOfWorkContext | null = null;
  /** The identity key once the row exists in the database (null for transient / pending). */
  key: unknown = null;
  /** Column values as last loaded or flushed, by snapshotSlot(column.index) (null: never persisted). */
  committed: Snapshot | null = null;
  /**
   * Relationship values by key, or the lone loaded value (REL_LONE): see `rel`. Once an object
   * has any of expiredKeys, forcedDirty or relCommitted (unless shared with rel), a Rare record
   * (flag RARE) holding them and that value: one field for both, so a loaded object's state is 7
   * fields, 80 bytes (8 fields, 88 bytes, with a field of its own for the record; 10 fields, 104
   * bytes, before 2026-12-07).
   */
  #rel: unknown = null;
  /**
   * relModified, markedDeleted, deletedFlushed, REL_SHARED, REL_LONE and RARE, plus insertOrder *
   * ORDER_UNIT: one field for what most objects never set.
   */
  #bits = 0;

  constructor(mapper: Mapper, obj: object) {
    this.mapper = mapper;
    this.obj = obj;
    newest.current = this;
  }

  /** Relationship values by key (present only once loaded or set). */
  get rel(): Record<string, unknown> | null {
    if (hasFlag(this.#bits, REL_LONE)) {
      // Made on first use: the record setLoadedRel put off, shared with relCommitted as it was.
      const both: Record<string, unknown> = {};
      both[this.mapper.memo.get(LONE_KEY) as string] = InstanceState.#relOf(this);
      InstanceState.#setRel(this, both);
      this.#bits = withFlag(withFlag(this.#bits, REL_LONE, false), REL_SHARED, true);
    }
    return InstanceState.#relOf(this) as Record<string, unknown> | null;
  }
  set rel(v: Record<string, unknown> | null) {
    if (hasFlag(this.#bits, REL_LONE)) void this.rel;
    InstanceState.#setRel(this, v);
  }

  // Static, not instance, private methods: an instance private method gives every instance a
  // brand field (8 bytes).
  /** The relationship value (a record, the lone value, or null), wherever #rel keeps it. */
  static #relOf(st: InstanceState): unknown {
    return hasFlag(st.#bits, RARE) ? (st.#rel as Rare).rel : st.#rel;
  }

  static #setRel(st: InstanceState, v: unknown): void {
    if (hasFlag(st.#bits, RARE)) (st.#rel as Rare).rel = v;
    else st.#rel = v;
  }

  /** The Rare record, or null. */
  static #rareOf(st: InstanceState): Rare | null {
    return hasFlag(st.#bits, RARE) ? (st.#rel as Rare) : null;
  }

  /** The Rare record, made (taking over #rel's value) when there is none. */
  static #rare(st: InstanceState): Rare {
    if (hasFlag(st.#bits, RARE)) return st.#rel as Rare;
    const rare: Rare = { rel: st.#rel, expiredKeys: null, forcedDirty: null, relCommitted: null };
    st.#rel = rare;
    st.#bits = withFlag(st.#bits, RARE, true);
    return rare;
  }

  /**
   * The value of relationship `key`, or NO_REL when it has none, without making the record a
   * lone loaded value puts off (reading `order.customer` after a load).
   */
  relValue(key: string): unknown {
    if (hasFlag(this.#bits, REL_LONE))
      return this.mapper.memo.get(LONE_KEY) === key ? InstanceState.#relOf(this) : NO_REL;
    const rels = InstanceState.#relOf(this) as Record<string, unknown> | null;
    if (rels === null) return NO_REL;
    const v = rels[key];
    return v !== undefined || key in rels ? v : NO_REL;
  }

  /** A relationship was set or a collection changed since the last flush. */
  get relModified(): boolean {
    return hasFlag(this.#bits, REL_MODIFIED);
  }
  set relModified(v: boolean) {
    this.#bits = withFlag(this.#bits, REL_MODIFIED, v);
  }

  /** Marked with session.delete(), not yet flushed. */
  get markedDeleted(): boolean {
    return hasFlag(this.#bits, MARKED_DELETED);
  }
  set markedDeleted(v: boolean) {
    this.#bits = withFlag(this.#bits, MARKED_DELETED, v);
  }

  /** The DELETE was flushed; the object leaves the session at commit. */
  get deletedFlushed(): boolean {
    return hasFlag(this.#bits, DELETED_FLUSHED);
  }
  set deletedFlushed(v: boolean) {
    this.#bits = withFlag(this.#bits, DELETED_FLUSHED, v);
  }

  /** The insertion order in the session (flush orders rows of one table by it). */
  get insertOrder(): number {
    return Math.floor(this.#bits / ORDER_UNIT);
  }
  set insertOrder(v: number) {
    this.#bits = v * ORDER_UNIT + (this.#bits % ORDER_UNIT);
  }

  /** Columns that were expired (their own properties replaced by throwing accessors). */
  get expiredKeys(): Set<string> | null {
    return hasFlag(this.#bits, RARE) ? (this.#rel as Rare).expiredKeys : null;
  }
  set expiredKeys(v: Set<string> | null) {
    if (v !== null || hasFlag(this.#bits, RARE)) InstanceState.#rare(this).expiredKeys = v;
  }

  /** Attributes flagged modified by hand (flagModified), for in-place changes snapshots miss. */
  get forcedDirty(): Set<string> | null {
    return hasFlag(this.#bits, RARE) ? (this.#rel as Rare).forcedDirty : null;
  }
  set forcedDirty(v: Set<string> | null) {
    if (v !== null || hasFlag(this.#bits, RARE)) InstanceState.#rare(this).forcedDirty = v;
  }

  /**
   * Relationship values as last loaded or flushed (collections copied), for flush diffs. Often
   * the very record `rel` is (setLoadedRel), which a flag says instead of a field.
   */
  get relCommitted(): Record<string, unknown> | null {
    if (hasFlag(this.#bits, REL_LONE)) return this.rel;
    if (hasFlag(this.#bits, REL_SHARED)) return this.rel;
    return InstanceState.#rareOf(this)?.relCommitted ?? null;
  }
  set relCommitted(v: Record<string, unknown> | null) {
    if (hasFlag(this.#bits, REL_LONE)) void this.rel;
    const shared = v !== null && v === this.rel;
    this.#bits = withFlag(this.#bits, REL_SHARED, shared);
    if (shared) {
      const rare = InstanceState.#rareOf(this);
      if (rare !== null) rare.relCommitted = null;
    } else if (v !== null || hasFlag(this.#bits, RARE)) InstanceState.#rare(this).relCommitted = v;
  }

  get status(): ObjectStatus {
    if (this.session === null) return this.key === null ? "transient" : "detached";
    if (this.key === null) return "pending";
    return this.deletedFlushed ? "deleted" : "persistent";
  }

  /** Whether relationship `key` has a value (loaded or set). */
  hasRel(key: string): boolean {
    if (hasFlag(this.#bits, REL_LONE)) return this.mapper.memo.get(LONE_KEY) === key;
    const rels = InstanceState.#relOf(this);
    return rels !== null && key in (rels as Record<string, unknown>);
  }

  setRel(key: string, value: unknown): void {
    if (this.rel === null) this.rel = {};
    else if (hasFlag(this.#bits, REL_SHARED)) {
      const both = this.rel;
      this.rel = { ...both };
      this.relCommitted = both;
    }
    this.rel[key] = value;
  }

  setRelCommitted(key: string, value: unknown): void {
    if (this.relCommitted === null) this.relCommitted = {};
    else if (this.relCommitted === this.rel) this.relCommitted = { ...this.relCommitted };
    this.relCommitted[key] = Array.isArray(value) ? [...value] : value;
  }

  /**
   * A just-loaded single-object relationship value, which is also its committed value: while
   * nothing else is set, one record holds both (setRel and setRelCommitted copy it before a
   * change). Loading a collection with a back-populated many-to-one saves an object per child.
   */
  setLoadedRel(key: string, value: object | null): void {
    if (InstanceState.#relOf(this) === null && this.relCommitted === null) {
      // The first relationship of a mapper loaded this way (the back-reference of a loaded
      // collection, mostly) is held alone, without the record, until something reads the record:
      // in W3 (1,000 customers with their ~10,000 orders) the record was ~10% of the load's CPU.
      const memo = this.mapper.memo;
      let lone = memo.get(LONE_KEY);
      if (lone === undefined) memo.set(LONE_KEY, (lone = key));
      if (lone === key) {
        InstanceState.#setRel(this, value);
        this.#bits = withFlag(this.#bits, REL_LONE, true);
        return;
      }
      const both: Record<string, unknown> = {};
      both[key] = value;
      this.rel = both;
      this.relCommitted = both;
      return;
    }
    this.setRel(key, value);
    this.setRelCommitted(key, value);
  }

  /** A short description for messages: `<Kit id=3>`. */
  describe(): string {
    // From the identity key (or snapshot), never the attributes: they may be expired accessors.
    const values =
      this.key === null
        ? this.mapper.pk.map((c) => this.committed?.[snapshotSlot(c.index)])
        : this.mapper.pk.length === 1
          ? [this.key]
          : (JSON.parse(String(this.key)) as unknown[]);
    const pk = this.mapper.pkKeys.map((k, i) => `${k}=${formatValue(values[i])}`).join(" ");
    return `<${this.mapper.name}${pk ? ` ${pk}` : ""}${this.key === null ? " (not persisted)" : ""}>`;
  }
}

/** What InstanceState.relValue returns for a relationship without a value. */
export const NO_REL: unique symbol = Symbol("no relationship value");

function formatValue(v: unknown): string {
  if (v === undefined) return "?";
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

// Functions, not private methods: a private method gives every instance a brand field (8 bytes).
function hasFlag(bits: number, flag: number): boolean {
  return ((bits % ORDER_UNIT) & flag) !== 0;
}

function withFlag(bits: number, flag: number, on: boolean): number {
  return hasFlag(bits, flag) === on ? bits : bits + (on ? flag : -flag);
}

/** The state of a mapped object, or null for anything else. */
export function stateOf(obj: unknown): InstanceState | null {
  if (typeof obj !== "object" || obj === null) return null;
  return ((obj as Record<symbol, InstanceState | undefined>)[kState] ?? null) as InstanceState | null;
}

/** The object's status: transient, pending, persistent, deleted or detached. */
export function objectStatus(obj: object): ObjectStatus {
  const st = stateOf(obj);
  if (!st) throw new TypeError(`${String(obj)} is not an instance of a mapped class`);
  return st.status;
}
