/** Data operations: arbitrary SQL (`op.execute`) and rows (`op.bulkInsert`). */
import { insert } from "../../sql/dml.js";
import type { TableClause } from "../../sql/from-clause.js";
import type { Node } from "../../sql/node.js";
import { TextClause } from "../../sql/text.js";
import { OperationNotSupportedError } from "../errors.js";
import { type CodeRenderer, call, literal, str } from "../render/code.js";
import type { Doc } from "../render/doc.js";
import { renderType } from "../render/schema-code.js";
import {
  MigrateOperation,
  type MigrationStatement,
  type Receiver,
  renderCall,
  type StatementContext,
} from "./base.js";

/**
 * `op.execute("UPDATE ...")` or `op.execute(users.update().values(...))`. A string is run as
 * written (no `:name` parameters), as are text() clauses; statements are compiled for the dialect,
 * and rendered with their values inline offline.
 */
export class ExecuteOp extends MigrateOperation {
  readonly kind = "execute";
  readonly sql: string | Node;

  /** Creates the operation. */
  constructor(sql: string | Node) {
    super();
    this.sql = sql;
  }

  describe(): string {
    if (typeof this.sql === "string") return `execute ${abbreviate(this.sql)}`;
    if (this.sql instanceof TextClause) return `execute ${abbreviate(this.sql.text)}`;
    return `execute ${this.sql.constructor.name.toLowerCase()} statement`;
  }

  toStatements(): MigrationStatement[] {
    return [this.sql];
  }

  toDoc(_r: CodeRenderer, receiver: Receiver = "op"): Doc {
    const text =
      typeof this.sql === "string" ? this.sql : this.sql instanceof TextClause ? this.sql.text : null;
    if (text === null) {
      throw new OperationNotSupportedError(
        `${this.describe()} cannot be rendered as code: only SQL text can; build the statement in the revision file.`,
      );
    }
    return renderCall(receiver, "execute", [str(text)]);
  }
}

function abbreviate(sql: string): string {
  const one = sql.replace(/\s+/g, " ").trim();
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

/**
 * `op.bulkInsert(table("kits", column("code", String())), [{ code: "KIT-1" }])`: multi-row
 * INSERTs (values converted by the columns' types), batched under the dialect's parameter limit.
 */
export class BulkInsertOp extends MigrateOperation {
  readonly kind = "bulk_insert";
  readonly table: TableClause<any>;
  readonly rows: readonly Readonly<Record<string, unknown>>[];

  /** Creates the operation. */
  constructor(table: TableClause<any>, rows: readonly Readonly<Record<string, unknown>>[]) {
    super();
    this.table = table;
    this.rows = rows;
  }

  describe(): string {
    return `bulk insert ${this.rows.length} row${this.rows.length === 1 ? "" : "s"} into ${this.table.name}`;
  }

  toStatements(ctx: StatementContext): MigrationStatement[] {
    const out: MigrationStatement[] = [];
    // A multi-row INSERT names one column list: rows that name other columns start a new statement.
    let group: Record<string, unknown>[] = [];
    let keys = "";
    const flush = () => {
      if (group.length === 0) return;
      const perRow = Math.max(1, Object.keys(group[0]!).length);
      const size = Math.max(1, Math.min(1000, Math.floor(ctx.dialect.maxBindParameters / perRow)));
      for (let i = 0; i < group.length; i += size)
        out.push(insert(this.table).values(group.slice(i, i + size) as never));
      group = [];
    };
    for (const row of this.rows) {
      const names = Object.keys(row).sort();
      const k = names.join("\u0000");
      if (k !== keys) {
        flush();
        keys = k;
      }
      group.push(Object.fromEntries(names.map((n) => [n, row[n]])));
    }
    flush();
    return out;
  }

  toDoc(r: CodeRenderer, receiver: Receiver = "op"): Doc {
    const columns = this.table.columns.map((c) =>
      call(
        r.use("column"),
        c.type.typeName === "null" ? [str(c.name)] : [str(c.name), renderType(c.type, r)],
      ),
    );
    const target = call(r.use("table"), [str(this.table.name), ...columns]);
    return renderCall(receiver, "bulkInsert", [target, literal(this.rows)]);
  }
}
