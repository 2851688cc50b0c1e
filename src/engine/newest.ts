/**
 * The newest object of each class the hot paths allocate per call (sessions, their transactions
 * and identity maps, connections, object states and collections; per mapper, the newest object
 * loaded and the newest constructed), kept alive on purpose.
 *
 * V8's optimized code refers weakly to the hidden classes ("maps") of the objects it allocates.
 * A full garbage collection that finds no live object of such a map frees it and discards the
 * code ("reason: weak objects" under `node --trace-deopt`). Between requests every session and
 * loaded object is garbage, so after a full collection at a quiet moment the next requests ran
 * unoptimized code until V8 optimized it again: 2,000 `session.get()` calls on SQLite took
 * 16-37 ms right after a full collection, 9-10 ms with one object of each class kept alive.
 *
 * What stays reachable: one object per class and mapper (with its state, which names its session
 * while the session is open: an open session's identity map stays until newer objects replace it).
 */
export interface Newest<T extends object> {
  current: T | null;
}

/** A holder for the newest object of one class: assign `holder.current = this` in its constructor. */
export function newestOf<T extends object>(): Newest<T> {
  return { current: null };
}
