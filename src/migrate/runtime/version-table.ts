/**
 * The version table (`athanor_version`, one `version_num` row per applied head, as Alembic's
 * `alembic_version`): its DDL, reading it, and the Core statements for each VersionTableChange
 * kind the revision graph plans.
 */
import { tableExists } from "../../dialects/catalog.js";
import type { Connection } from "../../engine/connection.js";
import { column } from "../../schema/column.js";
import { PrimaryKeyConstraint } from "../../schema/constraints.js";
import { CreateTable } from "../../schema/ddl.js";
import { MetaData } from "../../schema/metadata.js";
import { Table } from "../../schema/table.js";
import { delete_, insert, update } from "../../sql/dml.js";
import type { Node } from "../../sql/node.js";
import { select } from "../../sql/select.js";
import { String as StringType } from "../../sql/types/string.js";
import { VersionTableError } from "../graph/errors.js";
import type { VersionTableChange } from "../graph/types.js";

/** The version table of one config. */
export class VersionTable {
  readonly name: string;
  readonly schema: string | null;
  readonly table: Table<any, any>;

  /** Describes the table `name` (in `schema`). */
  constructor(name: string, schema: string | null) {
    this.name = name;
    this.schema = schema;
    this.table = new Table(
      name,
      new MetaData(),
      { version_num: column(StringType(32)) },
      PrimaryKeyConstraint("version_num", { name: `${name}_pkc` }),
      schema ? { schema } : {},
    );
  }

  /** `CREATE TABLE [IF NOT EXISTS] athanor_version (version_num VARCHAR(32) NOT NULL, PRIMARY KEY ...)`. */
  create(ifNotExists: boolean): CreateTable {
    return new CreateTable(this.table, { ifNotExists });
  }

  /** Whether the table exists on the connection's database. */
  async exists(conn: Connection): Promise<boolean> {
    return tableExists(
      conn.dialect.name,
      (sql, params) => conn.executeDriverSql(sql, params ?? []).then((r) => r.rawRows()),
      this.name,
      this.schema,
    );
  }

  /** The rows (applied heads), sorted; empty when the table does not exist. */
  async read(conn: Connection, checkExists = true): Promise<string[]> {
    if (checkExists && !(await this.exists(conn))) return [];
    const t = this.table;
    const result = await conn.execute(select(t.c.version_num));
    return result
      .rawRows()
      .map((r) => String(r[0]))
      .sort();
  }

  /** The statements that apply one change, in order. */
  statements(change: VersionTableChange): Node[] {
    const t = this.table;
    const ins = (v: string) => insert(t).values({ version_num: v });
    const upd = (from: string, to: string) =>
      update(t).where(t.c.version_num.eq(from)).values({ version_num: to });
    const del = (v: string) => delete_(t).where(t.c.version_num.eq(v));
    switch (change.kind) {
      case "insert":
        return [ins(change.version)];
      case "update":
        return [upd(change.from, change.to)];
      case "delete":
        return [del(change.version)];
      case "merge":
        return [...change.delete.map(del), upd(change.update.from, change.update.to)];
      case "unmerge":
        return [upd(change.update.from, change.update.to), ...change.insert.map(ins)];
      case "purge":
        return [delete_(t)];
    }
  }

  /** Applies a change online, checking that each UPDATE and DELETE matched exactly one row. */
  async apply(conn: Connection, change: VersionTableChange): Promise<void> {
    for (const stmt of this.statements(change)) {
      const result = await conn.execute(stmt);
      if (change.kind !== "purge" && result.rowCount !== 1) {
        throw new VersionTableError(
          `The version table '${this.name}' did not change as planned (${JSON.stringify(change)} matched ${result.rowCount} rows). Another process may have changed it; run \`athanor current\` and retry.`,
        );
      }
    }
  }
}
