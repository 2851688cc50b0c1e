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

type Wrap = (
  cls: any,
  err: unknown,
  ctx: ErrorContext,
  sqlstate: string | undefined,
  hint?: string,
) => AthanorError;

const DISCONNECT_CODES = new Set([
  "PROTOCOL_CONNECTION_LOST",
  "ECONNRESET",
  "EPIPE",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "ER_SERVER_SHUTDOWN",
  "ER_CONNECTION_KILLED",
  "PROTOCOL_SEQUENCE_TIMEOUT",
]);
const DISCONNECT_ERRNOS = new Set([1053, 1927, 2006, 2013, 2055, 4031]);
const INTEGRITY = new Set([1022, 1048, 1062, 1169, 1216, 1217, 1364, 1451, 1452, 1557, 1586, 3819, 4025]);
const DATA = new Set([1264, 1265, 1292, 1366, 1367, 1406, 1416, 3140, 4078]);
const PROGRAMMING = new Set([
  1044, 1045, 1046, 1049, 1050, 1051, 1054, 1060, 1061, 1064, 1068, 1072, 1091, 1109, 1146, 1149, 1166, 1176,
  1235, 1248, 1305, 1393, 1403, 1582, 1583, 1630,
]);
const OPERATIONAL = new Set([1040, 1205, 1213, 1223, 2002, 2003, 2005]);
const NOT_SUPPORTED = new Set([1235, 1289]);

export function mysqlIsDisconnect(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; fatal?: boolean; message?: string };
  if (!e) return false;
  if (e.fatal) return true;
  if (e.code && DISCONNECT_CODES.has(e.code)) return true;
  if (e.errno !== undefined && DISCONNECT_ERRNOS.has(e.errno)) return true;
  return /closed state|Connection lost|connection is in closed state/i.test(e.message ?? "");
}

/** The constraint a MySQL / MariaDB integrity message names. */
function constraintOf(message: string): string | undefined {
  return (
    /for key '(?:[^'.]+\.)?([^']+)'/.exec(message)?.[1] ??
    /CONSTRAINT `([^`]+)`/.exec(message)?.[1] ??
    /[Cc]heck constraint '([^']+)'/.exec(message)?.[1] ??
    /Column '([^']+)' cannot be null/.exec(message)?.[1]
  );
}

/** Maps mysql2 errors by errno. */
export function mysqlMapError(err: unknown, ctx: ErrorContext, wrap: Wrap): AthanorError {
  const e = err as { errno?: number; sqlState?: string; message?: string };
  const sqlstate = e?.sqlState;
  const errno = e?.errno;
  if (mysqlIsDisconnect(err))
    return wrap(
      OperationalError,
      err,
      ctx,
      sqlstate,
      "\nThe connection was lost; it has been discarded from the pool.",
    );
  if (errno === undefined) return wrap(InterfaceError, err, ctx, sqlstate);
  if (INTEGRITY.has(errno)) {
    const ie = wrap(IntegrityError, err, ctx, sqlstate) as IntegrityError;
    ie.constraint = constraintOf(e.message ?? "");
    return ie;
  }
  if (DATA.has(errno)) return wrap(DataError, err, ctx, sqlstate);
  if (NOT_SUPPORTED.has(errno)) return wrap(NotSupportedError, err, ctx, sqlstate);
  if (PROGRAMMING.has(errno)) return wrap(ProgrammingError, err, ctx, sqlstate);
  if (OPERATIONAL.has(errno)) return wrap(OperationalError, err, ctx, sqlstate);
  if (errno >= 2000 && errno < 3000) return wrap(OperationalError, err, ctx, sqlstate);
  if (sqlstate?.startsWith("XX")) return wrap(InternalError, err, ctx, sqlstate);
  return wrap(DatabaseError, err, ctx, sqlstate);
}
