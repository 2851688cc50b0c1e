/**
 * `-x key=value` command-line arguments (Alembic's `context.get_x_argument()`), readable while the
 * config file loads: `url: xArguments().db ?? process.env.DATABASE_URL`.
 */

let current: Readonly<Record<string, string>> = {};

/** The `-x` arguments of the running command (empty outside the CLI). */
export function xArguments(): Readonly<Record<string, string>> {
  return current;
}

/** Sets the `-x` arguments (the CLI does this before loading the config). */
export function setXArguments(args: Readonly<Record<string, string>>): void {
  current = { ...args };
}
