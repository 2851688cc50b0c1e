/**
 * `athanor <command>`: parses the command line, loads the config, calls the command function and
 * prints its result. Errors print as a clear message (with the stack under --verbose) and set a
 * non-zero exit code: 1 for failures, 2 for usage errors.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ResolvedConfig } from "../config/config.js";
import { findConfigFile, loadConfigFile } from "../config/load-config.js";
import { setXArguments } from "../config/x-arguments.js";
import { ConfigError } from "../errors.js";
import { type FlagSpec, keyValues, parseArgs, UsageError } from "./args.js";
import { type CliCommand, COMMANDS } from "./commands.js";
import { closest, colorEnabled, colorize } from "./terminal.js";

const GLOBAL_FLAGS: readonly FlagSpec[] = [
  {
    name: "config",
    short: "c",
    type: "string",
    value: "FILE",
    help: "config file (default: ./athanor.config.ts)",
  },
  { name: "url", type: "string", value: "URL", help: "database URL, overriding the config and DATABASE_URL" },
  {
    name: "x",
    short: "x",
    type: "list",
    value: "KEY=VALUE",
    help: "extra argument for the config (xArguments())",
  },
  { name: "json", type: "boolean", help: "print the command's result as JSON" },
  {
    name: "verbose",
    short: "v",
    type: "boolean",
    help: "more detail; on errors, the stack trace and causes",
  },
  { name: "help", short: "h", type: "boolean", help: "show help" },
];

/** Where the CLI writes (replaceable in tests). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(colorEnabled(process.stderr) ? colorize(t) : t),
};

function version(): string {
  try {
    // src/migrate/cli/main.ts and dist/migrate/cli/main.js are both three folders below the package.
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

function flagHelp(flags: readonly FlagSpec[]): string {
  return flags
    .map((f) => {
      const value = f.type === "boolean" ? "" : ` ${f.value ?? "VALUE"}`;
      const names =
        f.short === f.name
          ? `-${f.short}${value}`
          : `${f.short ? `-${f.short}, ` : "    "}--${f.name}${value}`;
      return `  ${names.padEnd(30)} ${f.help}\n`;
    })
    .join("");
}

/** The overall help text. */
export function mainHelp(): string {
  const cmds = COMMANDS.map((c) => `  ${c.name.padEnd(16)} ${c.summary}\n`).join("");
  return `Usage: athanor <command> [options]

Database migrations for Athanor (Alembic for TypeScript).

Commands:
${cmds}
Options for every command:
${flagHelp(GLOBAL_FLAGS)}      ${"--version".padEnd(26)} print the version

Run \`athanor <command> --help\` for a command's options.
`;
}

/** The help text of one command. */
export function commandHelp(cmd: CliCommand): string {
  return `Usage: athanor ${cmd.name}${cmd.usage ? ` ${cmd.usage}` : ""}

${cmd.summary[0]!.toUpperCase()}${cmd.summary.slice(1)}.
${cmd.details ? `\n${cmd.details}\n` : ""}
Options:
${flagHelp(cmd.flags)}${flagHelp(GLOBAL_FLAGS)}`;
}

function describeError(e: unknown, debug: boolean): string {
  if (!(e instanceof Error)) return `error: ${String(e)}\n`;
  if (!debug) return `error: ${e.message}\n`;
  let text = `${e.stack ?? e.message}\n`;
  let cause = (e as { cause?: unknown }).cause;
  while (cause instanceof Error) {
    text += `caused by: ${cause.stack ?? cause.message}\n`;
    cause = (cause as { cause?: unknown }).cause;
  }
  return text;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/** Runs the CLI on `argv` (without `node` and the script); returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  if (argv.length === 0) {
    // A bare `athanor` is a usage error (scripts should not mistake it for success).
    io.err(mainHelp());
    return 2;
  }
  if (argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    const target = argv[0] === "help" && argv[1] ? COMMANDS.find((c) => c.name === argv[1]) : undefined;
    io.out(target ? commandHelp(target) : mainHelp());
    return 0;
  }
  if (argv[0] === "--version") {
    io.out(`athanor ${version()}\n`);
    return 0;
  }
  const name = argv[0]!;
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    const guess = closest(
      name,
      COMMANDS.map((c) => c.name),
    );
    const hint = guess ? ` Did you mean '${guess}'?` : "";
    io.err(
      `error: unknown command '${name}'.${hint} Commands: ${COMMANDS.map((c) => c.name).join(", ")}; \`athanor --help\` describes them.\n`,
    );
    return 2;
  }
  let debug = argv.includes("--verbose") || argv.includes("-v");
  try {
    const known = [
      ...cmd.flags,
      ...GLOBAL_FLAGS.filter(
        (g) => !cmd.flags.some((f) => f.name === g.name || (f.short && f.short === g.short)),
      ),
    ];
    const parsed = parseArgs(argv.slice(1), known);
    debug = parsed.flags.verbose === true;
    if (parsed.flags.help === true) {
      io.out(commandHelp(cmd));
      return 0;
    }
    const xArgs = keyValues((parsed.flags.x as string[] | undefined) ?? []);
    setXArguments(xArgs);
    let loaded: ResolvedConfig | null = null;
    const output = await cmd.run({
      positionals: parsed.positionals,
      flags: parsed.flags,
      log: (line) => io.err(`${line}\n`),
      config: async () => {
        if (loaded) return loaded;
        const explicit = typeof parsed.flags.config === "string" ? resolve(parsed.flags.config) : null;
        const file = explicit ?? findConfigFile();
        if (!file) {
          throw new ConfigError(
            `No athanor.config.ts in ${process.cwd()}; run \`athanor init\` to create one, or pass --config <file>.`,
          );
        }
        const url = typeof parsed.flags.url === "string" ? parsed.flags.url : undefined;
        loaded = await loadConfigFile(file, { url, xArgs });
        return loaded;
      },
    });
    io.out(parsed.flags.json === true ? `${JSON.stringify(output.result, jsonReplacer, 2)}\n` : output.text);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}\n\n${commandHelp(cmd)}`);
      return 2;
    }
    io.err(describeError(e, debug));
    return 1;
  }
}
