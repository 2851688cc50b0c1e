import {
  BranchLabelError,
  CycleDetectedError,
  DependencyError,
  DuplicateRevisionError,
  InvalidIdentifierError,
  UnknownRevisionError,
} from "./errors.js";
import { checkBranchLabel, checkRevisionId } from "./identifier.js";
import { describeRevision, describeSources, formatIds } from "./messages.js";
import type { RevisionInfo } from "./types.js";

/** Internal, mutable-while-building view of one revision. */
export interface NodeData {
  readonly id: string;
  readonly info: RevisionInfo;
  readonly downRevisions: readonly string[];
  /** Resolved `dependsOn`, excluding ids already in `downRevisions`. */
  readonly dependencies: readonly string[];
  /** `downRevisions` then `dependencies`: every edge towards the base. */
  readonly parents: readonly string[];
  readonly children: string[];
  readonly dependents: string[];
  readonly ownLabels: readonly string[];
  readonly labels: Set<string>;
}

/** The validated graph: nodes by id and the revision that declares each label. */
export interface BuiltGraph {
  readonly nodes: ReadonlyMap<string, NodeData>;
  readonly labelOwner: ReadonlyMap<string, string>;
}

/** Validates `infos` eagerly and links them into nodes. */
export function buildGraph(infos: readonly RevisionInfo[]): BuiltGraph {
  const byId = new Map<string, RevisionInfo>();
  for (const info of infos) {
    checkRevisionId(info?.revision, info?.path);
    const previous = byId.get(info.revision);
    if (previous) {
      throw new DuplicateRevisionError(
        info.revision,
        `Revision ${info.revision} is defined twice (${previous.path ?? "first definition"} and ${info.path ?? "second definition"}); give one of them a new id (and update the down revisions that point at it), or delete the copy.`,
      );
    }
    byId.set(info.revision, info);
  }

  const labelOwner = collectLabels(byId);
  const sources = describeSources(infos);
  const nodes = new Map<string, NodeData>();
  for (const [id, info] of byId) {
    const downRevisions = normalizeDownRevisions(info, byId, sources);
    const dependencies = resolveDependencies(info, byId, labelOwner, downRevisions);
    nodes.set(id, {
      id,
      info,
      downRevisions,
      dependencies,
      parents: [...downRevisions, ...dependencies],
      children: [],
      dependents: [],
      ownLabels: [...new Set(info.branchLabels ?? [])],
      labels: new Set(info.branchLabels ?? []),
    });
  }
  for (const node of nodes.values()) {
    for (const down of node.downRevisions) nodes.get(down)!.children.push(node.id);
    for (const dep of node.dependencies) nodes.get(dep)!.dependents.push(node.id);
  }
  for (const node of nodes.values()) {
    node.children.sort(compareIds);
    node.dependents.sort(compareIds);
  }
  detectCycles(nodes);
  inheritLabels(nodes);
  return { nodes, labelOwner };
}

