/** Read-only commands: current, history, heads, branches, show. */
import type { ConfigSource } from "../config/load-config.js";
import { NotUpToDateError } from "../errors.js";
import { type CommandOptions, loadProject, type RevisionSummary, summarize } from "./common.js";
import { describeDatabase, readVersionRows } from "./database.js";

/** What `current` reports. */
export interface CurrentResult {
  /** The database, password masked. */
  readonly database: string;
  /** The version table's rows. */
  readonly rows: readonly string[];
  /** The current revisions (rows plus what dependencies imply), as Alembic's `current` lists them. */
  readonly current: readonly RevisionSummary[];
  /** The scripts' heads. */
  readonly heads: readonly string[];
  /** Whether every head is applied (and nothing else is). */
  readonly upToDate: boolean;
}

/** `current`: the revisions the database is at; `checkHeads` throws NotUpToDateError unless they are the heads. */
export async function current(
  config: ConfigSource,
  options: CommandOptions & { checkHeads?: boolean } = {},
): Promise<CurrentResult> {
  const { config: resolved, script } = await loadProject(config, options);
  const rows = await readVersionRows(resolved);
  const map = script.map;
  const currentIds = map.currentRevisions(rows);
  const heads = [...map.heads];
  const upToDate = rows.length === heads.length && heads.every((h) => rows.includes(h));
  if (options.checkHeads && !upToDate) {
    throw new NotUpToDateError(
      `The database is not up to date: it is at ${rows.length ? rows.join(", ") : "base (nothing applied)"}, the heads are ${heads.join(", ") || "(none)"}. Run \`athanor upgrade heads\`.`,
    );
  }
  return {
    database: describeDatabase(resolved),
    rows,
    current: currentIds.map((id) => summarize(map.get(id))),
    heads,
    upToDate,
  };
}

/** A history entry. */
export interface HistoryEntry extends RevisionSummary {
  /** Whether the database is at this revision (with `indicateCurrent`). */
  readonly isCurrent: boolean;
}

/** What `history` reports. */
export interface HistoryResult {
  /** Revisions newest first. */
  readonly entries: readonly HistoryEntry[];
  /** The database's current revisions, when they were read (`indicateCurrent`, or a range using `current`). */
  readonly current: readonly string[] | null;
  /** Whether the graph has several heads (history marks them "effective head" in that case). */
  readonly multipleHeads: boolean;
}

/** `history [-r a:b] [--indicate-current]`. */
export async function history(
  config: ConfigSource,
  options: CommandOptions & { range?: string; indicateCurrent?: boolean } = {},
): Promise<HistoryResult> {
  const { config: resolved, script } = await loadProject(config, options);
  const map = script.map;
  const needsDatabase = options.indicateCurrent === true || /(^|:)current(:|$)/.test(options.range ?? "");
  const rows = needsDatabase ? await readVersionRows(resolved) : null;
  const currentIds = rows === null ? [] : map.currentRevisions(rows);
  const nodes = map.history(options.range, rows ?? []);
  return {
    entries: nodes.map((n) => ({ ...summarize(n), isCurrent: currentIds.includes(n.revision) })),
    current: rows === null ? null : currentIds,
    multipleHeads: map.heads.length > 1,
  };
}

/** `heads [--resolve-dependencies]`. */
export async function heads(
  config: ConfigSource,
  options: CommandOptions & { resolveDependencies?: boolean } = {},
): Promise<{ readonly heads: readonly RevisionSummary[] }> {
  const { script } = await loadProject(config, options);
  const map = script.map;
  const ids = options.resolveDependencies ? map.realHeads : map.heads;
  return { heads: ids.map((id) => summarize(map.get(id))) };
}

/** A branch point and the revisions it branches into. */
export interface BranchPoint {
  readonly revision: RevisionSummary;
  readonly children: readonly RevisionSummary[];
}

/** `branches`: revisions with more than one child. */
export async function branches(
  config: ConfigSource,
  options: CommandOptions = {},
): Promise<{ readonly branchPoints: readonly BranchPoint[] }> {
  const { script } = await loadProject(config, options);
  const map = script.map;
  return {
    branchPoints: map.branchPoints().map((node) => ({
      revision: summarize(node),
      children: node.children.map((c) => summarize(map.get(c))),
    })),
  };
}

/** `show <rev>`: the revision(s) an identifier designates (`head`, `heads`, an id, a label). */
export async function show(
  config: ConfigSource,
  revision: string,
  options: CommandOptions = {},
): Promise<{ readonly revisions: readonly RevisionSummary[] }> {
  const { config: resolved, script } = await loadProject(config, options);
  const map = script.map;
  const ids =
    revision === "current"
      ? map.currentRevisions(await readVersionRows(resolved))
      : map.resolve(revision).revisions;
  return { revisions: ids.map((id) => summarize(map.get(id))) };
}
