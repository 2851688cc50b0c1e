/**
 * What the CLI does for a person at a terminal: colours on the `error:` and `warning:` labels
 * (only on a terminal, never with NO_COLOR; FORCE_COLOR turns them on anywhere), and a guess at
 * a mistyped command.
 */

/** Whether to colour what goes to `stream` (see https://no-color.org). */
export function colorEnabled(
  stream: { isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true && env.TERM !== "dumb";
}

const RED_BOLD = "\u001b[1;31m";
const YELLOW_BOLD = "\u001b[1;33m";
const RESET = "\u001b[0m";

/** `error:` in bold red and `warning:` in bold yellow, at the start of each line. */
export function colorize(text: string): string {
  return text
    .replace(/^error:/gm, `${RED_BOLD}error:${RESET}`)
    .replace(/^warning:/gm, `${YELLOW_BOLD}warning:${RESET}`);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** The known name closest to `input` (a typo or a prefix), or null when none is close. */
export function closest(input: string, names: readonly string[]): string | null {
  const prefixed = names.filter((n) => n.startsWith(input));
  if (input.length >= 2 && prefixed.length === 1) return prefixed[0]!;
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.floor(input.length / 3)) + 1;
  for (const name of names) {
    const d = distance(input, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}
