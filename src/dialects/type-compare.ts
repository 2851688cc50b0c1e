import type { Column, ServerDefaultArg } from "../schema/column.js";
import type { TypeEngine } from "../sql/type-engine.js";
import { EnumType } from "../sql/types/enum.js";
import { TypeDecorator } from "../sql/types/type-decorator.js";
import type { Dialect } from "./dialect.js";
import { BLOB_CLASSES } from "./mysql/reflection-types.js";
import { ArrayType } from "./postgresql/types.js";
import { skipCastType, tokenize } from "./sql-tokens.js";

/**
 * Comparing a declared schema with a reflected one (autogenerate's question): do two types store
 * the same thing, do two server defaults mean the same thing, and do two SQL expressions (checks,
 * computed columns, index keys and predicates) say the same thing.
 */

/** The stored type under any TypeDecorator. */
function unwrap(type: TypeEngine<any, any>): TypeEngine<any, any> {
  let t = type;
  while (t instanceof TypeDecorator) t = t.impl;
  return t;
}

const PG_TIMESTAMP = /^timestamp(?:\((\d+)\))? ?(with|without) time zone$/;

/** PostgreSQL spellings that store the same type: FLOAT is double precision, and so on. */
function normalizePgType(sql: string): string {
  let m: RegExpExecArray | null;
  if (sql === "float") return "double precision";
  if ((m = /^float\((\d+)\)$/.exec(sql))) return Number(m[1]) <= 24 ? "real" : "double precision";
  if ((m = /^numeric\((\d+)\)$/.exec(sql))) return `numeric(${m[1]},0)`;
  if ((m = PG_TIMESTAMP.exec(sql))) return `timestamp(${m[1] ?? 6}) ${m[2]} time zone`;
  return sql;
}

/** MySQL spellings that store the same type: NUMERIC is DECIMAL(10,0), BLOB(n) a BLOB class. */
function normalizeMysqlType(sql: string): string {
  let m: RegExpExecArray | null;
  if (sql === "numeric") return "numeric(10,0)";
  if ((m = /^numeric\((\d+)\)$/.exec(sql))) return `numeric(${m[1]},0)`;
  if ((m = /^blob\((\d+)\)$/.exec(sql))) {
    const n = Number(m[1]);
    return BLOB_CLASSES.find(([, cap]) => cap === undefined || n <= cap)![0];
  }
  return sql;
}

/**
 * A key that is equal for two types exactly when the database stores them alike: the type's
 * DDL, normalised per dialect. Enums carry their labels apart (see typesMatch).
 */
export function typeStorageKey(dialect: Dialect, type: TypeEngine<any, any>): string {
  const t = unwrap(type);
  if (t instanceof EnumType && t.nativeEnum) {
    if (dialect.name === "postgresql") return `enum:${t.name ?? ""}`;
    if (dialect.name === "mysql") return `enum:${JSON.stringify(t.values)}`;
  }
  if (t instanceof ArrayType && dialect.name === "postgresql")
    return `${typeStorageKey(dialect, t.itemType)}${"[]".repeat(t.dimensions)}`;
  let sql: string;
  try {
    sql = dialect.typeToSql(t);
  } catch {
    return `unrenderable:${t.typeKey}`;
  }
  sql = sql
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/\s*([(),])\s*/g, "$1")
    .trim();
  if (dialect.name === "postgresql") return normalizePgType(sql);
  if (dialect.name === "mysql") return normalizeMysqlType(sql);
  return sql;
}

/**
 * Whether a declared type and a reflected one store the same thing on this dialect:
 * `Float()` and a reflected `double precision` match on PostgreSQL, `Boolean()` and
 * `tinyint(1)` on MySQL. Enums must also agree on their labels (in order) and, for PostgreSQL
 * native enums, on their name. A reflected type Athanor does not know (NullType) matches
 * anything: there is nothing to compare it by.
 */
export function typesMatch(
  dialect: Dialect,
  declared: TypeEngine<any, any>,
  reflected: TypeEngine<any, any>,
): boolean {
  const d = unwrap(declared);
  const r = unwrap(reflected);
  if (r.typeName === "null") return true;
  if (d instanceof ArrayType && r instanceof ArrayType) {
    if (d.dimensions !== r.dimensions) return false;
    return typesMatch(dialect, d.itemType, r.itemType);
  }
  if (d instanceof EnumType && r instanceof EnumType) {
    const native = dialect.supportsNativeEnum && d.nativeEnum;
    if (native && dialect.name === "postgresql" && d.name && r.name && d.name !== r.name) return false;
    if (native || dialect.name === "sqlite") {
      if (d.values.length !== r.values.length || d.values.some((v, i) => v !== r.values[i])) return false;
    }
  }
  // Text() without a length asks for no particular size: a MEDIUMTEXT or LONGTEXT made some
  // other way is not a difference (ALTERing it to TEXT could cut values short).
  if (d.typeName === "text" && r.typeName === "text" && (d as { length?: number }).length === undefined)
    return true;
  return typeStorageKey(dialect, d) === typeStorageKey(dialect, r);
}

function canonicalNumber(text: string): string {
  if (/^-?\d+$/.test(text)) return BigInt(text).toString();
  const n = Number(text);
  return Number.isFinite(n) ? String(n) : text;
}

const isNumeric = (s: string) => /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s);

/**
 * The tokens of a SQL expression in a canonical spelling: no whitespace, comments or PostgreSQL
 * casts; keywords and bare names lowercased; quoted names unquoted; numbers (also numbers in
 * quotes) in one form; string literals re-quoted one way.
 */
