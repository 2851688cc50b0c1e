/**
 * The seam for autogenerate: `revision --autogenerate` and `check` call `autogenerate(config,
 * request)`, which compares the config's metadata with the database and returns operations. The
 * engine is compare-metadata.ts; `setAutogenerateEngine` replaces it (tests, embedders).
 */
import type { Connection } from "../../engine/connection.js";
import type { ResolvedConfig } from "../config/config.js";
import { AutogenerateUnavailableError, CommandError } from "../errors.js";
import type { RenderItem } from "../render/operations-code.js";
import { compareMetadata } from "./compare-metadata.js";

/** `--rename old:new` (a table) or `--rename table.old:new` (a column): renames autogenerate cannot infer. */
export interface RenameHint {
  /** The table of a column rename; null for a table rename. */
  readonly table: string | null;
  readonly from: string;
  readonly to: string;
}

/** What the commands give autogenerate. */
export interface AutogenerateRequest {
  /** A connection to a database that is at the scripts' heads. */
  readonly connection: Connection;
  readonly renames: readonly RenameHint[];
  /** The revision message, when generating a revision (absent for `check`). */
  readonly message?: string;
}

/** What autogenerate returns: the operations of a new revision. */
export interface AutogenerateResult {
  /** upgrade() body: operations (rendered with toCode) and comments (warnings in the file). */
  readonly upgradeOps: readonly RenderItem[];
  /** downgrade() body; when absent, the reverses of upgradeOps in reverse order. */
  readonly downgradeOps?: readonly RenderItem[];
  /** Printed by the CLI (e.g. "dropped and re-added kits.code: use --rename if it was renamed"). */
  readonly warnings?: readonly string[];
}

/** The function autogenerate engines provide. */
export type AutogenerateFunction = (
  config: ResolvedConfig,
  request: AutogenerateRequest,
) => Promise<AutogenerateResult>;

let engine: AutogenerateFunction | null = null;

/** Replaces the autogenerate engine (tests, embedders); null restores the built-in one. */
export function setAutogenerateEngine(fn: AutogenerateFunction | null): void {
  engine = fn;
}

/** Whether an autogenerate engine is available (commands check before opening the database). */
export function isAutogenerateAvailable(): boolean {
  return true;
}

/** Throws AutogenerateUnavailableError unless an autogenerate engine is available. */
export function requireAutogenerate(): void {
  if (!isAutogenerateAvailable()) {
    throw new AutogenerateUnavailableError(
      'Autogenerate is not available yet in this version of Athanor: write the migration by hand (`athanor revision -m "..."` creates an empty revision to fill in).',
    );
  }
}

/** Compares the config's metadata with the database: the operations of a new revision. */
export async function autogenerate(
  config: ResolvedConfig,
  request: AutogenerateRequest,
): Promise<AutogenerateResult> {
  return (engine ?? compareMetadata)(config, request);
}

/** Parses `--rename` values: `old:new` (table) or `table.old:new` / `table.old:table.new` (column). */
export function parseRenameHints(values: readonly string[]): RenameHint[] {
  return values.map((value) => {
    const colon = value.indexOf(":");
    if (colon <= 0 || colon === value.length - 1) {
      throw new CommandError(
        `--rename '${value}' should be 'old:new' for a table, or 'table.old:new' for a column.`,
      );
    }
    const from = value.slice(0, colon);
    let to = value.slice(colon + 1);
    const dot = from.indexOf(".");
    if (dot < 0) return { table: null, from, to };
    const table = from.slice(0, dot);
    if (to.startsWith(`${table}.`)) to = to.slice(table.length + 1);
    return { table, from: from.slice(dot + 1), to };
  });
}
