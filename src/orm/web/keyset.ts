import { ArgumentError } from "../../errors.js";
import { Column } from "../../schema/column.js";
import { and_, type ColumnElement, OrderingExpression, or_ } from "../../sql/elements.js";
import { LabelReference, type Select } from "../../sql/select.js";
import { mapperFor } from "../mapper/mapping.js";
import { PaginationError } from "./pagination-error.js";

/** One ORDER BY term of a keyset: the expression, its direction, and how to read it off an item. */
export interface KeysetTerm {
  readonly expr: ColumnElement<any, any>;
  readonly descending: boolean;
  readonly name: string;
  read(item: unknown): unknown;
}

/** A statement prepared for keyset pagination: its terms (the primary key appended) and the statement. */
export interface Keyset {
  readonly terms: readonly KeysetTerm[];
  readonly stmt: Select<any>;
}

/**
 * The keyset of a statement from its ORDER BY. A select of one entity gets its primary key
 * appended (when not ordered by already) so every row has its own position; other selects must
 * order by selected columns that are unique together.
 */
export function keysetOf(stmt: Select<any>, dialect: string): Keyset {
  const order = stmt.state.orderBy;
  if (order.length === 0) {
    throw new ArgumentError(
      "Keyset pagination (paginate with `after`) needs an ORDER BY: the cursor is made of the ordering columns. Add .orderBy(...) to the statement.",
    );
  }
  const entries = stmt.entries;
  const entity =
    entries.length === 1 && entries[0]!.kind === "entity"
      ? mapperFor(entries[0]!.entity.entity as never)
      : null;
  const terms: KeysetTerm[] = [];
  for (const item of order) {
    const ordering = item instanceof OrderingExpression ? item : null;
    let expr = ordering ? ordering.element : (item as ColumnElement<any, any>);
    if (expr instanceof LabelReference) expr = expr.element;
    checkComparable(expr, dialect);
    terms.push(termFor(expr, ordering?.direction === "DESC", entity, entries));
  }
  let full = stmt;
  if (entity) {
    for (const pk of entity.pk) {
      if (terms.some((t) => t.expr === pk.column)) continue;
      terms.push(termFor(pk.column, false, entity, entries));
      full = full.orderBy(pk.column);
    }
  }
  return { terms, stmt: full };
}

/**
 * Order columns whose values do not survive the trip through the cursor refuse keyset
 * pagination, where the next page's WHERE would disagree with the ORDER BY (rows skipped or
 * repeated): MySQL sorts an ENUM by its position but compares it as text, and a JavaScript Date
 * holds milliseconds while PostgreSQL and MySQL timestamps keep microseconds by default.
 */
function checkComparable(expr: ColumnElement<any, any>, dialect: string): void {
  const type = expr.type as { typeName?: string; precision?: number };
  if (dialect === "mysql" && type.typeName === "enum") {
    throw new ArgumentError(
      `Keyset pagination can't order by the ENUM ${describeExpr(expr)} on MySQL / MariaDB: ENUMs sort by position but compare as text. ` +
        "Order by another column, or use page numbers.",
    );
  }
  if (
    dialect !== "sqlite" &&
    type.typeName === "datetime" &&
    (type.precision === undefined || type.precision > 3)
  ) {
    throw new ArgumentError(
      `Keyset pagination can't order by ${describeExpr(expr)}: it keeps microseconds, which a JavaScript Date (and so the cursor) cannot hold. ` +
        "Declare the column DateTime({ precision: 3 }), order by the primary key (it follows insertion order), or use page numbers.",
    );
  }
}

