import type { AthanorError } from "../../errors.js";
import type { DdlCompiler } from "../../schema/ddl-compiler.js";
import type { CompileOptions } from "../../sql/compiler/expression-compiler.js";
import type { Node } from "../../sql/node.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { formatUtcDateTime } from "../../sql/types/datetime.js";
import { type ConnectionUrl, Dialect, type ErrorContext, type IsolationLevel } from "../dialect.js";
import type { DriverConnection } from "../driver.js";
import { MysqlCompiler } from "./compiler.js";
import { MysqlDdlCompiler } from "./ddl.js";
import { connectMysql } from "./driver.js";
import { mysqlIsDisconnect, mysqlMapError } from "./errors.js";
import { mysqlJsonRows } from "./json-rows.js";
import { MysqlReflection } from "./reflection.js";
import { MYSQL_RESERVED } from "./reserved.js";
import { mysqlCastType, mysqlTypeToSql } from "./types.js";

const STRING_ESCAPES: Record<string, string> = {
  "\0": "\\0",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
  "\x1a": "\\Z",
  // Quotes are doubled, not backslash-escaped: '' means ' in every sql_mode, while \' would end
  // the string under NO_BACKSLASH_ESCAPES.
  "'": "''",
  "\\": "\\\\",
};

/** MySQL and MariaDB through mysql2. Features are refined from the server version on connect. */
export class MysqlDialect extends Dialect {
  readonly name = "mysql";
  readonly driverName = "mysql2";
  readonly placeholder = () => "?";
  protected readonly reservedWords = MYSQL_RESERVED;
  readonly reflection = new MysqlReflection(this);
  /** True once connected to MariaDB rather than MySQL. */
  isMariaDb = false;
  /** JSON aggregation for jsonload() (ORDER BY inside it on MariaDB only). */
  readonly jsonRows = mysqlJsonRows(this);

  constructor() {
    super();
    this.defaultIsolationLevel = "REPEATABLE READ";
    Object.assign(this, {
      supportsNativeEnum: true,
      supportsNativeJson: true,
      supportsDeleteUsing: true,
      supportsUpdateFrom: true,
      supportsOnDuplicateKey: true,
      supportsForUpdate: true,
      supportsSkipLocked: true,
      supportsIdentityColumns: false,
      supportsComputedColumns: true,
      supportsComments: true,
      supportsSchemas: true,
      supportsAlterColumn: true,
      supportsAddConstraint: true,
      supportsTableValuedFunctions: false,
      maxBindParameters: 65535,
      maxIdentifierLength: 64,
    });
  }

