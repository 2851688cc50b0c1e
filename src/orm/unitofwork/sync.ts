import { FlushError } from "../../errors.js";
import { loadRelationship } from "../loading/relationship-loader.js";
import type { Mapper } from "../mapper/mapper.js";
import type { SyncPair } from "../relationships/join-conditions.js";
import type { Relationship } from "../relationships/relationship.js";
import { type InstanceState, stateOf } from "../state/instance-state.js";
import { cascadeTargets } from "../state/lifecycle.js";
import type { UnitOfWorkContext } from "./context.js";

/** `child`'s referencing columns take `parent`'s referenced values (or NULL when parent is null). */
export interface FkAssignment {
  readonly child: InstanceState;
  readonly parent: InstanceState | null;
  readonly pairs: readonly SyncPair[];
  /** Written by a second UPDATE after both rows exist (relationship postUpdate). */
  readonly postUpdate: boolean;
}

/** A row of a many-to-many association table to insert or delete. */
export interface AssociationChange {
  readonly rel: Relationship;
  readonly parent: InstanceState;
  readonly child: InstanceState;
}

/** Everything a flush must write, worked out before any SQL runs. */
export interface FlushWork {
  /** The pending objects, in the order they were added (set once the cascades have run). */
  inserts: InstanceState[];
  readonly deletes: Set<InstanceState>;
  readonly assignments: FkAssignment[];
  readonly postUpdates: FkAssignment[];
  readonly associationInserts: AssociationChange[];
  readonly associationDeletes: AssociationChange[];
  /** Association rows of deleted parents removed in bulk (relationship, parent) when not loaded. */
  readonly associationPurges: { rel: Relationship; parent: InstanceState }[];
  /** States whose relationship snapshots must be refreshed after the flush. */
  readonly relTouched: Set<InstanceState>;
}

/** The committed value of a relationship that was never loaded. */
const NOT_LOADED = Symbol("not loaded");

const members = (v: unknown): object[] => (Array.isArray(v) ? v : v ? [v as object] : []);

/** A mapper's many-to-one relationships whose other side cascades delete-orphan (once per mapper). */
function orphaningRelationships(mapper: Mapper): readonly Relationship[] {
  let rels = mapper.relationshipMemo.get("orphaning") as Relationship[] | undefined;
  if (!rels) {
    rels = [...mapper.relationships.values()].filter(
      (rel) => rel.configured && rel.direction === "MANYTOONE" && rel.backref?.cascade.has("delete-orphan"),
    );
    mapper.relationshipMemo.set("orphaning", rels);
  }
  return rels;
}

/**
 * The delete-orphan relationship `st` (not persisted) is an orphan of, or null. As SQLAlchemy, an
 * object is an orphan only when it has none of the parents such relationships give it (neither
 * as an object nor as a foreign key value).
 */
function orphanOf(st: InstanceState): Relationship | null {
  let orphaned: Relationship | null = null;
  for (const rel of orphaningRelationships(st.mapper)) {
    const parentSide = rel.backref!;
    const hasParent =
      Boolean(st.rel?.[rel.key]) ||
      rel.pairs.some((p) => st.obj[p.referencing.key] !== null && st.obj[p.referencing.key] !== undefined);
    if (hasParent) return null;
    orphaned ??= parentSide;
  }
  return orphaned;
}

/**
 * What the first pass over the pending objects found: whether any holds relationship values, and
 * whether any model among them has delete-orphan parents. A flush of plain new rows (W4's 10,000
 * orders) then skips three more passes over them, each a call per object in code that a flush,
 * run a few times per process, leaves unoptimized. Measured (CPU profile of 60 fake-driver W4
 * flushes): planFlush 4.2% -> 1.0% of the run.
 */
interface PendingScan {
  rels: boolean;
  orphaning: boolean;
}

/**
 * Attaches transient objects reachable through save-update cascades from new / changed ones,
 * except orphans of a delete-orphan relationship (as SQLAlchemy, which cascades when objects are
 * attached, never re-adds one taken out of its parent).
 */
function cascadeSaves(session: UnitOfWorkContext): PendingScan {
  const work: InstanceState[] = [];
  const scan: PendingScan = { rels: false, orphaning: false };
  let mapper: Mapper | null = null;
  // Only objects holding relationship values can cascade anything.
  session.pending.forEach((st) => {
    if (st.mapper !== mapper) {
      mapper = st.mapper;
      if (orphaningRelationships(mapper).length) scan.orphaning = true;
    }
    if (st.rel !== null) work.push(st);
  });
  scan.rels = work.length > 0;
  session.identityMap.forEach((st) => {
    if (st.relModified) work.push(st);
  });
  const seen = new Set<InstanceState>();
  while (work.length) {
    const st = work.pop()!;
    if (st.rel === null || seen.has(st)) continue;
    seen.add(st);
    for (const child of cascadeTargets(st, "save-update")) {
      if (child.session === null) {
        if (child.key === null && orphanOf(child)) continue;
        session.add(child.obj);
        // Objects attached here were not scanned.
        scan.rels = scan.orphaning = true;
      }
      if (!seen.has(child)) work.push(child);
    }
  }
  return scan;
}

