import { type AthanorError, type DBAPIError, OperationalError } from "../errors.js";
import { type DdlStatement, isDdl } from "../schema/ddl.js";
import { DdlCompiler, type DdlDialect } from "../schema/ddl-compiler.js";
import { cacheKeyOf } from "../sql/compiler/cache-key.js";

import type { CompiledStatement, PlaceholderStyle } from "../sql/compiler/compiled.js";
import type { DialectCapabilities } from "../sql/compiler/dialect-contract.js";
import type { CompileOptions } from "../sql/compiler/expression-compiler.js";
import type { SqlCompiler } from "../sql/compiler/sql-compiler.js";
import type { Node } from "../sql/node.js";
import type { TypeEngine } from "../sql/type-engine.js";
import { storedType } from "../sql/types/type-decorator.js";

import type { DriverConnection } from "./driver.js";
import { LruCache } from "./lru.js";
import type { DialectReflection } from "./reflection.js";

/** A statement ready to run: its compiled shape, its binds, and whether the shape came from the cache. */
export interface PreparedStatement {
  readonly compiled: CompiledStatement;
  readonly binds: readonly Node[];
  readonly cached: boolean;
  /** The dialect that compiled it. */
  readonly dialect: Dialect;
}

/** What an error occurred during, for messages and mapping. */
export interface ErrorContext {
  readonly sql?: string;
  readonly params?: unknown;
  readonly hideParameters?: boolean;
  /** The (masked) URL when the error happened while connecting: such errors are OperationalError. */
  readonly connecting?: string;
}

export type IsolationLevel =
  | "READ UNCOMMITTED"
  | "READ COMMITTED"
  | "REPEATABLE READ"
  | "SERIALIZABLE"
  | "AUTOCOMMIT";

/** A parsed connection URL, as dialects and drivers see it. */
export interface ConnectionUrl {
  readonly drivername: string;
  readonly username: string | null;
  readonly password: string | null;
  readonly host: string | null;
  readonly port: number | null;
  readonly database: string | null;
  readonly query: Readonly<Record<string, string>>;
  /** The URL with the password masked, for messages. */
  toString(): string;
}

/**
 * A database dialect: capability flags, identifier quoting, the SQL and DDL compilers, error
 * mapping and the driver adapter. One instance per Engine (flags may be refined from the server
 * version on first connect), holding that engine's compiled-statement cache.
 */
export abstract class Dialect implements DdlDialect, DialectCapabilities {
  abstract readonly name: "postgresql" | "sqlite" | "mysql";
  abstract readonly driverName: string;
  abstract readonly placeholder: PlaceholderStyle;
  /** Default pool class when the URL or options do not choose one. */
  defaultPool: "queue" | "static" | "null" = "queue";

  supportsReturning = false;
  supportsUpdateReturning = false;
  supportsDeleteReturning = false;
  supportsTransactionalDdl = false;
  supportsNativeEnum = false;
  supportsNativeBoolean = false;
  supportsNativeUuid = false;
  supportsNativeJson = false;
  supportsNativeInterval = false;
  supportsNativeDecimal = true;
  supportsNullsOrdering = false;
  supportsFilterClause = false;
  supportsDistinctOn = false;
  supportsIlike = false;
  supportsFullJoin = false;
  supportsUpdateFrom = false;
  supportsDeleteUsing = false;
  supportsOnConflict = false;
  supportsOnDuplicateKey = false;
  supportsForUpdate = false;
  supportsSkipLocked = false;
  supportsIntersectAll = false;
  supportsSavepoints = true;
  supportsSequences = false;
  supportsIdentityColumns = false;
  supportsComputedColumns = false;
  supportsComments = false;
  supportsPartialIndexes = false;
  supportsExpressionIndexes = false;
  supportsSchemas = false;
  supportsAlterColumn = false;
  supportsAddConstraint = false;
  supportsTupleIn = true;
  supportsWindowFunctions = true;
  supportsCheckConstraints = true;
  supportsTableValuedFunctions = true;
  maxBindParameters = 32766;
  maxIdentifierLength = 255;
  dateTimeStorage: "native" | "text" = "native";
  /** The isolation level the database uses when none is set. */
  defaultIsolationLevel: IsolationLevel = "READ COMMITTED";
  /** The server's version as [major, minor, patch], once connected. */
  serverVersion: readonly number[] = [];