  override quoteAlways(name: string): string {
    return `\`${name.replace(/`/g, "``")}\``;
  }

  override quoteString(value: string): string {
    let out = "'";
    for (const ch of value) out += STRING_ESCAPES[ch] ?? ch;
    return `${out}'`;
  }

  override coerceUntyped(value: unknown): unknown {
    if (value instanceof Date) return formatUtcDateTime(value);
    if (typeof value === "bigint") return value.toString();
    return value;
  }

  protected renderType(type: TypeEngine<any, any>): string {
    return mysqlTypeToSql(type, (s) => this.quoteString(s));
  }

  protected override renderCastType(type: TypeEngine<any, any>): string {
    return mysqlCastType(type);
  }

  protected compilerFor(binds: readonly Node[], opts: CompileOptions): MysqlCompiler {
    return new MysqlCompiler(this, binds, opts);
  }

  override ddlCompiler(): DdlCompiler {
    return new MysqlDdlCompiler(this);
  }

  connect(url: ConnectionUrl, connectArgs: Readonly<Record<string, unknown>>): Promise<DriverConnection> {
    return connectMysql(url, connectArgs);
  }

  override async initialize(conn: DriverConnection): Promise<void> {
    // @@transaction_isolation from MySQL 5.7.20 and MariaDB 11.1; @@tx_isolation before (and
    // MySQL 8 has only the new name), as SQLAlchemy's MySQL dialect reads it.
    const res = await conn
      .execute("SELECT VERSION(), @@transaction_isolation", [])
      .catch(() => conn.execute("SELECT VERSION(), @@tx_isolation", []));
    const version = String(res.rows[0]?.[0] ?? "");
    this.defaultIsolationLevel = isolationLevelOf(String(res.rows[0]?.[1] ?? ""));
    this.isMariaDb = /mariadb/i.test(version);
    this.serverVersion = (version.match(/^(\d+)\.(\d+)\.(\d+)/) ?? []).slice(1).map(Number);
    const [major = 0, minor = 0] = this.serverVersion;
    const atLeast = (a: number, b: number) => major > a || (major === a && minor >= b);
    if (this.isMariaDb) {
      this.supportsReturning = atLeast(10, 5);
      this.supportsDeleteReturning = atLeast(10, 0);
      this.supportsIntersectAll = atLeast(10, 5);
      this.supportsSkipLocked = atLeast(10, 6);
      this.supportsExpressionIndexes = false;
    } else {
      this.supportsIntersectAll = atLeast(8, 0) && (major > 8 || this.serverVersion[2]! >= 31 || minor > 0);
      this.supportsExpressionIndexes = atLeast(8, 0);
    }
  }

  mapError(err: unknown, ctx: ErrorContext): AthanorError {
    return mysqlMapError(err, ctx, (cls, e, c, s, h) => this.wrap(cls, e, c, s, h));
  }

  isDisconnect(err: unknown): boolean {
    return mysqlIsDisconnect(err);
  }

  override beginSql(): string {
    return "START TRANSACTION";
  }

  /**
   * Whether transactions at `level` begin implicitly: the session runs with autocommit off, so its
   * first statement opens the transaction and no START TRANSACTION is sent, as Python's MySQL
   * drivers do. REPEATABLE READ and SERIALIZABLE: every statement must run in the transaction (its
   * snapshot is taken at the first read). READ COMMITTED and READ UNCOMMITTED keep autocommit on
   * and START TRANSACTION waits for the first write (Connection), AUTOCOMMIT never begins.
   */
  override readonly driverSqlMayOpenTransaction = true;

  /**
   * READ COMMITTED or UNCOMMITTED, set or the server's default (read at the first connection): as
   * on PostgreSQL, each consistent read takes a fresh snapshot there.
   */
  override mayDeferBegin(level: IsolationLevel | null): boolean {
    const effective = level ?? this.defaultIsolationLevel;
    return effective === "READ COMMITTED" || effective === "READ UNCOMMITTED";
  }

  override beginsImplicitly(level: IsolationLevel): boolean {
    return level === "REPEATABLE READ" || level === "SERIALIZABLE";
  }

  isolationLevelSql(level: IsolationLevel): string[] {
    if (level === "AUTOCOMMIT") return ["SET SESSION autocommit = 1"];
    return [
      `SET SESSION TRANSACTION ISOLATION LEVEL ${level}`,
      `SET SESSION autocommit = ${this.beginsImplicitly(level) ? 0 : 1}`,
    ];
  }

  /** With no level configured: autocommit off when the server's default begins implicitly. */
  override connectIsolationSql(level: IsolationLevel | undefined): string[] {
    if (level !== undefined) return this.isolationLevelSql(level);
    return this.beginsImplicitly(this.defaultIsolationLevel) ? ["SET SESSION autocommit = 0"] : [];
  }
}

/** 'REPEATABLE-READ' (the server variable's spelling) as an IsolationLevel. */
function isolationLevelOf(value: string): IsolationLevel {
  const level = value.toUpperCase().replace("-", " ");
  if (
    level === "READ UNCOMMITTED" ||
    level === "READ COMMITTED" ||
    level === "REPEATABLE READ" ||
    level === "SERIALIZABLE"
  )
    return level;
  // An unknown spelling: the safe assumption (every statement inside the transaction).
  return "REPEATABLE READ";
}
