/**
 * The newest object of each class the ORM's hot paths allocate per call (sessions, their
 * transactions and identity maps, object states and collections; per mapper, the newest object
 * loaded and the newest constructed), kept alive on purpose.
 *
 * V8's optimized code refers weakly to the hidden classes ("maps") of the objects it allocates.
 * A full garbage collection that finds no live object of such a map frees it and discards the
 * code ("reason: weak objects" under `node --trace-deopt`). Between requests every session and
 * loaded object is garbage, so after a full collection at a quiet moment the next requests ran
 * unoptimized code until V8 optimized it again. bench/micro/newest-gc.ts, CPU time of 2,000
 * `session.get()` on SQLite right after a full GC, median of 31 interleaved rounds: 9.2 ms with
 * these objects kept, 28.8 ms with them released (3.1x; its A/A control: 1.2x); a second run
 * 9.6 ms against 22.5 ms (2.3x).
 *
 * What stays reachable is bounded: one object per class and mapper. A closed session keeps no
 * identity map of its own (close() gives it a fresh, empty one) and its objects no longer name
 * it, so nothing here holds what a session loaded once it is closed, but the single newest object.
 */
export interface Newest<T extends object> {
  current: T | null;
}

const holders: Newest<object>[] = [];

/** A holder for the newest object of one class: assign `holder.current = this` in its constructor. */
export function newestOf<T extends object>(): Newest<T> {
  const holder: Newest<T> = { current: null };
  holders.push(holder);
  return holder;
}

/** @internal Empties every holder (bench/micro/newest-gc.ts measures the runs without them). */
export function releaseNewest(): void {
  for (const h of holders) h.current = null;
}
