export type { StatementLimits } from "./cancel.js";
export { Connection, type ExecutionOptions, type ItemsOf, type Params } from "./connection.js";
export { createEngine, Engine, type EngineOptions, type Logger } from "./engine.js";
export type { EngineEvents, EventName } from "./events.js";
export { Inspector, inspect, type MultiReflectOptions } from "./inspector.js";
export { NullPool, Pool, type PoolOptions, QueuePool, StaticPool } from "./pool.js";
export type { ReadYourWrites, ReplicaOptions } from "./replicas/options.js";
export { AsyncResult, Result, ScalarResult } from "./result.js";
export {
  isRetryableError,
  type RetryOptions,
  type RetrySetting,
  retrying,
} from "./retry.js";
export { NestedTransaction, Transaction } from "./transaction.js";
export { DatabaseUrl, makeUrl } from "./url.js";
