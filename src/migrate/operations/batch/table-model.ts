/**
 * The "move and copy" table model of a batch: an editable description of a table (columns,
 * constraints, indexes) that the batch's operations change, then the statements of SQLite's
 * documented ALTER procedure: create the new table under a temporary name, copy every row,
 * drop the old table, rename the new one, recreate the indexes.
 */
import type { Dialect } from "../../../dialects/dialect.js";
import { Column, ColumnBuilder, type ColumnSpec } from "../../../schema/column.js";
import {
  CheckConstraint,
  CheckDef,
  ForeignKeyConstraint,
  Index,
  PrimaryKeyConstraint,
  UniqueConstraint,
  UniqueDef,
} from "../../../schema/constraints.js";
import { CreateIndex, CreateTable, DropTable, RenameTable } from "../../../schema/ddl.js";
import type { ForeignKeyOptions } from "../../../schema/foreign-key.js";
import { Table, type TableArg } from "../../../schema/table.js";
import type { ColumnElement } from "../../../sql/elements.js";
import { OperationNotSupportedError } from "../../errors.js";
import type { MigrationStatement, StatementContext, TableOperation } from "../base.js";
import { AddColumnOp, AlterColumnOp, DropColumnOp } from "../column-ops.js";
import {
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
} from "../constraint-ops.js";
import { CreateIndexOp, DropIndexOp } from "../index-ops.js";
import { ensureForeignKeyTargets, operationMetaData } from "../schema-objects.js";
import { CreateTableCommentOp, DropTableCommentOp } from "../table-ops.js";

interface ModelColumn {
  name: string;
  spec: ColumnSpec;
  /** The old table's column the values come from; null for an added column. */
  source: string | null;
  typeChanged: boolean;
}

interface ModelConstraint {
  kind: "unique" | "check" | "foreign_key";
  name: string | null;
  columns: string[];
  sqltext?: ColumnElement<any, any>;
  targets?: string[];
  options?: ForeignKeyOptions;
}

interface ModelIndex {
  name: string | null;
  items: (string | ColumnElement<any, any>)[];
  unique: boolean;
  where: ColumnElement<any, any> | string | null;
  using: string | null;
  mysqlLength: Record<string, number>;
}

/** The prefix of the temporary table a recreation copies rows into. */
export const BATCH_TEMP_PREFIX = "_athanor_tmp_";

/** An editable copy of a table's definition. */
export class TableModel {
  readonly name: string;
  readonly schema: string | null;
  columns: ModelColumn[] = [];
  constraints: ModelConstraint[] = [];
  indexes: ModelIndex[] = [];
  primaryKey: { name: string | null; columns: string[] } = { name: null, columns: [] };
  comment: string | null;

  private constructor(name: string, schema: string | null, comment: string | null) {
    this.name = name;
    this.schema = schema;
    this.comment = comment;
  }

  /** The model of an existing table (reflected, or the `copyFrom` definition). */
  static fromTable(table: Table<any, any>): TableModel {
    const m = new TableModel(table.name, table.schema, table.comment);
    for (const col of table.columns) {
      m.columns.push({ name: col.name, spec: specOf(col), source: col.name, typeChanged: false });
    }
    m.primaryKey = { name: table.primaryKey.name, columns: table.primaryKey.columns.map((c) => c.name) };
    for (const c of table.constraints) {
      if (c instanceof UniqueDef)
        m.constraints.push({ kind: "unique", name: c.name, columns: c.columns.map((x) => x.name) });
      else if (c instanceof CheckDef)
        m.constraints.push({ kind: "check", name: c.name, columns: [], sqltext: c.sqltext });
    }
    for (const fk of table.foreignKeyConstraints) {
      m.constraints.push({
        kind: "foreign_key",
        name: fk.name,
        columns: fk.columns.map((x) => x.name),
        targets: fk.elements.map((e) =>
          typeof e.target === "string" ? e.target : `${e.targetFullname}.${e.targetColumnName}`,
        ),
        options: { ...fk.options, name: undefined },
      });
    }
    for (const ix of table.indexes) {
      m.indexes.push({
        name: ix.name,
        items: ix.expressions.map((e) => (e instanceof Column && e.table === table ? e.name : e)),
        unique: ix.unique,
        where: ix.where,
        using: ix.using,
        mysqlLength: { ...ix.mysqlLength },
      });
    }
    return m;
  }

