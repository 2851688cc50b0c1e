import { MultipleHeadsError, RelativeWalkError } from "./errors.js";
import type { Graph } from "./graph.js";
import { parseIdentifier } from "./identifier.js";
import { formatIds } from "./messages.js";
import type { ParsedIdentifier, ResolvedTarget } from "./types.js";

/** Resolves any identifier form to revision ids; `current` are the (validated) version-table rows. */
export function resolveTarget(
  graph: Graph,
  identifier: string | ParsedIdentifier,
  current: readonly string[],
): ResolvedTarget {
  const parsed = typeof identifier === "string" ? parseIdentifier(identifier) : identifier;
  const { text, branch, symbol, steps } = parsed;
  if (steps === null) {
    return { identifier: text, revisions: resolveSymbol(graph, symbol!, branch, text), branch };
  }
  if (steps > 0) {
    const start =
      symbol === null ? upgradeStart(graph, current, branch, text) : single(graph, symbol, branch, text);
    return { identifier: text, revisions: [walkUp(graph, start, steps, branch, text)], branch };
  }
  let start: string | null;
  let restrict = branch;
  if (symbol !== null) {
    start = single(graph, symbol, branch, text);
  } else if (branch !== null) {
    start = currentOnBranch(graph, current, branch, text);
  } else {
    if (current.length === 0) {
      throw new RelativeWalkError(
        text,
        `Relative revision '${text}' counts from the current revision, but nothing is applied; name an absolute target instead.`,
      );
    }
    if (current.length > 1) {
      throw new MultipleHeadsError(
        text,
        current,
        `'${text}' is ambiguous: the database has several heads (${formatIds(current)}); name the branch to step back on, e.g. 'branchname@${text}', or the revision, e.g. '${current[0]}${text}'.`,
      );
    }
    start = current[0];
    // Alembic restricts the downgrade to the line of the head it walked from.
    restrict = start;
  }
  const end = walkDown(graph, start, -steps, text);
  return { identifier: text, revisions: end === null ? [] : [end], branch: restrict };
}

/** The ids an absolute symbol (`head`, `heads`, `base`, id, prefix, label) designates, within `branch`. */
export function resolveSymbol(graph: Graph, symbol: string, branch: string | null, text: string): string[] {
  const lineage = branch === null ? null : graph.lineage(graph.branchRevision(branch));
  switch (symbol) {
    case "base":
      return [];
    case "heads":
      return lineage === null ? [...graph.realHeads] : graph.heads.filter((h) => lineage.has(h));
    case "head": {
      const heads = lineage === null ? [...graph.heads] : graph.heads.filter((h) => lineage.has(h));
      if (heads.length > 1) throw multipleHeads(branch, heads, text);
      return heads;
    }
    default:
      return [graph.lookup(symbol, branch)];
  }
}

function multipleHeads(branch: string | null, heads: readonly string[], text: string): MultipleHeadsError {
  if (branch === null) {
    return new MultipleHeadsError(
      text,
      heads,
      `Multiple heads are present (${formatIds(heads)}); use 'heads' to upgrade all of them, 'branchname@head' for one branch, or run \`athanor merge heads -m "..."\`.`,
    );
  }
  return new MultipleHeadsError(
    text,
    heads,
    `Branch '${branch}' has multiple heads (${formatIds(heads)}); use '${branch}@heads' for all of them, name one of them, or merge them with \`athanor merge ${heads.join(" ")} -m "..."\`.`,
  );
}

/** A symbol that must designate at most one revision (null means base). */
function single(graph: Graph, symbol: string, branch: string | null, text: string): string | null {
  const ids = resolveSymbol(graph, symbol, branch, text);
  if (ids.length > 1) {
    throw new MultipleHeadsError(
      text,
      ids,
      `'${text}' needs a single starting revision, but '${symbol}' designates several heads (${formatIds(ids)}); name one of them, or use 'branchname@head'.`,
    );
  }
  return ids[0] ?? null;
}

