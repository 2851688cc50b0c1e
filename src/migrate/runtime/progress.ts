/** Progress reporting for runs: what each applied migration did and how long it took. */
import type { MigrationStep } from "../graph/types.js";

/** One applied migration. */
export interface StepReport {
  readonly revision: string;
  readonly message: string | null;
  readonly direction: "up" | "down";
  /** Revisions before the step (parents on upgrade). */
  readonly from: readonly string[];
  /** Revisions after the step. */
  readonly to: readonly string[];
  readonly durationMs: number;
  /** The operations it ran, described (`add column kits.serial_number`). */
  readonly operations: readonly string[];
}

/** `upgrade  -> 1a2b3c4d5e6f, create kits` (Alembic's "Running upgrade" wording). */
export function describeStep(step: MigrationStep): string {
  const from = step.fromRevisions.join(", ");
  const to = step.toRevisions.join(", ");
  const verb = step.direction === "up" ? "upgrade" : "downgrade";
  const message = step.revision.message ? `, ${step.revision.message}` : "";
  return `${verb} ${from} -> ${to}${message}`;
}