  #column(name: string, what: string): ModelColumn {
    const col = this.columns.find((c) => c.name === name);
    if (!col) {
      throw new OperationNotSupportedError(
        `batchAlterTable("${this.name}"): ${what} names column '${name}', which the table does not have (columns: ${this.columns.map((c) => c.name).join(", ")}).`,
      );
    }
    return col;
  }

  /** Applies one of the batch's operations to the model. */
  apply(op: TableOperation): void {
    if (op instanceof AddColumnOp) this.#addColumn(op);
    else if (op instanceof DropColumnOp) this.#dropColumn(op.columnName);
    else if (op instanceof AlterColumnOp) this.#alterColumn(op);
    else if (op instanceof CreateIndexOp) {
      const o = op.options;
      this.indexes.push({
        name: op.indexName,
        items: [...op.columns],
        unique: o.unique ?? false,
        where: o.where ?? null,
        using: o.using ?? null,
        mysqlLength: { ...(o.mysqlLength ?? {}) },
      });
    } else if (op instanceof DropIndexOp) {
      const before = this.indexes.length;
      this.indexes = this.indexes.filter((ix) => ix.name !== op.indexName);
      if (this.indexes.length === before)
        throw this.#missing(
          "index",
          op.indexName,
          this.indexes.map((i) => i.name),
        );
    } else if (op instanceof CreateUniqueConstraintOp)
      this.constraints.push({ kind: "unique", name: op.constraintName, columns: [...op.columns] });
    else if (op instanceof CreateCheckConstraintOp)
      this.constraints.push({
        kind: "check",
        name: op.constraintName,
        columns: [],
        sqltext: typeof op.condition === "string" ? CheckConstraint(op.condition).sqltext : op.condition,
      });
    else if (op instanceof CreateForeignKeyOp) {
      const { sourceSchema: _s, referentSchema, ...options } = op.options;
      const prefix = referentSchema ? `${referentSchema}.` : "";
      this.constraints.push({
        kind: "foreign_key",
        name: op.constraintName,
        columns: [...op.localColumns],
        targets: op.remoteColumns.map((c) => `${prefix}${op.referentTable}.${c}`),
        options,
      });
    } else if (op instanceof CreatePrimaryKeyOp)
      this.primaryKey = { name: op.constraintName, columns: [...op.columns] };
    else if (op instanceof DropConstraintOp) this.#dropConstraint(op.constraintName);
    else if (op instanceof CreateTableCommentOp) this.comment = op.comment;
    else if (op instanceof DropTableCommentOp) this.comment = null;
    else
      throw new OperationNotSupportedError(
        `batchAlterTable("${this.name}") cannot apply ${op.describe()}; run it outside the batch.`,
      );
  }

  #addColumn(op: AddColumnOp): void {
    if (this.columns.some((c) => c.name === op.columnName)) {
      throw new OperationNotSupportedError(
        `batchAlterTable("${this.name}"): column '${op.columnName}' already exists; alter it instead.`,
      );
    }
    const s = op.column.spec;
    const spec: ColumnSpec = {
      ...s,
      name: null,
      unique: false,
      index: false,
      foreignKeys: [],
      primaryKey: false,
    };
    this.columns.push({ name: op.columnName, spec, source: null, typeChanged: false });
    if (s.primaryKey) this.primaryKey.columns.push(op.columnName);
    if (s.unique)
      this.constraints.push({
        kind: "unique",
        name: typeof s.unique === "string" ? s.unique : null,
        columns: [op.columnName],
      });
    if (s.index)
      this.indexes.push({
        name: typeof s.index === "string" ? s.index : `ix_${this.name}_${op.columnName}`,
        items: [op.columnName],
        unique: s.unique !== false,
        where: null,
        using: null,
        mysqlLength: {},
      });
    for (const fk of s.foreignKeys) {
      const target =
        typeof fk.target === "string" ? fk.target : `${fk.targetFullname}.${fk.targetColumnName}`;
      this.constraints.push({
        kind: "foreign_key",
        name: fk.options.name ?? null,
        columns: [op.columnName],
        targets: [target],
        options: { ...fk.options, name: undefined },
      });
    }
  }

  #dropColumn(name: string): void {
    this.#column(name, "dropColumn");
    this.columns = this.columns.filter((c) => c.name !== name);
    // SQLite would refuse a table whose constraints or indexes name a missing column.
    this.constraints = this.constraints.filter((c) => !c.columns.includes(name));
    this.indexes = this.indexes.filter((ix) => !ix.items.includes(name));
    this.primaryKey.columns = this.primaryKey.columns.filter((c) => c !== name);
  }

  #alterColumn(op: AlterColumnOp): void {
    const col = this.#column(op.columnName, "alterColumn");
    const c = op.changes;
    if (c.type !== undefined) {
      col.spec = { ...col.spec, type: c.type };
      col.typeChanged = true;
    }
    if (c.nullable !== undefined) col.spec = { ...col.spec, nullable: c.nullable };
    if (c.serverDefault !== undefined) col.spec = { ...col.spec, serverDefault: c.serverDefault };
    if (c.comment !== undefined) col.spec = { ...col.spec, comment: c.comment };
    if (c.newColumnName !== undefined && c.newColumnName !== col.name) {
      const from = col.name;
      const to = c.newColumnName;
      const rename = (n: string) => (n === from ? to : n);
      col.name = to;
      for (const k of this.constraints) k.columns = k.columns.map(rename);
      for (const ix of this.indexes) ix.items = ix.items.map((i) => (typeof i === "string" ? rename(i) : i));
      this.primaryKey.columns = this.primaryKey.columns.map(rename);
    }
  }

  #dropConstraint(name: string): void {
    if (this.primaryKey.name === name) {
      this.primaryKey = { name: null, columns: [] };
      return;
    }
    const before = this.constraints.length;
    this.constraints = this.constraints.filter((c) => c.name !== name);
    if (this.constraints.length === before)
      throw this.#missing(
        "constraint",
        name,
        this.constraints.map((c) => c.name),
      );
  }

  #missing(what: string, name: string, known: (string | null)[]): OperationNotSupportedError {
    const names = known.filter((n): n is string => n !== null);
    return new OperationNotSupportedError(
      `batchAlterTable("${this.name}"): the table has no ${what} named '${name}' (named ${what}s: ${names.join(", ") || "none"}). Unnamed constraints cannot be dropped by name; recreate the table without it instead.`,
    );
  }

  /** The model as a Table named `name`, in a private MetaData. */
  toTable(ctx: StatementContext, name: string): Table<any, any> {
    const md = operationMetaData(ctx);
    const builders: Record<string, ColumnBuilder<any, any, boolean, boolean>> = {};
    for (const col of this.columns)
      builders[col.name] = new ColumnBuilder({ ...col.spec, name: null, primaryKey: false });
    const args: TableArg[] = [];
    if (this.primaryKey.columns.length)
      args.push(
        PrimaryKeyConstraint(
          ...this.primaryKey.columns,
          this.primaryKey.name ? { name: this.primaryKey.name } : {},
        ),
      );
    for (const k of this.constraints) {
      const named = k.name ? { name: k.name } : {};
      if (k.kind === "unique") args.push(UniqueConstraint(...k.columns, named));
      else if (k.kind === "check") args.push(CheckConstraint(k.sqltext!, named));
      else args.push(ForeignKeyConstraint(k.columns, k.targets!, { ...k.options, ...named }));
    }
    const table = new Table(name, md, builders, ...args, {
      ...(this.schema ? { schema: this.schema } : {}),
      ...(this.comment !== null ? { comment: this.comment } : {}),
    });
    ensureForeignKeyTargets(md, table);
    return table;
  }

  /** The move-and-copy statements that give the table this model's definition, rows kept. */
  recreateStatements(ctx: StatementContext): MigrationStatement[] {
    const dialect = ctx.dialect;
    const temp = `${BATCH_TEMP_PREFIX}${this.name}`;
    const table = this.toTable(ctx, temp);
    // Generated columns compute their values; the database refuses values for them.
    const copied = this.columns.filter((c) => c.source !== null && !c.spec.computed);
    const q = (n: string) => dialect.quoteIdentifier(n);
    const ref = (n: string) => (this.schema ? `${q(this.schema)}.${q(n)}` : q(n));
    const out: MigrationStatement[] = [new CreateTable(table)];
    if (copied.length > 0) {
      const select = copied.map((c) => selectExpression(dialect, table, c));
      out.push(
        `INSERT INTO ${ref(temp)} (${copied.map((c) => q(c.name)).join(", ")}) SELECT ${select.join(", ")} FROM ${ref(this.name)}`,
      );
    }
    out.push(new DropTable({ name: this.name, schema: this.schema }));
    out.push(new RenameTable(temp, this.name, { schema: this.schema }));
    // Indexes are created on the final table, so their names and tables are the final ones.
    const final = this.toTable(ctx, this.name);
    for (const ix of this.indexes) {
      const index = Index(ix.name, ...ix.items, {
        unique: ix.unique,
        where: ix.where ?? undefined,
        using: ix.using ?? undefined,
        mysqlLength: ix.mysqlLength,
      });
      final.appendConstraint(index);
      out.push(new CreateIndex(index));
    }
    return out;
  }
}

/** The value copied into a column: the old column, cast where the type changed (not on SQLite, whose affinity converts). */
function selectExpression(dialect: Dialect, table: Table<any, any>, col: ModelColumn): string {
  const source = dialect.quoteIdentifier(col.source!);
  if (!col.typeChanged || dialect.name === "sqlite") return source;
  return `CAST(${source} AS ${dialect.castTypeToSql(table.columnByName(col.name)!.type)})`;
}

function specOf(col: Column<any, any>): ColumnSpec {
  return {
    type: col.type,
    name: null,
    nullable: col.nullable,
    primaryKey: false,
    autoincrement: col.autoincrementSetting,
    default: null,
    onUpdate: null,
    serverDefault: col.serverDefault,
    serverOnUpdate: col.serverOnUpdate,
    unique: false,
    index: false,
    comment: col.comment,
    foreignKeys: [],
    identity: col.identity,
    computed: col.computed,
    deferred: false,
    info: {},
  };
}
