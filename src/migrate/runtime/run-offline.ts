/**
 * Offline mode (`--sql`): the migrations' statements written as a SQL script instead of run,
 * version-table writes included, wrapped in BEGIN/COMMIT where the database has transactional
 * DDL (once, or per migration).
 */
import type { Dialect } from "../../dialects/dialect.js";
import type { MigrationStep } from "../graph/types.js";
import { applyChange } from "../graph/version-table.js";
import { Operations } from "../operations/operations.js";
import type { ScriptDirectory } from "../script/script-directory.js";
import { migrationFailure } from "./failure.js";
import { MigrationContext } from "./migration-context.js";
import { describeStep, type StepReport } from "./progress.js";
import { SqlWriter } from "./sql-writer.js";
import type { VersionTable } from "./version-table.js";

/** The result of an offline run. */
export interface OfflineRun {
  readonly sql: string;
  readonly after: readonly string[];
  readonly steps: readonly StepReport[];
}

/** Writes `steps`, starting from version-table rows `start`, as a SQL script. */
export async function runOffline(options: {
  readonly dialect: Dialect;
  readonly script: ScriptDirectory;
  readonly versionTable: VersionTable;
  readonly steps: readonly MigrationStep[];
  readonly start: readonly string[];
  readonly transactionPerMigration: boolean;
}): Promise<OfflineRun> {
  const { dialect, script, versionTable, steps } = options;
  const writer = new SqlWriter(dialect);
  const ctx = MigrationContext.offline(writer);
  const transactional = dialect.supportsTransactionalDdl;
  const perMigration = options.transactionPerMigration;
  const begin = () => {
    if (!transactional) return;
    writer.statement("BEGIN");
    ctx.offlineTransactionOpen = true;
  };
  const commit = () => {
    if (!transactional) return;
    writer.statement("COMMIT");
    ctx.offlineTransactionOpen = false;
  };

  if (!perMigration) begin();
  if (options.start.length === 0 && steps[0]?.direction !== "down") writer.node(versionTable.create(false));
  let rows = [...options.start];
  const reports: StepReport[] = [];
  for (const step of steps) {
    if (perMigration) begin();
    writer.comment(`Running ${describeStep(step)}`);
    const s = script.script(step.revision.revision);
    ctx.startStep();
    const operations = new Operations(ctx, { revision: step.revision.revision, direction: step.direction });
    try {
      await (step.direction === "up" ? s.module.upgrade(operations) : s.module.downgrade(operations));
    } catch (e) {
      throw migrationFailure(step, ctx.progress, e, {
        rows,
        rolledBack: true,
        alsoRolledBack: [],
        dialectName: dialect.name,
        offline: true,
      });
    }
    for (const stmt of versionTable.statements(step.versionChange)) writer.node(stmt);
    rows = applyChange(rows, step.versionChange);
    if (perMigration) commit();
    reports.push({
      revision: step.revision.revision,
      message: step.revision.message ?? null,
      direction: step.direction,
      from: step.fromRevisions,
      to: step.toRevisions,
      durationMs: 0,
      operations: [...ctx.progress.applied],
    });
  }
  // Downgrading to base leaves the version table empty; Alembic drops it in the script.
  if (rows.length === 0 && steps.length > 0 && steps[0]!.direction === "down")
    writer.statement(
      `DROP TABLE ${versionTable.schema ? `${dialect.quoteIdentifier(versionTable.schema)}.` : ""}${dialect.quoteIdentifier(versionTable.name)}`,
    );
  if (!perMigration) commit();
  return { sql: writer.toString(), after: rows, steps: reports };
}
