import { SqlCompiler } from "../../sql/compiler/sql-compiler.js";
import type { BinaryExpression, BindParameter } from "../../sql/elements.js";
import { storedType } from "../../sql/types/type-decorator.js";

/**
 * Types whose untyped bind PostgreSQL cannot resolve (`unknown + unknown` matches every numeric
 * and date operator). Strings, JSON, enums and UUIDs stay untyped: `unknown` converts to whatever
 * the function or operator wants (`json_each($1)`, `to_tsvector($1, $2)`), a cast to VARCHAR
 * would not.
 */
const CAST_WHEN_UNTYPED = new Set([
  "integer",
  "smallint",
  "bigint",
  "float",
  "double",
  "numeric",
  "boolean",
  "date",
  "datetime",
  "time",
  "interval",
]);

/** PostgreSQL spells everything the way the base compiler does, except binds it cannot type. */
export class PgCompiler extends SqlCompiler {
  /** Full-text match: a plain string query goes through plainto_tsquery, a TSQUERY as it is. */
  protected override renderBinaryOperator(
    op: string,
    left: string,
    right: string,
    e: BinaryExpression,
  ): string {
    if (op !== "MATCH") return super.renderBinaryOperator(op, left, right, e);
    return storedType(e.right.type).typeName === "tsquery"
      ? `${left} @@ ${right}`
      : `${left} @@ plainto_tsquery(${right})`;
  }

  /**
   * `$1::INTEGER` where the server would see `unknown`: `SELECT $1 + $2` is "operator is not
   * unique", and a recursive CTE seeded by `SELECT $1` types its column as text.
   */
  protected override renderBindCast(placeholder: string, b: BindParameter): string {
    if (!CAST_WHEN_UNTYPED.has(storedType(b.type).typeName)) return placeholder;
    return `${placeholder}::${this.dialect.castTypeToSql(b.type)}`;
  }
}
