import type { Constraint, IndexDef } from "../../schema/constraints.js";
import type { TableArg } from "../../schema/table.js";

/** The third argument of `Model.table(name, columns, args)`: table and mapper options. */
export interface TableArgs<V extends string = string> {
  /** Indexes: `[Index("ix_kit_created", "kitId", "createdAt")]`. */
  indexes?: readonly IndexDef[];
  /** Table constraints: UniqueConstraint, CheckConstraint, ForeignKeyConstraint, PrimaryKeyConstraint. */
  constraints?: readonly Constraint[];
  schema?: string;
  comment?: string;
  info?: Record<string, unknown>;
  dialectOptions?: Record<string, unknown>;
  /**
   * The key of an integer column used for optimistic locking (StaleDataError on conflicting writes).
   * The ORM sets it (1 on INSERT, +1 on each UPDATE), so constructors do not require it.
   */
  versionId?: V;
  /** Read server-generated values (defaults, computed) back right after INSERT/UPDATE (default true where RETURNING exists). */
  eagerDefaults?: boolean;
}

/** The Table constructor arguments these options stand for. */
export function tableArgsToSchema(args: TableArgs | undefined): TableArg[] {
  if (!args) return [];
  const out: TableArg[] = [...(args.constraints ?? []), ...(args.indexes ?? [])];
  out.push({
    schema: args.schema,
    comment: args.comment,
    info: args.info,
    dialectOptions: args.dialectOptions,
  });
  return out;
}
