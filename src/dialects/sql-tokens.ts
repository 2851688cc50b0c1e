/**
 * A small SQL tokenizer for reflection: reading constraints out of SQLite's stored CREATE
 * statements and normalising default / check expressions for comparison. It knows string
 * literals, quoted identifiers and comments, which is what splitting and comparing need.
 */

export type TokenKind = "word" | "quoted" | "string" | "number" | "punct" | "space";

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token. */
  readonly text: string;
  /** Identifier or string contents with quotes and escapes removed (words as written). */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const QUOTE_CLOSE: Record<string, string> = { '"': '"', "`": "`", "[": "]" };

export interface TokenizeOptions {
  /** MySQL: `\'` and friends inside string literals. */
  readonly backslashEscapes?: boolean;
  /** SQLite: `[name]` quotes an identifier (elsewhere `[` is an array subscript). */
  readonly bracketQuotes?: boolean;
}

/** Splits SQL into tokens. */
export function tokenize(sql: string, opts: TokenizeOptions = {}): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const start = i;
    const ch = sql[i]!;
    if (/\s/.test(ch)) {
      while (i < n && /\s/.test(sql[i]!)) i++;
      out.push({ kind: "space", text: sql.slice(start, i), value: " ", start, end: i });
    } else if (ch === "-" && sql[i + 1] === "-") {
      while (i < n && sql[i] !== "\n") i++;
      out.push({ kind: "space", text: sql.slice(start, i), value: " ", start, end: i });
    } else if (ch === "/" && sql[i + 1] === "*") {
      const close = sql.indexOf("*/", i + 2);
      i = close < 0 ? n : close + 2;
      out.push({ kind: "space", text: sql.slice(start, i), value: " ", start, end: i });
    } else if (ch === "'" || ((ch === "E" || ch === "e" || ch === "N" || ch === "n") && sql[i + 1] === "'")) {
      if (ch !== "'") i++;
      i++;
      let value = "";
      while (i < n) {
        const c = sql[i]!;
        if (c === "\\" && opts.backslashEscapes && i + 1 < n) {
          value += unescapeBackslash(sql[i + 1]!);
          i += 2;
        } else if (c === "'" && sql[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (c === "'") {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      out.push({ kind: "string", text: sql.slice(start, i), value, start, end: i });
    } else if (ch in QUOTE_CLOSE && (ch !== "[" || opts.bracketQuotes)) {
      const close = QUOTE_CLOSE[ch]!;
      i++;
      let value = "";
      while (i < n) {
        if (sql[i] === close && sql[i + 1] === close && close !== "]") {
          value += close;
          i += 2;
        } else if (sql[i] === close) {
          i++;
          break;
        } else value += sql[i++];
      }
      out.push({ kind: "quoted", text: sql.slice(start, i), value, start, end: i });
    } else if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(sql[i + 1] ?? ""))) {
      while (i < n && /[0-9.]/.test(sql[i]!)) i++;
      if ((sql[i] === "e" || sql[i] === "E") && /[-+0-9]/.test(sql[i + 1] ?? "")) {
        i += 2;
        while (i < n && /[0-9]/.test(sql[i]!)) i++;
      }
      out.push({ kind: "number", text: sql.slice(start, i), value: sql.slice(start, i), start, end: i });
    } else if (/[\p{L}_$]/u.test(ch)) {
      while (i < n && /[\p{L}\p{N}_$]/u.test(sql[i]!)) i++;
      out.push({ kind: "word", text: sql.slice(start, i), value: sql.slice(start, i), start, end: i });
    } else {
      // Two-character operators stay together so that `::` casts are easy to find.
      const two = sql.slice(i, i + 2);
      const len = ["::", "<=", ">=", "<>", "!=", "||", "->"].includes(two) ? 2 : 1;
      i += len;
      out.push({ kind: "punct", text: sql.slice(start, i), value: sql.slice(start, i), start, end: i });
    }
  }
  return out;
}

function unescapeBackslash(c: string): string {
  switch (c) {
    case "0":
      return "\0";
    case "n":
      return "\n";
    case "r":
      return "\r";
    case "t":
      return "\t";
    case "b":
      return "\b";
    case "Z":
      return "\x1a";
    default:
      return c;
  }
}

