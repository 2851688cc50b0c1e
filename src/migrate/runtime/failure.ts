/** The error a failed migration raises: which revision, which operation and SQL, and what state remains. */
import { DBAPIError } from "../../errors.js";
import { MigrationFailedError } from "../errors.js";
import type { MigrationStep } from "../graph/types.js";
import type { StepProgress } from "./migration-context.js";

/** How the run ended for the database, decided by the runner. */
export interface FailureState {
  /** Rows of the version table as of the last commit: where the database stays. */
  readonly rows: readonly string[];
  /** Whether the failed migration's changes were rolled back. */
  readonly rolledBack: boolean;
  /** Migrations of the same transaction that were rolled back with it (per-run transactions). */
  readonly alsoRolledBack: readonly string[];
  readonly dialectName: string;
  /** Whether the run was writing SQL (`--sql`) rather than running it. */
  readonly offline?: boolean;
}

function at(rows: readonly string[]): string {
  return rows.length === 0 ? "base (no revision applied)" : rows.join(", ");
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split("\n")[0]!.trim();
}

/** Builds the MigrationFailedError for a step that threw `cause`. */
export function migrationFailure(
  step: MigrationStep,
  progress: StepProgress,
  cause: unknown,
  state: FailureState,
): MigrationFailedError {
  const rev = step.revision;
  const direction = step.direction === "up" ? "upgrade" : "downgrade";
  const name = rev.message ? `${rev.revision} ("${rev.message}")` : rev.revision;
  const where = rev.path ? ` in ${rev.path}` : "";
  const sql = progress.sql ?? (cause instanceof DBAPIError ? (cause.statement ?? null) : null);
  const lost = cause instanceof DBAPIError && cause.connectionInvalidated;
  const lines: string[] = [];
  if (progress.operation) {
    lines.push(
      `Migration ${name} failed during ${direction}, in operation ${progress.applied.length + 1} (${progress.operation})${where}:`,
    );
  } else {
    lines.push(
      `Migration ${name} failed during ${direction}${where}, in its own code after ${progress.applied.length} completed operation(s):`,
    );
  }
  lines.push(`  ${cause instanceof Error ? cause.name : "Error"}: ${firstLine(cause)}`);
  if (sql) lines.push(`  SQL: ${sql.replace(/\s+/g, " ").trim()}`);
  if (state.offline) {
    lines.push(
      "Nothing was run: this was --sql mode, and no SQL script was produced. Fix the revision and run the command again.",
    );
  } else if (lost) {
    lines.push(
      `The database connection was lost mid-migration. The server rolled back the open transaction, so the database and its version table stay at ${at(state.rows)}.`,
    );
  } else if (state.rolledBack) {
    const others = state.alsoRolledBack.length
      ? `, together with the earlier migration(s) of this run's transaction (${state.alsoRolledBack.join(", ")})`
      : "";
    lines.push(
      `The transaction was rolled back${others}: the database and its version table stay at ${at(state.rows)}. Fix the revision and run the command again.`,
    );
  } else if (progress.applied.length > 0) {
    const applied = progress.applied.map((d, i) => `    ${i + 1}. ${d}`).join("\n");
    lines.push(
      `${state.dialectName === "mysql" ? "MySQL" : state.dialectName} cannot roll back DDL. These operations of ${rev.revision} were applied and remain:\n${applied}\nThe version table still says ${at(state.rows)}. Undo them by hand (or finish the migration by hand and run \`athanor stamp ${rev.revision}\`), then run the command again.`,
    );
  } else {
    lines.push(
      `No operation of ${rev.revision} had completed, so nothing of it was applied: the database and its version table stay at ${at(state.rows)}.`,
    );
  }
  return new MigrationFailedError(
    lines.join("\n"),
    {
      revision: rev.revision,
      direction: step.direction,
      operation: progress.operation,
      sql,
      appliedOperations: [...progress.applied],
      rolledBack: state.rolledBack || lost,
      versionRows: [...state.rows],
    },
    cause,
  );
}