/** Plain code-unit ordering, so results do not depend on the locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function collectLabels(byId: ReadonlyMap<string, RevisionInfo>): Map<string, string> {
  const owner = new Map<string, string>();
  for (const [id, info] of byId) {
    if (info.branchLabels !== undefined && !Array.isArray(info.branchLabels)) {
      throw new InvalidIdentifierError(
        id,
        `Revision ${describeRevision(info, id)} has branchLabels that is not an array; write branchLabels: ["name"].`,
      );
    }
    for (const label of new Set(info.branchLabels ?? [])) {
      checkBranchLabel(label, id);
      if (byId.has(label)) {
        throw new BranchLabelError(
          label,
          `Branch label '${label}' of revision ${describeRevision(info, id)} is also the id of a revision, so '${label}@head' would be ambiguous; rename the label.`,
        );
      }
      const other = owner.get(label);
      if (other !== undefined) {
        throw new BranchLabelError(
          label,
          `Branch label '${label}' is declared by both ${describeRevision(byId.get(other), other)} and ${describeRevision(info, id)}; a label names one branch, so rename one of them (descendants inherit a label, they need not repeat it).`,
        );
      }
      owner.set(label, id);
    }
  }
  return owner;
}

function normalizeDownRevisions(
  info: RevisionInfo,
  byId: ReadonlyMap<string, RevisionInfo>,
  sources: string,
): string[] {
  const raw = info.downRevision;
  const list: readonly string[] =
    raw === null || raw === undefined ? [] : typeof raw === "string" ? [raw] : raw;
  const result = [...new Set(list)];
  for (const down of result) {
    if (down === info.revision) {
      throw new CycleDetectedError(
        [info.revision],
        false,
        `Revision ${describeRevision(info, info.revision)} names itself as its down revision (a self-loop); set downRevision to its real parent, or null for a base.`,
      );
    }
    if (!byId.has(down)) {
      throw new UnknownRevisionError(
        down,
        `Revision ${describeRevision(info, info.revision)} has down revision '${down}', which is not ${sources}; restore the missing migration file, or correct downRevision.`,
      );
    }
  }
  return result;
}

function resolveDependencies(
  info: RevisionInfo,
  byId: ReadonlyMap<string, RevisionInfo>,
  labelOwner: ReadonlyMap<string, string>,
  downRevisions: readonly string[],
): string[] {
  if (info.dependsOn !== undefined && info.dependsOn !== null && !Array.isArray(info.dependsOn)) {
    throw new InvalidIdentifierError(
      info.revision,
      `Revision ${describeRevision(info, info.revision)} has dependsOn that is not an array; write dependsOn: ["<revision or label>"].`,
    );
  }
  const resolved: string[] = [];
  for (const dep of info.dependsOn ?? []) {
    // As in Alembic, a label dependency means the revision that declares the label.
    const target = byId.has(dep) ? dep : labelOwner.get(dep);
    if (target === undefined) {
      throw new DependencyError(
        info.revision,
        dep,
        `Revision ${describeRevision(info, info.revision)} depends on '${dep}', which is neither a revision id nor a branch label; write the full revision id or an existing label in dependsOn.`,
      );
    }
    if (target === info.revision) {
      throw new CycleDetectedError(
        [info.revision],
        true,
        `Revision ${describeRevision(info, info.revision)} depends on itself through '${dep}' (a dependency self-loop); remove it from dependsOn.`,
      );
    }
    if (!downRevisions.includes(target) && !resolved.includes(target)) resolved.push(target);
  }
  return resolved;
}

function detectCycles(nodes: ReadonlyMap<string, NodeData>): void {
  const state = new Map<string, 1 | 2>();
  for (const start of [...nodes.keys()].sort(compareIds)) {
    if (state.has(start)) continue;
    const path: string[] = [start];
    const cursor: number[] = [0];
    state.set(start, 1);
    while (path.length > 0) {
      const id = path[path.length - 1];
      const parents = nodes.get(id)!.parents;
      const index = cursor[cursor.length - 1];
      if (index >= parents.length) {
        state.set(id, 2);
        path.pop();
        cursor.pop();
        continue;
      }
      cursor[cursor.length - 1] = index + 1;
      const next = parents[index];
      const seen = state.get(next);
      if (seen === 1) throw cycleError(nodes, path.slice(path.indexOf(next)));
      if (seen === undefined) {
        state.set(next, 1);
        path.push(next);
        cursor.push(0);
      }
    }
  }
}

function cycleError(nodes: ReadonlyMap<string, NodeData>, cycle: readonly string[]): CycleDetectedError {
  let viaDependency = false;
  for (let i = 0; i < cycle.length; i++) {
    const from = nodes.get(cycle[i])!;
    if (!from.downRevisions.includes(cycle[(i + 1) % cycle.length])) viaDependency = true;
  }
  const arrows = [...cycle, cycle[0]].join(" -> ");
  const files = cycle.map((id) => nodes.get(id)!.info.path).filter((p): p is string => p !== undefined);
  const where = files.length > 0 ? ` (files: ${formatIds(files, 4)})` : "";
  const kind = viaDependency ? "A dependency cycle" : "A cycle";
  return new CycleDetectedError(
    cycle,
    viaDependency,
    `${kind} was found among revisions ${arrows}${where}; each arrow points to a ${viaDependency ? "down revision or dependency" : "down revision"}. Revision history must be acyclic: fix the downRevision${viaDependency ? "/dependsOn" : ""} of one of them.`,
  );
}

/**
 * Alembic's documented rule: a label applies to its revision, all its descendants (following
 * `downRevision` only), and its ancestors down to, but excluding, the preceding branch point or
 * merge point. Alembic's code starts that downward walk from the last descendant it visited, which
 * skips the ancestors whenever the descendants themselves branch; we follow the documentation.
 */
function inheritLabels(nodes: ReadonlyMap<string, NodeData>): void {
  for (const node of nodes.values()) {
    if (node.ownLabels.length === 0) continue;
    const todo = [node.id];
    const seen = new Set<string>();
    while (todo.length > 0) {
      const id = todo.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const current = nodes.get(id)!;
      for (const label of node.ownLabels) current.labels.add(label);
      todo.push(...current.children);
    }
    let walker = node;
    while (walker.downRevisions.length === 1) {
      const parent = nodes.get(walker.downRevisions[0])!;
      const isBranchPoint = parent.children.length + parent.dependents.length > 1;
      if (isBranchPoint || parent.downRevisions.length > 1) break;
      for (const label of node.ownLabels) parent.labels.add(label);
      walker = parent;
    }
  }
}
