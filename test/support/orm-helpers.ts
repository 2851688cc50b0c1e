import { delete_, type Engine, type MetaData, type Table, update } from "../../src/index.js";

/** The SQL statements an engine runs, recorded through its `afterExecute` event. */
export interface StatementLog {
  readonly sql: string[];
  /** Statements so far (optionally only those matching `pattern`). */
  count(pattern?: RegExp): number;
  /** Statements matching `pattern`. */
  matching(pattern: RegExp): string[];
  reset(): void;
  stop(): void;
}

export function recordStatements(engine: Engine): StatementLog {
  const sql: string[] = [];
  const listener = (e: { sql: string }) => {
    sql.push(e.sql);
  };
  engine.on("afterExecute", listener);
  return {
    sql,
    count: (pattern) => (pattern ? sql.filter((s) => pattern.test(s)).length : sql.length),
    matching: (pattern) => sql.filter((s) => pattern.test(s)),
    reset: () => {
      sql.length = 0;
    },
    stop: () => {
      engine.off("afterExecute", listener);
    },
  };
}

/** Runs `fn` and returns the statements it ran, with its result. */
export async function counting<T>(
  engine: Engine,
  fn: () => Promise<T>,
): Promise<{ result: T; sql: string[]; count(pattern?: RegExp): number }> {
  const log = recordStatements(engine);
  try {
    const result = await fn();
    return { result, sql: [...log.sql], count: (p) => log.count(p) };
  } finally {
    log.stop();
  }
}

export const SELECT = /^\s*SELECT/i;
export const INSERT = /^\s*INSERT/i;
export const UPDATE = /^\s*UPDATE/i;
export const DELETE = /^\s*DELETE/i;

/**
 * Empties every table of `metadata` (children first). Nullable foreign keys that close a cycle
 * (`useAlter`, self-references) are set to NULL first so the rows can go in any order.
 */
export async function clearTables(engine: Engine, metadata: MetaData): Promise<void> {
  const tables = metadata.sortedTables as Table<any, any>[];
  await engine.begin(async (conn) => {
    for (const t of tables) {
      // MySQL checks foreign keys row by row, so self-references must go too.
      const cycleCols = t.columns.filter(
        (c) =>
          c.nullable && c.foreignKeys.some((fk) => fk.options.useAlter || fk.referencedColumn()?.table === t),
      );
      if (cycleCols.length) {
        const set: Record<string, null> = {};
        for (const c of cycleCols) set[c.key] = null;
        await conn.execute(update(t).values(set as never));
      }
    }
    for (const t of [...tables].reverse()) await conn.execute(delete_(t));
  });
}
