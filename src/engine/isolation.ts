import type { Engine } from "./engine.js";
import type { PooledConnection } from "./pool.js";

/**
 * Gives a returned connection whose isolation level a Connection changed (executionOptions) the
 * engine's level back, after ending any transaction still open on it; false when that failed
 * and the connection must be discarded.
 */
export async function restoreIsolation(engine: Engine, pooled: PooledConnection): Promise<boolean> {
  pooled.info.delete("isolationChanged");
  const level = engine.options.isolationLevel ?? engine.dialect.defaultIsolationLevel;
  try {
    if (pooled.inTransaction) {
      await pooled.driver.execute("ROLLBACK", []);
      pooled.inTransaction = false;
    }
    for (const sql of engine.dialect.isolationLevelSql(level)) await pooled.driver.execute(sql, []);
    return true;
  } catch {
    return false;
  }
}
