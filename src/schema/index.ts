export {
  Column,
  type ColumnArg,
  ColumnBuilder,
  column,
  type ServerDefaultArg,
  sqlDefault,
  TextDefault,
} from "./column.js";
export { Computed, ComputedDef, Identity, IdentityDef } from "./computed.js";
export {
  CheckConstraint,
  CheckDef,
  Constraint,
  ForeignKeyConstraint,
  ForeignKeyConstraintDef,
  Index,
  IndexDef,
  type IndexOptions,
  PrimaryKeyConstraint,
  PrimaryKeyDef,
  UniqueConstraint,
  UniqueDef,
} from "./constraints.js";
/** DDL statements as nodes (CREATE TABLE, CREATE INDEX, ...): what createAll() and migration operations execute. */
export * as ddl from "./ddl.js";
export { ForeignKey, ForeignKeyDef, type ForeignKeyOptions, type ReferentialAction } from "./foreign-key.js";
export { type ColumnNaming, MetaData, type MetaDataOptions } from "./metadata.js";
export { DEFAULT_NAMING_CONVENTION, type NamingConvention } from "./naming.js";
export type { CreateDropOptions, DdlBindable } from "./protocols.js";
export { type ColumnBuilders, type ColumnsOf, Table, type TableOptions } from "./table.js";
