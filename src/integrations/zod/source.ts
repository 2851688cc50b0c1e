import { ArgumentError } from "../../errors.js";
import type { Mapper } from "../../orm/mapper/mapper.js";
import { mapperFor } from "../../orm/mapper/mapping.js";
import type { Column } from "../../schema/column.js";
import { Table } from "../../schema/table.js";

/** A column as the schema builders see it. */
export interface SourceColumn {
  readonly key: string;
  readonly column: Column<any, any>;
  /** Whether a constructor (an insert) must give it: NOT NULL, no default, not generated. */
  readonly required: boolean;
}

/** The columns (and, for a model, the mapper) schemas are derived from. */
export interface Source {
  /** `Kit` or `table kits`, for messages. */
  readonly name: string;
  readonly columns: readonly SourceColumn[];
  readonly mapper: Mapper | null;
}

/** Reads a declarative model class or a Core Table. */
export function sourceOf(source: unknown, fn: string): Source {
  if (source instanceof Table) {
    const columns = Object.values(source.c as Record<string, Column<any, any>>).map((column) => ({
      key: column.key,
      column,
      required: isRequired(column, false),
    }));
    return { name: `table ${source.name}`, columns, mapper: null };
  }
  if (typeof source !== "function") {
    throw new ArgumentError(
      `${fn}() takes a declarative model class or a Table, got ${source === null ? "null" : typeof source}`,
    );
  }
  const mapper = mapperFor(source as abstract new (...args: any) => any);
  const versionKey = mapper.args.versionId;
  const columns = mapper.columns.map(({ key, column }) => ({
    key,
    column,
    required: isRequired(column, key === versionKey),
  }));
  return { name: mapper.name, columns, mapper };
}

/**
 * The rule of InsertInput (model-types.ts), at run time: the ORM sets the version column. The
 * defaults are looked at too for columns not built by column() (reflected tables).
 */
function isRequired(column: Column<any, any>, isVersion: boolean): boolean {
  if (column.nullable || column.omittable || isVersion) return false;
  return column.default === null && column.serverDefault === null && !column.identity && !column.computed;
}