/** A pending object without the parent its delete-orphan relationship requires can't be saved. */
function checkPendingOrphans(session: UnitOfWorkContext): void {
  session.pending.forEach((st) => {
    const rel = orphanOf(st);
    if (!rel) return;
    throw new FlushError(
      `${st.describe()} is pending and is an orphan: it has no parent through ${rel} (cascade "delete-orphan"). ` +
        `Attach it to a ${rel.parent.name} (e.g. push it onto ${rel}), or expunge it from the session.`,
    );
  });
}

/** Marks delete cascades (loading children that must be deleted or unlinked) and orphans. */
async function cascadeDeletes(session: UnitOfWorkContext, work: FlushWork): Promise<void> {
  let frontier = [...session.markedDeleted];
  for (const st of frontier) work.deletes.add(st);
  while (frontier.length) {
    const next: InstanceState[] = [];
    const byMapper = new Map<string, { rel: Relationship; states: InstanceState[] }>();
    for (const st of frontier) {
      for (const rel of st.mapper.relationships.values()) {
        if (!rel.configured || rel.options.viewonly || rel.direction === "MANYTOONE") continue;
        const passive = rel.options.passiveDeletes;
        if (rel.direction === "MANYTOMANY") {
          // The deleted row's association rows go by its key, whether the collection is loaded
          // or not (passiveDeletes leaves unloaded ones to ON DELETE CASCADE).
          if (st.hasRel(rel.key) || (passive !== true && passive !== "all"))
            work.associationPurges.push({ rel, parent: st });
          continue;
        }
        if (passive === "all") continue;
        if (!st.hasRel(rel.key)) {
          if (passive) continue;
          const k = `${st.mapper.id}:${rel.key}`;
          const entry = byMapper.get(k) ?? { rel, states: [] };
          entry.states.push(st);
          byMapper.set(k, entry);
        }
      }
    }
    for (const { rel, states } of byMapper.values()) await loadRelationship(session, states, rel);
    for (const st of frontier) {
      for (const rel of st.mapper.relationships.values()) {
        if (
          !rel.configured ||
          rel.options.viewonly ||
          rel.direction !== "ONETOMANY" ||
          rel.options.passiveDeletes === "all"
        )
          continue;
        if (!st.hasRel(rel.key)) continue;
        for (const child of members(st.rel![rel.key])) {
          const cs = stateOf(child)!;
          if (work.deletes.has(cs) || cs.key === null) continue;
          if (rel.cascade.has("delete")) {
            work.deletes.add(cs);
            next.push(cs);
          } else work.assignments.push({ child: cs, parent: null, pairs: rel.pairs, postUpdate: false });
        }
      }
      for (const rel of st.mapper.relationships.values()) {
        // A many-to-one with delete cascade deletes the referenced object too.
        if (
          rel.configured &&
          rel.direction === "MANYTOONE" &&
          rel.cascade.has("delete") &&
          st.hasRel(rel.key)
        ) {
          const target = stateOf(st.rel![rel.key]);
          if (target && target.key !== null && !work.deletes.has(target)) {
            work.deletes.add(target);
            next.push(target);
          }
        }
      }
    }
    frontier = next;
  }
}

/**
 * Objects dropped from a delete-orphan collection are deleted. `pendingRels`: whether any pending
 * object holds relationship values (one without can't have dropped anything).
 */
function cascadeOrphans(session: UnitOfWorkContext, work: FlushWork, pendingRels: boolean): InstanceState[] {
  const orphans: InstanceState[] = [];
  const candidates: InstanceState[] = [];
  const collect = (st: InstanceState) => {
    if (st.relModified && st.relCommitted) candidates.push(st);
  };
  session.identityMap.forEach(collect);
  if (pendingRels) session.pending.forEach(collect);
  for (const st of candidates) {
    const committed = st.relCommitted!;
    for (const rel of st.mapper.relationships.values()) {
      if (
        !rel.configured ||
        !rel.cascade.has("delete-orphan") ||
        !(rel.key in committed) ||
        !st.hasRel(rel.key)
      )
        continue;
      const now = new Set(members(st.rel![rel.key]));
      for (const old of members(committed[rel.key])) {
        if (now.has(old)) continue;
        const os = stateOf(old)!;
        // Re-parented elsewhere: not an orphan.
        if (
          rel.backref &&
          os.hasRel(rel.backref.key) &&
          os.rel![rel.backref.key] &&
          os.rel![rel.backref.key] !== st.obj
        )
          continue;
        if (os.key === null) {
          session.pending.delete(os);
          os.session = null;
        } else if (!work.deletes.has(os)) {
          work.deletes.add(os);
          orphans.push(os);
        }
      }
    }
  }
  return orphans;
}

