/** Helpers for migration tests: temporary projects with revision files, and databases to run them on. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { configuredDatabases, type DatabaseName, provision } from "../../support/databases.js";

/** A temporary project: a folder with package.json and migrations/versions. */
export interface TestProject {
  readonly dir: string;
  readonly versions: string;
  /** Writes a revision file; returns its path. */
  revision(spec: RevisionSpec): string;
  remove(): void;
}

/** A revision file to write. */
export interface RevisionSpec {
  readonly id: string;
  readonly down: string | readonly string[] | null;
  readonly message?: string;
  readonly branchLabels?: readonly string[];
  readonly dependsOn?: readonly string[];
  /** Body of upgrade(op). */
  readonly up?: string;
  /** Body of downgrade(op). */
  readonly downgrade?: string;
  /** Names imported from "athanor". */
  readonly imports?: readonly string[];
  /** File name (default `<id>_<slug>.ts`). */
  readonly file?: string;
}

/** The text of a revision file. */
export function revisionSource(spec: RevisionSpec): string {
  const imports = spec.imports?.length ? `import { ${spec.imports.join(", ")} } from "athanor";\n` : "";
  return `${imports}import type { Operations } from "athanor/migrate";

export const revision = ${JSON.stringify(spec.id)};
export const downRevision = ${JSON.stringify(spec.down)};
export const branchLabels = ${JSON.stringify(spec.branchLabels ?? [])};
export const dependsOn = ${JSON.stringify(spec.dependsOn ?? [])};
export const message = ${JSON.stringify(spec.message ?? `revision ${spec.id}`)};

export async function upgrade(op: Operations): Promise<void> {
${spec.up ?? ""}
}

export async function downgrade(op: Operations): Promise<void> {
${spec.downgrade ?? ""}
}
`;
}

/** Creates a temporary project folder. */
/** The repository, linked into test projects as their `athanor` package. */
const REPO_ROOT = resolve(import.meta.dirname, "../../..");

/** Installs `athanor` into a test project as a user has it: the repository's built package (dist/). */
export function linkAthanor(dir: string): void {
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(REPO_ROOT, join(dir, "node_modules", "athanor"), "dir");
}

export function makeProject(prefix = "athanor-mig-"): TestProject {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const versions = join(dir, "migrations", "versions");
  mkdirSync(versions, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  linkAthanor(dir);
  return {
    dir,
    versions,
    revision(spec) {
      const slug = (spec.message ?? spec.id).toLowerCase().replace(/[^a-z0-9]+/g, "_");
      const path = join(versions, spec.file ?? `${spec.id}_${slug}.ts`);
      writeFileSync(path, revisionSource(spec));
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A database for a migration test: its URL (SQLite and PGlite as files / folders) and cleanup. */
export interface MigrationDatabase {
  readonly name: DatabaseName;
  readonly url: string;
  cleanup(): Promise<void>;
}

/** Provisions a private database of `name`, file-backed for SQLite and PGlite (several processes and engines open it). */
export async function migrationDatabase(name: DatabaseName): Promise<MigrationDatabase> {
  if (name === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "athanor-pglite-"));
    return {
      name,
      url: `postgresql+pglite:///${join(dir, "data")}`,
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const p = await provision(name, { file: true });
  return { name, url: p.url, cleanup: p.cleanup };
}

export { configuredDatabases, type DatabaseName };
