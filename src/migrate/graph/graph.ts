import {
  AmbiguousRevisionError,
  BranchLabelError,
  UnknownRevisionError,
  VersionTableError,
} from "./errors.js";
import { type BuiltGraph, buildGraph, compareIds, type NodeData } from "./graph-builder.js";
import { describeRevision, describeSources, formatIds } from "./messages.js";
import { topologicalOrder } from "./topo-order.js";
import type { RevisionInfo } from "./types.js";

/**
 * Internal engine behind RevisionMap: validated nodes, global orders, traversals and lookups.
 * Planners, the resolver and history work on this so RevisionMap stays a thin public facade.
 */
export class Graph {
  readonly nodes: ReadonlyMap<string, NodeData>;
  readonly labelOwner: ReadonlyMap<string, string>;
  /** Versioned heads: no revision has them as downRevision (Alembic's `heads`). */
  readonly heads: readonly string[];
  /** Heads once dependents count as children (Alembic's `_real_heads`). */
  readonly realHeads: readonly string[];
  readonly bases: readonly string[];
  /** Every id, parents before children. */
  readonly orderUp: readonly string[];
  /** Every id, children before parents. */
  readonly orderDown: readonly string[];
  /** "among the N revisions loaded from DIR", for messages. */
  readonly sources: string;
  readonly #rankUp = new Map<string, number>();
  readonly #rankDown = new Map<string, number>();
  readonly #lineage = new Map<string, ReadonlySet<string>>();

  /** Builds and validates the graph. */
  constructor(infos: readonly RevisionInfo[]) {
    const built: BuiltGraph = buildGraph(infos);
    this.nodes = built.nodes;
    this.labelOwner = built.labelOwner;
    this.sources = describeSources(infos);
    const ids = [...this.nodes.keys()].sort(compareIds);
    // Frozen because RevisionMap hands these arrays out as-is.
    this.heads = Object.freeze(ids.filter((id) => this.node(id).children.length === 0));
    this.realHeads = Object.freeze(this.heads.filter((id) => this.node(id).dependents.length === 0));
    this.bases = Object.freeze(ids.filter((id) => this.node(id).downRevisions.length === 0));
    this.orderUp = topologicalOrder(
      ids,
      (id) => this.node(id).parents,
      (id) => this.successors(id),
    );
    this.orderDown = topologicalOrder(
      ids,
      (id) => this.successors(id),
      (id) => this.node(id).parents,
    );
    for (const [i, id] of this.orderUp.entries()) this.#rankUp.set(id, i);
    for (const [i, id] of this.orderDown.entries()) this.#rankDown.set(id, i);
  }

  /** The node for a full id (the caller guarantees it exists). */
  node(id: string): NodeData {
    const node = this.nodes.get(id);
    if (!node) throw new UnknownRevisionError(id, `Revision '${id}' is not ${this.sources}.`);
    return node;
  }

  /** Children and dependents: every edge away from the base. */
  successors(id: string): readonly string[] {
    const node = this.node(id);
    return node.dependents.length === 0 ? node.children : [...node.children, ...node.dependents];
  }

  /** Names a revision with its file for messages. */
  describe(id: string): string {
    return describeRevision(this.nodes.get(id)?.info, id);
  }

