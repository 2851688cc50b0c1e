import {
  IntegrityError,
  NoResultFound,
  PendingRollbackError,
  StaleDataError,
  TimeoutError,
} from "../../errors.js";
import { PaginationError } from "./pagination-error.js";

/** A JSON error body for a client: what went wrong, never SQL, parameters or a stack. */
export interface HttpErrorBody {
  /** A stable code: "not_found", "conflict", "invalid", "unavailable", "internal". */
  error: string;
  message: string;
  /** IntegrityError: the violated constraint, when the database names it. */
  constraint?: string;
  /** IntegrityError: the table of that constraint. */
  table?: string;
  /** A validation error (zod): where and what, without the rejected input. */
  issues?: { path: (string | number)[]; message: string }[];
}

/** An HTTP answer for an error. */
export interface HttpError {
  status: number;
  body: HttpErrorBody;
  headers?: Record<string, string>;
}

/** What unexpected errors answer: the detail goes to the log, never to the client. */
export const INTERNAL_ERROR: HttpError = Object.freeze({
  status: 500,
  body: Object.freeze({ error: "internal", message: "Internal Server Error" }) as HttpErrorBody,
});

/**
 * The HTTP answer for the errors a database back end expects, or null for any other error:
 * NoResultFound -> 404, IntegrityError -> 409 (with constraint and table), StaleDataError -> 409,
 * the pool's TimeoutError -> 503, a zod validation error -> 400, an invalid pagination cursor -> 400.
 * Bodies are written here from the error's fields, never from its message (which holds the SQL).
 */
export function httpErrorOf(err: unknown): HttpError | null {
  if (err instanceof NoResultFound) {
    // getOne()'s message names the model and key ("No Kit with primary key 7"); the hint after
    // the semicolon is for the developer. Result.one()'s has no detail to give.
    const first = err.message.split(/[;\n]/)[0]!;
    return {
      status: 404,
      body: { error: "not_found", message: first.startsWith("No ") ? first : "Not found" },
    };
  }
  if (err instanceof IntegrityError) {
    const { constraint, table } = err;
    const on = `${constraint ? ` "${constraint}"` : ""}${table ? ` on table "${table}"` : ""}`;
    const body: HttpErrorBody = { error: "conflict", message: `The change violates a constraint${on}` };
    if (constraint) body.constraint = constraint;
    if (table) body.table = table;
    return { status: 409, body };
  }
  if (err instanceof StaleDataError) {
    return {
      status: 409,
      body: {
        error: "conflict",
        message: "The row was changed or deleted by someone else; reload it and try again",
      },
    };
  }
  if (err instanceof TimeoutError) {
    return {
      status: 503,
      body: { error: "unavailable", message: "The database is busy; try again shortly" },
      headers: { "Retry-After": "1" },
    };
  }
  // A flush failed earlier in the request and the handler went on: answer for the first error.
  if (err instanceof PendingRollbackError) return err.cause === undefined ? null : httpErrorOf(err.cause);
  if (err instanceof PaginationError)
    return { status: 400, body: { error: "invalid", message: err.message } };
  const issues = zodIssues(err);
  if (issues) return { status: 400, body: { error: "invalid", message: "The request is not valid", issues } };
  return null;
}

/** A ZodError's issues, recognised by shape: the root entry never imports zod. */
function zodIssues(err: unknown): HttpErrorBody["issues"] | null {
  const e = err as { name?: unknown; issues?: unknown } | null;
  if (e === null || typeof e !== "object" || e.name !== "ZodError" || !Array.isArray(e.issues)) return null;
  return e.issues.map((i: { path?: unknown; message?: unknown }) => ({
    path: Array.isArray(i.path) ? i.path.filter((p): p is string | number => typeof p !== "symbol") : [],
    message: String(i.message),
  }));
}
