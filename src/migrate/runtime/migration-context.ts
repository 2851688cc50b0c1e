/**
 * Where operations run: online on a connection (inside the run's transaction), or offline into a
 * SQL script. The context also remembers, for the migration in progress, which operations
 * completed and which statement failed, so a failure can say exactly what happened.
 */
import type { Dialect } from "../../dialects/dialect.js";
import type { Connection, Params } from "../../engine/connection.js";
import { createRowFactory, Result } from "../../engine/result.js";
import { CreateEnumType, DropEnumType } from "../../schema/ddl.js";
import { MetaData } from "../../schema/metadata.js";
import type { Table } from "../../schema/table.js";
import { Node } from "../../sql/node.js";
import { TextClause } from "../../sql/text.js";
import { OperationNotSupportedError } from "../errors.js";
import { AutocommitBlockOp } from "../operations/autocommit-op.js";
import type { MigrateOperation, MigrationStatement, StatementContext } from "../operations/base.js";
import { BatchAlterTableOp } from "../operations/batch/batch-op.js";
import type { SqlWriter } from "./sql-writer.js";
import type { TransactionControl } from "./transactions.js";

/** Thrown inside a SQLite transaction that needs foreign keys off: the runner rolls back and retries with them off. */
export class ForeignKeysEnabledSignal extends Error {
  constructor() {
    super(
      "SQLite batch recreation needs PRAGMA foreign_keys = OFF, which only takes effect outside a transaction",
    );
  }
}

/** What the migration in progress has done so far. */
export interface StepProgress {
  /** Descriptions of the operations that completed. */
  readonly applied: string[];
  /** The operation running now, if any. */
  operation: string | null;
  /** The statement running now, when known. */
  sql: string | null;
}

function emptyResult(): Result<any[]> {
  return new Result([], createRowFactory([], []), 0, null, false);
}

/** The context of one run (online or offline). */
export class MigrationContext {
  readonly dialect: Dialect;
  readonly connection: Connection | null;
  readonly writer: SqlWriter | null;
  readonly transactions: TransactionControl | null;
  /** Whether the run's transactions can roll back DDL (transactional DDL). */
  readonly transactionalDdl: boolean;
  /** Whether SQLite foreign keys are off for the current transaction. */
  foreignKeysOff = false;
  /** Whether the offline script has a transaction open (BEGIN written, COMMIT not yet). */
  offlineTransactionOpen = false;
  progress: StepProgress = { applied: [], operation: null, sql: null };
  readonly #statementContext: StatementContext;
  /** Enum types the offline script creates (see #typeAlreadyWritten). */
  readonly #enumsWritten = new Set<string>();

  private constructor(
    dialect: Dialect,
    connection: Connection | null,
    writer: SqlWriter | null,
    transactions: TransactionControl | null,
  ) {
    this.dialect = dialect;
    this.connection = connection;
    this.writer = writer;
    this.transactions = transactions;
    this.transactionalDdl = dialect.supportsTransactionalDdl;
    this.#statementContext = { dialect };
  }

  /** A context running statements on `connection`. */
  static online(connection: Connection, transactions: TransactionControl): MigrationContext {
    return new MigrationContext(connection.dialect, connection, null, transactions);
  }

  /** A context writing statements to `writer`. */
  static offline(writer: SqlWriter): MigrationContext {
    return new MigrationContext(writer.dialect, null, writer, null);
  }

  get isOffline(): boolean {
    return this.writer !== null;
  }

  /**
   * Offline, an enum type the script already creates is not created again: createTable creates
   * its columns' enum types idempotently (they may be shared, or made by op.createEnum), which
   * online costs nothing but offline would write CREATE TYPE and then a DO block for the same type.
   */
  #typeAlreadyWritten(stmt: MigrationStatement): boolean {
    if (stmt instanceof DropEnumType) {
      this.#enumsWritten.delete(qualifiedName(stmt.opts.schema ?? null, stmt.name));
      return false;
    }
    if (!(stmt instanceof CreateEnumType)) return false;
    const name = qualifiedName(stmt.type.schema ?? null, stmt.type.name ?? "");
    if (this.#enumsWritten.has(name)) return stmt.opts.ifNotExists === true;
    this.#enumsWritten.add(name);
    return false;
  }

  /** Starts tracking a new migration. */
  startStep(): void {
    this.progress = { applied: [], operation: null, sql: null };
  }

