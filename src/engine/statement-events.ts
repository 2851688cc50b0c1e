import type { Dialect } from "../dialects/dialect.js";
import { type AthanorError, InvalidRequestError } from "../errors.js";
import type { Node } from "../sql/node.js";
import type { Engine } from "./engine.js";

/** One statement as the engine's events and echo see it. */
export interface StatementCall {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly stmt: Node | null;
  /** Null for SQL that was not compiled from a statement (BEGIN, driver SQL): echo shows it as raw. */
  readonly cached: boolean | null;
  readonly executemany: boolean;
}

/** beforeExecute, the statement (`run`: the driver call with its error mapping), echo and afterExecute. */
export async function observed<T>(
  engine: Engine,
  call: StatementCall,
  run: () => Promise<T>,
  rowCountOf: (result: T) => number,
): Promise<T> {
  const events = engine.events;
  const { sql, params, stmt, executemany } = call;
  const cached = call.cached ?? false;
  if (events.has("beforeExecute"))
    events.emit("beforeExecute", { sql, params, statement: stmt, cached, executemany });
  const logging = engine.logger !== null;
  const start = logging || events.has("afterExecute") ? performance.now() : 0;
  const res = await run();
  if (start) {
    const durationMs = performance.now() - start;
    if (logging) engine.logStatement(sql, params, durationMs, call.cached);
    if (events.has("afterExecute"))
      events.emit("afterExecute", {
        sql,
        params,
        rowCount: rowCountOf(res),
        durationMs,
        cached,
        executemany,
      });
  }
  return res;
}

/**
 * A driver error as Athanor's error for it (one already mapped passes through). Its stack starts
 * at the caller of this function: the five frames of the mapping itself would otherwise fill half
 * of Node's default ten (Error.stackTraceLimit), and the application's own frames fell off the end
 * (seen from a CommonJS project: a failed query inside engine.begin() showed no frame of its caller).
 */
export function mappedDriverError(
  engine: Engine,
  dialect: Dialect,
  e: unknown,
  sql: string,
  params: readonly unknown[],
): AthanorError {
  if ((e as { orig?: unknown }).orig !== undefined) return e as AthanorError;
  const mapped = dialect.mapError(e, { sql, params, hideParameters: engine.options.hideParameters });
  Error.captureStackTrace(mapped, mappedDriverError);
  return mapped;
}

/**
 * The error for a statement sent while a stream is read on its connection: the driver would
 * queue it behind the rest of the result (node-pg, mysql2: waiting for the loop that waits for
 * it) or refuse it (better-sqlite3).
 */
export function busyStreamingError(sql: string): InvalidRequestError {
  return new InvalidRequestError(
    `This connection is streaming a result (a for await loop over stream() is still reading it), so it cannot run ${JSON.stringify(sql.slice(0, 60))} now: ` +
      "the statement would wait for the stream, which waits for the loop. Read the rows first (or break out of the loop), or run the query on another connection or session.",
  );
}
