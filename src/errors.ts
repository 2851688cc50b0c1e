/**
 * The error hierarchy, mirroring SQLAlchemy's `sqlalchemy.exc`. A leaf module every layer may
 * import. Database errors carry the driver's original error and SQLSTATE; every message says what
 * went wrong and what to do.
 */
export class AthanorError extends Error {
  /** A short stable code for programmatic checks and docs links. */
  readonly code: string | undefined;

  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options?.code;
  }
}

/** Bad arguments to a public API call. */
export class ArgumentError extends AthanorError {}
/** A statement cannot be rendered for this dialect. */
export class CompileError extends AthanorError {}
/** An unsupported feature was requested of a dialect. */
export class UnsupportedCompilationError extends CompileError {}
/** Schema construction problems: duplicate columns, unresolvable foreign keys. */
export class InvalidRequestError extends AthanorError {}
/** A foreign key names a table or column that does not exist in the MetaData. */
export class NoReferencedTableError extends InvalidRequestError {}
export class NoReferencedColumnError extends InvalidRequestError {}
/** No foreign key path links two tables that are being joined. */
export class NoForeignKeysError extends ArgumentError {}
/** More than one foreign key path links two tables; the caller must choose. */
export class AmbiguousForeignKeysError extends ArgumentError {}
/** Tables or mapped objects depend on each other in a cycle. */
export class CircularDependencyError extends AthanorError {
  readonly cycles: readonly string[];
  constructor(message: string, cycles: readonly string[]) {
    super(message);
    this.cycles = cycles;
  }
}
/** Reflection: the named table is not in the database. */
export class NoSuchTableError extends InvalidRequestError {
  readonly tableName: string;
  constructor(name: string, schema: string | null) {
    super(
      `Table '${schema ? `${schema}.` : ""}${name}' does not exist${schema ? ` in schema '${schema}'` : " in the default schema"}; ` +
        `check the name and schema (inspector.getTableNames() lists the tables), or create the table first.`,
    );
    this.tableName = name;
  }
}

/** Raised by `Result.one()` and friends. */
export class NoResultFound extends InvalidRequestError {}
export class MultipleResultsFound extends InvalidRequestError {}
/** A value could not be converted for a column's type (bind or result). */
export class StatementError extends AthanorError {
  readonly statement: string | undefined;
  readonly params: unknown;
  constructor(
    message: string,
    options?: { cause?: unknown; statement?: string; params?: unknown; code?: string },
  ) {
    super(message, options);
    this.statement = options?.statement;
    this.params = options?.params;
  }
}

/** The DBAPI error family: what the database or driver reported, wrapped. */
export class DBAPIError extends StatementError {
  /** The driver's own error object. */
  readonly orig: unknown;
  /** SQLSTATE (or the MySQL errno as a string) when the driver reports one. */
  readonly sqlstate: string | undefined;
  /** True when the connection is unusable afterwards and has been discarded. */
  connectionInvalidated: boolean;
  constructor(
    message: string,
    options: {
      orig: unknown;
      sqlstate?: string;
      statement?: string;
      params?: unknown;
      connectionInvalidated?: boolean;
    },
  ) {
    super(message, { cause: options.orig, statement: options.statement, params: options.params });
    this.orig = options.orig;
    this.sqlstate = options.sqlstate;
    this.connectionInvalidated = options.connectionInvalidated ?? false;
  }
}
export class InterfaceError extends DBAPIError {}
export class DatabaseError extends DBAPIError {}
export class DataError extends DatabaseError {}
export class OperationalError extends DatabaseError {}
/**
 * A constraint was violated; `constraint` names it when the database says which, and `table`
 * the table it belongs to (what a web back end tells the client instead of the message, which
 * holds the SQL and its parameters).
 */
export class IntegrityError extends DatabaseError {
  constraint: string | undefined;
  /** null: not worked out yet (most integrity errors are caught and never asked for it). */
  #table: string | undefined | null = null;

  /** The table of the violated constraint, from the driver's report or else the statement's target. */
  get table(): string | undefined {
    if (this.#table === null) this.#table = integrityTable(this.orig, this.statement);
    return this.#table;
  }
  set table(name: string | undefined) {
    this.#table = name;
  }
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|\`[^\`]+\`|\[[^\]]+\]|[\w$]+)`;
/** "UNIQUE constraint failed: kits.code" (SQLite), "for key 'kits.uq'" (MySQL 8), "(`db`.`t`, CONSTRAINT" (MySQL FK). */
const TABLE_IN_MESSAGE = [
  /constraint failed: ([\w$]+)\./,
  /for key '([^'.]+)\.[^']+'/,
  /fails \(`[^`]+`\.`([^`]+)`, CONSTRAINT/,
];
const STATEMENT_TARGET = new RegExp(
  String.raw`^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+(?:${IDENT}\.)?(${IDENT})`,
  "i",
);

function unquoteIdent(name: string): string {
  return /^["`[]/.test(name) ? name.slice(1, -1).replace(/""/g, '"') : name;
}

/** Where the database says (PostgreSQL's `table` field, or the message), else the statement's target table. */
function integrityTable(orig: unknown, statement: string | undefined): string | undefined {
  const o = orig as { table?: unknown; message?: unknown } | null;
  if (typeof o?.table === "string" && o.table) return o.table;
  const message = typeof o?.message === "string" ? o.message : "";
  for (const re of TABLE_IN_MESSAGE) {
    const m = re.exec(message);
    if (m) return m[1];
  }
  const target = statement === undefined ? null : STATEMENT_TARGET.exec(statement);
  return target ? unquoteIdent(target[1]!) : undefined;
}
export class InternalError extends DatabaseError {}
export class ProgrammingError extends DatabaseError {}
export class NotSupportedError extends DatabaseError {}

/** The pool had no connection to give within poolTimeout. */
export class TimeoutError extends AthanorError {}
/**
 * A statement was stopped before it finished: its `timeout` (statementTimeout on the engine, or
 * per execution) ran out, or its AbortSignal fired. `reason` says which. `connectionInvalidated`
 * tells whether the connection was discarded (the server did not confirm the cancel in time) or
 * is usable again (after rollback() when a transaction was open).
 */
export class StatementCancelledError extends OperationalError {
  readonly reason: "timeout" | "aborted";
  constructor(
    message: string,
    options: {
      reason: "timeout" | "aborted";
      orig: unknown;
      statement?: string;
      connectionInvalidated?: boolean;
    },
  ) {
    super(message, options);
    this.reason = options.reason;
  }
}
/** A connection or result was used after it was closed. */
export class ResourceClosedError extends InvalidRequestError {}

/** ORM: an UPDATE or DELETE matched fewer rows than expected (optimistic locking). */
export class StaleDataError extends AthanorError {}
/** ORM: the session must be rolled back after a failed flush before it is used again. */
export class PendingRollbackError extends InvalidRequestError {}
/** ORM: an object not attached to a session was asked for state that needs one. */
export class DetachedInstanceError extends InvalidRequestError {}
/** ORM: a relationship or attribute was read that is not loaded. */
export class UnloadedAttributeError extends InvalidRequestError {}
/** ORM: a mapping could not be configured. */
export class MapperConfigurationError extends ArgumentError {}
/** ORM: flush-time problems with object state. */
export class FlushError extends InvalidRequestError {}
/** ORM: the object is not in this session's identity map. */
export class ObjectDeletedError extends InvalidRequestError {}