/** Relationship changes of one state -> FK assignments and association rows. */
function syncRelationships(st: InstanceState, work: FlushWork): void {
  if (!st.rel) return;
  const isNew = st.key === null;
  if (!isNew && !st.relModified) return;
  work.relTouched.add(st);
  for (const rel of st.mapper.relationships.values()) {
    if (!rel.configured || rel.options.viewonly || !(rel.key in st.rel)) continue;
    const value = st.rel[rel.key];
    // A many-to-one assigned without being loaded first: its old value is unknown, so it changed.
    const committed =
      st.relCommitted && rel.key in st.relCommitted
        ? st.relCommitted[rel.key]
        : isNew
          ? undefined
          : rel.direction === "MANYTOONE"
            ? NOT_LOADED
            : value;
    if (!isNew && committed === value && !Array.isArray(value)) continue;
    const postUpdate = rel.options.postUpdate ?? false;
    if (rel.direction === "MANYTOONE") {
      if (isNew || committed !== value)
        work.assignments.push({
          child: st,
          parent: value ? stateOf(value) : null,
          pairs: rel.pairs,
          postUpdate,
        });
      continue;
    }
    const now = members(value);
    const before = isNew ? [] : members(committed);
    const nowSet = new Set(now);
    const beforeSet = new Set(before);
    if (rel.direction === "ONETOMANY") {
      for (const o of before) {
        if (nowSet.has(o)) continue;
        const cs = stateOf(o)!;
        if (!work.deletes.has(cs))
          work.assignments.push({ child: cs, parent: null, pairs: rel.pairs, postUpdate });
      }
      for (const o of now) {
        const cs = stateOf(o)!;
        if (isNew || !beforeSet.has(o) || cs.key === null)
          work.assignments.push({ child: cs, parent: st, pairs: rel.pairs, postUpdate });
      }
    } else {
      for (const o of now)
        if (!beforeSet.has(o)) work.associationInserts.push({ rel, parent: st, child: stateOf(o)! });
      for (const o of before)
        if (!nowSet.has(o)) work.associationDeletes.push({ rel, parent: st, child: stateOf(o)! });
    }
  }
}

/** Works out the flush: cascades, orphans, FK assignments, association rows. */
export async function planFlush(session: UnitOfWorkContext): Promise<FlushWork> {
  const scan = cascadeSaves(session);
  if (scan.orphaning) checkPendingOrphans(session);
  const work: FlushWork = {
    inserts: [],
    deletes: new Set(),
    assignments: [],
    postUpdates: [],
    associationInserts: [],
    associationDeletes: [],
    associationPurges: [],
    relTouched: new Set(),
  };
  await cascadeDeletes(session, work);
  const orphans = cascadeOrphans(session, work, scan.rels);
  if (orphans.length) {
    for (const o of orphans) session.markedDeleted.add(o);
    await cascadeDeletes(session, work);
  }
  // A spread into an array literal, not push(...pending): that overflows the stack past 100,000
  // objects. Indexed loops over the flush's big lists: in code not yet optimized (a flush runs a
  // few times per process) for...of allocates a result object per element.
  const inserts = (work.inserts = [...session.pending]);
  if (scan.rels) for (let i = 0; i < inserts.length; i++) syncRelationships(inserts[i]!, work);
  session.identityMap.forEach((st) => {
    if (st.relModified && !work.deletes.has(st)) syncRelationships(st, work);
  });
  // A many-to-many pair is written once even when both sides changed their collections.
  dedupeAssociations(work.associationInserts);
  dedupeAssociations(work.associationDeletes);
  for (let i = work.assignments.length - 1; i >= 0; i--) {
    const a = work.assignments[i]!;
    if (a.postUpdate) {
      work.postUpdates.push(a);
      work.assignments.splice(i, 1);
    }
  }
  return work;
}

function dedupeAssociations(list: AssociationChange[]): void {
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const [a, b] =
      c.rel.backref && c.rel.parent.id > c.rel.target.id ? [c.child, c.parent] : [c.parent, c.child];
    const table = c.rel.secondary!.name;
    const key = `${table}|${a.insertOrder}:${String(a.key)}|${b.insertOrder}:${String(b.key)}`;
    if (seen.has(key)) list.splice(i--, 1);
    else seen.add(key);
  }
}

/** Applies assignments whose parent row exists (its key columns are known); returns the rest. */
export function applyAssignments(
  assignments: readonly FkAssignment[],
  only?: (a: FkAssignment) => boolean,
): FkAssignment[] {
  const rest: FkAssignment[] = [];
  for (const a of assignments) {
    if (only && !only(a)) {
      rest.push(a);
      continue;
    }
    if (a.parent && a.parent.key === null && a.parent.session !== null) {
      rest.push(a);
      continue;
    }
    for (const p of a.pairs) {
      a.child.obj[p.referencing.key] = a.parent ? a.parent.obj[p.referenced.key] : null;
    }
  }
  return rest;
}
