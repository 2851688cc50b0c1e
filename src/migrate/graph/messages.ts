/** Small formatting helpers shared by error messages. */

import type { RevisionInfo } from "./types.js";

/** Joins ids with commas, eliding the tail of long lists so messages stay readable. */
export function formatIds(ids: Iterable<string>, max = 8): string {
  const all = [...ids];
  if (all.length === 0) return "(none)";
  if (all.length <= max) return all.join(", ");
  return `${all.slice(0, max).join(", ")} and ${all.length - max} more`;
}

/** Names a revision with its file, when known. */
export function describeRevision(info: RevisionInfo | undefined, id: string): string {
  return info?.path ? `${id} (${info.path})` : id;
}

/** Says where revisions were loaded from ("in 3 revisions loaded from migrations/versions"), from their paths. */
export function describeSources(infos: readonly RevisionInfo[]): string {
  const dirs = new Set<string>();
  for (const info of infos) {
    if (!info.path) continue;
    const cut = Math.max(info.path.lastIndexOf("/"), info.path.lastIndexOf("\\"));
    dirs.add(cut > 0 ? info.path.slice(0, cut) : ".");
  }
  const count = `${infos.length} revision${infos.length === 1 ? "" : "s"}`;
  if (dirs.size === 0) return `among the ${count} loaded`;
  return `among the ${count} loaded from ${formatIds([...dirs].sort(), 3)}`;
}
