/** `upgrade` and `downgrade`: online, or as SQL with `--sql` (`from:to` ranges). */
import type { ConfigSource } from "../config/load-config.js";
import { CommandError } from "../errors.js";
import { parseIdentifier } from "../graph/identifier.js";
import type { RevisionMap } from "../graph/revision-map.js";
import type { MigrationStep } from "../graph/types.js";
import type { StepReport } from "../runtime/progress.js";
import { runOffline } from "../runtime/run-offline.js";
import { type Planner, runOnline } from "../runtime/run-online.js";
import { VersionTable } from "../runtime/version-table.js";
import { type CommandOptions, loadProject, logger } from "./common.js";
import { dialectFor, withLockedRun } from "./database.js";

/** Options of upgrade and downgrade. */
export interface MigrateOptions extends CommandOptions {
  /** Write the SQL instead of running it (`upgrade head --sql`, `downgrade head:base --sql`). */
  readonly sql?: boolean;
}

/** What an upgrade or downgrade did (or, with `sql`, would do). */
export interface MigrateResult {
  readonly command: "upgrade" | "downgrade";
  readonly target: string;
  readonly offline: boolean;
  /** Version-table rows before the run (the range's start offline). */
  readonly before: readonly string[];
  /** Version-table rows after the run. */
  readonly after: readonly string[];
  /** The migrations applied (or written), in order. */
  readonly steps: readonly StepReport[];
  /** The SQL script, with `sql`. */
  readonly sql: string | null;
}

/** `upgrade head`, `+1`, `<rev>`, `<rev>+2`, `branch@head`, `heads`; with `sql`, `[from:]to`. */
export async function upgrade(
  config: ConfigSource,
  target = "head",
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  return migrate("upgrade", config, target, options);
}

/** `downgrade -1`, `base`, `<rev>`, `branch@-1`; with `sql`, `from:to` (e.g. `head:base`). */
export async function downgrade(
  config: ConfigSource,
  target: string,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  return migrate("downgrade", config, target, options);
}

/** The target in a form that no longer depends on the current revisions, for replanning. */
function absoluteTarget(map: RevisionMap, target: string, rows: readonly string[]): string {
  const parsed = parseIdentifier(target);
  if (parsed.steps === null) return target;
  const resolved = map.resolve(target, rows);
  const symbol = resolved.revisions[0] ?? "base";
  return resolved.branch ? `${resolved.branch}@${symbol}` : symbol;
}

async function migrate(
  command: "upgrade" | "downgrade",
  source: ConfigSource,
  target: string,
  options: MigrateOptions,
): Promise<MigrateResult> {
  const { config, script } = await loadProject(source, options);
  const map = script.map;
  const planFor = (rows: readonly string[], to: string): MigrationStep[] =>
    command === "upgrade" ? map.upgradePlan(rows, to) : map.downgradePlan(rows, to);

  if (options.sql) {
    const colon = target.indexOf(":");
    if (command === "downgrade" && colon < 0) {
      throw new CommandError(
        `downgrade --sql needs a range 'from:to' (e.g. 'head:base' or '${target === "base" ? "head" : "<rev>"}:${target}'), since there is no database to read the current revision from.`,
      );
    }
    const fromText = colon < 0 ? "" : target.slice(0, colon).trim();
    const to = colon < 0 ? target : target.slice(colon + 1).trim();
    const start = fromText === "" ? [] : map.resolve(fromText).revisions;
    const steps = planFor(start, to);
    const run = await runOffline({
      dialect: dialectFor(config),
      script,
      versionTable: new VersionTable(config.versionTable, config.versionTableSchema),
      steps,
      start,
      transactionPerMigration: config.transactionPerMigration,
    });
    return {
      command,
      target,
      offline: true,
      before: start,
      after: run.after,
      steps: run.steps,
      sql: run.sql,
    };
  }
  if (target.includes(":")) {
    throw new CommandError(
      `'${target}' is a range; ranges only work with --sql. Give a single target, e.g. \`athanor ${command} ${target.split(":").pop() || "head"}\`.`,
    );
  }
  const log = logger(options);
  let absolute: string | null = null;
  const planner: Planner = {
    plan: (rows) => {
      absolute = absoluteTarget(map, target, rows);
      return planFor(rows, target);
    },
    replan: (rows) => planFor(rows, absolute ?? target),
  };
  const run = await withLockedRun(config, log, (locked) =>
    runOnline(
      {
        conn: locked.conn,
        transactions: locked.transactions,
        versionTable: locked.versionTable,
        script,
        transactionPerMigration: config.transactionPerMigration,
        log,
      },
      planner,
    ),
  );
  return {
    command,
    target,
    offline: false,
    before: run.before,
    after: run.after,
    steps: run.steps,
    sql: null,
  };
}
