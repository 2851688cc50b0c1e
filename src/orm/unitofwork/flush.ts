import type { Connection } from "../../engine/connection.js";
import { FlushError } from "../../errors.js";
import type { Mapper } from "../mapper/mapper.js";
import type { SyncPair } from "../relationships/join-conditions.js";
import type { Relationship } from "../relationships/relationship.js";
import type { InstanceState } from "../state/instance-state.js";
import { changedColumns, committedValue, takeSnapshot } from "./changes.js";
import type { FlushRecord, UnitOfWorkContext } from "./context.js";
import { mapperOrder, rowOrder, selfReferential } from "./order.js";
import {
  deleteAssociations,
  deleteRows,
  insertAssociations,
  insertRows,
  type PersistContext,
  planUpdate,
  purgeAssociations,
  updateRows,
} from "./persist.js";
import {
  type AssociationChange,
  applyAssignments,
  type FkAssignment,
  type FlushWork,
  planFlush,
} from "./sync.js";

function groupBy<T, K>(items: Iterable<T>, key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

/** Splits self-referential rows into waves: each wave's parents are inserted by an earlier one. */
function insertWaves(
  ordered: readonly InstanceState[],
  selfRels: readonly Relationship[],
  assignments: readonly FkAssignment[],
): InstanceState[][] {
  if (!selfRels.length) return [ordered as InstanceState[]];
  const parentOf = new Map<InstanceState, InstanceState[]>();
  for (const a of assignments) {
    if (a.parent && a.parent.mapper === a.child.mapper) {
      const list = parentOf.get(a.child) ?? [];
      list.push(a.parent);
      parentOf.set(a.child, list);
    }
  }
  const level = new Map<InstanceState, number>();
  for (const st of ordered) {
    const parents = parentOf.get(st) ?? [];
    level.set(
      st,
      parents.reduce((m, p) => Math.max(m, (level.get(p) ?? -1) + 1), 0),
    );
  }
  const waves: InstanceState[][] = [];
  for (const st of ordered) (waves[level.get(st)!] ??= []).push(st);
  return waves.filter(Boolean);
}

function associationsByRel(list: readonly AssociationChange[]): Map<Relationship, AssociationChange[]> {
  return groupBy(list, (c) =>
    c.rel.backref && c.rel.parent.id > c.rel.target.id ? c.rel.backref : c.rel,
  ) as Map<Relationship, AssociationChange[]>;
}

/** Orients an association change to the relationship that will write it. */
function oriented(
  rel: Relationship,
  changes: readonly AssociationChange[],
): { parent: InstanceState; child: InstanceState }[] {
  return changes.map((c) =>
    c.rel === rel ? { parent: c.parent, child: c.child } : { parent: c.child, child: c.parent },
  );
}

/** A row's value of `col` as last loaded or flushed (what the database holds now). */
function committedColumnValue(st: InstanceState, col: SyncPair["referenced"]): unknown {
  const mc = st.mapper.byColumn.get(col);
  return mc ? committedValue(st, mc) : null;
}

/**
 * Rows deleted together that reference each other through a postUpdate relationship (the cycle
 * postUpdate breaks) can't be deleted in either order: their foreign key is set to NULL by an
 * UPDATE first, as SQLAlchemy's post_update does.
 */
async function unlinkPostUpdateCycles(ctx: PersistContext, work: FlushWork): Promise<void> {
  if (!work.deletes.size) return;
  const deleted = groupBy(work.deletes, (s) => s.mapper);
  const unlinked = new Map<Mapper, Set<InstanceState>>();
  for (const mapper of deleted.keys()) {
    for (const rel of mapper.relationships.values()) {
      if (!rel.configured || rel.options.viewonly || !rel.options.postUpdate || rel.secondary) continue;
      const holder = rel.direction === "MANYTOONE" ? rel.parent : rel.target;
      const referenced = rel.direction === "MANYTOONE" ? rel.target : rel.parent;
      const holders = deleted.get(holder);
      const targets = deleted.get(referenced);
      if (!holders || !targets) continue;
      const keyOf = (values: unknown[]) =>
        JSON.stringify(values, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
      const targetKeys = new Set(
        targets.map((t) => keyOf(rel.pairs.map((p) => committedColumnValue(t, p.referenced)))),
      );
      for (const h of holders) {
        const values = rel.pairs.map((p) => committedColumnValue(h, p.referencing));
        if (values.some((v) => v === null) || !targetKeys.has(keyOf(values))) continue;
        for (const p of rel.pairs) h.obj[p.referencing.key] = null;
        let set = unlinked.get(holder);
        if (!set) unlinked.set(holder, (set = new Set()));
        set.add(h);
      }
    }
  }
  for (const [mapper, states] of unlinked) {
    const list = [...states].map((st) => planUpdate(st, changedColumns(st)));
    await updateRows(ctx, mapper, list);
    // The DELETE that follows matches the row as it is now (its version, for one).
    for (const st of states) takeSnapshot(st);
  }
}

/**
 * Configures the registries of the states' mappers (once each: the previous state's registry is
 * skipped, as rows mostly come in runs of one model). A loop, not a set of the spread states: a
 * 10,000-object flush made two arrays of 10,000 for it.
 */
function configureRegistries(states: Iterable<InstanceState>): void {
  let last: Mapper["registry"] | null = null;
  for (const st of states) {
    const registry = st.mapper.registry;
    if (registry === last) continue;
    registry.configure();
    last = registry;
  }
}

/**
 * Writes a session's changes: INSERTs in dependency order (parents first, batched, keys read
 * back), UPDATEs grouped by the columns they change, association rows, then DELETEs children
 * first. Runs inside the session transaction; on error the transaction must be rolled back.
 */
export async function flushSession(
  session: UnitOfWorkContext,
  conn: Connection,
  tx: FlushRecord,
): Promise<void> {
  configureRegistries(session.pending);
  configureRegistries(session.markedDeleted);
  const work = await planFlush(session);

  const dirty: InstanceState[] = [];
  session.identityMap.forEach((st) => {
    if (!work.deletes.has(st) && (st.relModified || st.committed !== null)) dirty.push(st);
  });

  const mappers = new Set<Mapper>();
  // Indexed loops over the flush's big lists: in code not yet optimized (a flush runs a few
  // times per process) for...of allocates a result object per element.
  const inserts = work.inserts;
  // Runs of one mapper: a flush of one kind of object groups nothing.
  let last: Mapper | null = null;
  let runs = 0;
  for (let i = 0; i < inserts.length; i++) {
    const st = inserts[i]!;
    if (st.mapper === last) continue;
    mappers.add((last = st.mapper));
    runs++;
  }
  for (const st of work.deletes) mappers.add(st.mapper);
  let dirtyMapper: Mapper | null = null;
  for (let i = 0; i < dirty.length; i++) {
    const st = dirty[i]!;
    if (st.mapper !== dirtyMapper) mappers.add((dirtyMapper = st.mapper));
  }
  const order = mapperOrder([...mappers]);
  const ctx: PersistContext = { conn, updated: [] };

  let pending = applyAssignments(work.assignments);
  const insertsByMapper = runs === 1 ? new Map([[last!, inserts]]) : groupBy(inserts, (s) => s.mapper);
  for (const mapper of order) {
    const states = insertsByMapper.get(mapper);
    if (!states) continue;
    const selfRels = selfReferential(mapper);
    // In pending order (a group by mapper keeps it): the order of add(). Checking it cost a
    // getter call per object in code a flush leaves unoptimized (rowOrder 0.6% of a fake-driver
    // W4 profile).
    const ordered = rowOrder(states, selfRels, true);
    for (const wave of insertWaves(ordered, selfRels, pending)) {
      const inWave = pending.length ? new Set(wave) : null;
      if (inWave) pending = applyAssignments(pending, (a) => inWave.has(a.child));
      const unresolved = inWave && pending.find((a) => inWave.has(a.child));
      if (unresolved) {
        throw new FlushError(
          `Can't insert ${unresolved.child.describe()}: it references ${unresolved.parent!.describe()}, which is not inserted yet and is not in the same flush order. ` +
            `If the two depend on each other, mark one relationship with { postUpdate: true }.`,
        );
      }
      await insertRows(ctx, mapper, wave);
      const identities = session.identityMap.forMapper(mapper);
      for (let i = 0; i < wave.length; i++) identities.set(wave[i]!.key, wave[i]!);
      tx.recordInserted(wave);
      pending = applyAssignments(pending);
    }
  }
  // Every pending object was inserted (planFlush takes them all).
  if (session.pending.size === inserts.length) session.pending.clear();
  else for (const st of inserts) session.pending.delete(st);
  pending = applyAssignments(pending);
  if (pending.length) {
    const a = pending[0]!;
    throw new FlushError(
      `Can't set the foreign key of ${a.child.describe()}: ${a.parent!.describe()} was not inserted by this flush (is it in the session?)`,
    );
  }

  const updates = new Map<Mapper, ReturnType<typeof planUpdate>[]>();
  // Every object of work.inserts is inserted by now.
  const inserted = dirty.length && inserts.length ? new Set(inserts) : null;
  // The list of the previous row's mapper is tried first: dirty objects mostly come in runs.
  let listOf: Mapper | null = null;
  let list: ReturnType<typeof planUpdate>[] = [];
  for (let i = 0; i < dirty.length; i++) {
    const st = dirty[i]!;
    if (inserted?.has(st)) continue;
    const changed = changedColumns(st);
    if (!changed.length) continue;
    if (st.mapper !== listOf) {
      listOf = st.mapper;
      list = updates.get(listOf) ?? [];
      updates.set(listOf, list);
    }
    list.push(planUpdate(st, changed));
  }
  for (const mapper of order) {
    const list = updates.get(mapper);
    if (list) await updateRows(ctx, mapper, list);
  }

  if (work.postUpdates.length) {
    applyAssignments(work.postUpdates);
    const post = new Map<Mapper, ReturnType<typeof planUpdate>[]>();
    for (const a of work.postUpdates) {
      if (work.deletes.has(a.child)) continue;
      const changed = changedColumns(a.child);
      if (!changed.length) continue;
      const list = post.get(a.child.mapper) ?? [];
      if (!list.some((u) => u.st === a.child)) list.push(planUpdate(a.child, changed));
      post.set(a.child.mapper, list);
    }
    for (const [mapper, list] of post) await updateRows(ctx, mapper, list);
  }

  for (const [rel, changes] of associationsByRel(work.associationDeletes))
    await deleteAssociations(ctx, rel, oriented(rel, changes));
  for (const [rel, purges] of groupBy(work.associationPurges, (p) => p.rel))
    await purgeAssociations(
      ctx,
      rel,
      purges.map((p) => p.parent),
    );
  for (const [rel, changes] of associationsByRel(work.associationInserts))
    await insertAssociations(ctx, rel, oriented(rel, changes));

  await unlinkPostUpdateCycles(ctx, work);
  const deletesByMapper = groupBy(work.deletes, (s) => s.mapper);
  for (const mapper of [...order].reverse()) {
    const states = deletesByMapper.get(mapper);
    if (!states) continue;
    const ordered = rowOrder(states, selfReferential(mapper)).reverse();
    await deleteRows(ctx, mapper, ordered);
  }

  const updated = ctx.updated;
  for (let i = 0; i < updated.length; i++) {
    takeSnapshot(updated[i]!);
    tx.updated.add(updated[i]!);
  }
  for (const st of work.deletes) {
    session.identityMap.remove(st);
    st.markedDeleted = false;
    st.deletedFlushed = true;
    tx.deleted.add(st);
  }
  session.markedDeleted.clear();
  for (const st of work.relTouched) {
    if (st.rel) for (const [k, v] of Object.entries(st.rel)) st.setRelCommitted(k, v);
    st.relModified = false;
  }
  session.identityMap.forEach(clearRelModified);
}

function clearRelModified(st: InstanceState): void {
  st.relModified = false;
}
