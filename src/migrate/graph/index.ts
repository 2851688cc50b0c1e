/** Revision graph of the migration tool: the equivalent of Alembic's `script/revision.py` plus version-table bookkeeping. */

export {
  AmbiguousRevisionError,
  BranchLabelError,
  CycleDetectedError,
  DependencyError,
  DuplicateRevisionError,
  InvalidIdentifierError,
  MultipleHeadsError,
  NotAncestorError,
  RelativeWalkError,
  RevisionError,
  type RevisionErrorCode,
  UnknownRevisionError,
  VersionTableError,
} from "./errors.js";
export { parseIdentifier, RESERVED_WORDS } from "./identifier.js";
export { RevisionMap, type TraversalOptions } from "./revision-map.js";
export type { StampOptions } from "./stamp.js";
export type {
  MigrationInfo,
  MigrationStep,
  ParsedIdentifier,
  ResolvedTarget,
  RevisionInfo,
  RevisionNode,
  VersionTableChange,
} from "./types.js";
export { applyChange, applyChanges } from "./version-table.js";
