export {
  type IdentityChooser,
  type QueryChooser,
  type ShardChooser,
  type ShardExecutionOptions,
  ShardedSession,
  type ShardedSessionOptions,
} from "./sharded-session.js";
export { type ShardedSessionFactory, shardedSessionmaker } from "./sharded-sessionmaker.js";
