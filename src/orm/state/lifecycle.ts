import type { CascadeOption } from "../relationships/relationship.js";
import type { UnitOfWorkContext } from "../unitofwork/context.js";
import { expireColumns } from "./attributes.js";
import { type InstanceState, stateOf } from "./instance-state.js";

/** Expires columns (all when `keys` is null) and unloads relationships of a persistent object. */
export function expireState(st: InstanceState, keys: readonly string[] | null): void {
  if (st.key === null) return;
  const mapper = st.mapper;
  // Primary key attributes stay readable: they are the identity key, which no reload can change
  // (SQLAlchemy would reload them silently on access; Athanor never queries on access).
  const columnKeys = (keys === null ? mapper.columns.map((c) => c.key) : keys).filter(
    (k) => mapper.byKey.has(k) && !mapper.pkKeys.includes(k),
  );
  const fresh = st.expiredKeys ? columnKeys.filter((k) => !st.expiredKeys!.has(k)) : columnKeys;
  if (fresh.length) expireColumns(st, fresh, "expired");
  if (st.forcedDirty) for (const k of columnKeys) st.forcedDirty.delete(k);
  if (keys === null) {
    st.rel = null;
    st.relCommitted = null;
    st.relModified = false;
    return;
  }
  for (const k of keys) {
    if (mapper.relationships.has(k) && st.rel) {
      delete st.rel[k];
      if (st.relCommitted) delete st.relCommitted[k];
    }
  }
}

/** Related objects (loaded ones only) reached through relationships cascading `option`. */
export function* cascadeTargets(st: InstanceState, option: CascadeOption): Generator<InstanceState> {
  if (!st.rel) return;
  for (const rel of st.mapper.relationships.values()) {
    if (!rel.configured || !rel.cascade.has(option) || !(rel.key in st.rel)) continue;
    const v = st.rel[rel.key];
    if (Array.isArray(v)) {
      for (const o of v) {
        const s = stateOf(o);
        if (s) yield s;
      }
    } else if (v) {
      const s = stateOf(v);
      if (s) yield s;
    }
  }
}

/** Detaches an object (and its `expunge` cascade) from the session. */
export function expungeState(session: UnitOfWorkContext, st: InstanceState): void {
  if (st.session !== session) return;
  session.identityMap.remove(st);
  session.pending.delete(st);
  session.markedDeleted.delete(st);
  st.session = null;
  st.markedDeleted = false;
  for (const child of cascadeTargets(st, "expunge")) expungeState(session, child);
}
