import { newestOf } from "../../engine/newest.js";
import type { Mapper } from "../mapper/mapper.js";
import type { InstanceState } from "../state/instance-state.js";

const newest = newestOf<IdentityMap>();

/** One object per primary key per mapper, as SQLAlchemy's identity map. */
export class IdentityMap {
  readonly #byMapper = new Map<Mapper, Map<unknown, InstanceState>>();
  #size = 0;

  constructor() {
    newest.current = this;
  }

  /** The map of one mapper (created on demand): the hot path of loading. */
  forMapper(mapper: Mapper): Map<unknown, InstanceState> {
    let m = this.#byMapper.get(mapper);
    if (!m) {
      m = new Map();
      this.#byMapper.set(mapper, m);
    }
    return m;
  }

  get(mapper: Mapper, key: unknown): InstanceState | undefined {
    return this.#byMapper.get(mapper)?.get(key);
  }

  add(st: InstanceState): void {
    const m = this.forMapper(st.mapper);
    if (!m.has(st.key)) this.#size++;
    m.set(st.key, st);
  }

  remove(st: InstanceState): void {
    const m = this.#byMapper.get(st.mapper);
    if (m && m.get(st.key) === st) {
      m.delete(st.key);
      this.#size--;
    }
  }

  /** Every state, mapper by mapper. */
  *states(): IterableIterator<InstanceState> {
    for (const m of this.#byMapper.values()) yield* m.values();
  }

  /** Calls `fn` with every state (no iterator objects: the hot path of closing a session). */
  forEach(fn: (st: InstanceState) => void): void {
    this.#byMapper.forEach((m) => {
      m.forEach(fn);
    });
  }

  /** Whether no object is mapped (cheaper than size). */
  get isEmpty(): boolean {
    for (const m of this.#byMapper.values()) if (m.size) return false;
    return true;
  }

  get size(): number {
    let n = 0;
    for (const m of this.#byMapper.values()) n += m.size;
    this.#size = n;
    return n;
  }

  clear(): void {
    this.#byMapper.clear();
    this.#size = 0;
  }
}