function termFor(
  expr: ColumnElement<any, any>,
  descending: boolean,
  entity: ReturnType<typeof mapperFor> | null,
  entries: Select<any>["entries"],
): KeysetTerm {
  if (expr instanceof Column && expr.nullable) {
    throw new ArgumentError(
      `Keyset pagination can't order by ${expr.table.name}.${expr.name}: it is nullable, and NULLs do not compare. ` +
        `Order by NOT NULL columns (the primary key is appended for you), or use page numbers.`,
    );
  }
  if (entity) {
    const mapped = expr instanceof Column ? entity.byColumn.get(expr) : undefined;
    if (!mapped) {
      throw new ArgumentError(
        `Keyset pagination of ${entity.name} can only order by its own columns (the cursor is read from the last object); got ${describeExpr(expr)}.`,
      );
    }
    return { expr, descending, name: mapped.key, read: (o) => (o as Record<string, unknown>)[mapped.key] };
  }
  const index = entries.findIndex((e) => e.kind === "column" && e.expr === expr);
  // One selected column: paginate() yields the values themselves, not rows.
  if (index === 0 && entries.length === 1) {
    return { expr, descending, name: (entries[0] as { key: string }).key, read: (v) => v };
  }
  if (index < 0) {
    throw new ArgumentError(
      `Keyset pagination reads the cursor from the selected values: select ${describeExpr(expr)} too, or order by a selected column.`,
    );
  }
  const key = entries[index]!.kind === "column" ? (entries[index] as { key: string }).key : String(index);
  return { expr, descending, name: key, read: (row) => (row as Record<number, unknown>)[index] };
}

function describeExpr(expr: ColumnElement<any, any>): string {
  return expr instanceof Column
    ? `${expr.table.name}.${expr.name}`
    : `an expression (${expr.constructor.name})`;
}

/** The WHERE clause of the rows after a position: (a > x) OR (a = x AND b > y) OR ... */
export function afterCondition(
  terms: readonly KeysetTerm[],
  values: readonly unknown[],
): ColumnElement<boolean> {
  const branches: ColumnElement<boolean>[] = [];
  for (let i = 0; i < terms.length; i++) {
    const equal = terms.slice(0, i).map((t, j) => t.expr.eq(values[j] as never));
    const t = terms[i]!;
    const beyond = t.descending ? t.expr.lt(values[i] as never) : t.expr.gt(values[i] as never);
    branches.push(and_(...equal, beyond));
  }
  return or_(...branches);
}

/** The opaque cursor of a position: base64url of the ordering column names and values. */
export function encodeCursor(terms: readonly KeysetTerm[], item: unknown): string {
  const values = terms.map((t) => {
    const v = t.read(item);
    if (v === null || v === undefined) {
      throw new ArgumentError(
        `Keyset pagination read NULL for '${t.name}' from the last item; order by NOT NULL values (or use page numbers).`,
      );
    }
    if (v instanceof Date) return { d: v.toISOString() };
    if (typeof v === "bigint") return { n: v.toString() };
    if (v instanceof Uint8Array) return { b: Buffer.from(v).toString("base64") };
    return v;
  });
  return Buffer.from(JSON.stringify({ o: terms.map((t) => t.name), v: values })).toString("base64url");
}

/** The values of a cursor made by encodeCursor() for the same ordering; PaginationError otherwise. */
export function decodeCursor(terms: readonly KeysetTerm[], cursor: string): unknown[] {
  const invalid = () =>
    new PaginationError(
      "The pagination cursor is not valid for this list (changed, truncated or from another ordering); request the first page without `after`.",
    );
  let parsed: { o?: unknown; v?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as typeof parsed;
  } catch {
    throw invalid();
  }
  const names = terms.map((t) => t.name);
  if (
    parsed === null ||
    typeof parsed !== "object" ||
    !Array.isArray(parsed.o) ||
    !Array.isArray(parsed.v) ||
    parsed.o.join("\u0000") !== names.join("\u0000") ||
    parsed.v.length !== names.length
  )
    throw invalid();
  return parsed.v.map((v: unknown) => {
    if (v === null || typeof v !== "object") return v;
    const tagged = v as { d?: unknown; n?: unknown; b?: unknown };
    if (typeof tagged.d === "string") {
      const d = new Date(tagged.d);
      if (Number.isNaN(d.getTime())) throw invalid();
      return d;
    }
    if (typeof tagged.n === "string" && /^-?\d+$/.test(tagged.n)) return BigInt(tagged.n);
    if (typeof tagged.b === "string") return new Uint8Array(Buffer.from(tagged.b, "base64"));
    throw invalid();
  });
}
