/**
 * Version-table bookkeeping (Alembic's HeadMaintainer). The table holds one row per head of the
 * applied set, where "head" counts dependencies as edges: when C depends on B and B's row is
 * present, upgrading C deletes B's row (Alembic treats the dependency like a merge parent, and
 * `alembic current` then shows B again through `get_all_current`). Each step's change is the
 * difference between the heads before and after it, which reproduces Alembic's
 * insert / update / merge / unmerge / delete decisions.
 */

import { VersionTableError } from "./errors.js";
import type { Graph } from "./graph.js";
import { compareIds } from "./graph-builder.js";
import { formatIds } from "./messages.js";
import type { VersionTableChange } from "./types.js";

/** Applies one change to a set of rows, strictly (a missing or duplicate row is an error); returns the sorted rows. */
export function applyChange(heads: readonly string[], change: VersionTableChange): string[] {
  const rows = new Set(heads);
  const remove = (version: string): void => {
    if (!rows.delete(version)) throw missingRow(version, rows, change);
  };
  const add = (version: string): void => {
    if (rows.has(version)) {
      throw new VersionTableError(
        `Cannot add version '${version}' (${change.kind}): the version table already has it (rows: ${formatIds(sorted(rows))}). The plan and the table disagree; re-read the current heads and plan again, or repair the table with \`athanor stamp\`.`,
      );
    }
    rows.add(version);
  };
  switch (change.kind) {
    case "insert":
      add(change.version);
      break;
    case "delete":
      remove(change.version);
      break;
    case "update":
      remove(change.from);
      add(change.to);
      break;
    case "merge":
      for (const version of change.delete) remove(version);
      remove(change.update.from);
      add(change.update.to);
      break;
    case "unmerge":
      remove(change.update.from);
      add(change.update.to);
      for (const version of change.insert) add(version);
      break;
    case "purge":
      rows.clear();
      break;
    default:
      throw new VersionTableError(`Unknown version table change ${JSON.stringify(change)}.`);
  }
  return sorted(rows);
}

/** Applies changes in order. */
export function applyChanges(heads: readonly string[], changes: readonly VersionTableChange[]): string[] {
  let rows = [...heads].sort(compareIds);
  for (const change of changes) rows = applyChange(rows, change);
  return rows;
}

/** The change for upgrading `id` when `applied` (ancestor-closed, without `id`) is in the database. */
export function upgradeChange(graph: Graph, applied: ReadonlySet<string>, id: string): VersionTableChange {
  // A parent is a row exactly when nothing applied descends from it directly.
  const rows = graph.node(id).parents.filter((p) => !graph.successors(p).some((s) => applied.has(s)));
  return collapse(rows, id);
}

/** The change for downgrading `id` when `applied` (ancestor-closed, with `id` as a head) is in the database. */
export function downgradeChange(graph: Graph, applied: ReadonlySet<string>, id: string): VersionTableChange {
  // A parent gets its row back unless another applied revision still descends from it.
  const restored = graph
    .node(id)
    .parents.filter((p) => !graph.successors(p).some((s) => s !== id && applied.has(s)));
  if (restored.length === 0) return { kind: "delete", version: id };
  if (restored.length === 1) return { kind: "update", from: id, to: restored[0] };
  return {
    kind: "unmerge",
    update: { from: id, to: restored[restored.length - 1] },
    insert: restored.slice(0, -1),
  };
}

/** Replaces `from` rows by the single row `to`: insert, update or merge (delete all but the last, update the last). */
export function collapse(from: readonly string[], to: string): VersionTableChange {
  if (from.length === 0) return { kind: "insert", version: to };
  if (from.length === 1) return { kind: "update", from: from[0], to };
  return { kind: "merge", delete: from.slice(0, -1), update: { from: from[from.length - 1], to } };
}

function missingRow(
  version: string,
  rows: ReadonlySet<string>,
  change: VersionTableChange,
): VersionTableError {
  return new VersionTableError(
    `Cannot remove version '${version}' (${change.kind}): it is not in the version table (rows: ${formatIds(sorted(rows))}). The plan and the table disagree; re-read the current heads and plan again, or repair the table with \`athanor stamp\`.`,
  );
}

function sorted(rows: Iterable<string>): string[] {
  return [...rows].sort(compareIds);
}
