import { newestOf } from "../../engine/newest.js";
import type { Mapper } from "../mapper/mapper.js";
import type { InstanceState } from "../state/instance-state.js";

const newest = newestOf<IdentityMap>();

/** One object per primary key per mapper, as SQLAlchemy's identity map. */
export class IdentityMap {
  /** Maps by mapper, made on first use (and dropped by clear()): closing a session allocates nothing. */
  #byMapper: Map<Mapper, Map<unknown, InstanceState>> | null = null;

  constructor() {
    newest.current = this;
  }

  /** The map of one mapper (created on demand): the hot path of loading. */
  forMapper(mapper: Mapper): Map<unknown, InstanceState> {
    const all = (this.#byMapper ??= new Map());
    let m = all.get(mapper);
    if (!m) {
      m = new Map();
      all.set(mapper, m);
    }
    return m;
  }

  get(mapper: Mapper, key: unknown): InstanceState | undefined {
    return this.#byMapper?.get(mapper)?.get(key);
  }

  add(st: InstanceState): void {
    this.forMapper(st.mapper).set(st.key, st);
  }

  remove(st: InstanceState): void {
    const m = this.#byMapper?.get(st.mapper);
    if (m && m.get(st.key) === st) m.delete(st.key);
  }

  /** Every state, mapper by mapper. */
  *states(): IterableIterator<InstanceState> {
    if (this.#byMapper) for (const m of this.#byMapper.values()) yield* m.values();
  }

  /** Calls `fn` with every state (no iterator objects: the hot path of closing a session). */
  forEach(fn: (st: InstanceState) => void): void {
    this.#byMapper?.forEach((m) => {
      m.forEach(fn);
    });
  }

  /** Whether `fn` holds for some state (stops at the first). */
  some(fn: (st: InstanceState) => boolean): boolean {
    if (this.#byMapper)
      for (const m of this.#byMapper.values()) for (const st of m.values()) if (fn(st)) return true;
    return false;
  }

  /** Whether no object is mapped (cheaper than size). */
  get isEmpty(): boolean {
    if (this.#byMapper) for (const m of this.#byMapper.values()) if (m.size) return false;
    return true;
  }

  get size(): number {
    let n = 0;
    if (this.#byMapper) for (const m of this.#byMapper.values()) n += m.size;
    return n;
  }

  clear(): void {
    this.#byMapper = null;
  }
}
