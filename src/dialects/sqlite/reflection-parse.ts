import {
  closingParen,
  isWord,
  significant,
  splitTopLevel,
  type Token,
  textOf,
  tokenize,
} from "../sql-tokens.js";

/**
 * What SQLite keeps only in the CREATE statement it stores (sqlite_master.sql): constraint
 * names, CHECK bodies and generated-column expressions. The pragmas give everything else.
 */
export interface ParsedTable {
  primaryKeyName: string | null;
  /** A WITHOUT ROWID table: its INTEGER PRIMARY KEY is an ordinary column. */
  withoutRowid: boolean;
  checks: { name: string | null; sqltext: string }[];
  uniques: { name: string | null; columns: string[] }[];
  foreignKeys: { name: string | null; columns: string[]; referredTable: string }[];
  /** Generated-column expressions by column name. */
  generated: Map<string, string>;
}

export interface ParsedIndex {
  /** The SQL of each key, in order. */
  keys: string[];
  where: string | null;
}

/** Names of the columns in a `(a, "b" DESC, c COLLATE x)` list. */
function columnList(tokens: readonly Token[], open: number): { names: string[]; close: number } {
  const close = closingParen(tokens, open);
  const inner = tokens.slice(open + 1, close < 0 ? tokens.length : close);
  return { names: splitTopLevel(inner).map((part) => part[0]!.value), close };
}

/** The body of a parenthesised expression starting at `open`, and the index after it. */
function parenBody(sql: string, tokens: readonly Token[], open: number): { text: string; next: number } {
  const close = closingParen(tokens, open);
  const end = close < 0 ? tokens.length : close;
  return { text: textOf(sql, tokens.slice(open + 1, end)), next: end + 1 };
}

/** Parses a stored CREATE TABLE statement; constraints it cannot read are left out. */
export function parseCreateTable(sql: string): ParsedTable {
  const out: ParsedTable = {
    primaryKeyName: null,
    withoutRowid: false,
    checks: [],
    uniques: [],
    foreignKeys: [],
    generated: new Map(),
  };
  const all = significant(tokenize(sql, { bracketQuotes: true }));
  const open = all.findIndex((t) => t.kind === "punct" && t.text === "(");
  if (open < 0) return out;
  const close = closingParen(all, open);
  out.withoutRowid = all.some((t, i) => i > close && isWord(t, "WITHOUT") && isWord(all[i + 1], "ROWID"));
  for (const part of splitTopLevel(all.slice(open + 1, close < 0 ? all.length : close))) {
    const first = part[0]!;
    const tableLevel = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"].some((kw) =>
      isWord(first, kw),
    );
    if (tableLevel) readConstraints(sql, part, 0, null, out);
    else readConstraints(sql, part, 1, first.value, out);
  }
  return out;
}

/**
 * Reads constraint clauses from `i` on: a table constraint, or the constraints of column
 * `column` (which then apply to that column alone).
 */
function readConstraints(
  sql: string,
  t: readonly Token[],
  i: number,
  column: string | null,
  out: ParsedTable,
): void {
  let name: string | null = null;
  while (i < t.length) {
    const tok = t[i]!;
    if (isWord(tok, "CONSTRAINT")) {
      name = t[i + 1]?.value ?? null;
      i += 2;
      continue;
    }
    if (isWord(tok, "PRIMARY") && isWord(t[i + 1], "KEY")) {
      out.primaryKeyName = name;
      i += 2;
      if (column === null && t[i]?.text === "(") i = columnList(t, i).close + 1;
    } else if (isWord(tok, "UNIQUE")) {
      i++;
      if (column === null && t[i]?.text === "(") {
        const { names, close } = columnList(t, i);
        out.uniques.push({ name, columns: names });
        i = close + 1;
      } else if (column !== null) out.uniques.push({ name, columns: [column] });
    } else if (isWord(tok, "CHECK") && t[i + 1]?.text === "(") {
      const body = parenBody(sql, t, i + 1);
      out.checks.push({ name, sqltext: body.text });
      i = body.next;
    } else if (isWord(tok, "FOREIGN") && isWord(t[i + 1], "KEY") && t[i + 2]?.text === "(") {
      const { names, close } = columnList(t, i + 2);
      i = close + 1;
      if (isWord(t[i], "REFERENCES")) {
        out.foreignKeys.push({ name, columns: names, referredTable: t[i + 1]?.value ?? "" });
        i += 2;
      }
    } else if (isWord(tok, "REFERENCES") && column !== null) {
      out.foreignKeys.push({ name, columns: [column], referredTable: t[i + 1]?.value ?? "" });
      i += 2;
    } else if (isWord(tok, "AS") && t[i + 1]?.text === "(" && column !== null) {
      const body = parenBody(sql, t, i + 1);
      out.generated.set(column, body.text);
      i = body.next;
    } else if (tok.text === "(") {
      // DEFAULT (expr), type arguments, REFERENCES t (cols): nothing to read inside.
      const close = closingParen(t, i);
      i = close < 0 ? t.length : close + 1;
      continue;
    } else {
      // A name given to NOT NULL / DEFAULT / COLLATE is not one we report; drop it.
      if (isWord(tok, "NOT") || isWord(tok, "DEFAULT") || isWord(tok, "COLLATE")) name = null;
      i++;
      continue;
    }
    name = null;
  }
}

/** Parses a stored CREATE INDEX statement: the key expressions and the WHERE predicate. */
export function parseCreateIndex(sql: string): ParsedIndex {
  const all = significant(tokenize(sql, { bracketQuotes: true }));
  const on = all.findIndex((t) => isWord(t, "ON"));
  const open = all.findIndex((t, i) => i > on && t.kind === "punct" && t.text === "(");
  if (on < 0 || open < 0) return { keys: [], where: null };
  const close = closingParen(all, open);
  const keys = splitTopLevel(all.slice(open + 1, close)).map((part) => {
    // Sort order and collation are not part of the key expression.
    let end = part.length;
    while (end > 1 && (isWord(part[end - 1], "ASC") || isWord(part[end - 1], "DESC"))) end--;
    const collate = part.findIndex((t, i) => i < end && isWord(t, "COLLATE"));
    if (collate > 0) end = collate;
    return textOf(sql, part.slice(0, end));
  });
  const whereAt = all.findIndex((t, i) => i > close && isWord(t, "WHERE"));
  return { keys, where: whereAt < 0 ? null : textOf(sql, all.slice(whereAt + 1)) };
}
