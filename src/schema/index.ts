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
export * as ddl from "./ddl.js";
export { DdlCompiler } from "./ddl-compiler.js";
export { ForeignKey, ForeignKeyDef, type ForeignKeyOptions, type ReferentialAction } from "./foreign-key.js";
export { type ColumnNaming, MetaData, type MetaDataOptions, snakeCase, sortTables } from "./metadata.js";
export { DEFAULT_NAMING_CONVENTION, type NamingConvention, truncateName } from "./naming.js";
export { type CreateDropOptions, type DdlBindable, kDdlRunner } from "./protocols.js";
export { type ColumnBuilders, type ColumnsOf, Table, type TableOptions } from "./table.js";
