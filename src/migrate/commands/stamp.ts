/** `stamp <rev>`: set the version table to a revision without running migrations. */
import type { ConfigSource } from "../config/load-config.js";
import type { VersionTableChange } from "../graph/types.js";
import { applyChanges } from "../graph/version-table.js";
import { SqlWriter } from "../runtime/sql-writer.js";
import { VersionTable } from "../runtime/version-table.js";
import { type CommandOptions, loadProject, logger } from "./common.js";
import { dialectFor, withLockedRun } from "./database.js";

/** What a stamp did. */
export interface StampResult {
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly changes: readonly VersionTableChange[];
  /** The SQL script, with `sql`. */
  readonly sql: string | null;
}

/** `stamp head`, `stamp <rev> --purge`; with `sql`, writes the statements (`[from:]to`). */
export async function stamp(
  config: ConfigSource,
  revisions: string | readonly string[],
  options: CommandOptions & { sql?: boolean; purge?: boolean } = {},
): Promise<StampResult> {
  const { config: resolved, script } = await loadProject(config, options);
  const map = script.map;
  const targets = typeof revisions === "string" ? [revisions] : [...revisions];

  if (options.sql) {
    let start: string[] = [];
    const last = targets[targets.length - 1] ?? "";
    const colon = last.indexOf(":");
    if (colon >= 0) {
      start = map.resolve(last.slice(0, colon)).revisions.slice();
      targets[targets.length - 1] = last.slice(colon + 1);
    }
    const changes = map.stampPlan(start, targets, { purge: options.purge });
    const dialect = dialectFor(resolved);
    const versionTable = new VersionTable(resolved.versionTable, resolved.versionTableSchema);
    const writer = new SqlWriter(dialect);
    if (dialect.supportsTransactionalDdl) writer.statement("BEGIN");
    if (start.length === 0) writer.node(versionTable.create(false));
    for (const change of changes) for (const stmt of versionTable.statements(change)) writer.node(stmt);
    if (dialect.supportsTransactionalDdl) writer.statement("COMMIT");
    return { before: start, after: applyChanges(start, changes), changes, sql: writer.toString() };
  }

  const log = logger(options);
  return withLockedRun(resolved, log, async ({ conn, transactions, versionTable }) => {
    await transactions.begin();
    try {
      await conn.execute(versionTable.create(true));
      const before = await versionTable.read(conn, false);
      const changes = map.stampPlan(before, targets, { purge: options.purge });
      for (const change of changes) await versionTable.apply(conn, change);
      await transactions.commit();
      const after = applyChanges(before, changes);
      log(
        `Stamped ${after.length ? after.join(", ") : "base"} (was ${before.length ? before.join(", ") : "base"})`,
      );
      return { before, after, changes, sql: null };
    } catch (e) {
      if (transactions.open) await transactions.rollback().catch(() => undefined);
      throw e;
    }
  });
}