/** Tokens without whitespace and comments. */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== "space");
}

/** Whether the token is the keyword `kw` (case-insensitive, unquoted). */
export function isWord(t: Token | undefined, kw: string): boolean {
  return t !== undefined && t.kind === "word" && t.text.toUpperCase() === kw;
}

/** The index of the parenthesis closing the one at `open`, or -1. */
export function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "punct") continue;
    if (t.text === "(") depth++;
    else if (t.text === ")" && --depth === 0) return i;
  }
  return -1;
}

/** Splits tokens at commas that are not inside parentheses. */
export function splitTopLevel(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === "punct" && t.text === "(") depth++;
    else if (t.kind === "punct" && t.text === ")") depth--;
    if (depth === 0 && t.kind === "punct" && t.text === ",") out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((part) => part.some((t) => t.kind !== "space"));
}

/** The source text a run of tokens covers, trimmed. */
export function textOf(sql: string, tokens: readonly Token[]): string {
  if (!tokens.length) return "";
  return sql.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end).trim();
}

/** Removes parentheses that wrap the whole expression: `((a > 0))` -> `a > 0`. */
export function stripOuterParens(sql: string, opts: TokenizeOptions = {}): string {
  let s = sql.trim();
  for (;;) {
    const tokens = significant(tokenize(s, opts));
    if (tokens.length < 2 || tokens[0]!.text !== "(" || closingParen(tokens, 0) !== tokens.length - 1)
      return s;
    s = s.slice(tokens[0]!.end, tokens[tokens.length - 1]!.start).trim();
  }
}

/** `::type` casts end where the type name does; these words continue a multi-word name. */
const TYPE_NAME_CONTINUES = new Set(["varying", "precision", "with", "without", "time", "zone"]);

/**
 * Skips the type name of a PostgreSQL `::` cast starting at `i` (`character varying(10)[]`,
 * `"Kit Status"`, `public.kit_status`); returns the index after it.
 */
export function skipCastType(t: readonly Token[], i: number): number {
  if (t[i]?.kind === "word" || t[i]?.kind === "quoted") i++;
  while (t[i]?.text === "." && (t[i + 1]?.kind === "word" || t[i + 1]?.kind === "quoted")) i += 2;
  while (t[i]?.kind === "word" && TYPE_NAME_CONTINUES.has(t[i]!.text.toLowerCase())) i++;
  for (;;) {
    if (t[i]?.text === "(" && t[i + 1]?.kind === "number") {
      let j = i + 1;
      while (t[j] && t[j]!.text !== ")") j++;
      i = j + 1;
    } else if (t[i]?.text === "[" && t[i + 1]?.text === "]") i += 2;
    else return i;
  }
}

/**
 * The labels of a CHECK that limits `column` to a list of strings, the CHECK an enum stored as
 * VARCHAR gets: `col IN ('a', 'b')`, or PostgreSQL's rewrite of it,
 * `col::text = ANY (ARRAY['a'::character varying, ...]::text[])`. Null for any other CHECK.
 */
export function enumCheckLabels(
  sqltext: string,
  column: string,
  opts: { backslashEscapes?: boolean } = {},
): string[] | null {
  const all = significant(tokenize(sqltext, opts));
  const t: Token[] = [];
  for (let i = 0; i < all.length; i++) {
    const tok = all[i]!;
    if (tok.text === "::") i = skipCastType(all, i + 1) - 1;
    else if (!["(", ")", "[", "]"].includes(tok.text) && !isWord(tok, "ARRAY")) t.push(tok);
  }
  if (t.length < 3 || !(t[0]!.kind === "word" || t[0]!.kind === "quoted") || t[0]!.value !== column)
    return null;
  let i: number;
  if (isWord(t[1], "IN")) i = 2;
  else if (t[1]!.text === "=" && isWord(t[2], "ANY")) i = 3;
  else return null;
  const labels: string[] = [];
  for (; i < t.length; i += 2) {
    if (t[i]!.kind !== "string") return null;
    labels.push(t[i]!.value);
    if (i + 1 < t.length && t[i + 1]!.text !== ",") return null;
  }
  return labels.length ? labels : null;
}
