/**
 * The migrations folder: revision files in `<migrations>/versions/`, each a TypeScript module
 * exporting `revision`, `downRevision`, `branchLabels`, `dependsOn`, `message`, `createDate`,
 * `upgrade(op)` and `downgrade(op)`. Loading them builds the revision graph (a RevisionMap).
 */
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import type { ResolvedConfig } from "../config/config.js";
import { ConfigError, RevisionFileError } from "../errors.js";
import { RevisionMap } from "../graph/revision-map.js";
import type { RevisionInfo } from "../graph/types.js";
import { importModule, loadErrorReason } from "../loader/user-modules.js";
import type { Operations } from "../operations/operations.js";

/** The exports of a revision file. */
export interface RevisionModule {
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels?: string | readonly string[] | null;
  readonly dependsOn?: string | readonly string[] | null;
  readonly message?: string;
  readonly createDate?: string;
  upgrade(op: Operations): Promise<void>;
  downgrade(op: Operations): Promise<void>;
}

/** A loaded revision file. */
export interface RevisionScript {
  readonly revision: string;
  readonly info: RevisionInfo;
  /** Absolute path of the file. */
  readonly path: string;
  readonly module: RevisionModule;
}

const SCRIPT_FILE = /^[^._].*\.(ts|mts|cts|js|mjs|cjs)$/;
const DECLARATION_FILE = /\.d\.[mc]?ts$/;
const JS_FILE = /\.([mc]?)js$/;

/**
 * The revision files among a versions folder's entries, sorted: TypeScript and JavaScript modules,
 * without declaration files, and without the compiled twin (`x.mjs`) of a revision that is there
 * as TypeScript (`x.mts`). `tsc` in a project without `outDir` (its `--init` defaults) writes
 * both beside each source; loading them would define every revision twice.
 */
export function revisionFiles(entries: readonly string[]): string[] {
  const names = new Set(entries);
  return entries
    .filter((f) => SCRIPT_FILE.test(f) && !DECLARATION_FILE.test(f))
    .filter((f) => !JS_FILE.test(f) || !names.has(f.replace(JS_FILE, ".$1ts")))
    .sort();
}

function listify(value: unknown, what: string, path: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return value === "" ? [] : [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return [...value];
  throw new RevisionFileError(
    path,
    `${path}: \`${what}\` must be a string or an array of strings, got ${JSON.stringify(value)}.`,
  );
}

/** Checks a revision module's exports and turns them into the graph's RevisionInfo. */
export function revisionScriptOf(mod: Record<string, unknown>, path: string): RevisionScript {
  const fail = (message: string) => new RevisionFileError(path, `${path}: ${message}`);
  const revision = mod.revision;
  if (typeof revision !== "string" || revision.length === 0)
    throw fail('it does not export a revision id; add `export const revision = "<12 hex digits>";`.');
  if (!("downRevision" in mod))
    throw fail(
      "it does not export `downRevision`; add `export const downRevision = null;` for a first revision, or the parent's id.",
    );
  const down = mod.downRevision;
  let downRevision: string | string[] | null;
  if (down === null || down === undefined || down === "") downRevision = null;
  else if (typeof down === "string") downRevision = down;
  else if (Array.isArray(down) && down.every((d) => typeof d === "string"))
    downRevision = down.length === 0 ? null : down.length === 1 ? down[0] : [...down];
  else
    throw fail(
      `\`downRevision\` must be a string, an array of strings or null, got ${JSON.stringify(down)}.`,
    );
  for (const fn of ["upgrade", "downgrade"] as const) {
    if (typeof mod[fn] !== "function")
      throw fail(
        `it does not export \`${fn}\`; add \`export async function ${fn}(op: Operations): Promise<void> {}\`.`,
      );
  }
  const info: RevisionInfo = {
    revision,
    downRevision,
    branchLabels: listify(mod.branchLabels, "branchLabels", path),
    dependsOn: listify(mod.dependsOn, "dependsOn", path),
    message: typeof mod.message === "string" ? mod.message : undefined,
    createDate: typeof mod.createDate === "string" ? mod.createDate : undefined,
    path,
  };
  return { revision, info, path, module: mod as unknown as RevisionModule };
}

/** The revisions of a migrations folder and their graph. */
export class ScriptDirectory {
  readonly versionsDir: string;
  readonly map: RevisionMap;
  readonly #scripts: ReadonlyMap<string, RevisionScript>;

  private constructor(versionsDir: string, scripts: RevisionScript[]) {
    this.versionsDir = versionsDir;
    this.#scripts = new Map(scripts.map((s) => [s.revision, s]));
    this.map = new RevisionMap(scripts.map((s) => s.info));
  }

  /** Loads every revision file of the config's versions folder. */
  static async load(config: ResolvedConfig): Promise<ScriptDirectory> {
    const dir = config.versionsDir;
    if (!existsSync(dir)) {
      throw new ConfigError(
        `The migrations folder ${relative(process.cwd(), dir) || dir} does not exist; run \`athanor init\` to create it, or set \`migrations\` in the config to the right folder.`,
      );
    }
    const files = revisionFiles(readdirSync(dir));
    const scripts = await Promise.all(
      files.map(async (f) => {
        const path = join(dir, f);
        let mod: Record<string, unknown>;
        try {
          mod = await importModule(path);
        } catch (e) {
          const reason = loadErrorReason(e);
          throw new RevisionFileError(
            path,
            `${reason}\n  while loading the revision file ${path}: fix it (it must import without errors); -v shows the full stack.`,
            { cause: e },
          );
        }
        return revisionScriptOf(mod, path);
      }),
    );
    return new ScriptDirectory(dir, scripts);
  }

  /** The loaded script of a full revision id. */
  script(revision: string): RevisionScript {
    const s = this.#scripts.get(revision);
    if (!s) throw new ConfigError(`No revision file defines revision '${revision}' in ${this.versionsDir}.`);
    return s;
  }

  /** Every loaded script. */
  scripts(): RevisionScript[] {
    return [...this.#scripts.values()];
  }
}
