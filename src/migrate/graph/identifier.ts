import { InvalidIdentifierError } from "./errors.js";
import type { ParsedIdentifier } from "./types.js";

/** Words with a meaning in identifiers, so they can name neither a revision nor a branch. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(["head", "heads", "base", "current"]);

// `@`, `+`, `-` and `:` carry identifier syntax (Alembic forbids the same four in ids).
const ILLEGAL_IN_REVISION = /[@+\-:\s]/g;
// Labels may contain `-` and `+` (e.g. "networking-expand"): only the text after `@` is parsed.
const ILLEGAL_IN_LABEL = /[@:\s]/g;
const RELATIVE = /^([^+-]*)([+-]\d+)$/;

/** Throws unless `id` is usable as a revision id. */
export function checkRevisionId(id: string, path?: string): void {
  const where = path ? ` (in ${path})` : "";
  if (typeof id !== "string" || id.length === 0) {
    throw new InvalidIdentifierError(
      String(id),
      `A revision${where} has an empty or non-string id; set \`revision\` to a unique string such as a 12-hex-digit id.`,
    );
  }
  const bad = illegalChars(id, ILLEGAL_IN_REVISION);
  if (bad) {
    throw new InvalidIdentifierError(
      id,
      `Revision id '${id}'${where} contains ${bad}, which identifier syntax reserves ('@' branch, '+'/'-' relative steps, ':' ranges); rename the revision.`,
    );
  }
  if (RESERVED_WORDS.has(id)) {
    throw new InvalidIdentifierError(
      id,
      `Revision id '${id}'${where} is a reserved word (head, heads, base, current); rename the revision.`,
    );
  }
}

/** Throws unless `label` is usable as a branch label. */
export function checkBranchLabel(label: string, revision: string): void {
  if (typeof label !== "string" || label.length === 0) {
    throw new InvalidIdentifierError(
      String(label),
      `Revision ${revision} declares an empty branch label; remove it or give it a name.`,
    );
  }
  const bad = illegalChars(label, ILLEGAL_IN_LABEL);
  if (bad) {
    throw new InvalidIdentifierError(
      label,
      `Branch label '${label}' of revision ${revision} contains ${bad}, which identifier syntax reserves; rename the label.`,
    );
  }
  if (RESERVED_WORDS.has(label)) {
    throw new InvalidIdentifierError(
      label,
      `Branch label '${label}' of revision ${revision} is a reserved word (head, heads, base, current); rename the label.`,
    );
  }
}

/** Splits an identifier into branch, symbol and relative steps (Alembic's `[branch@][symbol][+-N]`). */
export function parseIdentifier(text: string): ParsedIdentifier {
  const trimmed = typeof text === "string" ? text.trim() : "";
  if (trimmed.length === 0) {
    throw new InvalidIdentifierError(
      String(text),
      "Empty revision identifier; give a revision id, 'head', 'heads', 'base', 'branch@head' or a relative step such as '+1'.",
    );
  }
  let branch: string | null = null;
  let rest = trimmed;
  const at = trimmed.indexOf("@");
  if (at >= 0) {
    branch = trimmed.slice(0, at);
    rest = trimmed.slice(at + 1);
    if (branch.length === 0) {
      throw new InvalidIdentifierError(
        trimmed,
        `Identifier '${trimmed}' has nothing before '@'; write 'branchname@${rest || "head"}'.`,
      );
    }
    if (rest.length === 0) {
      throw new InvalidIdentifierError(
        trimmed,
        `Identifier '${trimmed}' has nothing after '@'; write '${branch}@head', '${branch}@base' or '${branch}@+1'.`,
      );
    }
  }
  const match = RELATIVE.exec(rest);
  if (!match) return { text: trimmed, branch, symbol: rest, steps: null };
  const steps = Number.parseInt(match[2], 10);
  if (steps === 0) {
    throw new InvalidIdentifierError(
      trimmed,
      `Identifier '${trimmed}' moves zero steps; use a non-zero count such as '+1' or '-1'.`,
    );
  }
  return { text: trimmed, branch, symbol: match[1] === "" ? null : match[1], steps };
}

function illegalChars(value: string, pattern: RegExp): string | null {
  const found = [...new Set(value.match(pattern) ?? [])];
  if (found.length === 0) return null;
  return found.map((c) => (/\s/.test(c) ? "whitespace" : `'${c}'`)).join(", ");
}
