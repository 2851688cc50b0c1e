/** Text output of command results, in Alembic's formats (`1a2b -> 3c4d (head), add kits`). */
import type { RevisionSummary } from "../commands/common.js";
import type { BranchPoint, CurrentResult, HistoryResult } from "../commands/inspect.js";
import type { MigrateResult } from "../commands/migrate.js";
import type { StampResult } from "../commands/stamp.js";

/** Markers after a revision id: `(label) (head) (branchpoint) (mergepoint) (current)`. */
function indicators(r: RevisionSummary, extra: { current?: boolean } = {}): string {
  const out: string[] = [];
  if (r.branchLabels.length) out.push(`(${r.branchLabels.join(", ")})`);
  if (r.isHead) out.push("(head)");
  if (r.isBranchPoint) out.push("(branchpoint)");
  if (r.isMergePoint) out.push("(mergepoint)");
  if (extra.current) out.push("(current)");
  return out.length ? ` ${out.join(" ")}` : "";
}

function parents(r: RevisionSummary): string {
  if (r.downRevisions.length === 0) return "<base>";
  return r.downRevisions.length === 1 ? r.downRevisions[0]! : `(${r.downRevisions.join(", ")})`;
}

/** One line: `parent -> rev (head), message`. */
export function revisionLine(
  r: RevisionSummary,
  options: { parents?: boolean; current?: boolean } = {},
): string {
  const head = options.parents ? `${parents(r)} -> ` : "";
  const message = r.message ? `, ${r.message}` : "";
  return `${head}${r.revision}${indicators(r, options)}${message}`;
}

/** The verbose block (`Rev:`, `Parent:`, `Path:` and the revision's header). */
export function revisionBlock(r: RevisionSummary, options: { current?: boolean } = {}): string {
  const lines = [`Rev: ${r.revision}${indicators(r, options)}`];
  if (r.isMergePoint) lines.push(`Merges: ${r.downRevisions.join(", ")}`);
  else lines.push(`Parent: ${r.downRevisions[0] ?? "<base>"}`);
  if (r.dependsOn.length) lines.push(`Also depends on: ${r.dependsOn.join(", ")}`);
  if (r.isBranchPoint) lines.push(`Branches into: ${r.children.join(", ")}`);
  if (r.branchLabels.length) lines.push(`Branch names: ${r.branchLabels.join(", ")}`);
  if (r.path) lines.push(`Path: ${r.path}`);
  lines.push("");
  for (const l of (r.message ?? "(no message)").split("\n")) lines.push(`    ${l}`);
  lines.push("");
  lines.push(`    Revision ID: ${r.revision}`);
  lines.push(`    Revises: ${r.downRevisions.join(", ")}`);
  if (r.createDate) lines.push(`    Create Date: ${r.createDate}`);
  return `${lines.join("\n")}\n`;
}

/** `upgrade` / `downgrade` output (the SQL script, or where the database ended up). */
export function formatMigrate(result: MigrateResult): string {
  if (result.offline) return result.sql ?? "";
  const at = result.after.length ? result.after.join(", ") : "base";
  if (result.steps.length === 0) return `Nothing to do: the database is at ${at}.\n`;
  const n = result.steps.length;
  return `${result.command === "upgrade" ? "Upgraded" : "Downgraded"}: ${n} migration${n === 1 ? "" : "s"} applied; the database is at ${at}.\n`;
}

/** `current` output. */
export function formatCurrent(result: CurrentResult, verbose: boolean): string {
  if (verbose) {
    const head = `Current revision(s) for ${result.database}:\n`;
    if (result.current.length === 0) return `${head}(none: no revision applied)\n`;
    return head + result.current.map((r) => revisionBlock(r)).join("\n");
  }
  if (result.current.length === 0) {
    return "(none: no revision applied to this database; `athanor upgrade head` applies them)\n";
  }
  return result.current.map((r) => `${revisionLine(r)}\n`).join("");
}

/** `history` output. */
export function formatHistory(result: HistoryResult, verbose: boolean): string {
  const current = new Set(result.current ?? []);
  return result.entries
    .map((e) =>
      verbose
        ? revisionBlock(e, { current: current.has(e.revision) })
        : `${revisionLine(e, { parents: true, current: current.has(e.revision) })}\n`,
    )
    .join(verbose ? "\n" : "");
}

/** `heads` / `show` output. */
export function formatRevisions(list: readonly RevisionSummary[], verbose: boolean): string {
  return list.map((r) => (verbose ? revisionBlock(r) : `${revisionLine(r)}\n`)).join(verbose ? "\n" : "");
}

/** `branches` output. */
export function formatBranches(points: readonly BranchPoint[], verbose: boolean): string {
  return points
    .map((p) => {
      if (verbose) return revisionBlock(p.revision);
      const pad = " ".repeat(p.revision.revision.length + 1);
      const children = p.children.map((c) => `${pad}-> ${revisionLine(c)}\n`).join("");
      return `${revisionLine(p.revision)}\n${children}`;
    })
    .join("");
}

/** `stamp` output. */
export function formatStamp(result: StampResult): string {
  if (result.sql !== null) return result.sql;
  const at = (rows: readonly string[]) => (rows.length ? rows.join(", ") : "base");
  return `Stamped the database at ${at(result.after)} (it was at ${at(result.before)}).\n`;
}
