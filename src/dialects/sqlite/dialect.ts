import type { AthanorError } from "../../errors.js";
import type { DdlCompiler } from "../../schema/ddl-compiler.js";
import type { CompileOptions } from "../../sql/compiler/expression-compiler.js";
import type { Node } from "../../sql/node.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { formatUtcDateTime } from "../../sql/types/datetime.js";
import { type ConnectionUrl, Dialect, type ErrorContext, type IsolationLevel } from "../dialect.js";
import type { DriverConnection } from "../driver.js";
import { SqliteCompiler } from "./compiler.js";
import { SqliteDdlCompiler } from "./ddl.js";
import { connectSqlite, sqliteFilename } from "./driver.js";
import { sqliteIsDisconnect, sqliteMapError } from "./errors.js";
import { sqliteJsonRows } from "./json-rows.js";
import { SqliteReflection } from "./reflection.js";
import { SQLITE_RESERVED } from "./reserved.js";
import { sqliteTypeToSql } from "./types.js";

/** SQLite through better-sqlite3 (synchronous, in-process). */
export class SqliteDialect extends Dialect {
  readonly name = "sqlite";
  readonly driverName = "better-sqlite3";
  readonly placeholder = () => "?";
  protected readonly reservedWords = SQLITE_RESERVED;
  readonly reflection = new SqliteReflection();
  /** JSON aggregation for jsonload(). */
  readonly jsonRows = sqliteJsonRows;

  constructor() {
    super();
    this.defaultIsolationLevel = "SERIALIZABLE";
    Object.assign(this, {
      supportsReturning: true,
      supportsUpdateReturning: true,
      supportsDeleteReturning: true,
      supportsTransactionalDdl: true,
      supportsNativeDecimal: false,
      supportsNullsOrdering: true,
      supportsFilterClause: true,
      supportsFullJoin: true,
      supportsUpdateFrom: true,
      supportsOnConflict: true,
      supportsIntersectAll: false,
      supportsComputedColumns: true,
      supportsPartialIndexes: true,
      supportsExpressionIndexes: true,
      maxBindParameters: 32766,
      maxIdentifierLength: 1000,
      dateTimeStorage: "text",
    });
  }

  /** In-memory databases live in their one connection, so the pool keeps exactly one. */
  configureForUrl(url: ConnectionUrl): void {
    if (sqliteFilename(url) === ":memory:") this.defaultPool = "static";
  }

  protected renderType(type: TypeEngine<any, any>): string {
    return sqliteTypeToSql(type);
  }

  protected compilerFor(binds: readonly Node[], opts: CompileOptions): SqliteCompiler {
    return new SqliteCompiler(this, binds, opts);
  }

  override ddlCompiler(): DdlCompiler {
    return new SqliteDdlCompiler(this);
  }

  override coerceUntyped(value: unknown): unknown {
    if (typeof value === "boolean") return value ? 1 : 0;
    if (value instanceof Date) return formatUtcDateTime(value);
    if (value !== null && typeof value === "object" && !(value instanceof Uint8Array))
      return JSON.stringify(value);
    return value;
  }

  connect(url: ConnectionUrl, connectArgs: Readonly<Record<string, unknown>>): Promise<DriverConnection> {
    return connectSqlite(url, connectArgs);
  }

  override async initialize(conn: DriverConnection): Promise<void> {
    const res = await conn.execute("SELECT sqlite_version()", []);
    this.serverVersion = String(res.rows[0]?.[0] ?? "0")
      .split(".")
      .map(Number);
  }

  mapError(err: unknown, ctx: ErrorContext): AthanorError {
    return sqliteMapError(err, ctx, (cls, e, c, s, h) => this.wrap(cls, e, c, s, h));
  }

  isDisconnect(err: unknown): boolean {
    return sqliteIsDisconnect(err);
  }

  /**
   * What Python's sqlite3 driver (and so SQLAlchemy) has always done: BEGIN before the first
   * write, not before SELECTs.
   */
  override mayDeferBegin(level: IsolationLevel | null): boolean {
    return level === null;
  }

  isolationLevelSql(level: IsolationLevel): string[] {
    return [`PRAGMA read_uncommitted = ${level === "READ UNCOMMITTED" ? 1 : 0}`];
  }
}
