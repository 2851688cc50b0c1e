/** `check`: fails when autogenerate would write operations (the models and the database differ). */
import { autogenerate, parseRenameHints, requireAutogenerate } from "../autogenerate/hook.js";
import type { ConfigSource } from "../config/load-config.js";
import { NotUpToDateError } from "../errors.js";
import { MigrateOperation } from "../operations/base.js";
import { type CommandOptions, loadProject } from "./common.js";
import { openDatabase } from "./database.js";

/** What `check` found: no operations (else it throws NotUpToDateError listing them). */
export interface CheckResult {
  readonly upToDate: true;
}

/** `check`: throws NotUpToDateError when the database is behind the scripts, or the models differ from it. */
export async function check(
  config: ConfigSource,
  options: CommandOptions & { renames?: readonly string[] } = {},
): Promise<CheckResult> {
  requireAutogenerate();
  const { config: resolved, script } = await loadProject(config, options);
  const db = await openDatabase(resolved);
  try {
    const rows = await db.versionTable.read(db.conn);
    const heads = [...script.map.heads];
    if (rows.length !== heads.length || !heads.every((h) => rows.includes(h))) {
      throw new NotUpToDateError(
        `Target database is not up to date (it is at ${rows.join(", ") || "base"}; the heads are ${heads.join(", ") || "(none)"}); run \`athanor upgrade heads\` first.`,
      );
    }
    const result = await autogenerate(resolved, {
      connection: db.conn,
      renames: parseRenameHints(options.renames ?? []),
    });
    const ops = result.upgradeOps.filter((o): o is MigrateOperation => o instanceof MigrateOperation);
    if (ops.length > 0) {
      throw new NotUpToDateError(
        `New upgrade operations detected:\n${ops.map((o) => `  - ${o.describe()}`).join("\n")}\nGenerate a revision with \`athanor revision --autogenerate -m "..."\`.`,
      );
    }
    return { upToDate: true };
  } finally {
    await db.conn.rollback().catch(() => undefined);
    await db.close();
  }
}
