import type { Graph } from "./graph.js";
import type { MigrationInfo, MigrationStep, VersionTableChange } from "./types.js";

/** Alembic's MigrationInfo for a migration step. */
export function stepInfo(graph: Graph, step: MigrationStep): MigrationInfo {
  const id = step.revision.revision;
  return makeInfo(step.direction === "up", false, [id], normalizedParents(graph, id));
}

/** Alembic's MigrationInfo for a stamp change: the rows it removes and adds, oriented by ancestry. */
export function stampChangeInfo(graph: Graph, change: VersionTableChange): MigrationInfo {
  // Purging removes rows of any kind; it is a movement down to nothing.
  if (change.kind === "purge") return makeInfo(false, true, [], []);
  const [removed, added] = sides(change);
  const isUpgrade =
    removed.length === 0 ||
    (added.length > 0 && removed.some((r) => graph.ancestors(added, true, false).has(r)));
  return isUpgrade ? makeInfo(true, true, added, removed) : makeInfo(false, true, removed, added);
}

/**
 * Parents and dependencies, minus dependencies already implied by another parent: what Alembic
 * calls `_normalized_down_revisions`, used as the step's "down" side.
 */
export function normalizedParents(graph: Graph, id: string): string[] {
  const node = graph.node(id);
  const implied = graph.ancestors(node.downRevisions, true, true);
  const deps = node.dependencies.filter(
    (dep) =>
      !implied.has(dep) &&
      !node.dependencies.some((o) => o !== dep && graph.ancestors([o], true, false).has(dep)),
  );
  return [...node.downRevisions, ...deps];
}

function sides(change: VersionTableChange): [readonly string[], readonly string[]] {
  switch (change.kind) {
    case "insert":
      return [[], [change.version]];
    case "delete":
      return [[change.version], []];
    case "update":
      return [[change.from], [change.to]];
    case "merge":
      return [[...change.delete, change.update.from], [change.update.to]];
    case "unmerge":
      return [[change.update.from], [change.update.to, ...change.insert]];
    case "purge":
      return [[], []];
  }
}

function makeInfo(
  isUpgrade: boolean,
  isStamp: boolean,
  up: readonly string[],
  down: readonly string[],
): MigrationInfo {
  return {
    isUpgrade,
    isStamp,
    upRevisionId: up[0] ?? null,
    upRevisionIds: up,
    downRevisionIds: down,
    sourceRevisionIds: isUpgrade ? down : up,
    destinationRevisionIds: isUpgrade ? up : down,
  };
}
