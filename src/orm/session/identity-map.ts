import type { Mapper } from "../mapper/mapper.js";
import { newestOf } from "../newest.js";
import type { InstanceState } from "../state/instance-state.js";

const newest = newestOf<IdentityMap>();

type Identities = Map<unknown, InstanceState>;

/**
 * One object per primary key per mapper, as SQLAlchemy's identity map. The map of the first
 * mapper used is held in a field of its own, the others in a map by mapper, all made on first
 * use (and dropped by clear()): most sessions hold objects of one class, often one object, and a
 * session that closes without loading anything allocates nothing.
 */
export class IdentityMap {
  #firstMapper: Mapper | null = null;
  #first: Identities | null = null;
  #others: Map<Mapper, Identities> | null = null;

  constructor() {
    newest.current = this;
  }

  /** The map of one mapper (created on demand): the hot path of loading. */
  forMapper(mapper: Mapper): Identities {
    if (mapper === this.#firstMapper) return this.#first!;
    if (this.#firstMapper === null) {
      this.#firstMapper = mapper;
      return (this.#first = new Map());
    }
    const others = (this.#others ??= new Map());
    let m = others.get(mapper);
    if (!m) {
      m = new Map();
      others.set(mapper, m);
    }
    return m;
  }

  #existing(mapper: Mapper): Identities | undefined {
    return mapper === this.#firstMapper ? this.#first! : this.#others?.get(mapper);
  }

  get(mapper: Mapper, key: unknown): InstanceState | undefined {
    return this.#existing(mapper)?.get(key);
  }

  add(st: InstanceState): void {
    this.forMapper(st.mapper).set(st.key, st);
  }

  remove(st: InstanceState): void {
    const m = this.#existing(st.mapper);
    if (m && m.get(st.key) === st) m.delete(st.key);
  }

  /** Every state, mapper by mapper. */
  *states(): IterableIterator<InstanceState> {
    if (this.#first) yield* this.#first.values();
    if (this.#others) for (const m of this.#others.values()) yield* m.values();
  }

  /** Calls `fn` with every state (no iterator objects: the hot path of closing a session). */
  forEach(fn: (st: InstanceState) => void): void {
    this.#first?.forEach(fn);
    if (this.#others) for (const m of this.#others.values()) m.forEach(fn);
  }

  /** Whether `fn` holds for some state (stops at the first). */
  some(fn: (st: InstanceState) => boolean): boolean {
    if (this.#first) for (const st of this.#first.values()) if (fn(st)) return true;
    if (this.#others)
      for (const m of this.#others.values()) for (const st of m.values()) if (fn(st)) return true;
    return false;
  }

  get size(): number {
    let n = this.#first?.size ?? 0;
    if (this.#others) for (const m of this.#others.values()) n += m.size;
    return n;
  }

  clear(): void {
    this.#firstMapper = null;
    this.#first = null;
    this.#others = null;
  }
}
