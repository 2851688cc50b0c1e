/**
 * What the comparison produces: changes, each the operations that make it (`up`) and those that
 * undo it (`down`), placed in a phase. The phases put a revision's operations in an order that
 * works on every database (enum types before the columns that use them, tables in foreign-key
 * order, foreign keys dropped before what they point to and added after it); the downgrade runs
 * the changes' `down` in exactly the reverse order.
 */
import type { Dialect } from "../../dialects/dialect.js";
import { truncateName } from "../../schema/naming.js";
import type { Table } from "../../schema/table.js";
import type { SqlCompiler } from "../../sql/compiler/sql-compiler.js";
import type { ColumnElement } from "../../sql/elements.js";
import { TextClause } from "../../sql/text.js";
import { IrreversibleOperationError } from "../errors.js";
import type { MigrateOperation } from "../operations/base.js";
import { CodeComment, type RenderItem } from "../render/operations-code.js";
import type { Includer } from "./include.js";
import type { AutogenerateSettings } from "./settings.js";

/** The phases of a revision, in upgrade order. */
export const PHASES = [
  "enum_create",
  "enum_recreate",
  "table_rename",
  "table_create",
  "fk_drop",
  "table_alter",
  "fk_add",
  "table_drop",
  "enum_drop",
] as const;

export type Phase = (typeof PHASES)[number];

/** Order of the kinds of change to one table (the `table_alter` phase). */
export const ALTER_ORDER = {
  renameColumn: 0,
  dropIndex: 1,
  dropConstraint: 2,
  dropColumn: 3,
  addColumn: 4,
  alterColumn: 5,
  tableComment: 6,
  addConstraint: 7,
  createIndex: 8,
} as const;

/** One difference between the models and the database, as operations both ways. */
export interface Change {
  readonly phase: Phase;
  /** The table (qualified key) a per-table change belongs to; null for schema-wide changes. */
  readonly table: string | null;
  /** Position among the table's changes (ALTER_ORDER). */
  readonly order: number;
  readonly up: readonly RenderItem[];
  /** What undoes `up`; the downgrade runs these, last change first. */
  readonly down: readonly RenderItem[];
  /** Written as comments above `up` and listed by the command. */
  readonly warnings: readonly string[];
}

/** What every comparison needs. */
export interface CompareContext {
  readonly dialect: Dialect;
  readonly settings: AutogenerateSettings;
  readonly include: Includer;
}

/** A change made of one reversible operation (a TODO comment where the reverse cannot be built). */
export function reversible(
  op: MigrateOperation,
  phase: Phase,
  table: string | null,
  order = 0,
  warnings: readonly string[] = [],
): Change {
  return { phase, table, order, up: [op], down: [reverseOf(op)], warnings };
}

/** The operation undoing `op`, or a TODO comment saying why there is none. */
export function reverseOf(op: MigrateOperation): RenderItem {
  try {
    return op.reverse();
  } catch (e) {
    if (e instanceof IrreversibleOperationError) return new CodeComment(`TODO: ${e.message}`);
    throw e;
  }
}

/** A constraint or index name as the database stores it (shortened to the identifier limit). */
export function storedName(dialect: Dialect, name: string): string {
  return truncateName(name, dialect.maxIdentifierLength);
}

/** The SQL of a declared expression (CHECK body, index key or predicate), columns unqualified. */
export function declaredSql(dialect: Dialect, expr: ColumnElement<any, any>, table: Table<any, any>): string {
  if (expr instanceof TextClause) return expr.text;
  const compiler = dialect.literalCompiler() as SqlCompiler & { unqualified: unknown };
  compiler.unqualified = table;
  return compiler.process(expr);
}

/** `schema.name` for messages. */
export function display(schema: string | null, name: string): string {
  return schema ? `${schema}.${name}` : name;
}
