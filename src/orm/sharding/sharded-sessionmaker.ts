import { unitOfWork } from "../session/sessionmaker.js";
import { ShardedSession, type ShardedSessionOptions } from "./sharded-session.js";

/** A configured ShardedSession factory, as sessionmaker() is for Session. */
export interface ShardedSessionFactory {
  /** A new sharded session: `await using db = ShardedSession()`. */
  (overrides?: Partial<ShardedSessionOptions>): ShardedSession;
  /**
   * Runs `fn` with a new sharded session: committed (shard by shard) when `fn` resolves, rolled
   * back when it throws, closed either way.
   */
  begin<T>(fn: (db: ShardedSession) => Promise<T>): Promise<T>;
  readonly options: Readonly<ShardedSessionOptions>;
}

/**
 * Sessions over horizontally sharded databases, after SQLAlchemy's horizontal_shard:
 *
 *   const ShardedSession = shardedSessionmaker({
 *     shards: { eu: engineEu, us: engineUs },
 *     shardChooser: (mapper, obj) => (obj as Customer).region,
 *     identityChooser: (mapper, pk) => ["eu", "us"],
 *     queryChooser: (stmt) => ["eu", "us"],
 *   });
 */
export function shardedSessionmaker(options: ShardedSessionOptions): ShardedSessionFactory {
  const current: ShardedSessionOptions = { ...options };
  // Made once here so a bad configuration fails where it is written, not at first use.
  new ShardedSession(current);
  const factory = ((overrides?: Partial<ShardedSessionOptions>) =>
    new ShardedSession(overrides ? { ...current, ...overrides } : current)) as ShardedSessionFactory;
  factory.begin = <T>(fn: (db: ShardedSession) => Promise<T>): Promise<T> =>
    unitOfWork(new ShardedSession(current), fn);
  Object.defineProperty(factory, "options", { get: () => current });
  return factory;
}
