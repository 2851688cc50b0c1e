/**
 * Running migrations on a database. Under the run's lock, each transaction re-reads the version
 * table, runs the next migration (or all of them: one transaction per run unless
 * transactionPerMigration, or unless the database cannot roll back DDL) and updates the table in
 * the same transaction. A failure rolls back and names the revision, operation and SQL.
 */
import type { Connection } from "../../engine/connection.js";
import { sameItems } from "../../same-items.js";
import type { MigrationStep } from "../graph/types.js";
import { applyChange } from "../graph/version-table.js";
import { Operations } from "../operations/operations.js";
import type { ScriptDirectory } from "../script/script-directory.js";
import { migrationFailure } from "./failure.js";
import { ForeignKeysEnabledSignal, MigrationContext } from "./migration-context.js";
import { describeStep, type StepReport } from "./progress.js";
import type { TransactionControl } from "./transactions.js";
import type { VersionTable } from "./version-table.js";

/** How to plan: first from the rows read under the lock, then again if another process moved them. */
export interface Planner {
  plan(rows: readonly string[]): MigrationStep[];
  /** Plans towards the same (now absolute) target from rows another process changed. */
  replan(rows: readonly string[]): MigrationStep[];
}

/** The result of an online run. */
export interface OnlineRun {
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly steps: readonly StepReport[];
}

/** What an online run works with. */
export interface OnlineEnv {
  readonly conn: Connection;
  readonly transactions: TransactionControl;
  readonly versionTable: VersionTable;
  readonly script: ScriptDirectory;
  readonly transactionPerMigration: boolean;
  readonly log: (line: string) => void;
}

/** Checks foreign keys after a SQLite transaction that ran with them off (step 10 of SQLite's ALTER procedure). */
async function foreignKeyCheck(conn: Connection): Promise<void> {
  const rows = (await conn.executeDriverSql("PRAGMA foreign_key_check")).rawRows();
  if (rows.length === 0) return;
  const sample = rows
    .slice(0, 5)
    .map((r) => `${r[0]} row ${r[1]} -> ${r[2]}`)
    .join("; ");
  throw new Error(
    `PRAGMA foreign_key_check found ${rows.length} row(s) whose foreign key points nowhere (${sample}); the migration would break referential integrity.`,
  );
}

/** Runs the planned migrations online; returns what was applied. */
export async function runOnline(env: OnlineEnv, planner: Planner): Promise<OnlineRun> {
  const { conn, transactions: tx, versionTable, script, log } = env;
  const ctx = MigrationContext.online(conn, tx);
  // Without transactional DDL a migration cannot be undone, so each one is committed on its own.
  const perMigration = env.transactionPerMigration || !ctx.transactionalDdl;
  const reports: StepReport[] = [];
  let before: string[] | null = null;
  let committedRows: string[] = [];
  let plan: MigrationStep[] | null = null;
  let expected: string[] | null = null;
  let ensured = false;
  let foreignKeysOff = false;

  for (;;) {
    const fkOff = foreignKeysOff;
    if (fkOff) await conn.executeDriverSql("PRAGMA foreign_keys = OFF");
    ctx.foreignKeysOff = fkOff;
    const unitReports: StepReport[] = [];
    let step: MigrationStep | null = null;
    let done = false;
    try {
      await tx.begin();
      if (!ensured) {
        await conn.execute(versionTable.create(true));
        ensured = true;
      }
      const rows = await versionTable.read(conn, false);
      before ??= rows;
      committedRows = rows;
      if (plan === null || expected === null) plan = planner.plan(rows);
      else if (!sameItems(rows, expected)) plan = planner.replan(rows);
      if (plan.length === 0) {
        await tx.commit();
        break;
      }
      const unit = perMigration ? plan.slice(0, 1) : plan;
      let current = rows;
      for (step of unit) {
        const s = script.script(step.revision.revision);
        ctx.startStep();
        log(`Running ${describeStep(step)} ...`);
        const started = performance.now();
        const operations = new Operations(ctx, {
          revision: step.revision.revision,
          direction: step.direction,
        });
        await (step.direction === "up" ? s.module.upgrade(operations) : s.module.downgrade(operations));
        if (fkOff) {
          ctx.progress.operation = "check foreign keys (PRAGMA foreign_key_check)";
          await foreignKeyCheck(conn);
        }
        ctx.progress.operation = `update the version table (${step.versionChange.kind})`;
        await versionTable.apply(conn, step.versionChange);
        ctx.progress.operation = null;
        current = applyChange(current, step.versionChange);
        const durationMs = Math.round(performance.now() - started);
        log(`  done in ${durationMs} ms`);
        unitReports.push({
          revision: step.revision.revision,
          message: step.revision.message ?? null,
          direction: step.direction,
          from: step.fromRevisions,
          to: step.toRevisions,
          durationMs,
          operations: [...ctx.progress.applied],
        });
      }
      step = null;
      await tx.commit();
      done = true;
      reports.push(...unitReports);
      committedRows = current;
      expected = current;
      plan = plan.slice(unit.length);
      foreignKeysOff = false;
      if (plan.length === 0) break;
    } catch (e) {
      const lost = (e as { connectionInvalidated?: boolean }).connectionInvalidated === true;
      if (tx.open && !done) await tx.rollback().catch(() => undefined);
      // The rollback may have undone the version table's creation.
      if (!done) ensured = false;
      if (e instanceof ForeignKeysEnabledSignal && !fkOff) {
        log(
          "  (SQLite: recreating a table needs foreign keys off; rolling back and running again with them off)",
        );
        foreignKeysOff = true;
        continue;
      }
      if (step === null) throw e;
      const rolledBack = ctx.transactionalDdl || lost;
      throw migrationFailure(step, ctx.progress, e, {
        rows: committedRows,
        rolledBack,
        alsoRolledBack: rolledBack ? unitReports.map((r) => r.revision) : [],
        dialectName: conn.dialect.name,
      });
    } finally {
      if (fkOff) await conn.executeDriverSql("PRAGMA foreign_keys = ON").catch(() => undefined);
    }
  }
  return { before: before ?? [], after: committedRows, steps: reports };
}
