import { AthanorError } from "../../errors.js";

/**
 * Errors raised by the revision graph. Every message names the revision(s) involved, the cause and
 * the fix, because these messages are what a user sees from the CLI.
 */

/** Machine-readable category of a {@link RevisionError}. */
export type RevisionErrorCode =
  | "revision_error"
  | "unknown_revision"
  | "ambiguous_revision"
  | "multiple_heads"
  | "cycle"
  | "dependency"
  | "duplicate_revision"
  | "branch_label"
  | "invalid_identifier"
  | "relative_walk"
  | "not_ancestor"
  | "version_table";

/** Base class of every revision-graph error; an AthanorError, so callers can catch one family. */
export class RevisionError extends AthanorError {
  declare readonly code: RevisionErrorCode;

  /** Creates an error with a category code. */
  constructor(message: string, code: RevisionErrorCode = "revision_error") {
    super(message, { code });
  }
}

/** An identifier, down revision or version-table row names no known revision. */
export class UnknownRevisionError extends RevisionError {
  readonly identifier: string;

  /** Creates the error for `identifier`. */
  constructor(identifier: string, message: string) {
    super(message, "unknown_revision");
    this.identifier = identifier;
  }
}

/** A partial identifier matches more than one revision. */
export class AmbiguousRevisionError extends RevisionError {
  readonly identifier: string;
  readonly candidates: readonly string[];

  /** Creates the error for `identifier` and its matching `candidates`. */
  constructor(identifier: string, candidates: readonly string[], message: string) {
    super(message, "ambiguous_revision");
    this.identifier = identifier;
    this.candidates = candidates;
  }
}

/** A symbol that must designate one revision (`head`, `branch@head`, a downgrade target) designates several. */
export class MultipleHeadsError extends RevisionError {
  readonly heads: readonly string[];
  readonly argument: string;

  /** Creates the error for `argument`, which resolved to `heads`. */
  constructor(argument: string, heads: readonly string[], message: string) {
    super(message, "multiple_heads");
    this.argument = argument;
    this.heads = heads;
  }
}

/** The down revisions (or dependencies) form a cycle. */
export class CycleDetectedError extends RevisionError {
  /** The revisions of the cycle, in order; the first one is repeated implicitly at the end. */
  readonly revisions: readonly string[];
  /** True when at least one edge of the cycle comes from `dependsOn`. */
  readonly viaDependency: boolean;

  /** Creates the error for a cycle through `revisions`. */
  constructor(revisions: readonly string[], viaDependency: boolean, message: string) {
    super(message, "cycle");
    this.revisions = revisions;
    this.viaDependency = viaDependency;
  }
}

/** A `dependsOn` entry names no revision and no branch label. */
export class DependencyError extends RevisionError {
  readonly revision: string;
  readonly dependency: string;

  /** Creates the error for `revision`, whose dependency `dependency` is broken. */
  constructor(revision: string, dependency: string, message: string) {
    super(message, "dependency");
    this.revision = revision;
    this.dependency = dependency;
  }
}

/** Two revisions share one id. */
export class DuplicateRevisionError extends RevisionError {
  readonly revision: string;

  /** Creates the error for the duplicated id. */
  constructor(revision: string, message: string) {
    super(message, "duplicate_revision");
    this.revision = revision;
  }
}

/** A branch label is duplicated, clashes with a revision id, is unknown, or excludes a revision. */
export class BranchLabelError extends RevisionError {
  readonly label: string;

  /** Creates the error for `label`. */
  constructor(label: string, message: string) {
    super(message, "branch_label");
    this.label = label;
  }
}

/** An identifier or revision id is syntactically invalid. */
export class InvalidIdentifierError extends RevisionError {
  readonly identifier: string;

  /** Creates the error for `identifier`. */
  constructor(identifier: string, message: string) {
    super(message, "invalid_identifier");
    this.identifier = identifier;
  }
}

/** A relative identifier (`+N`, `-N`, `rev+N`...) cannot be walked: ambiguous or too far. */
export class RelativeWalkError extends RevisionError {
  readonly identifier: string;

  /** Creates the error for `identifier`. */
  constructor(identifier: string, message: string) {
    super(message, "relative_walk");
    this.identifier = identifier;
  }
}

/** A target or range end is not an ancestor/descendant of where it must be (Alembic's RangeNotAncestorError). */
export class NotAncestorError extends RevisionError {
  readonly target: string;

  /** Creates the error for `target`. */
  constructor(target: string, message: string) {
    super(message, "not_ancestor");
    this.target = target;
  }
}

/** The version table's rows are inconsistent with the graph or with a change applied to them. */
export class VersionTableError extends RevisionError {
  /** Creates the error. */
  constructor(message: string) {
    super(message, "version_table");
  }
}
