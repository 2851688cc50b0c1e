import { Session, type SessionOptions } from "./session.js";

/** A configured Session factory, as SQLAlchemy's sessionmaker. */
export interface SessionFactory {
  /** A new session: `await using db = SessionLocal()`. */
  (overrides?: Partial<SessionOptions>): Session;
  /**
   * Runs `fn` with a new session: committed when `fn` resolves, rolled back when it throws,
   * closed either way (the seeds' `get_db_session`).
   */
  begin<T>(fn: (db: Session) => Promise<T>): Promise<T>;
  /** Changes the options of sessions made from now on. */
  configure(options: Partial<SessionOptions>): void;
  readonly options: Readonly<SessionOptions>;
}

/** `export const SessionLocal = sessionmaker({ bind: engine, autoflush: false })`. */
export function sessionmaker(options: SessionOptions): SessionFactory {
  let current: SessionOptions = { ...options };
  const factory = ((overrides?: Partial<SessionOptions>) =>
    new Session(overrides ? { ...current, ...overrides } : current)) as SessionFactory;
  factory.begin = async <T>(fn: (db: Session) => Promise<T>): Promise<T> => {
    const db = new Session(current);
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
  };
  factory.configure = (o) => {
    current = { ...current, ...o };
  };
  Object.defineProperty(factory, "options", { get: () => current });
  return factory;
}
