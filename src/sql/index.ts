export { adapt, adaptToAlias, type ColumnMapper } from "./adapt.js";
export { cacheKeyOf } from "./compiler/cache-key.js";
export { CallableValue, CompiledStatement } from "./compiler/compiled.js";
export type { CompilerDialect, DialectCapabilities } from "./compiler/dialect-contract.js";
export { SqlCompiler } from "./compiler/dml-compiler.js";
export { Delete, type DmlTarget, delete_, Insert, insert, Update, update, type ValuesOf } from "./dml.js";
export * from "./elements.js";
export {
  Alias,
  ColumnClause,
  type ColumnDefault,
  ExcludedTable,
  FromClause,
  Join,
  joinCondition,
  literalColumn,
  TableClause,
  table,
} from "./from-clause.js";
export { Case, case_, caseValue, FunctionCall, func, Over, type WindowSpec } from "./functions.js";
export { Node } from "./node.js";
export {
  type EntityColumns,
  type EntityLike,
  type JoinTargetLike,
  type JoinTargetSpec,
  kEntity,
  kJoinTarget,
} from "./protocols.js";
export { type ForUpdateSpec, LabelReference, type OrderByItem, Select, select } from "./select.js";
export {
  CompoundSelect,
  CTE,
  Exists,
  except_,
  exceptAll,
  exists,
  exportedColumns,
  intersect,
  intersectAll,
  ScalarSelect,
  Subquery,
  union,
  unionAll,
} from "./selectable.js";
export {
  TableValued,
  type TableValuedColumn,
  type TableValuedColumns,
  type TableValuedOptions,
} from "./table-valued.js";
export { TextClause, TextualSelect, text } from "./text.js";
export * from "./types/index.js";
export type { ItemValue, Row, RowNamed, RowTuple, ScalarOf, SelectItem, SubqueryColumns } from "./typing.js";
export { Values, values } from "./values.js";
