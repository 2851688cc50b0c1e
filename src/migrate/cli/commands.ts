/** The CLI's commands: their flags, help, and how each calls its command function and prints the result. */
import { check } from "../commands/check.js";
import { init, listTemplates } from "../commands/init.js";
import { branches, current, heads, history, show } from "../commands/inspect.js";
import { downgrade, upgrade } from "../commands/migrate.js";
import { pull } from "../commands/pull.js";
import { merge, revision } from "../commands/revision.js";
import { stamp } from "../commands/stamp.js";
import type { ResolvedConfig } from "../config/config.js";
import { findConfigFile } from "../config/load-config.js";
import { type FlagSpec, UsageError } from "./args.js";
import {
  formatBranches,
  formatCurrent,
  formatHistory,
  formatMigrate,
  formatRevisions,
  formatStamp,
} from "./format.js";

/** What a command's run function gets. */
export interface CommandInput {
  readonly positionals: readonly string[];
  readonly flags: Readonly<Record<string, string | boolean | string[]>>;
  /** Loads the project's config (only commands that need one call it). */
  config(): Promise<ResolvedConfig>;
  /** Progress output (stderr). */
  log(line: string): void;
}

/** What a command produced: text for stdout, and the typed result (for --json). */
export interface CommandOutput {
  readonly text: string;
  readonly result: unknown;
}

/** A CLI command. */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  /** Usage after `athanor <name>`. */
  readonly usage: string;
  readonly flags: readonly FlagSpec[];
  /** Extra help text (examples). */
  readonly details?: string;
  run(input: CommandInput): Promise<CommandOutput>;
}

const VERBOSE: FlagSpec = {
  name: "verbose",
  short: "v",
  type: "boolean",
  help: "full details of each revision (and stack traces on errors)",
};
const SQL: FlagSpec = {
  name: "sql",
  type: "boolean",
  help: "print the SQL instead of running it (offline mode; accepts from:to ranges)",
};

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === "string" ? [v] : []);

function one(input: CommandInput, what: string): string {
  if (input.positionals.length !== 1) throw new UsageError(`expected exactly one ${what}`);
  return input.positionals[0]!;
}