  /** Sorts ids parents-first, consistently with the global order. */
  sortUp(ids: Iterable<string>): string[] {
    return [...ids].sort((a, b) => this.#rankUp.get(a)! - this.#rankUp.get(b)!);
  }

  /** Sorts ids children-first (newest first), consistently with the global order. */
  sortDown(ids: Iterable<string>): string[] {
    return [...ids].sort((a, b) => this.#rankDown.get(a)! - this.#rankDown.get(b)!);
  }

  /** Ancestors of `ids`, optionally through dependencies and optionally including `ids`. */
  ancestors(ids: Iterable<string>, includeDependencies: boolean, includeSelf: boolean): Set<string> {
    const next = includeDependencies
      ? (id: string) => this.node(id).parents
      : (id: string) => this.node(id).downRevisions;
    return this.#reach(ids, next, includeSelf);
  }

  /** Descendants of `ids`, optionally through dependents and optionally including `ids`. */
  descendants(ids: Iterable<string>, includeDependencies: boolean, includeSelf: boolean): Set<string> {
    const next = includeDependencies
      ? (id: string) => this.successors(id)
      : (id: string) => this.node(id).children;
    return this.#reach(ids, next, includeSelf);
  }

  /** Everything that is applied when `ids` are: the ids and all their ancestors, dependencies included. */
  closure(ids: Iterable<string>): Set<string> {
    return this.ancestors(ids, true, true);
  }

  /** The rows of a version table whose applied set is `applied` (ancestor-closed). */
  headsOf(applied: ReadonlySet<string>): string[] {
    const result: string[] = [];
    for (const id of applied) {
      if (!this.successors(id).some((s) => applied.has(s))) result.push(id);
    }
    return result.sort(compareIds);
  }

  /** Alembic's `get_all_current`: the tip of every versioned branch that `rows` imply, dependencies included. */
  currentRevisions(rows: Iterable<string>): string[] {
    const applied = this.closure(rows);
    return [...applied].filter((id) => !this.node(id).children.some((c) => applied.has(c))).sort(compareIds);
  }

  /** Revisions sharing a versioned line with `revision`: its ancestors, itself and its descendants. */
  lineage(revision: string): ReadonlySet<string> {
    let set = this.#lineage.get(revision);
    if (!set) {
      set = new Set([
        ...this.ancestors([revision], false, true),
        ...this.descendants([revision], false, false),
      ]);
      this.#lineage.set(revision, set);
    }
    return set;
  }

  /** The revision a branch name stands for: the revision declaring the label, or a revision id used as one. */
  branchRevision(branch: string): string {
    const owner = this.labelOwner.get(branch);
    if (owner !== undefined) return owner;
    try {
      return this.lookup(branch);
    } catch (error) {
      if (!(error instanceof UnknownRevisionError)) throw error;
      const labels = [...this.labelOwner.keys()].sort(compareIds);
      throw new BranchLabelError(
        branch,
        `No such branch: '${branch}' is neither a branch label nor a revision ${this.sources}; known labels: ${formatIds(labels)}. Use one of them (or a revision id) before '@'.`,
      );
    }
  }

  /** Resolves a full id, a branch label or a unique id prefix, optionally checking branch membership. */
  lookup(identifier: string, branch: string | null = null): string {
    const branchRev = branch === null ? null : this.branchRevision(branch);
    let id: string;
    if (this.nodes.has(identifier)) {
      id = identifier;
    } else if (this.labelOwner.has(identifier)) {
      id = this.labelOwner.get(identifier)!;
    } else {
      let candidates = [...this.nodes.keys()].filter((key) => key.startsWith(identifier)).sort(compareIds);
      if (branchRev !== null) candidates = candidates.filter((c) => this.lineage(branchRev).has(c));
      if (candidates.length === 0) {
        const short =
          identifier.length < 4
            ? " A partial id should have at least four characters to be unambiguous."
            : "";
        const onBranch = branch === null ? "" : ` on branch '${branch}'`;
        throw new UnknownRevisionError(
          identifier,
          `No revision or branch label matches '${identifier}'${onBranch} ${this.sources}; check the id (\`athanor history\` lists them) or that the migration file is present.${short}`,
        );
      }
      if (candidates.length > 1) {
        throw new AmbiguousRevisionError(
          identifier,
          candidates,
          `Partial revision id '${identifier}' matches several revisions (${formatIds(candidates)}); type more characters of the id you mean.`,
        );
      }
      id = candidates[0];
    }
    if (branchRev !== null && !this.lineage(branchRev).has(id)) {
      throw new BranchLabelError(
        branch!,
        `Revision ${this.describe(id)} is not a member of branch '${branch}' (which starts at ${branchRev}); drop the '${branch}@' prefix or pick a revision on that branch.`,
      );
    }
    return id;
  }

  /** Validates version-table rows: known ids, deduplicated, sorted. */
  knownRows(rows: readonly string[]): string[] {
    const unique = [...new Set(rows)].sort(compareIds);
    for (const row of unique) {
      if (!this.nodes.has(row)) {
        throw new UnknownRevisionError(
          row,
          `The version table contains '${row}', which is not ${this.sources}: the database was migrated by other code, or the migration file was removed. Restore the file, or reset the table with \`athanor stamp --purge <revision>\`.`,
        );
      }
    }
    return unique;
  }

  /** Validates rows and checks that none is an ancestor of another, as a consistent table requires. */
  consistentRows(rows: readonly string[]): string[] {
    const unique = this.knownRows(rows);
    for (const row of unique) {
      const below = this.ancestors([row], true, false);
      const overlap = unique.filter((other) => below.has(other));
      if (overlap.length > 0) {
        throw new VersionTableError(
          `The version table rows overlap: ${formatIds(overlap)} ${overlap.length === 1 ? "is an ancestor" : "are ancestors"} of ${row}, yet each row should be a distinct head. Repair the table with \`athanor stamp ${row}\` (or \`athanor stamp --purge ...\`).`,
        );
      }
    }
    return unique;
  }

  #reach(
    start: Iterable<string>,
    next: (id: string) => readonly string[],
    includeSelf: boolean,
  ): Set<string> {
    const seen = new Set<string>();
    const todo: string[] = [];
    for (const id of start) {
      if (includeSelf) seen.add(id);
      todo.push(id);
    }
    while (todo.length > 0) {
      const id = todo.pop()!;
      for (const n of next(id)) {
        if (!seen.has(n)) {
          seen.add(n);
          todo.push(n);
        }
      }
    }
    return seen;
  }
}