function canonicalTokens(dialect: Dialect, sql: string): string[] {
  const raw = tokenize(sql, {
    backslashEscapes: dialect.name === "mysql",
    bracketQuotes: dialect.name === "sqlite",
  }).filter((t) => t.kind !== "space");
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    if (t.kind === "punct" && t.text === "::") {
      i = skipCastType(raw, i + 1) - 1;
      continue;
    }
    const prev = out[out.length - 1];
    const negative =
      t.text === "-" &&
      raw[i + 1]?.kind === "number" &&
      (prev === undefined || prev === "(" || prev === "," || prev === "=");
    if (negative) {
      out.push(canonicalNumber(`-${raw[++i]!.text}`));
    } else if (t.kind === "number") out.push(canonicalNumber(t.text));
    else if (t.kind === "string")
      out.push(isNumeric(t.value) ? canonicalNumber(t.value.trim()) : `'${t.value.replace(/'/g, "''")}'`);
    // Column names are case-insensitive on SQLite and MySQL, quoted or not; PostgreSQL keeps case.
    else if (t.kind === "quoted") out.push(dialect.name === "postgresql" ? t.value : t.value.toLowerCase());
    else if (t.kind === "word") out.push(t.text.toLowerCase());
    else out.push(t.text);
  }
  return out;
}

/** Drops parentheses around the whole token list: `((x))` -> `x`. */
function stripOuter(tokens: string[]): string[] {
  let t = tokens;
  for (;;) {
    if (t.length < 2 || t[0] !== "(" || t[t.length - 1] !== ")") return t;
    let depth = 0;
    for (let i = 0; i < t.length; i++) {
      if (t[i] === "(") depth++;
      else if (t[i] === ")" && --depth === 0 && i !== t.length - 1) return t;
    }
    t = t.slice(1, -1);
  }
}

/** Rewrites the spellings of "now" to one: now(), CURRENT_TIMESTAMP, SQLite's strftime form. */
function canonicalNow(text: string): string {
  return text
    .replace(/\b(?:now|current_timestamp)\s*\(\s*(\d+)\s*\)/g, "current_timestamp($1)")
    .replace(/\b(?:now|current_timestamp|transaction_timestamp)\s*\(\s*\)/g, "current_timestamp")
    .replace(/\bstrftime\s*\(\s*'%Y-%m-%d %H:%M:%f'\s*,\s*'now'\s*\)/g, "current_timestamp")
    .replace(/\bdatetime\s*\(\s*'now'\s*\)/g, "current_timestamp");
}

/** A server default in canonical form, for comparison (see serverDefaultsMatch). */
export function normalizeDefaultSql(dialect: Dialect, sql: string): string {
  return canonicalNow(stripOuter(canonicalTokens(dialect, sql)).join(" "));
}

/**
 * Whether a declared server default and the one the database reports mean the same: the
 * declared one is rendered by the dialect's DDL compiler, then both are normalised (casts such
 * as `'x'::character varying`, parentheses, quoting and case, number spelling, and the forms of
 * "now": `now()`, `CURRENT_TIMESTAMP`, MySQL `current_timestamp(6)`, SQLite's strftime).
 * A PostgreSQL SERIAL column's `nextval(...)` matches no declared default.
 */
export function serverDefaultsMatch(
  dialect: Dialect,
  declared: ServerDefaultArg | null | undefined,
  reflectedText: string | null,
  column: Column<any, any> | null = null,
): boolean {
  const reflected = reflectedText === null ? null : normalizeDefaultSql(dialect, reflectedText);
  if (declared === null || declared === undefined) {
    if (reflected === null || reflected === "null") return true;
    return (
      dialect.name === "postgresql" && column?.isAutoincrement === true && reflected.startsWith("nextval (")
    );
  }
  const rendered = normalizeDefaultSql(dialect, dialect.ddlCompiler().serverDefault(declared, column));
  if (reflected === null) return rendered === "null";
  return rendered === reflected;
}

/** Words a grouping parenthesis may follow (a parenthesis after any other word is a call or list). */
const GROUPING_KEYWORDS = new Set([
  "and",
  "or",
  "not",
  "when",
  "then",
  "else",
  "case",
  "is",
  "like",
  "between",
]);

/**
 * Whether two SQL expressions (CHECK bodies, computed columns, index expressions and partial
 * index predicates) say the same, as far as text can tell: the default normalisation, plus
 * grouping parentheses dropped (databases add them: PostgreSQL shows `qty > 0 AND qty < 9` as
 * `(qty > 0) AND (qty < 9)`). Parentheses of function calls and IN lists are kept.
 */
export function expressionsMatch(dialect: Dialect, a: string, b: string): boolean {
  const canon = (sql: string) => {
    const tokens = canonicalTokens(dialect, sql);
    const kept: string[] = [];
    const stack: boolean[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t === "(") {
        const prev = tokens[i - 1];
        const keep = prev !== undefined && /^[a-z_][\w$]*$/.test(prev) && !GROUPING_KEYWORDS.has(prev);
        stack.push(keep);
        if (keep) kept.push(t);
      } else if (t === ")") {
        if (stack.pop()) kept.push(t);
      } else kept.push(t);
    }
    return canonicalNow(kept.join(" "));
  };
  return canon(a) === canon(b);
}

/**
 * Whether a declared ON DELETE / ON UPDATE action and a reflected one behave alike. Unset and
 * NO ACTION are the same; MySQL reports RESTRICT when none was given and treats both alike.
 */
export function referentialActionsMatch(
  dialect: Dialect,
  declared: string | null | undefined,
  reflected: string | null | undefined,
): boolean {
  const norm = (a: string | null | undefined) => {
    const s = (a ?? "NO ACTION").toUpperCase();
    return dialect.name === "mysql" && s === "RESTRICT" ? "NO ACTION" : s;
  };
  return norm(declared) === norm(reflected);
}
