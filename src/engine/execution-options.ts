import type { IsolationLevel } from "../dialects/dialect.js";

/** Values of a statement's named parameters (`text("... :status")`, `bindparam("status")`). */
export type Params = Readonly<Record<string, unknown>>;

/** Per-connection or per-statement options: isolation level, timeout, AbortSignal, stream batch size. */
export interface ExecutionOptions {
  /** Rows per batch when streaming. */
  readonly yieldPer?: number;
  /** Isolation level for this connection's next transactions. */
  readonly isolationLevel?: IsolationLevel;
  /** Milliseconds the statement may run before it is cancelled on the server (see StatementLimits). */
  readonly timeout?: number;
  /** Cancels the statement when it fires: on the server, or before sending. */
  readonly signal?: AbortSignal;
  /** With read replicas: run on the primary even when the statement only reads (see createEngine's replicas). */
  readonly usePrimary?: boolean;
  [key: string]: unknown;
}
