/** A small command-line parser: flags declared per command, positional arguments, `--flag=value`. */

/** A flag a command (or every command) takes. */
export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  /** "boolean" takes no value; "string" one; "list" may repeat. */
  readonly type: "boolean" | "string" | "list";
  /** Value placeholder in help (`MESSAGE`). */
  readonly value?: string;
  readonly help: string;
}

/** Parsed arguments. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Record<string, string | boolean | string[]>;
}

/** A usage error: the CLI prints it with the command's help hint and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Parses `argv` against `specs`; `--` ends flags. Values starting with `-` are allowed for value flags (`-r -2:`). */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const positionals: string[] = [];
  const flags: Record<string, string | boolean | string[]> = {};
  const set = (spec: FlagSpec, value: string | boolean) => {
    if (spec.type === "list")
      flags[spec.name] = [...((flags[spec.name] as string[] | undefined) ?? []), value as string];
    else flags[spec.name] = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let spec: FlagSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown option --${name}`);
    } else if (/^-[A-Za-z]/.test(arg)) {
      spec = byShort.get(arg[1]!);
      if (!spec) throw new UsageError(`unknown option ${arg.slice(0, 2)}`);
      if (arg.length > 2) inline = arg.slice(2).replace(/^=/, "");
    } else {
      // Relative identifiers (-1, -2:) are positionals, not flags.
      positionals.push(arg);
      continue;
    }
    if (spec.type === "boolean") {
      if (inline !== undefined) throw new UsageError(`option --${spec.name} takes no value`);
      set(spec, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined)
      throw new UsageError(`option --${spec.name} needs a value (${spec.value ?? "VALUE"})`);
    set(spec, value);
  }
  return { positionals, flags };
}

/** `-x key=value` pairs as an object. */
export function keyValues(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf("=");
    if (eq <= 0) throw new UsageError(`-x '${v}' should be key=value`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}