/** Where `+N` starts: the single current head (on `branch`, if given), or base. */
function upgradeStart(
  graph: Graph,
  current: readonly string[],
  branch: string | null,
  text: string,
): string | null {
  let starts = [...current];
  if (branch !== null) {
    const lineage = graph.lineage(graph.branchRevision(branch));
    starts = current.filter((id) => lineage.has(id));
    if (starts.length === 0) {
      // The branch is not a head yet: start from the tip of what is applied on it (Alembic backtracks the same way).
      const active = [...graph.closure(current)].filter((id) => lineage.has(id));
      const activeSet = new Set(active);
      starts = active.filter((id) => !graph.successors(id).some((s) => activeSet.has(s)));
    }
  }
  if (starts.length > 1) {
    throw new RelativeWalkError(
      text,
      `'${text}' is ambiguous: it would start from several current revisions (${formatIds(starts)}); use 'branchname@${text.replace(/^.*@/, "")}' or '<revision>${text.replace(/^.*@/, "")}' to choose one.`,
    );
  }
  return starts[0] ?? null;
}

/** The single current revision on `branch` for `branch@-N`, including heads implied through dependencies. */
function currentOnBranch(graph: Graph, current: readonly string[], branch: string, text: string): string {
  const lineage = graph.lineage(graph.branchRevision(branch));
  let candidates = current.filter((id) => lineage.has(id));
  if (candidates.length === 0) candidates = graph.currentRevisions(current).filter((id) => lineage.has(id));
  if (candidates.length === 0) {
    throw new RelativeWalkError(
      text,
      `'${text}' counts from the current revision of branch '${branch}', but nothing on that branch is applied (current heads: ${formatIds(current)}).`,
    );
  }
  if (candidates.length > 1) {
    throw new MultipleHeadsError(
      text,
      candidates,
      `'${text}' is ambiguous: branch '${branch}' has several current heads (${formatIds(candidates)}); write '<revision>${text.slice(branch.length + 1)}' for the one to step back from.`,
    );
  }
  return candidates[0];
}

/** Walks `steps` revisions up from `start` (null = base), following `branch` at branch points. */
function walkUp(
  graph: Graph,
  start: string | null,
  steps: number,
  branch: string | null,
  text: string,
): string {
  const lineage = branch === null ? null : graph.lineage(graph.branchRevision(branch));
  let position = start;
  for (let walked = 0; walked < steps; walked++) {
    let next = position === null ? [...graph.bases] : [...graph.node(position).children];
    if (lineage !== null) next = next.filter((id) => lineage.has(id));
    const from = position === null ? "base" : position;
    if (next.length === 0) {
      throw new RelativeWalkError(
        text,
        `Relative revision '${text}' didn't produce ${steps} migrations: ${position === null ? "there is no base revision" : `${from} is a head`}${lineage === null ? "" : ` of branch '${branch}'`} after ${walked} step(s); use a smaller count or 'heads'.`,
      );
    }
    if (next.length > 1) {
      throw new RelativeWalkError(
        text,
        `Relative revision '${text}' is ambiguous: after ${walked} step(s) ${position === null ? "there are several bases" : `${from} is a branch point`} (${formatIds(next)}); prefix a branch ('branchname@...') or name the target revision.`,
      );
    }
    position = next[0];
  }
  return position!;
}

/** Walks `steps` revisions down from `start`; returns null when it lands exactly on base. */
function walkDown(graph: Graph, start: string | null, steps: number, text: string): string | null {
  let position = start;
  for (let walked = 0; walked < steps; walked++) {
    if (position === null) {
      throw new RelativeWalkError(
        text,
        `Relative revision '${text}' didn't produce ${steps} migrations: it reaches base after ${walked} step(s); use a smaller count or 'base'.`,
      );
    }
    const downs = graph.node(position).downRevisions;
    if (downs.length > 1) {
      const left = steps - walked - 1;
      const hint = left > 0 ? `${downs[0]}-${left}` : downs[0];
      throw new RelativeWalkError(
        text,
        `Relative revision '${text}' is ambiguous: after ${walked} step(s) it reaches merge point ${position}, whose parents are ${formatIds(downs)}; name the parent to walk from, e.g. '${hint}', or the target revision.`,
      );
    }
    position = downs[0] ?? null;
  }
  return position;
}
