/**
 * Where a reflected column's type has no exact Athanor counterpart: the type the model declares
 * instead, and a note saying so (written beside the column and returned as a warning). Pull
 * never approximates silently.
 */
import type { Dialect } from "../../dialects/dialect.js";
import type { ReflectedColumn } from "../../dialects/reflection.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { Text } from "../../sql/types/string.js";

/** The type a model declares for a reflected column, and what it does not capture. */
export interface DeclaredType {
  readonly type: TypeEngine<any, any>;
  /** Why the declaration differs from the database's type; null when it is exact. */
  readonly note: string | null;
}

/** SQLite declared types that map exactly (anything else is read by SQLite's affinity rules). */
const SQLITE_EXACT =
  /^(INTEGER|INT|SMALLINT|BIGINT|FLOAT|REAL|DOUBLE|DOUBLE PRECISION|NUMERIC|DECIMAL|VARCHAR|CHARACTER VARYING|NVARCHAR|CHAR|CHARACTER|UUID|TEXT|BOOLEAN|BOOL|DATETIME|TIMESTAMP|DATE|TIME|BLOB|JSON)\b/i;

/** Reflected as CHAR(n): declared exactly. */
function isChar(c: ReflectedColumn): boolean {
  return c.type.typeName === "char";
}

/** A TEXT type that carries its size (MEDIUMTEXT, LONGTEXT as Text({ length })). */
function hasLength(c: ReflectedColumn): boolean {
  return (c.type as { length?: number }).length !== undefined;
}

function approximation(dialect: Dialect, c: ReflectedColumn, declared: string): string | null {
  const text = c.typeText.trim();
  const lower = text.toLowerCase();
  if (dialect.name === "postgresql") {
    if (/^(character|char|bpchar)(\s*\(\d+\))?(\[\])*$/.test(lower) && !isChar(c))
      return `PostgreSQL type ${text} is fixed-length and blank-padded; the model declares ${declared}`;
    return null;
  }
  if (dialect.name === "mysql") {
    if (/\bunsigned\b/.test(lower))
      return `MySQL type ${text} is unsigned; the model declares ${declared}, which createAll would create signed`;
    if (/^mediumint\b/.test(lower)) return `MySQL type ${text} is declared as ${declared} (INT)`;
    if (/^tinyint\b/.test(lower) && !/^tinyint\s*\(1\)/.test(lower))
      return `MySQL type ${text} is declared as ${declared} (SMALLINT)`;
    // MariaDB's JSON is LONGTEXT with a json_valid() check: reflection already reads it as Json.
    if (/^(tiny|medium|long)text\b/.test(lower) && c.type.typeName === "text" && !hasLength(c))
      return `MySQL type ${text} is declared as ${declared} (TEXT: 64 KB)`;
    if (/^char\s*\((\d+)\)/.test(lower) && !/^char\s*\(36\)/.test(lower) && !isChar(c))
      return `MySQL type ${text} is fixed-length; the model declares ${declared}`;
    return null;
  }
  if (dialect.name === "sqlite" && text !== "" && !SQLITE_EXACT.test(text))
    return `SQLite declared type ${text} is read by SQLite's affinity rules as ${declared}`;
  return null;
}

/**
 * The type to declare for a reflected column. A type reflection could not map (NullType) is
 * declared as Text, which is how the drivers return values of types they do not know.
 */
export function declaredType(
  dialect: Dialect,
  c: ReflectedColumn,
  render: (t: TypeEngine<any, any>) => string,
): DeclaredType {
  if (c.type.typeName === "null") {
    const type = Text();
    return {
      type,
      note: `database type ${c.typeText || "(none)"} has no Athanor type; the model declares ${render(type)} (the driver reads its values as strings), and createAll would create TEXT`,
    };
  }
  return { type: c.type, note: approximation(dialect, c, render(c.type)) };
}
