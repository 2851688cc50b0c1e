import { ArgumentError } from "../../errors.js";
import { SqlCompiler } from "../../sql/compiler/sql-compiler.js";
import type { BinaryExpression, BindParameter } from "../../sql/elements.js";
import { Precedence } from "../../sql/operators.js";
import type { Processor, TypeEngine } from "../../sql/type-engine.js";
import { storedType } from "../../sql/types/type-decorator.js";
import { ArrayParameterType } from "./types.js";

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

/**
 * Types whose `= ANY` compares exactly as `IN` does; the others (tuples, JSON, arrays, bytes,
 * citext and other named types, untyped values) keep `IN ($1, $2, ...)`.
 */
const ANY_TYPES = new Set([...CAST_WHEN_UNTYPED, "uuid", "text", "varchar", "enum"]);

/** The array parameter of an IN list: its items converted by the list's type, sent as array text. */
function inListProcessor(type: TypeEngine<any, any>, dialect: PgCompiler["dialect"]): Processor {
  const toArray = new ArrayParameterType(type).bindProcessor(dialect)!;
  return (v: unknown) => {
    if (!Array.isArray(v)) throw new ArgumentError(`An IN list parameter needs an array; got ${typeof v}`);
    return toArray(v);
  };
}

/** PostgreSQL spells everything the way the base compiler does, except binds it cannot type. */
export class PgCompiler extends SqlCompiler {
  /** How many binary operators the node being compiled is an operand of (see visitIn). */
  #operandDepth = 0;

  override visitBinary(e: BinaryExpression): string {
    if (e.operator === "IN" || e.operator === "NOT IN") return super.visitBinary(e);
    this.#operandDepth++;
    try {
      return super.visitBinary(e);
    } finally {
      this.#operandDepth--;
    }
  }

  /**
   * A list of one type as one typed array parameter, `x = ANY($1::INTEGER[])` (NOT IN:
   * `x <> ALL(...)`): the same SQL for every list length, so one named prepared statement serves
   * them all, where `IN ($1, ..., $1000)` is parsed and planned anew for each length (a SELECT by
   * 1,000 keys through node-pg: 18.8 ms as IN, 10.9 ms as ANY, median of 60 alternating runs;
   * an UPDATE of those rows within noise, 1.02-1.11x, its writes dominate). Same
   * results, NULLs and empty lists included (`= ANY('{}')` is false, `<> ALL('{}')` true).
   * `=` binds looser than IN in PostgreSQL and does not chain: the form is parenthesised as an
   * operand of another operator, and so is a comparison on its left.
   */
  protected override visitIn(e: BinaryExpression): string {
    const b = e.right as BindParameter;
    if (
      b.kind !== "bind" ||
      !b.expanding ||
      this.literalBinds ||
      e.left.kind === "tuple" ||
      !ANY_TYPES.has(storedType(b.type).typeName)
    )
      return super.visitIn(e);
    const left = this.process(e.left);
    const placeholder = this.addSlot({
      index: this.bindIndex.get(b)!,
      key: b.key,
      processor: inListProcessor(b.type, this.dialect),
      expanding: false,
      tupleSize: 1,
      emptySet: "",
      literal: null,
    });
    const sql = `${e.left.precedence <= Precedence.comparison ? `(${left})` : left} ${
      e.operator === "IN" ? "= ANY" : "<> ALL"
    }(${placeholder}::${this.dialect.castTypeToSql(new ArrayParameterType(b.type))})`;
    return this.#operandDepth > 0 ? `(${sql})` : sql;
  }

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
