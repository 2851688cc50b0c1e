/**
 * Operations that can lose data or fail on existing rows: dropping a table or a column, narrowing
 * a type (VARCHAR(100) -> VARCHAR(50), BIGINT -> INTEGER, removing enum values), adding NOT NULL.
 * The revision file marks each with a comment, and the command lists them.
 */
import type { Dialect } from "../../dialects/dialect.js";
import type { TypeEngine } from "../../sql/type-engine.js";
import { EnumType } from "../../sql/types/enum.js";
import { TypeDecorator } from "../../sql/types/type-decorator.js";
import { AutocommitBlockOp } from "../operations/autocommit-op.js";
import type { MigrateOperation } from "../operations/base.js";
import { BatchAlterTableOp } from "../operations/batch/batch-op.js";
import { AlterColumnOp, DropColumnOp } from "../operations/column-ops.js";
import { DropTableOp, qualified } from "../operations/table-ops.js";
import { CodeComment, type RenderItem } from "../render/operations-code.js";

const INTEGER_RANK: Record<string, number> = { smallint: 1, integer: 2, bigint: 3 };
const STRINGS = new Set(["varchar", "text", "char", "nvarchar"]);

function unwrap(t: TypeEngine<any, any>): TypeEngine<any, any> {
  while (t instanceof TypeDecorator) t = t.impl;
  return t;
}

/** The type as the dialect writes it (an enum with its values), for messages. */
export function typeText(dialect: Dialect, t: TypeEngine<any, any>): string {
  const u = unwrap(t);
  if (u instanceof EnumType) return `${u.name ?? "enum"}(${u.values.map((v) => `'${v}'`).join(", ")})`;
  try {
    return dialect.typeToSql(u);
  } catch {
    return t.typeName;
  }
}

/** Why changing a column from `from` to `to` may lose data or fail on existing rows; null when it cannot. */
export function typeChangeRisk(from: TypeEngine<any, any>, to: TypeEngine<any, any>): string | null {
  const a = unwrap(from) as TypeEngine<any, any> & Record<string, any>;
  const b = unwrap(to) as TypeEngine<any, any> & Record<string, any>;
  if (a instanceof EnumType && b instanceof EnumType) {
    const lost = a.values.filter((v) => !b.values.includes(v));
    return lost.length ? `values ${lost.map((v) => `'${v}'`).join(", ")} removed` : null;
  }
  if (b instanceof EnumType && !(a instanceof EnumType)) return "values outside the enum make it fail";
  if (STRINGS.has(a.typeName) && STRINGS.has(b.typeName)) {
    const before = a.typeName === "text" ? undefined : (a.length as number | undefined);
    const after = b.typeName === "text" ? undefined : (b.length as number | undefined);
    if (after !== undefined && (before === undefined || after < before))
      return "narrowing: longer values are cut or rejected";
    return null;
  }
  if (a.typeName in INTEGER_RANK && b.typeName in INTEGER_RANK)
    return INTEGER_RANK[b.typeName]! < INTEGER_RANK[a.typeName]! ? "narrowing: large values overflow" : null;
  if (a.typeName === "numeric" && b.typeName === "numeric") {
    const p = (x: number | undefined) => x ?? Number.POSITIVE_INFINITY;
    const narrower = p(b.precision) < p(a.precision) || (b.scale ?? 0) < (a.scale ?? 0);
    return narrower ? "narrowing: digits are lost or values overflow" : null;
  }
  if (
    a.typeName in INTEGER_RANK &&
    (b.typeName === "numeric" || b.typeName === "float" || b.typeName === "double")
  )
    return null;
  if ((a.typeName === "float" && b.typeName === "double") || STRINGS.has(b.typeName)) return null;
  if (a.typeName === b.typeName) return null;
  return "values may not convert";
}

/** What makes `op` destructive, one line each (empty when it is not). */
export function destructiveNotes(dialect: Dialect, op: MigrateOperation): string[] {
  if (op instanceof DropTableOp)
    return [`drops table ${qualified(op.tableName, op.schema)} and every row in it`];
  // A computed column's values come back with it.
  if (op instanceof DropColumnOp && !op.definition?.spec.computed)
    return [`drops column ${qualified(op.tableName, op.schema)}.${op.columnName} and its data`];
  if (op instanceof AlterColumnOp) {
    const out: string[] = [];
    const c = op.changes;
    const where = `${qualified(op.tableName, op.schema)}.${op.columnName}`;
    if (c.type !== undefined && c.existingType !== undefined) {
      const risk = typeChangeRisk(c.existingType, c.type);
      if (risk)
        out.push(
          `changes ${where} from ${typeText(dialect, c.existingType)} to ${typeText(dialect, c.type)} (${risk})`,
        );
    }
    if (c.nullable === false && c.existingNullable !== false)
      out.push(`makes ${where} NOT NULL: fails while a row holds NULL there`);
    return out;
  }
  if (op instanceof BatchAlterTableOp || op instanceof AutocommitBlockOp)
    return (op.ops as readonly MigrateOperation[]).flatMap((inner) => destructiveNotes(dialect, inner));
  return [];
}

/** Puts a DESTRUCTIVE comment above each such operation; returns the items and the notes. */
export function markDestructive(
  dialect: Dialect,
  items: readonly RenderItem[],
): { items: RenderItem[]; notes: string[] } {
  const out: RenderItem[] = [];
  const notes: string[] = [];
  for (const item of items) {
    if (!(item instanceof CodeComment)) {
      const found = destructiveNotes(dialect, item);
      if (found.length) {
        out.push(new CodeComment(found.map((n) => `DESTRUCTIVE: ${n}.`).join("\n")));
        notes.push(...found);
      }
    }
    out.push(item);
  }
  return { items: out, notes };
}
