/** What every command shares: options, config loading, and revision summaries for results. */

import type { ResolvedConfig } from "../config/config.js";
import { type ConfigSource, loadConfig } from "../config/load-config.js";
import type { RevisionNode } from "../graph/types.js";
import { ScriptDirectory } from "../script/script-directory.js";

/** Options every command takes. */
export interface CommandOptions {
  /** Overrides the config's database URL. */
  readonly url?: string;
  /** `-x key=value` arguments. */
  readonly xArgs?: Readonly<Record<string, string>>;
  /** Receives progress lines (`Running upgrade  -> 1a2b..., create kits ...`). Silent by default. */
  readonly log?: (line: string) => void;
}

/** A revision, as command results describe it. */
export interface RevisionSummary {
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly dependsOn: readonly string[];
  readonly branchLabels: readonly string[];
  readonly message: string | null;
  readonly createDate: string | null;
  readonly path: string | null;
  readonly children: readonly string[];
  readonly isHead: boolean;
  readonly isBase: boolean;
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
}

/** The summary of a graph node. */
export function summarize(node: RevisionNode): RevisionSummary {
  return {
    revision: node.revision,
    downRevisions: node.downRevisions,
    dependsOn: node.info.dependsOn ?? [],
    branchLabels: node.branchLabels,
    message: node.info.message ?? null,
    createDate: node.info.createDate ?? null,
    path: node.info.path ?? null,
    children: node.children,
    isHead: node.isHead,
    isBase: node.isBase,
    isBranchPoint: node.isBranchPoint,
    isMergePoint: node.isMergePoint,
  };
}

/** Loads the config (with the command's overrides) and the migrations folder. */
export async function loadProject(
  source: ConfigSource,
  options: CommandOptions,
): Promise<{ config: ResolvedConfig; script: ScriptDirectory }> {
  const config = await loadConfig(source, { url: options.url, xArgs: options.xArgs });
  const script = await ScriptDirectory.load(config);
  return { config, script };
}

/** The logger of a command (a no-op when none is given). */
export function logger(options: CommandOptions): (line: string) => void {
  return options.log ?? (() => {});
}
