import { ArgumentError, InvalidRequestError, StaleDataError } from "../../errors.js";
import { kState } from "../declarative/keys.js";
import { loadRelationship } from "../loading/relationship-loader.js";
import { mapperFor } from "../mapper/mapping.js";
import { InstrumentedList, setLoadedRelationship } from "../state/attributes.js";
import { type InstanceState, stateOf } from "../state/instance-state.js";
import { isModified, takeSnapshot } from "../unitofwork/changes.js";
import type { UnitOfWorkContext } from "../unitofwork/context.js";
import { getObject, NO_GET_OPTIONS } from "./get-refresh.js";

/**
 * Merging an object loaded at another version of its row would overwrite changes made since:
 * as SQLAlchemy, the versions must match (an object without its version merges onto the latest).
 */
function checkVersion(src: InstanceState, target: InstanceState): void {
  const vc = src.mapper.versionColumn;
  if (!vc || src.expiredKeys?.has(vc.key) || target.expiredKeys?.has(vc.key) || target.key === null) return;
  const mine = src.obj[vc.key];
  const current = target.obj[vc.key];
  if (mine === undefined || mine === null || mine === current) return;
  throw new StaleDataError(
    `Version ${String(mine)} of the merged ${src.describe()} does not match the current version ${String(current)} of its row (column '${vc.column.name}'): ` +
      `it was changed since this copy was loaded. Reload it and reapply the changes, or leave the version attribute undefined to merge onto the latest version.`,
  );
}

/**
 * Copies `obj`'s loaded state onto the session's object of the same identity (loading it, or
 * creating a pending one), cascading along `merge` relationships. Returns the session's object.
 */
export async function mergeObject<T extends object>(
  session: UnitOfWorkContext,
  obj: T,
  load: boolean,
  seen = new Map<object, object>(),
): Promise<object> {
  const src = stateOf(obj);
  if (!src) throw new ArgumentError(`merge() takes an instance of a mapped class; got ${typeof obj}`);
  if (src.session === session) return obj;
  const done = seen.get(obj);
  if (done) return done;
  const mapper = src.mapper;
  const cls = mapper.cls as new (...args: any[]) => any;
  const key = mapper.identityKeyOf(obj as Record<string, unknown>);
  let target: any = null;
  if (key !== null) {
    const st = session.identityMap.get(mapper, key);
    if (st) target = st.obj;
    else if (load)
      target = await getObject(
        session,
        cls,
        mapper.pk.map((c) => (obj as Record<string, unknown>)[c.key]),
        NO_GET_OPTIONS,
      );
  }
  if (target === null && key !== null && !load && src.key !== null) {
    // As SQLAlchemy: with load: false the object is taken as the row's current state, unchecked.
    if (isModified(src))
      throw new InvalidRequestError(
        `merge(obj, { load: false }) takes objects without unflushed changes, and ${src.describe()} has some; merge it with load: true (the default)`,
      );
    target = Object.create(cls.prototype);
    const st: InstanceState = new (src.constructor as any)(mapperFor(cls), target);
    target[kState] = st;
    for (const c of mapper.columns) if (!src.expiredKeys?.has(c.key)) target[c.key] = obj[c.key as keyof T];
    st.key = key;
    st.session = session;
    takeSnapshot(st);
    session.identityMap.add(st);
  } else if (target === null) {
    target = Object.create(cls.prototype);
    target[kState] = new (src.constructor as any)(mapperFor(cls), target);
    session.add(target);
  } else checkVersion(src, stateOf(target)!);
  seen.set(obj, target);
  for (const c of mapper.columns) {
    if (src.expiredKeys?.has(c.key)) continue;
    const v = (obj as Record<string, unknown>)[c.key];
    if (v !== undefined) target[c.key] = v;
  }
  if (src.rel) {
    for (const rel of mapper.relationships.values()) {
      if (!rel.configured || !rel.cascade.has("merge") || !(rel.key in src.rel)) continue;
      const value = src.rel[rel.key];
      if (Array.isArray(value)) {
        const merged: object[] = [];
        for (const o of value) merged.push(await mergeObject(session, o, load, seen));
        const tst = stateOf(target)!;
        if (!load) {
          // load: false takes the copy as the database's state (nothing to flush).
          setLoadedRelationship(tst, rel, merged);
          continue;
        }
        // The members that leave the collection are unlinked: that needs it loaded.
        if (tst.key !== null && !tst.hasRel(rel.key)) {
          await loadRelationship(session, [tst], rel);
        }
        target[rel.key] = InstrumentedList.create(tst, rel, []);
        for (const m of merged) target[rel.key].push(m);
      } else target[rel.key] = value ? await mergeObject(session, value as object, load, seen) : null;
    }
  }
  return target;
}
