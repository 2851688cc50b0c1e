/**
 * Errors of the migration tool (beyond the revision graph's RevisionError family). Each message
 * names the object, the cause and the fix: these messages are what the CLI prints.
 */
import { AthanorError } from "../errors.js";

/** Base class of the migration tool's own errors. */
export class MigrationError extends AthanorError {}

/** A command was called with arguments it cannot use (missing message, unknown template, ...). */
export class CommandError extends MigrationError {}

/** `athanor.config.ts` is missing, cannot be loaded, or lacks a required setting. */
export class ConfigError extends MigrationError {}

/** A revision file cannot be loaded or does not export what a revision needs. */
export class RevisionFileError extends MigrationError {
  readonly path: string;

  /** Creates the error for the file at `path`. */
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.path = path;
  }
}

/** An operation has no inverse (or lacks the definition needed to build one). */
export class IrreversibleOperationError extends MigrationError {}

/** An operation cannot run in the current mode (offline `--sql`, or on this dialect). */
export class OperationNotSupportedError extends MigrationError {}

/** Another process held the migration lock for longer than `lockTimeout`. */
export class LockTimeoutError extends MigrationError {}

/** `revision --autogenerate` or `check` was asked for, but no autogenerate engine is installed. */
export class AutogenerateUnavailableError extends MigrationError {}

/** `current --check-heads` or `check` found the database behind (or ahead of) the scripts. */
export class NotUpToDateError extends MigrationError {}

/** Where a failed migration left things, for the message and for callers that inspect it. */
export interface MigrationFailure {
  /** The revision whose upgrade or downgrade failed. */
  readonly revision: string;
  readonly direction: "up" | "down";
  /** The operation that failed (`add column kits.serial_number`), or null when the failure was outside one. */
  readonly operation: string | null;
  /** The SQL statement that failed, when a statement failed. */
  readonly sql: string | null;
  /** Operations of the failed revision that completed before the failure. */
  readonly appliedOperations: readonly string[];
  /** Whether the revision's changes were rolled back (transactional DDL) or may remain (MySQL). */
  readonly rolledBack: boolean;
  /** The version-table rows after the failure: where the database stays. */
  readonly versionRows: readonly string[];
}

/** A migration failed; the message says which revision, operation and SQL, and what state remains. */
export class MigrationFailedError extends MigrationError implements MigrationFailure {
  readonly revision: string;
  readonly direction: "up" | "down";
  readonly operation: string | null;
  readonly sql: string | null;
  readonly appliedOperations: readonly string[];
  readonly rolledBack: boolean;
  readonly versionRows: readonly string[];

  /** Creates the error from the failure details and the original error (`cause`). */
  constructor(message: string, failure: MigrationFailure, cause: unknown) {
    super(message, { cause, code: "migration_failed" });
    this.revision = failure.revision;
    this.direction = failure.direction;
    this.operation = failure.operation;
    this.sql = failure.sql;
    this.appliedOperations = failure.appliedOperations;
    this.rolledBack = failure.rolledBack;
    this.versionRows = failure.versionRows;
  }
}

/** The database of the config could not be reached. */
export class DatabaseConnectError extends MigrationError {}
