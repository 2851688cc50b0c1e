import { InvalidIdentifierError, NotAncestorError } from "./errors.js";
import type { Graph } from "./graph.js";
import { compareIds } from "./graph-builder.js";
import { resolveTarget } from "./resolver.js";
import type { VersionTableChange } from "./types.js";
import { applyChange, collapse } from "./version-table.js";

/** Options of {@link planStamp}. */
export interface StampOptions {
  /** Empty the table first (even of unknown rows), as `stamp --purge`. */
  readonly purge?: boolean;
}

/**
 * Stamp (Alembic's `_stamp_revs`): rewrite the version table without running migrations. Rows
 * related to a target (its ancestors or descendants, dependencies included) are replaced by the
 * target; unrelated rows stay. Alembic computes the related rows once for all targets and lets
 * HeadMaintainer patch up the rest at run time; we compute them per target against the table as it
 * evolves, which reaches the same final table with changes that are each valid on their own.
 */
export function planStamp(
  graph: Graph,
  currentHeads: readonly string[],
  targets: string | readonly string[],
  options: StampOptions = {},
): VersionTableChange[] {
  const identifiers = typeof targets === "string" ? [targets] : [...targets];
  if (identifiers.length === 0) {
    throw new InvalidIdentifierError(
      "",
      "stamp needs at least one target revision; give a revision id, 'heads', 'base' or 'branchname@head'.",
    );
  }
  const changes: VersionTableChange[] = [];
  let rows: string[];
  if (options.purge) {
    changes.push({ kind: "purge" });
    rows = [];
  } else {
    rows = graph.knownRows(currentHeads);
  }

  const baseBranches: (string | null)[] = [];
  const destinations: string[] = [];
  for (const identifier of identifiers) {
    const resolved = resolveTarget(graph, identifier, rows);
    if (resolved.revisions.length === 0) baseBranches.push(resolved.branch);
    for (const id of resolved.revisions) if (!destinations.includes(id)) destinations.push(id);
  }
  checkNoOverlap(graph, destinations);

  const emit = (change: VersionTableChange): void => {
    changes.push(change);
    rows = applyChange(rows, change);
  };
  for (const branch of baseBranches) {
    const related = branch === null ? null : relatedTo(graph, graph.branchRevision(branch));
    for (const row of [...rows]) {
      if (related === null || related.has(row)) emit({ kind: "delete", version: row });
    }
  }
  for (const destination of destinations) {
    if (rows.includes(destination)) continue;
    const related = relatedTo(graph, destination);
    emit(collapse(rows.filter((row) => related.has(row)).sort(compareIds), destination));
  }
  return changes;
}

function relatedTo(graph: Graph, id: string): Set<string> {
  return new Set([...graph.ancestors([id], true, true), ...graph.descendants([id], true, false)]);
}

function checkNoOverlap(graph: Graph, destinations: readonly string[]): void {
  for (const id of destinations) {
    const below = graph.ancestors([id], true, false);
    const overlap = destinations.find((other) => below.has(other));
    if (overlap !== undefined) {
      throw new NotAncestorError(
        overlap,
        `Stamp targets overlap: ${graph.describe(overlap)} is an ancestor of ${graph.describe(id)}, so they cannot both be rows of the version table; stamp only ${id} (which implies ${overlap}).`,
      );
    }
  }
}