/** Every command, in help order. */
export const COMMANDS: readonly CliCommand[] = [
  {
    name: "init",
    summary: "create athanor.config.ts and a migrations folder",
    usage: "[dir] [--template NAME]",
    flags: [
      {
        name: "template",
        short: "t",
        type: "string",
        value: "NAME",
        help: "project template (see list-templates)",
      },
    ],
    details: "  athanor init migrations\n  athanor init db/migrations --template orm",
    async run(input) {
      if (input.positionals.length > 1) throw new UsageError("expected at most one directory");
      const result = await init({ directory: input.positionals[0], template: str(input.flags.template) });
      const text = result.created.map((p) => `Created ${p}\n`).join("");
      return { text: `${text}Edit ${result.configFile} (url, metadata) before running commands.\n`, result };
    },
  },
  {
    name: "list-templates",
    summary: "list the project templates init can use",
    usage: "",
    flags: [],
    async run() {
      const result = listTemplates();
      return { text: result.map((t) => `${t.name.padEnd(10)} ${t.description}\n`).join(""), result };
    },
  },
  {
    name: "revision",
    summary: "create a new revision file",
    usage:
      "-m MESSAGE [--autogenerate] [--head REV] [--splice] [--branch-label NAME] [--rev-id ID] [--depends-on REV]",
    flags: [
      { name: "message", short: "m", type: "string", value: "MESSAGE", help: "what the revision does" },
      { name: "autogenerate", type: "boolean", help: "fill it by comparing the metadata with the database" },
      {
        name: "head",
        type: "string",
        value: "REV",
        help: "the parent: head (default), a revision, branch@head, or base",
      },
      { name: "splice", type: "boolean", help: "allow a parent that is not a head (starts a branch)" },
      {
        name: "branch-label",
        type: "list",
        value: "NAME",
        help: "a branch label for the new revision (repeatable)",
      },
      {
        name: "rev-id",
        type: "string",
        value: "ID",
        help: "the revision id, instead of 12 random hex digits",
      },
      {
        name: "depends-on",
        type: "list",
        value: "REV",
        help: "a revision or label this one depends on (repeatable)",
      },
      {
        name: "rename",
        type: "list",
        value: "OLD:NEW",
        help: "rename hint for autogenerate: table old:new, or column table.old:new",
      },
      {
        name: "baseline",
        type: "boolean",
        help: "first revision of an existing database: creates its current schema, stamped (not run) on it",
      },
    ],
    details:
      '  athanor revision -m "create kits"\n  athanor revision --autogenerate -m "add serial_number to kits"\n  athanor revision --baseline -m "baseline"   (an existing database, or one Alembic manages)',
    async run(input) {
      if (input.positionals.length)
        throw new UsageError(`unexpected argument '${input.positionals[0]}' (quote the message: -m "...")`);
      const f = input.flags;
      const result = await revision(await input.config(), {
        message: str(f.message),
        autogenerate: f.autogenerate === true,
        head: str(f.head),
        splice: f.splice === true,
        branchLabel: strs(f["branch-label"]),
        revId: str(f["rev-id"]),
        dependsOn: strs(f["depends-on"]),
        renames: strs(f.rename),
        baseline: f.baseline === true,
        log: input.log,
      });
      for (const w of result.warnings) input.log(`warning: ${w}`);
      if (result.path === null)
        return { text: "No changes in schema detected; no revision file written.\n", result };
      return { text: `Generated ${result.path}\n`, result };
    },
  },
  {
    name: "pull",
    summary: "write models from the database's current schema",
    usage: "[-o FILE] [--force] [--schema NAME] [--table NAME] [--exclude NAME] [--skip-views]",
    flags: [
      {
        name: "output",
        short: "o",
        type: "string",
        value: "FILE",
        help: "write the models here (default: stdout)",
      },
      { name: "force", type: "boolean", help: "replace an existing output file" },
      { name: "schema", type: "list", value: "NAME", help: "also pull this schema (repeatable)" },
      { name: "table", type: "list", value: "NAME", help: "only these tables: names or globs (repeatable)" },
      {
        name: "exclude",
        type: "list",
        value: "NAME",
        help: "leave these tables out: names or globs (repeatable)",
      },
      { name: "skip-views", type: "boolean", help: "do not pull views" },
    ],
    details:
      "  athanor pull -o src/models.ts\n  athanor pull --url postgresql://localhost/app --exclude 'legacy_*' > models.ts\n  Works without athanor.config.ts when --url or DATABASE_URL names the database.",
    async run(input) {
      if (input.positionals.length) throw new UsageError(`unexpected argument '${input.positionals[0]}'`);
      const f = input.flags;
      const hasConfig = typeof f.config === "string" || findConfigFile() !== null;
      const config = hasConfig ? await input.config() : { url: str(f.url) };
      const result = await pull(config, {
        output: str(f.output),
        force: f.force === true,
        schemas: strs(f.schema),
        tables: strs(f.table),
        exclude: strs(f.exclude),
        views: f["skip-views"] !== true,
        log: input.log,
      });
      const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
      const summary = `Pulled ${count(Object.keys(result.tables).length, "table")} and ${count(result.views.length, "view")} in ${result.seconds.toFixed(2)} s`;
      if (result.path === null) {
        input.log(summary);
        return { text: result.text, result };
      }
      return { text: `${summary}: wrote ${result.path}\n`, result };
    },
  },
  {
    name: "upgrade",
    summary: "apply migrations up to a revision",
    usage: "REV [--sql]",
    flags: [SQL],
    details:
      "  REV: head, heads, +N, <rev> (full or partial), <rev>+N, branch@head; with --sql also FROM:TO\n  athanor upgrade head\n  athanor upgrade ae10+2\n  athanor upgrade base:head --sql > schema.sql",
    async run(input) {
      const result = await upgrade(await input.config(), one(input, "revision (e.g. head)"), {
        sql: input.flags.sql === true,
        log: input.log,
      });
      return { text: formatMigrate(result), result };
    },
  },
  {
    name: "downgrade",
    summary: "revert migrations down to a revision",
    usage: "REV [--sql]",
    flags: [SQL],
    details:
      "  REV: -N, base, <rev>, branch@-N; with --sql a FROM:TO range\n  athanor downgrade -1\n  athanor downgrade head:base --sql",
    async run(input) {
      const result = await downgrade(await input.config(), one(input, "revision (e.g. -1)"), {
        sql: input.flags.sql === true,
        log: input.log,
      });
      return { text: formatMigrate(result), result };
    },
  },
  {
    name: "current",
    summary: "show the revision(s) the database is at",
    usage: "[-v] [--check-heads]",
    flags: [
      VERBOSE,
      { name: "check-heads", type: "boolean", help: "fail unless the database is at the heads" },
    ],
    async run(input) {
      const result = await current(await input.config(), { checkHeads: input.flags["check-heads"] === true });
      return { text: formatCurrent(result, input.flags.verbose === true), result };
    },
  },
  {
    name: "history",
    summary: "list revisions, newest first",
    usage: "[-r FROM:TO] [-v] [--indicate-current]",
    flags: [
      {
        name: "rev-range",
        short: "r",
        type: "string",
        value: "FROM:TO",
        help: "range, e.g. base:head, -3:, current:",
      },
      VERBOSE,
      {
        name: "indicate-current",
        short: "i",
        type: "boolean",
        help: "mark the database's current revision(s)",
      },
    ],
    async run(input) {
      const result = await history(await input.config(), {
        range: str(input.flags["rev-range"]),
        indicateCurrent: input.flags["indicate-current"] === true,
      });
      return { text: formatHistory(result, input.flags.verbose === true), result };
    },
  },
  {
    name: "heads",
    summary: "show the head revisions",
    usage: "[-v] [--resolve-dependencies]",
    flags: [
      VERBOSE,
      { name: "resolve-dependencies", type: "boolean", help: "treat dependencies as parents" },
    ],
    async run(input) {
      const result = await heads(await input.config(), {
        resolveDependencies: input.flags["resolve-dependencies"] === true,
      });
      return { text: formatRevisions(result.heads, input.flags.verbose === true), result };
    },
  },
  {
    name: "branches",
    summary: "show branch points",
    usage: "[-v]",
    flags: [VERBOSE],
    async run(input) {
      const result = await branches(await input.config());
      return { text: formatBranches(result.branchPoints, input.flags.verbose === true), result };
    },
  },
  {
    name: "show",
    summary: "show one revision (or head, heads, current, a label)",
    usage: "REV",
    flags: [],
    async run(input) {
      const result = await show(await input.config(), one(input, "revision"));
      return { text: formatRevisions(result.revisions, true), result };
    },
  },
  {
    name: "stamp",
    summary: "set the version table to a revision without running migrations",
    usage: "REV... [--sql] [--purge]",
    flags: [
      SQL,
      { name: "purge", type: "boolean", help: "empty the version table first (even of unknown revisions)" },
    ],
    details: "  athanor stamp head\n  athanor stamp base\n  athanor stamp ae1027a6acf --purge",
    async run(input) {
      if (input.positionals.length === 0) throw new UsageError("expected at least one revision");
      const result = await stamp(await input.config(), input.positionals, {
        sql: input.flags.sql === true,
        purge: input.flags.purge === true,
        log: input.log,
      });
      return { text: formatStamp(result), result };
    },
  },
  {
    name: "merge",
    summary: "create a revision that merges several heads",
    usage: "REV... -m MESSAGE [--branch-label NAME] [--rev-id ID]",
    flags: [
      { name: "message", short: "m", type: "string", value: "MESSAGE", help: "what the merge is" },
      { name: "branch-label", type: "list", value: "NAME", help: "a branch label for the merge revision" },
      {
        name: "rev-id",
        type: "string",
        value: "ID",
        help: "the revision id, instead of 12 random hex digits",
      },
    ],
    details: '  athanor merge heads -m "merge feature branches"',
    async run(input) {
      if (input.positionals.length === 0)
        throw new UsageError("expected the revisions to merge (e.g. heads)");
      const result = await merge(await input.config(), input.positionals, {
        message: str(input.flags.message),
        branchLabel: strs(input.flags["branch-label"]),
        revId: str(input.flags["rev-id"]),
      });
      return { text: `Generated ${result.path}\n`, result };
    },
  },
  {
    name: "check",
    summary: "fail if autogenerate would create new operations",
    usage: "",
    flags: [{ name: "rename", type: "list", value: "OLD:NEW", help: "rename hint for autogenerate" }],
    async run(input) {
      const result = await check(await input.config(), { renames: strs(input.flags.rename) });
      return { text: "No new upgrade operations detected.\n", result };
    },
  },
];
