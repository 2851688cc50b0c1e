import {
  applyChange,
  type MigrationStep,
  type RevisionInfo,
  RevisionMap,
  type VersionTableChange,
} from "../../../../src/migrate/graph/index.js";

/** Shorthand for a RevisionInfo. */
export function rev(
  revision: string,
  downRevision: string | readonly string[] | null,
  extra: Partial<Omit<RevisionInfo, "revision" | "downRevision">> = {},
): RevisionInfo {
  return { revision, downRevision, ...extra };
}

/** b000 <- l100 <- l200 <- l300 */
export function linear(): RevisionMap {
  return new RevisionMap([
    rev("b000", null, { path: "migrations/versions/b000_init.ts" }),
    rev("l100", "b000", { path: "migrations/versions/l100.ts" }),
    rev("l200", "l100", { path: "migrations/versions/l200.ts" }),
    rev("l300", "l200", { path: "migrations/versions/l300.ts" }),
  ]);
}

/** b000 <- a100 <- {x100 (xb) <- x200, y100 (yb) <- y200}: a branch point, two heads. */
export function fork(): RevisionMap {
  return new RevisionMap([
    rev("b000", null),
    rev("a100", "b000"),
    rev("x100", "a100", { branchLabels: ["xb"] }),
    rev("x200", "x100"),
    rev("y100", "a100", { branchLabels: ["yb"] }),
    rev("y200", "y100"),
  ]);
}

/** The fork, merged: m100 <- (x200, y200), t100 <- m100. */
export function diamond(): RevisionMap {
  return new RevisionMap([
    rev("b000", null),
    rev("a100", "b000"),
    rev("x100", "a100"),
    rev("x200", "x100"),
    rev("y100", "a100"),
    rev("y200", "y100"),
    rev("m100", ["x200", "y200"]),
    rev("t100", "m100"),
  ]);
}

/** Two independent roots; net2 depends on acct2 (Alembic's "Branch Dependencies" example). */
export function dependent(): RevisionMap {
  return new RevisionMap([
    rev("acct1", null, { branchLabels: ["account"] }),
    rev("acct2", "acct1"),
    rev("net1", null, { branchLabels: ["networking"] }),
    rev("net2", "net1", { dependsOn: ["acct2"] }),
  ]);
}

/** r000 <- {aaa1, bbb1, ccc1}; m001 <- (aaa1, bbb1); m002 <- (m001, ccc1). */
export function nested(): RevisionMap {
  return new RevisionMap([
    rev("r000", null),
    rev("aaa1", "r000"),
    rev("bbb1", "r000"),
    rev("ccc1", "r000"),
    rev("m001", ["aaa1", "bbb1"]),
    rev("m002", ["m001", "ccc1"]),
  ]);
}

/** Revision ids of steps, in order. */
export function ids(steps: readonly MigrationStep[]): string[] {
  return steps.map((s) => s.revision.revision);
}

/** Version changes of steps, in order. */
export function changes(steps: readonly MigrationStep[]): VersionTableChange[] {
  return steps.map((s) => s.versionChange);
}

/** The rows after running all steps from `heads`. */
export function finalRows(heads: readonly string[], steps: readonly MigrationStep[]): string[] {
  let rows = [...heads].sort();
  for (const step of steps) rows = applyChange(rows, step.versionChange);
  return rows;
}
