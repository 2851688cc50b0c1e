interface Entry<V> {
  value: V;
  used: boolean;
}

/**
 * A bounded cache for compiled and prepared statements, with "second chance" eviction: a hit
 * only sets a flag (the hot path does one map lookup), and eviction skips entries used since
 * they were last considered, so frequently used statements stay.
 */
export class LruCache<K, V> {
  readonly #max: number;
  readonly #map = new Map<K, Entry<V>>();

  constructor(max: number) {
    this.#max = max;
  }

  get(key: K): V | undefined {
    const e = this.#map.get(key);
    if (e === undefined) return undefined;
    e.used = true;
    return e.value;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, { value, used: false });
    while (this.#map.size > this.#max) {
      const [oldest, entry] = this.#map.entries().next().value as [K, Entry<V>];
      this.#map.delete(oldest);
      if (entry.used) {
        entry.used = false;
        this.#map.set(oldest, entry);
      }
    }
  }

  get size(): number {
    return this.#map.size;
  }

  clear(): void {
    this.#map.clear();
  }
}