  /** Runs one statement: on the connection, or into the script. */
  async execute(stmt: MigrationStatement, params?: Params | readonly Params[]): Promise<Result<any[]>> {
    if (this.writer) {
      if (params !== undefined) {
        throw new OperationNotSupportedError(
          "Statements with separate parameters cannot be written as offline SQL; put the values in the statement (e.g. text(...).bindparams({...}) or insert(...).values({...})).",
        );
      }
      if (this.#typeAlreadyWritten(stmt)) return emptyResult();
      if (typeof stmt === "string") {
        this.progress.sql = stmt;
        this.writer.statement(stmt);
      } else {
        this.progress.sql = null;
        this.writer.node(stmt);
      }
      return emptyResult();
    }
    const conn = this.connection!;
    if (typeof stmt === "string") {
      this.progress.sql = stmt;
      return conn.executeDriverSql(stmt);
    }
    this.progress.sql = stmt instanceof TextClause ? stmt.text : null;
    return conn.execute(stmt, params as Params | undefined) as Promise<Result<any[]>>;
  }

  /** Runs an operation's statements, recording it as applied once they all succeed. */
  async runOperation(op: MigrateOperation): Promise<void> {
    if (op instanceof AutocommitBlockOp) {
      await this.autocommit(async () => {
        for (const inner of op.ops) await this.runOperation(inner);
      });
      return;
    }
    const description = op.describe();
    this.progress.operation = description;
    this.progress.sql = null;
    const statements =
      op instanceof BatchAlterTableOp
        ? await this.#batchStatements(op)
        : op.toStatements(this.#statementContext);
    for (const stmt of statements) await this.execute(stmt);
    this.progress.applied.push(description);
    this.progress.operation = null;
    this.progress.sql = null;
  }

  /** A batch's statements: online, a recreation reflects the table and needs SQLite foreign keys off. */
  async #batchStatements(op: BatchAlterTableOp): Promise<MigrationStatement[]> {
    const ctx = this.#statementContext;
    if (!op.recreates(ctx)) return op.toStatements(ctx);
    if (this.writer) {
      if (this.dialect.name === "sqlite") {
        this.writer.prepend("PRAGMA foreign_keys = OFF");
        this.writer.append("PRAGMA foreign_keys = ON");
      }
      return op.toStatements(ctx);
    }
    const conn = this.connection!;
    if (this.dialect.name === "sqlite" && !this.foreignKeysOff) {
      const on = (await conn.executeDriverSql("PRAGMA foreign_keys")).rawRows()[0]?.[0];
      if (Number(on) === 1) throw new ForeignKeysEnabledSignal();
    }
    let existing: Table<any, any> | null = null;
    if (!op.options.copyFrom) {
      const md = new MetaData();
      await md.reflect(conn, { only: [op.tableName], ...(op.schema ? { schema: op.schema } : {}) });
      existing = md.table(op.tableName) ?? md.tables.get(`${op.schema}.${op.tableName}`) ?? null;
    }
    return op.toStatements(ctx, existing);
  }

  /** The connection for data migrations (online), or a stand-in that writes statements to the script (offline). */
  bind(): Connection {
    if (this.connection) return this.connection;
    return new OfflineConnection(this) as unknown as Connection;
  }

  /** Runs `fn` outside the run's transaction (online), or between COMMIT and BEGIN (offline). */
  async autocommit<T>(fn: () => Promise<T>): Promise<T> {
    if (this.transactions) return this.transactions.outside(fn);
    const writer = this.writer!;
    const open = this.offlineTransactionOpen;
    if (open) writer.statement("COMMIT");
    try {
      return await fn();
    } finally {
      if (open) writer.statement(this.dialect.name === "mysql" ? "START TRANSACTION" : "BEGIN");
    }
  }
}

/**
 * What `op.getBind()` returns in `--sql` mode, like Alembic's mock connection: `execute()` writes
 * the statement to the script. Reading results needs a database, so anything else throws.
 */
class OfflineConnection {
  readonly #ctx: MigrationContext;

  constructor(ctx: MigrationContext) {
    this.#ctx = ctx;
  }

  get dialect(): Dialect {
    return this.#ctx.dialect;
  }

  /** Writes the statement to the script; the result is empty. */
  async execute(stmt: Node, params?: Params): Promise<Result<any[]>> {
    if (!(stmt instanceof Node)) throw unsupported("execute() of a non-statement");
    return this.#ctx.execute(stmt, params);
  }

  /** Writes raw SQL to the script. */
  async executeDriverSql(sql: string, params: readonly unknown[] = []): Promise<Result<any[]>> {
    if (params.length > 0) throw unsupported("executeDriverSql() with parameters");
    return this.#ctx.execute(sql);
  }

  async scalar(): Promise<never> {
    throw unsupported("scalar()");
  }

  async scalars(): Promise<never> {
    throw unsupported("scalars()");
  }

  async stream(): Promise<never> {
    throw unsupported("stream()");
  }
}

function unsupported(what: string): OperationNotSupportedError {
  return new OperationNotSupportedError(
    `op.getBind().${what} needs a live database, which --sql mode does not have; only execute() of statements works offline (they are written to the script). Guard the code with \`if (!op.isOffline)\` or run the migration online.`,
  );
}

function qualifiedName(schema: string | null, name: string): string {
  return schema ? `${schema}.${name}` : name;
}