  /** Reads the database catalog (reflection, autogenerate). */
  abstract readonly reflection: DialectReflection;
  readonly #cache = new LruCache<string, CompiledStatement>(1000);
  /** Compiled forms of statements whose own slot (Node._prepared) holds another dialect's. */
  readonly #prepared = new WeakMap<Node, PreparedStatement>();
  protected abstract readonly reservedWords: ReadonlySet<string>;

  /** Quotes names that are reserved, not lowercase, or contain other characters. */
  quoteIdentifier(name: string): string {
    if (/^[a-z_][a-z0-9_$]*$/.test(name) && !this.reservedWords.has(name)) return name;
    return this.quoteAlways(name);
  }

  /** Quotes a name unconditionally. */
  quoteAlways(name: string): string {
    return `"${name.replace(/"/g, '""')}"`;
  }

  quoteString(value: string): string {
    const quoted = `'${value.replace(/'/g, "''")}'`;
    if (!value.includes("\u0000")) return quoted;
    // A NUL ends the SQL text for SQLite's tokenizer: write it as char(0) (chr(0) on PostgreSQL,
    // which rejects it with a clear error: its text cannot hold NUL).
    const nul = this.name === "sqlite" ? "char(0)" : "chr(0)";
    return `(${value
      .split("\u0000")
      .map((part) => `'${part.replace(/'/g, "''")}'`)
      .join(` || ${nul} || `)})`;
  }

  coerceUntyped(value: unknown): unknown {
    return value;
  }

  /** The DDL name of a type; custom types (TypeDecorator) render as the type they store. */
  typeToSql(type: TypeEngine<any, any>): string {
    return this.renderType(storedType(type));
  }

  /**
   * The type that binds an array of `type` values as one parameter, where the database takes
   * array parameters (PostgreSQL); null where it does not, or cannot for this item type. The
   * ORM's batched UPDATE unnests such arrays, one per column, instead of a VALUES list.
   */
  arrayBindType(_type: TypeEngine<any, any>): TypeEngine<any, any> | null {
    return null;
  }

  /** The name of a type as a CAST target. */
  castTypeToSql(type: TypeEngine<any, any>): string {
    return this.renderCastType(storedType(type));
  }

  /** The DDL name of a (non-decorator) type on this dialect. */
  protected abstract renderType(type: TypeEngine<any, any>): string;

  protected renderCastType(type: TypeEngine<any, any>): string {
    return this.renderType(type);
  }

  /** The SQL compiler class for this dialect. */
  protected abstract compilerFor(binds: readonly Node[], opts: CompileOptions): SqlCompiler;

  /** The DDL compiler for this dialect. */
  ddlCompiler(): DdlCompiler {
    return new DdlCompiler(this);
  }

  literalCompiler(): SqlCompiler {
    return this.compilerFor([], { literalBinds: true });
  }

  /** Compiles a statement, reusing the cached shape when one exists. */
  prepare(stmt: Node): PreparedStatement {
    // Statements are immutable: their compiled form is kept on them (or, when another dialect
    // got there first, here) for the next execution of the same object.
    const memo = stmt._prepared as PreparedStatement | undefined;
    if (memo !== undefined && memo.dialect === this) return memo;
    const again = this.#prepared.get(stmt);
    if (again !== undefined) return again;
    const { key, binds, cacheable } = cacheKeyOf(stmt);
    const hit = cacheable ? this.#cache.get(key) : undefined;
    const compiled = hit ?? this.compilerFor(binds, {}).compile(stmt);
    if (!cacheable) return { compiled, binds, cached: false, dialect: this };
    if (hit === undefined) this.#cache.set(key, compiled);
    const prepared: PreparedStatement = { compiled, binds, cached: true, dialect: this };
    if (memo === undefined) stmt._prepared = prepared;
    else this.#prepared.set(stmt, prepared);
    return hit === undefined ? { compiled, binds, cached: false, dialect: this } : prepared;
  }

  /** Renders a statement with every value inline (offline SQL). */
  renderLiteral(stmt: Node): string[] {
    if (isDdl(stmt)) return this.ddlCompiler().compile(stmt as DdlStatement);
    const compiled = this.compilerFor([], { literalBinds: true }).compile(stmt);
    return [compiled.parts.join("")];
  }

  /** How many compiled shapes the cache holds (for tests and echo). */
  get cacheSize(): number {
    return this.#cache.size;
  }

  /** Opens a driver connection. */
  abstract connect(
    url: ConnectionUrl,
    connectArgs: Readonly<Record<string, unknown>>,
  ): Promise<DriverConnection>;

  /** Reads the server version and refines flags; runs once per engine, on the first connection. */
  async initialize(_conn: DriverConnection): Promise<void> {}

  /** Session setup run on every new connection (time zone, pragmas, sql_mode). */
  async onConnect(_conn: DriverConnection): Promise<void> {}

  /** Wraps a driver error in the hierarchy (IntegrityError, OperationalError, ...). */
  abstract mapError(err: unknown, ctx: ErrorContext): AthanorError;

  /** Whether an error means the connection is unusable. */
  abstract isDisconnect(err: unknown): boolean;

  /** A lightweight liveness check (pool pre-ping). */
  async ping(conn: DriverConnection): Promise<void> {
    await conn.execute("SELECT 1", []);
  }

  beginSql(): string {
    return "BEGIN";
  }
  savepointSql(name: string): string {
    return `SAVEPOINT ${name}`;
  }
  releaseSavepointSql(name: string): string {
    return `RELEASE SAVEPOINT ${name}`;
  }
  rollbackToSavepointSql(name: string): string {
    return `ROLLBACK TO SAVEPOINT ${name}`;
  }

  /** SQL setting the isolation level of the next transaction / the session. */
  abstract isolationLevelSql(level: IsolationLevel): string[];

  /**
   * Whether BEGIN may wait for the transaction's first write, reads before it running with no
   * transaction: where that changes nothing a read sees (`level` null: none set on the engine).
   */
  mayDeferBegin(_level: IsolationLevel | null): boolean {
    return false;
  }

  /**
   * Whether a transaction at `level` begins with its first statement, no BEGIN sent (the
   * connection runs with autocommit off): false but on MySQL / MariaDB under REPEATABLE READ and
   * SERIALIZABLE.
   */
  beginsImplicitly(_level: IsolationLevel): boolean {
    return false;
  }

  /** Whether SQL run on the driver's own connection may leave a transaction open (autocommit off). */
  readonly driverSqlMayOpenTransaction: boolean = false;

  /**
   * Session setup for the engine's isolation level, run on every new connection after
   * onConnect(): `level` undefined means the server's default.
   */
  connectIsolationSql(level: IsolationLevel | undefined): string[] {
    return level === undefined ? [] : this.isolationLevelSql(level);
  }

  /** Formats a driver error message with the statement (parameters hidden when asked). */
  protected describe(err: unknown, ctx: ErrorContext): string {
    const base = err instanceof Error ? err.message : String(err);
    if (ctx.connecting) return `${base}\n[while connecting to ${ctx.connecting}]`;
    if (!ctx.sql) return base;
    const params = ctx.hideParameters ? "[hidden]" : safeJson(ctx.params);
    return `${base}\n[SQL: ${ctx.sql}]${ctx.params === undefined ? "" : `\n[parameters: ${params}]`}`;
  }

  /** Wraps an error already in the hierarchy, or builds one with the given class. */
  protected wrap(
    cls: new (message: string, opts: ConstructorParameters<typeof DBAPIError>[1]) => DBAPIError,
    err: unknown,
    ctx: ErrorContext,
    sqlstate: string | undefined,
    hint = "",
  ): DBAPIError {
    // A failure to connect (refused, bad password, unknown database) is operational, as with
    // psycopg2 and PyMySQL: callers catch OperationalError to retry or report "database down".
    if (ctx.connecting && !(cls === OperationalError || cls.prototype instanceof OperationalError))
      cls = OperationalError;
    const e = new cls(this.describe(err, ctx) + hint, {
      orig: err,
      sqlstate,
      statement: ctx.sql,
      params: ctx.hideParameters ? undefined : ctx.params,
      connectionInvalidated: this.isDisconnect(err),
    });
    return e;
  }
}

function safeJson(v: unknown): string {
  try {
    const text = JSON.stringify(v, (_k, x) =>
      typeof x === "bigint" ? x.toString() : x instanceof Uint8Array ? `<${x.byteLength} bytes>` : x,
    );
    return text.length > 2000 ? `${text.slice(0, 2000)}...` : text;
  } catch {
    return String(v);
  }
}
