import { InvalidIdentifierError, NotAncestorError } from "./errors.js";
import type { Graph } from "./graph.js";
import { parseIdentifier } from "./identifier.js";
import { formatIds } from "./messages.js";
import { resolveTarget } from "./resolver.js";
import type { ParsedIdentifier } from "./types.js";

interface RangeEnd {
  readonly revisions: readonly string[];
  readonly branch: string | null;
}

/**
 * `history -r lower:upper` (Alembic's `walk_revisions`): the revisions that descend from `lower`
 * (inclusive, following downRevision) and that `upper` needs (inclusive, dependencies included),
 * newest first. Open ends default to `base` and `heads`; `current` stands for the version-table
 * rows; a symbol-less relative end (`-2:`, `current:+1`) counts from the other end.
 */
export function historyRange(
  graph: Graph,
  range: string | undefined,
  currentHeads: readonly string[],
): string[] {
  if (range === undefined || range.trim() === "") return [...graph.orderDown];
  const parts = range.split(":");
  if (parts.length !== 2) {
    throw new InvalidIdentifierError(
      range,
      `History range '${range}' should be 'start:end', 'start:' or ':end' (one colon), e.g. 'base:head' or 'current:'.`,
    );
  }
  const current = graph.knownRows(currentHeads);
  const lowerText = parts[0].trim() || "base";
  const upperText = parts[1].trim() || "heads";
  const lowerParsed = lowerText === "current" ? null : parseIdentifier(lowerText);
  const upperParsed = upperText === "current" ? null : parseIdentifier(upperText);
  const lowerRelative = isBareRelative(lowerParsed);
  const upperRelative = isBareRelative(upperParsed);
  if (lowerRelative && upperRelative) {
    throw new InvalidIdentifierError(
      range,
      `History range '${range}' is relative at both ends, so neither end can anchor the other; make one end absolute, e.g. 'current:${upperText}'.`,
    );
  }

  let lower: RangeEnd;
  let upper: RangeEnd;
  if (upperRelative) {
    lower = end(graph, lowerParsed, current);
    upper = end(graph, upperParsed, lower.revisions);
  } else {
    upper = end(graph, upperParsed, current);
    lower = end(graph, lowerParsed, lowerRelative ? upper.revisions : current);
  }

  let targets = upper.revisions;
  if (lower.branch !== null) {
    // `branch@base:` lists that branch only.
    const lineage = graph.lineage(graph.branchRevision(lower.branch));
    targets = targets.filter((id) => lineage.has(id));
  }
  const required = graph.closure(targets);
  const outside = lower.revisions.filter((id) => !required.has(id));
  if (outside.length > 0) {
    throw new NotAncestorError(
      outside[0],
      `History range '${range}' does not refer to ancestor/descendant revisions along the same branch: ${formatIds(outside)} ${outside.length === 1 ? "is" : "are"} not below ${formatIds(targets)}; swap the ends or pick revisions on one branch.`,
    );
  }
  const below = graph.ancestors(lower.revisions, true, false);
  let selected = [...required].filter((id) => !below.has(id));
  if (lower.revisions.length > 0) {
    const above = graph.descendants(lower.revisions, false, true);
    selected = selected.filter((id) => above.has(id));
  }
  return graph.sortDown(selected);
}

function isBareRelative(parsed: ParsedIdentifier | null): boolean {
  return parsed !== null && parsed.steps !== null && parsed.symbol === null;
}

function end(graph: Graph, parsed: ParsedIdentifier | null, anchor: readonly string[]): RangeEnd {
  if (parsed === null) return { revisions: anchor, branch: null };
  const resolved = resolveTarget(graph, parsed, anchor);
  return { revisions: resolved.revisions, branch: parsed.branch };
}
