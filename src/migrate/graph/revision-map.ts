import { BranchLabelError } from "./errors.js";
import { Graph } from "./graph.js";
import { compareIds, type NodeData } from "./graph-builder.js";
import { historyRange } from "./history.js";
import { stampChangeInfo, stepInfo } from "./migration-info.js";
import { planDowngrade, planUpgrade } from "./planner.js";
import { resolveTarget } from "./resolver.js";
import { planStamp, type StampOptions } from "./stamp.js";
import type {
  MigrationInfo,
  MigrationStep,
  ResolvedTarget,
  RevisionInfo,
  RevisionNode,
  VersionTableChange,
} from "./types.js";

/** Options of {@link RevisionMap.ancestors} and {@link RevisionMap.descendants}. */
export interface TraversalOptions {
  /** Follow `dependsOn` edges too (default true, as Alembic). */
  readonly includeDependencies?: boolean;
}

/**
 * The revision graph of a migration directory (Alembic's RevisionMap): validated on construction,
 * then queried, resolved and planned against. Immutable.
 */
export class RevisionMap {
  readonly #graph: Graph;
  readonly #views = new Map<string, RevisionNode>();

  /** Builds the map; throws a RevisionError subclass on any inconsistency. */
  constructor(infos: Iterable<RevisionInfo>) {
    this.#graph = new Graph([...infos]);
  }

  /** Number of revisions. */
  get size(): number {
    return this.#graph.nodes.size;
  }

  /** Versioned heads (no revision has them as downRevision), sorted by id. */
  get heads(): readonly string[] {
    return this.#graph.heads;
  }

  /** Heads when dependents count as children (`heads --resolve-dependencies`), sorted by id. */
  get realHeads(): readonly string[] {
    return this.#graph.realHeads;
  }

  /** Revisions without downRevision, sorted by id. */
  get bases(): readonly string[] {
    return this.#graph.bases;
  }

  /** Every declared branch label, sorted. */
  get branchLabels(): readonly string[] {
    return [...this.#graph.labelOwner.keys()].sort(compareIds);
  }

  /** True when `id` is a full revision id of this map. */
  has(id: string): boolean {
    return this.#graph.nodes.has(id);
  }

  /** A revision by full id, branch label (its declaring revision) or unique id prefix. */
  get(identifier: string): RevisionNode {
    return this.#view(this.#graph.lookup(identifier));
  }

  /** The revision that declares `label`. */
  getByBranchLabel(label: string): RevisionNode {
    const owner = this.#graph.labelOwner.get(label);
    if (owner === undefined) {
      throw new BranchLabelError(
        label,
        `No revision declares branch label '${label}'; known labels: ${this.branchLabels.join(", ") || "(none)"}. Check the spelling, or add branchLabels to the revision that starts the branch.`,
      );
    }
    return this.#view(owner);
  }

  /** Every revision, newest first (children before parents). */
  revisions(): RevisionNode[] {
    return this.#graph.orderDown.map((id) => this.#view(id));
  }

  /** Revisions with more than one child, newest first (`athanor branches`). */
  branchPoints(): RevisionNode[] {
    return this.#graph.orderDown
      .filter((id) => this.#graph.node(id).children.length > 1)
      .map((id) => this.#view(id));
  }

  /** Ids of the revisions whose downRevision names `identifier`'s revision, sorted. */
  children(identifier: string): string[] {
    return [...this.#graph.node(this.#graph.lookup(identifier)).children];
  }

  /** Ids of the revisions that depend on `identifier`'s revision through dependsOn, sorted. */
  dependents(identifier: string): string[] {
    return [...this.#graph.node(this.#graph.lookup(identifier)).dependents];
  }

  /** Strict ancestors of a revision, newest first (children before parents). */
  ancestors(identifier: string, options: TraversalOptions = {}): string[] {
    const id = this.#graph.lookup(identifier);
    return this.#graph.sortDown(this.#graph.ancestors([id], options.includeDependencies ?? true, false));
  }

  /** Strict descendants of a revision, oldest first (parents before children). */
  descendants(identifier: string, options: TraversalOptions = {}): string[] {
    const id = this.#graph.lookup(identifier);
    return this.#graph.sortUp(this.#graph.descendants([id], options.includeDependencies ?? true, false));
  }

  /** The tip of every branch the version-table rows imply, dependencies included (`athanor current`). */
  currentRevisions(rows: readonly string[]): string[] {
    return this.#graph.currentRevisions(this.#graph.knownRows(rows));
  }

  /** Resolves any identifier form against the current version-table rows. */
  resolve(identifier: string, currentHeads: readonly string[] = []): ResolvedTarget {
    return resolveTarget(this.#graph, identifier, this.#graph.knownRows(currentHeads));
  }

  /** Revisions newest first, optionally restricted by an `alembic history -r` style range. */
  history(range?: string, currentHeads: readonly string[] = []): RevisionNode[] {
    return historyRange(this.#graph, range, currentHeads).map((id) => this.#view(id));
  }

  /** Steps (parents first) that bring the database from `currentHeads` to `target`. */
  upgradePlan(currentHeads: readonly string[], target: string): MigrationStep[] {
    return planUpgrade(this.#graph, currentHeads, target);
  }

  /** Steps (children first) that bring the database from `currentHeads` down to `target`. */
  downgradePlan(currentHeads: readonly string[], target: string): MigrationStep[] {
    return planDowngrade(this.#graph, currentHeads, target);
  }

  /** Version-table changes that mark the database as being at `target` without running migrations. */
  stampPlan(
    currentHeads: readonly string[],
    target: string | readonly string[],
    options: StampOptions = {},
  ): VersionTableChange[] {
    return planStamp(this.#graph, currentHeads, target, options);
  }

  /** Alembic's MigrationInfo for a planned step, or for a stamp change. */
  migrationInfo(stepOrStamp: MigrationStep | VersionTableChange): MigrationInfo {
    return "kind" in stepOrStamp
      ? stampChangeInfo(this.#graph, stepOrStamp)
      : stepInfo(this.#graph, stepOrStamp);
  }

  #view(id: string): RevisionNode {
    let view = this.#views.get(id);
    if (!view) {
      view = toView(this.#graph.node(id));
      this.#views.set(id, view);
    }
    return view;
  }
}

function toView(node: NodeData): RevisionNode {
  return Object.freeze({
    revision: node.id,
    info: node.info,
    downRevisions: Object.freeze([...node.downRevisions]),
    dependencies: Object.freeze([...node.dependencies]),
    ownBranchLabels: Object.freeze([...node.ownLabels]),
    branchLabels: Object.freeze([...node.labels].sort(compareIds)),
    children: Object.freeze([...node.children]),
    dependents: Object.freeze([...node.dependents]),
    isHead: node.children.length === 0,
    isRealHead: node.children.length === 0 && node.dependents.length === 0,
    isBase: node.downRevisions.length === 0,
    isBranchPoint: node.children.length > 1,
    isMergePoint: node.downRevisions.length > 1,
  });
}
