import {
  type AthanorError,
  DatabaseError,
  DataError,
  IntegrityError,
  InterfaceError,
  InternalError,
  NotSupportedError,
  OperationalError,
  ProgrammingError,
} from "../../errors.js";
import type { ErrorContext } from "../dialect.js";

const DISCONNECT_MESSAGES = [
  "Connection terminated",
  "connection error",
  "Client has encountered a connection error",
  "terminating connection",
  "server closed the connection",
  "Connection ended",
  "not queryable",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "PGlite is closed",
];

/** Whether a PostgreSQL driver error means the connection is gone. */
export function pgIsDisconnect(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (e?.code && /^(08|57P0[1-3])/.test(e.code)) return true;
  if (e?.code === "ECONNRESET" || e?.code === "EPIPE" || e?.code === "ECONNREFUSED") return true;
  const msg = e?.message ?? "";
  return DISCONNECT_MESSAGES.some((m) => msg.includes(m));
}

const NUL_HINT =
  "\nPostgreSQL text cannot contain NUL (\\u0000) characters: strip them, or store the value as LargeBinary.";

/** SQLSTATE classes to the hierarchy, as psycopg2 maps them (what SQLAlchemy users know). */
const SQLSTATE_CLASSES: Record<string, typeof DatabaseError> = {
  "0A": NotSupportedError,
  "20": ProgrammingError,
  "21": ProgrammingError,
  "3D": ProgrammingError,
  "3F": ProgrammingError,
  "42": ProgrammingError,
  "44": ProgrammingError,
  "24": InternalError,
  "25": InternalError,
  "2B": InternalError,
  "2D": InternalError,
  "2F": InternalError,
  "38": InternalError,
  "39": InternalError,
  "3B": InternalError,
  P0: InternalError,
  XX: InternalError,
  "08": OperationalError,
  "26": OperationalError,
  "27": OperationalError,
  "28": OperationalError,
  "34": OperationalError,
  "40": OperationalError,
  "53": OperationalError,
  "54": OperationalError,
  "55": OperationalError,
  "57": OperationalError,
  "58": OperationalError,
  F0: OperationalError,
  HV: OperationalError,
};

type Wrap = (
  cls: any,
  err: unknown,
  ctx: ErrorContext,
  sqlstate: string | undefined,
  hint?: string,
) => AthanorError;

/** Maps a PostgreSQL error by SQLSTATE class. */
export function pgMapError(err: unknown, ctx: ErrorContext, wrap: Wrap): AthanorError {
  const e = err as { code?: string; constraint?: string; table?: string; detail?: string };
  const code = typeof e?.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined;
  if (pgIsDisconnect(err))
    return wrap(
      OperationalError,
      err,
      ctx,
      code,
      "\nThe connection was lost; it has been discarded from the pool.",
    );
  if (!code) return wrap(InterfaceError, err, ctx, undefined);
  const cls = code.slice(0, 2);
  if (cls === "23") {
    const what = e.constraint
      ? ` (constraint "${e.constraint}"${e.table ? ` on table "${e.table}"` : ""})`
      : "";
    const detail = e.detail ? `\nDETAIL: ${e.detail}` : "";
    const ie = wrap(IntegrityError, err, ctx, code, `${what}${detail}`) as IntegrityError;
    ie.constraint = e.constraint;
    return ie;
  }
  // NUL cannot be stored in PostgreSQL text; the server names only the byte (bound values) or
  // reports a limit (chr(0) in literals): make both a DataError that says what to do.
  const message = String((err as Error).message);
  if ((code === "22021" && /0x00/.test(message)) || (code === "54000" && /null character/.test(message)))
    return wrap(DataError, err, ctx, code, NUL_HINT);
  if (cls === "22") return wrap(DataError, err, ctx, code);
  return wrap(SQLSTATE_CLASSES[cls] ?? DatabaseError, err, ctx, code);
}
