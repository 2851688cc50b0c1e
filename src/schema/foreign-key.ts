import { ArgumentError, NoReferencedColumnError, NoReferencedTableError } from "../errors.js";
import type { ColumnClause, ForeignKeyRef } from "../sql/from-clause.js";
import type { Column } from "./column.js";
import type { Table } from "./table.js";

/** What a foreign key does when the referenced row is deleted or its key updated. */
export type ReferentialAction = "CASCADE" | "SET NULL" | "SET DEFAULT" | "RESTRICT" | "NO ACTION";

/** Options of `ForeignKey("table.column", options)`: ondelete, onupdate, name, useAlter, ... */
export interface ForeignKeyOptions {
  name?: string;
  ondelete?: ReferentialAction;
  onupdate?: ReferentialAction;
  deferrable?: boolean;
  initially?: "DEFERRED" | "IMMEDIATE";
  /** Create the constraint with ALTER TABLE after both tables exist (breaks creation cycles). */
  useAlter?: boolean;
  match?: "FULL" | "PARTIAL" | "SIMPLE";
}

/**
 * A reference from one column to another: `ForeignKey("kits.id", { ondelete: "CASCADE" })`.
 * The target is resolved lazily by name within the table's MetaData, so tables may be declared
 * in any order.
 */
export class ForeignKeyDef implements ForeignKeyRef {
  readonly target: string | ColumnClause<any, any>;
  readonly options: ForeignKeyOptions;
  #parent: Column<any, any> | null = null;
  /** The ForeignKeyConstraint this key belongs to (set when the table is built). */
  constraint: import("./constraints.js").ForeignKeyConstraintDef | null = null;

  constructor(target: string | ColumnClause<any, any>, options: ForeignKeyOptions = {}) {
    if (typeof target === "string" && !target.includes(".")) {
      throw new ArgumentError(
        `ForeignKey("${target}"): name the referenced column as "table.column" (or "schema.table.column")`,
      );
    }
    this.target = target;
    this.options = options;
  }

  /** A copy attached to a column (declarations are shared by abstract bases). */
  bind(parent: Column<any, any>): ForeignKeyDef {
    const fk = new ForeignKeyDef(this.target, this.options);
    fk.#parent = parent;
    return fk;
  }

  get parent(): Column<any, any> {
    if (!this.#parent) throw new ArgumentError("This ForeignKey is not attached to a column yet");
    return this.#parent;
  }

  get constraintId(): object {
    return this.constraint ?? this;
  }

  /** "schema.table" / "table" of the target. */
  get targetFullname(): string {
    if (typeof this.target !== "string") {
      const t = this.target.table as Table<any, any> | null;
      return t ? t.fullname : "";
    }
    return this.target.slice(0, this.target.lastIndexOf("."));
  }

  get targetColumnName(): string {
    return typeof this.target === "string"
      ? this.target.slice(this.target.lastIndexOf(".") + 1)
      : this.target.name;
  }

  /** The referenced column, or null when its table is not in the MetaData (yet). */
  referencedColumn(): Column<any, any> | null {
    if (typeof this.target !== "string") return this.target as Column<any, any>;
    const table = this.parent.table.metadata.tables.get(this.#qualifiedTarget());
    if (!table) return null;
    return table.columnByName(this.targetColumnName) ?? null;
  }

  #qualifiedTarget(): string {
    const name = this.targetFullname;
    const schema = this.parent.table.schema;
    return name.includes(".") || !schema ? name : `${schema}.${name}`;
  }

  /** The referenced column; throws naming the missing table or column. */
  column(): Column<any, any> {
    const col = this.referencedColumn();
    if (col) return col;
    const from = `${this.parent.table.name}.${this.parent.name}`;
    const table = this.parent.table.metadata.tables.get(this.#qualifiedTarget());
    if (!table) {
      throw new NoReferencedTableError(
        `Foreign key on ${from} references table '${this.targetFullname}', which is not in this MetaData. ` +
          `Declare that table (or import the module that declares it) before using the foreign key.`,
      );
    }
    throw new NoReferencedColumnError(
      `Foreign key on ${from} references column '${this.targetColumnName}', which table '${table.name}' does not have. Its columns: ${table.columns.map((c) => c.name).join(", ")}.`,
    );
  }
}

export type ForeignKey = ForeignKeyDef;

/** `ForeignKey("kits.id", { ondelete: "CASCADE" })`, as an argument to column(). */
export function ForeignKey(
  target: string | ColumnClause<any, any>,
  options?: ForeignKeyOptions,
): ForeignKeyDef {
  return new ForeignKeyDef(target, options);
}
