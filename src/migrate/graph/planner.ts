import { MultipleHeadsError, NotAncestorError, RelativeWalkError } from "./errors.js";
import type { Graph } from "./graph.js";
import { parseIdentifier } from "./identifier.js";
import { formatIds } from "./messages.js";
import { resolveTarget } from "./resolver.js";
import type { MigrationStep, VersionTableChange } from "./types.js";
import { downgradeChange, upgradeChange } from "./version-table.js";

/**
 * Upgrade: apply every revision the target needs that is not applied yet (Alembic's
 * `_collect_upgrade_revisions` with `implicit_base`), parents and dependencies first. Rows on
 * other branches are left alone, and a target already below the current heads is a no-op.
 */
export function planUpgrade(graph: Graph, currentHeads: readonly string[], target: string): MigrationStep[] {
  const current = graph.consistentRows(currentHeads);
  const parsed = parseIdentifier(target);
  if (parsed.steps !== null && parsed.steps < 0 && parsed.symbol === null) {
    throw new RelativeWalkError(
      parsed.text,
      `upgrade '${parsed.text}' would move backwards from the current revision; use \`athanor downgrade ${parsed.text}\`.`,
    );
  }
  const resolved = resolveTarget(graph, parsed, current);
  const applied = graph.closure(current);
  const needed = [...graph.closure(resolved.revisions)].filter((id) => !applied.has(id));
  const state = new Set(applied);
  const steps: MigrationStep[] = [];
  for (const id of graph.sortUp(needed)) {
    const change = upgradeChange(graph, state, id);
    state.add(id);
    steps.push(makeStep(graph, id, "up", change));
  }
  return steps;
}

/**
 * Downgrade: unapply every applied descendant of the target's children (dependents included),
 * children and dependents first (Alembic's `_collect_downgrade_revisions`). A branch restriction
 * (`branch@rev`, or the head a bare `-N` walked from) keeps only the target's children on that
 * branch's line.
 */
export function planDowngrade(
  graph: Graph,
  currentHeads: readonly string[],
  target: string,
): MigrationStep[] {
  const current = graph.consistentRows(currentHeads);
  const parsed = parseIdentifier(target);
  if (parsed.steps !== null && parsed.steps > 0 && parsed.symbol === null) {
    throw new RelativeWalkError(
      parsed.text,
      `downgrade '${parsed.text}' would move forwards from the current revision; use \`athanor upgrade ${parsed.text}\`.`,
    );
  }
  const resolved = resolveTarget(graph, parsed, current);
  if (resolved.revisions.length > 1) {
    throw new MultipleHeadsError(
      parsed.text,
      resolved.revisions,
      `downgrade needs a single target, but '${parsed.text}' designates several revisions (${formatIds(resolved.revisions)}); name one of them, or 'branchname@<revision>'.`,
    );
  }
  const destination = resolved.revisions[0] ?? null;
  const applied = graph.closure(current);
  if (destination !== null && !applied.has(destination))
    throw notApplied(graph, destination, current, parsed.text);

  let roots = destination === null ? [...graph.bases] : [...graph.node(destination).children];
  if (resolved.branch !== null) {
    // Alembic keeps the roots that are ancestors of the label's revision; lineage (ancestors or
    // descendants) also works when the label sits below the branch point being downgraded to.
    const lineage = graph.lineage(graph.branchRevision(resolved.branch));
    roots = roots.filter((id) => lineage.has(id));
  }
  const drop = [...graph.descendants(roots, true, true)].filter((id) => applied.has(id));
  const state = new Set(applied);
  const steps: MigrationStep[] = [];
  for (const id of graph.sortDown(drop)) {
    const change = downgradeChange(graph, state, id);
    state.delete(id);
    steps.push(makeStep(graph, id, "down", change));
  }
  return steps;
}

function notApplied(
  graph: Graph,
  target: string,
  current: readonly string[],
  text: string,
): NotAncestorError {
  const above = graph.descendants(current, true, false).has(target);
  const why = above
    ? "it is above the current heads, so reaching it is an upgrade"
    : current.length === 0
      ? "nothing is applied"
      : "it is on another branch than the current heads";
  const fix = above
    ? `use \`athanor upgrade ${text}\``
    : `downgrade to an applied revision (\`athanor history -r base:current\` lists them), or use \`athanor upgrade ${text}\` to apply that branch`;
  return new NotAncestorError(
    target,
    `Cannot downgrade to ${graph.describe(target)}: it is not applied (current heads: ${formatIds(current)}); ${why}. A downgrade only moves back along applied revisions; ${fix}.`,
  );
}

function makeStep(
  graph: Graph,
  id: string,
  direction: "up" | "down",
  change: VersionTableChange,
): MigrationStep {
  const node = graph.node(id);
  return {
    revision: node.info,
    direction,
    versionChange: change,
    fromRevisions: direction === "up" ? [...node.downRevisions] : [id],
    toRevisions: direction === "up" ? [id] : [...node.downRevisions],
  };
}
