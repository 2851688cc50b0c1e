import type { PGlite } from "@electric-sql/pglite";
import type { AthanorError } from "../../errors.js";
import type { DdlCompiler } from "../../schema/ddl-compiler.js";
import type { CompileOptions } from "../../sql/compiler/expression-compiler.js";
import type { Node } from "../../sql/node.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { storedType } from "../../sql/types/type-decorator.js";
import { type ConnectionUrl, Dialect, type ErrorContext, type IsolationLevel } from "../dialect.js";
import type { DriverConnection } from "../driver.js";
import { PgCompiler } from "./compiler.js";
import { PgDdlCompiler } from "./ddl.js";
import { connectPg } from "./driver-pg.js";
import { openPglite } from "./driver-pglite.js";
import { pgIsDisconnect, pgMapError } from "./errors.js";
import { pgJsonRows } from "./json-rows.js";
import { PgReflection } from "./reflection.js";
import { PG_RESERVED } from "./reserved.js";
import { connectWithSslMode } from "./ssl-mode.js";
import { ArrayParameterType, pgTypeToSql } from "./types.js";

/** PostgreSQL, through node-pg (`postgresql://`) or embedded PGlite (`postgresql+pglite://`). */
export class PgDialect extends Dialect {
  readonly name = "postgresql";
  readonly driverName: "pg" | "pglite";
  readonly placeholder = (n: number) => `$${n}`;
  protected readonly reservedWords = PG_RESERVED;
  readonly reflection = new PgReflection();
  /** JSON aggregation for jsonload(). */
  readonly jsonRows = pgJsonRows;
  #pglite: Promise<{ db: PGlite; connect(): DriverConnection }> | null = null;

  constructor(driver: "pg" | "pglite") {
    super();
    this.driverName = driver;
    if (driver === "pglite") this.defaultPool = "static";
    Object.assign(this, {
      supportsReturning: true,
      supportsUpdateReturning: true,
      supportsDeleteReturning: true,
      supportsTransactionalDdl: true,
      supportsNativeEnum: true,
      supportsNativeBoolean: true,
      supportsNativeUuid: true,
      supportsNativeJson: true,
      supportsNativeInterval: true,
      supportsNullsOrdering: true,
      supportsFilterClause: true,
      supportsDistinctOn: true,
      supportsIlike: true,
      supportsFullJoin: true,
      supportsUpdateFrom: true,
      supportsDeleteUsing: true,
      supportsOnConflict: true,
      supportsForUpdate: true,
      supportsSkipLocked: true,
      supportsIntersectAll: true,
      supportsSequences: true,
      supportsIdentityColumns: true,
      supportsComputedColumns: true,
      supportsComments: true,
      supportsPartialIndexes: true,
      supportsExpressionIndexes: true,
      supportsSchemas: true,
      supportsAlterColumn: true,
      supportsAddConstraint: true,
      maxBindParameters: 32767,
      maxIdentifierLength: 63,
    });
  }

  protected renderType(type: TypeEngine<any, any>): string {
    return pgTypeToSql(type, (n) => this.quoteIdentifier(n));
  }

  /** Arrays of any type but arrays (unnest() would flatten them) and untyped values. */
  override arrayBindType(type: TypeEngine<any, any>): TypeEngine<any, any> | null {
    const stored = storedType(type).typeName;
    return stored === "array" || stored === "null" ? null : new ArrayParameterType(type);
  }

  protected compilerFor(binds: readonly Node[], opts: CompileOptions): PgCompiler {
    return new PgCompiler(this, binds, opts);
  }

  override ddlCompiler(): DdlCompiler {
    return new PgDdlCompiler(this);
  }

  override coerceUntyped(value: unknown): unknown {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === "bigint") return value.toString();
    return value;
  }

  async connect(
    url: ConnectionUrl,
    connectArgs: Readonly<Record<string, unknown>>,
  ): Promise<DriverConnection> {
    if (this.driverName === "pg") return connectWithSslMode(url, connectArgs, connectPg);
    this.#pglite ??= openPglite(url, connectArgs);

    return (await this.#pglite).connect();
  }

  /** Closes the embedded PGlite database (node-pg connections close with the pool). */
  async dispose(): Promise<void> {
    if (!this.#pglite) return;
    const { db } = await this.#pglite;
    this.#pglite = null;
    await db.close();
  }

  override async initialize(conn: DriverConnection): Promise<void> {
    const res = await conn.execute("SHOW server_version_num", []);
    const num = Number(res.rows[0]?.[0] ?? 0);
    this.serverVersion = [Math.floor(num / 10000), Math.floor(num / 100) % 100, num % 100];
  }

  mapError(err: unknown, ctx: ErrorContext): AthanorError {
    return pgMapError(err, ctx, (cls, e, c, s, h) => this.wrap(cls, e, c, s, h));
  }

  isDisconnect(err: unknown): boolean {
    return pgIsDisconnect(err);
  }

  /**
   * READ COMMITTED (the default): each statement takes its own snapshot, so reads before the first
   * write see the same data in or out of a transaction.
   */
  override mayDeferBegin(level: IsolationLevel | null): boolean {
    return level === null || level === "READ COMMITTED";
  }

  isolationLevelSql(level: IsolationLevel): string[] {
    if (level === "AUTOCOMMIT") return [];
    return [`SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL ${level}`];
  }
}
