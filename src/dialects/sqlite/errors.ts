import {
  type AthanorError,
  DatabaseError,
  DataError,
  IntegrityError,
  InterfaceError,
  OperationalError,
  ProgrammingError,
} from "../../errors.js";
import type { ErrorContext } from "../dialect.js";

type Wrap = (
  cls: any,
  err: unknown,
  ctx: ErrorContext,
  sqlstate: string | undefined,
  hint?: string,
) => AthanorError;

export function sqliteIsDisconnect(err: unknown): boolean {
  const msg = (err as Error)?.message ?? "";
  return msg.includes("database connection is not open");
}

/** Maps better-sqlite3 errors by their SQLITE_* code. */
export function sqliteMapError(err: unknown, ctx: ErrorContext, wrap: Wrap): AthanorError {
  const e = err as { code?: string; message?: string };
  const code = typeof e?.code === "string" ? e.code : undefined;
  const msg = e?.message ?? "";
  if (sqliteIsDisconnect(err)) return wrap(OperationalError, err, ctx, code);
  if (err instanceof TypeError)
    return wrap(
      InterfaceError,
      err,
      ctx,
      undefined,
      "\nSQLite binds only numbers, strings, bigints, Buffers and null; give the column a type that converts the value.",
    );
  // better-sqlite3 throws RangeError both for values SQLite cannot hold (a bigint beyond 64 bits)
  // and for misuse (wrong parameter count).
  if (err instanceof RangeError)
    return wrap(
      /too big|too large|out of range/i.test(msg) ? DataError : ProgrammingError,
      err,
      ctx,
      undefined,
    );
  if (!code) return wrap(InterfaceError, err, ctx, undefined);
  if (code.startsWith("SQLITE_CONSTRAINT")) {
    const ie = wrap(IntegrityError, err, ctx, code) as IntegrityError;
    // The driver adapter names unique constraints (see driver.ts); otherwise SQLite's text.
    const named = (err as { constraint?: string }).constraint;
    ie.constraint = named ?? /constraint failed: (.+)$/.exec(msg)?.[1];
    return ie;
  }
  if (code === "SQLITE_MISMATCH" || code === "SQLITE_TOOBIG" || code === "SQLITE_RANGE")
    return wrap(DataError, err, ctx, code);
  if (
    code === "SQLITE_ERROR" &&
    /no such|syntax error|unrecognized token|incomplete input|has no column|already exists|ambiguous column|no column named|misuse/.test(
      msg,
    )
  )
    return wrap(ProgrammingError, err, ctx, code);
  if (/^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|PROTOCOL|NOMEM|INTERRUPT|ABORT)/.test(code))
    return wrap(OperationalError, err, ctx, code);
  return wrap(DatabaseError, err, ctx, code);
}
