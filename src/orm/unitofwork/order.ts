import { CircularDependencyError } from "../../errors.js";
import type { Mapper } from "../mapper/mapper.js";
import type { Relationship } from "../relationships/relationship.js";
import { type InstanceState, stateOf } from "../state/instance-state.js";

/** Mapper A must be written before B (B's rows reference A's): edges of the flush order. */
function mapperEdges(mappers: readonly Mapper[]): Map<Mapper, Set<Mapper>> {
  const before = new Map<Mapper, Set<Mapper>>();
  const set = new Set(mappers);
  const add = (first: Mapper, then: Mapper) => {
    if (first === then || !set.has(first) || !set.has(then)) return;
    let s = before.get(then);
    if (!s) before.set(then, (s = new Set()));
    s.add(first);
  };
  for (const m of mappers) {
    for (const rel of m.relationships.values()) {
      if (!rel.configured || rel.options.viewonly || rel.options.postUpdate) continue;
      if (rel.direction === "MANYTOONE") add(rel.target, m);
      else if (rel.direction === "ONETOMANY") add(m, rel.target);
    }
    // Foreign keys without a relationship still order the tables.
    for (const fk of m.table.foreignKeyConstraints) {
      const referred = fk.referredTable;
      if (!referred || referred === m.table) continue;
      const other = mappers.find((x) => x.table === referred);
      if (other && !postUpdateCovers(m, other)) add(other, m);
    }
  }
  return before;
}

function postUpdateCovers(m: Mapper, target: Mapper): boolean {
  for (const rel of m.relationships.values())
    if (rel.options.postUpdate && rel.target === target) return true;
  for (const rel of target.relationships.values())
    if (rel.options.postUpdate && rel.target === m) return true;
  return false;
}

/** Mappers in the order their INSERTs must run (reverse it for DELETEs). */
export function mapperOrder(mappers: readonly Mapper[]): Mapper[] {
  const before = mapperEdges(mappers);
  const order: Mapper[] = [];
  const state = new Map<Mapper, 1 | 2>();
  const visit = (m: Mapper, path: Mapper[]) => {
    const s = state.get(m);
    if (s === 2) return;
    if (s === 1) {
      const cycle = [...path.slice(path.indexOf(m)), m].map((x) => x.name);
      throw new CircularDependencyError(
        `Circular dependency between ${cycle.join(" -> ")}: rows of each must be written before the other's. ` +
          `Mark one relationship of the cycle with { postUpdate: true } so its foreign key is written by a second UPDATE.`,
        cycle,
      );
    }
    state.set(m, 1);
    for (const dep of [...(before.get(m) ?? [])].sort((a, b) => a.id - b.id)) visit(dep, [...path, m]);
    state.set(m, 2);
    order.push(m);
  };
  for (const m of [...mappers].sort((a, b) => a.id - b.id)) visit(m, []);
  return order;
}

/** The self-referential relationships of a mapper (rows of one table depending on each other). */
export function selfReferential(mapper: Mapper): Relationship[] {
  return [...mapper.relationships.values()].filter(
    (r) =>
      r.configured &&
      r.target === mapper &&
      !r.options.viewonly &&
      !r.options.postUpdate &&
      r.direction !== "MANYTOMANY",
  );
}

/** The states in the order they were added (mostly already so: a flush takes them in that order). */
function byInsertOrder(states: readonly InstanceState[]): InstanceState[] {
  for (let i = 1; i < states.length; i++)
    if (states[i - 1]!.insertOrder > states[i]!.insertOrder)
      return [...states].sort((a, b) => a.insertOrder - b.insertOrder);
  return states as InstanceState[];
}

/**
 * Orders rows of one mapper so that parents (in self-referential trees) come before children.
 * `added`: the states are in the order they were added already (the session's pending objects:
 * each add() appends to them and takes the next insertOrder), which is then not checked.
 */
export function rowOrder(
  states: readonly InstanceState[],
  selfRels: readonly Relationship[],
  added = false,
): InstanceState[] {
  if (!selfRels.length || states.length < 2)
    return added ? (states as InstanceState[]) : byInsertOrder(states);
  const inSet = new Set(states);
  const parentsOf = new Map<InstanceState, InstanceState[]>();
  const link = (parent: InstanceState | null, child: InstanceState | null) => {
    if (!parent || !child || parent === child || !inSet.has(parent) || !inSet.has(child)) return;
    const list = parentsOf.get(child) ?? [];
    list.push(parent);
    parentsOf.set(child, list);
  };
  for (const st of states) {
    if (!st.rel) continue;
    for (const rel of selfRels) {
      if (!(rel.key in st.rel)) continue;
      const v = st.rel[rel.key];
      if (rel.direction === "MANYTOONE") link(stateOf(v), st);
      else for (const c of (Array.isArray(v) ? v : v ? [v] : []) as object[]) link(st, stateOf(c));
    }
  }
  const sorted = added ? states : byInsertOrder(states);
  const out: InstanceState[] = [];
  const mark = new Map<InstanceState, 1 | 2>();
  const visit = (st: InstanceState, path: InstanceState[]) => {
    const s = mark.get(st);
    if (s === 2) return;
    if (s === 1) {
      const cycle = [...path.slice(path.indexOf(st)), st].map((x) => x.describe());
      throw new CircularDependencyError(
        `Rows of ${st.mapper.name} refer to each other in a cycle: ${cycle.join(" -> ")}. Break it, or use postUpdate on the relationship.`,
        cycle,
      );
    }
    mark.set(st, 1);
    for (const p of parentsOf.get(st) ?? []) visit(p, [...path, st]);
    mark.set(st, 2);
    out.push(st);
  };
  for (const st of sorted) visit(st, []);
  return out;
}
