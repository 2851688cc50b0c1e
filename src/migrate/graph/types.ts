/** Public data types of the revision graph. */

/** One migration script as loaded from disk (the loader fills it in). */
export interface RevisionInfo {
  /** Revision id: usually 12 hex chars; may not contain `@`, `+`, `-`, `:` or whitespace. */
  readonly revision: string;
  /** Parent revision(s); an array of two or more makes this revision a merge point. */
  readonly downRevision: string | readonly string[] | null;
  /** Names for the branch starting at (and inherited around) this revision. */
  readonly branchLabels?: readonly string[];
  /** Revision ids or branch labels that must be applied before this revision. */
  readonly dependsOn?: readonly string[];
  readonly message?: string;
  /** File the revision came from, used in error messages. */
  readonly path?: string;
  readonly createDate?: string;
}

/** A revision with everything the graph computed about it. Plain, frozen data. */
export interface RevisionNode {
  readonly revision: string;
  /** The object passed to the RevisionMap constructor (identity preserved). */
  readonly info: RevisionInfo;
  /** Versioned parents (`downRevision`), in declared order. */
  readonly downRevisions: readonly string[];
  /** `dependsOn` resolved to revision ids, minus entries already in `downRevisions`. */
  readonly dependencies: readonly string[];
  /** Labels declared by this revision. */
  readonly ownBranchLabels: readonly string[];
  /** Declared plus inherited labels, sorted. */
  readonly branchLabels: readonly string[];
  /** Revisions whose `downRevision` names this one, sorted. */
  readonly children: readonly string[];
  /** Revisions whose `dependsOn` resolves to this one, sorted. */
  readonly dependents: readonly string[];
  /** No revision has this one as `downRevision` (dependents do not count, as in Alembic). */
  readonly isHead: boolean;
  /** Neither children nor dependents: a head even when dependencies are taken into account. */
  readonly isRealHead: boolean;
  /** `downRevision` is empty. */
  readonly isBase: boolean;
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
}

/**
 * One change to the version table. The table holds one row per applied head; each kind is the
 * minimal set of row operations that keeps it that way.
 */
export type VersionTableChange =
  /** Add a row: a base revision, a revision none of whose parents is a row (second child of a branch point), or a stamp into an unrepresented branch. */
  | { readonly kind: "insert"; readonly version: string }
  /** Replace one row: the ordinary linear step, up or down. */
  | { readonly kind: "update"; readonly from: string; readonly to: string }
  /** Remove a row: downgrading a base, or a revision whose parents stay implied by other rows; stamping to base. */
  | { readonly kind: "delete"; readonly version: string }
  /** Several rows become one: upgrading into a merge point (or a revision whose dependency is a row), or a stamp that consolidates rows. Delete rows, then update the last parent row. */
  | {
      readonly kind: "merge";
      readonly delete: readonly string[];
      readonly update: { readonly from: string; readonly to: string };
    }
  /** One row becomes several: downgrading out of a merge point (or out of a dependency). Update the row to the last restored parent, then insert the others. */
  | {
      readonly kind: "unmerge";
      readonly update: { readonly from: string; readonly to: string };
      readonly insert: readonly string[];
    }
  /** Delete every row, known or not (`stamp --purge`). */
  | { readonly kind: "purge" };

/** One migration to run, and what to do to the version table once it ran. */
export interface MigrationStep {
  readonly revision: RevisionInfo;
  readonly direction: "up" | "down";
  readonly versionChange: VersionTableChange;
  /** Versioned revisions before the step (parents on upgrade, the revision on downgrade), for logs. */
  readonly fromRevisions: readonly string[];
  /** Versioned revisions after the step, for logs. */
  readonly toRevisions: readonly string[];
}

/** Alembic's MigrationInfo: what a step or stamp moved, for `onVersionApply` hooks. */
export interface MigrationInfo {
  readonly isUpgrade: boolean;
  readonly isStamp: boolean;
  /** First of `upRevisionIds`, or null. */
  readonly upRevisionId: string | null;
  /** The upper side of the movement. */
  readonly upRevisionIds: readonly string[];
  /** The lower side (parents and dependencies not implied by another parent). */
  readonly downRevisionIds: readonly string[];
  /** Revisions active before the step. */
  readonly sourceRevisionIds: readonly string[];
  /** Revisions active after the step. */
  readonly destinationRevisionIds: readonly string[];
}

/** The syntax of an identifier: `[branch@](symbol)[+N|-N]`. */
export interface ParsedIdentifier {
  /** The identifier as given. */
  readonly text: string;
  /** Text before `@` (a branch label or a revision id used as one), or null. */
  readonly branch: string | null;
  /** `head`, `heads`, `base`, a full or partial id, a label; null when relative to current. */
  readonly symbol: string | null;
  /** Signed step count of a relative form, or null. */
  readonly steps: number | null;
}

/** What an identifier designates, normalized for the planners. */
export interface ResolvedTarget {
  readonly identifier: string;
  /** Full revision ids; empty means base (nothing applied). */
  readonly revisions: readonly string[];
  /**
   * Branch restricting a downgrade: the `branch@` prefix, or (as Alembic) the current head a
   * symbol-less `-N` walked down from. Null when unrestricted.
   */
  readonly branch: string | null;
}
