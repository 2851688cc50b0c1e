import { type RetrySetting, retrying } from "../../engine/retry.js";
import { Session, type SessionOptions } from "./session.js";

/** A configured Session factory, as SQLAlchemy's sessionmaker. */
export interface SessionFactory {
  /** A new session: `await using db = SessionLocal()`. */
  (overrides?: Partial<SessionOptions>): Session;
  /**
   * Runs `fn` with a new session: committed when `fn` resolves, rolled back when it throws,
   * closed either way (the seeds' `get_db_session`). With `retry`, a serialization failure or
   * deadlock (SQLSTATE 40001 / 40P01, MySQL 1213) re-runs `fn` in a new session, with backoff:
   * `SessionLocal.begin(fn, { retry: { attempts: 5 } })`. `fn` must be safe to run again.
   */
  begin<T>(fn: (db: Session) => Promise<T>, opts?: { retry?: RetrySetting }): Promise<T>;
  /** Changes the options of sessions made from now on. */
  configure(options: Partial<SessionOptions>): void;
  readonly options: Readonly<SessionOptions>;
}

/** What a session-like object needs for unitOfWork(). */
interface Committable {
  commit(): Promise<void>;
  rollback(): Promise<void>;
  close(): Promise<void>;
}

/** Runs `fn` with `db`: committed when `fn` resolves, rolled back when it throws, closed either way. */
export async function unitOfWork<S extends Committable, T>(db: S, fn: (db: S) => Promise<T>): Promise<T> {
  try {
    const result = await fn(db);
    await db.commit();
    return result;
  } catch (e) {
    await db.rollback().catch(() => undefined);
    throw e;
  } finally {
    await db.close();
  }
}

/** `export const SessionLocal = sessionmaker({ bind: engine, autoflush: false })`. */
export function sessionmaker(options: SessionOptions): SessionFactory {
  let current: SessionOptions = { ...options };
  const factory = ((overrides?: Partial<SessionOptions>) =>
    new Session(overrides ? { ...current, ...overrides } : current)) as SessionFactory;
  const once = <T>(fn: (db: Session) => Promise<T>): Promise<T> => unitOfWork(new Session(current), fn);
  factory.begin = <T>(fn: (db: Session) => Promise<T>, opts?: { retry?: RetrySetting }): Promise<T> =>
    opts?.retry === undefined || opts.retry === false ? once(fn) : retrying(() => once(fn), opts.retry);
  factory.configure = (o) => {
    current = { ...current, ...o };
  };
  Object.defineProperty(factory, "options", { get: () => current });
  return factory;
}
