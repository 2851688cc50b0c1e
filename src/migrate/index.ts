/**
 * `athanor/migrate`: the migration tool (Alembic for Athanor). Commands are typed functions that
 * return data (the CLI prints them); revision files receive an `Operations` object; operations are
 * data objects that run online, render offline SQL, reverse, and render as code.
 */

export {
  type AutogenerateFunction,
  type AutogenerateRequest,
  type AutogenerateResult,
  autogenerate,
  parseRenameHints,
  type RenameHint,
  setAutogenerateEngine,
} from "./autogenerate/hook.js";
export {
  INCLUDE_KINDS,
  type IncludeKind,
  includeObjects,
  type NamePattern,
  type NamesByKind,
} from "./autogenerate/include.js";
export type { AutogenerateSettings } from "./autogenerate/settings.js";
export { type BaselineOptions, type BaselineResult, baseline } from "./commands/baseline.js";
export { type CheckResult, check } from "./commands/check.js";
export { type CommandOptions, type RevisionSummary, summarize } from "./commands/common.js";
export { type InitOptions, type InitResult, init, listTemplates } from "./commands/init.js";
export {
  type BranchPoint,
  branches,
  type CurrentResult,
  current,
  type HistoryEntry,
  type HistoryResult,
  heads,
  history,
  show,
} from "./commands/inspect.js";
export { downgrade, type MigrateOptions, type MigrateResult, upgrade } from "./commands/migrate.js";
export { type PullOptions, type PullResult, pull } from "./commands/pull.js";
export { merge, type RevisionOptions, type RevisionResult, revision } from "./commands/revision.js";
export { type StampResult, stamp } from "./commands/stamp.js";
export {
  type AthanorConfig,
  defineConfig,
  type IncludeFilter,
  type IncludeObject,
  type ResolvedConfig,
  resolveConfig,
} from "./config/config.js";
export { CONFIG_FILE_NAMES, type ConfigSource, findConfigFile, loadConfig } from "./config/load-config.js";
export { xArguments } from "./config/x-arguments.js";
export {
  AutogenerateUnavailableError,
  CommandError,
  ConfigError,
  DatabaseConnectError,
  IrreversibleOperationError,
  LockTimeoutError,
  MigrationError,
  MigrationFailedError,
  type MigrationFailure,
  NotUpToDateError,
  OperationNotSupportedError,
  RevisionFileError,
} from "./errors.js";
export * from "./graph/index.js";
export { AutocommitBlockOp } from "./operations/autocommit-op.js";
export {
  MigrateOperation,
  type MigrationStatement,
  type Receiver,
  type StatementContext,
  TableOperation,
} from "./operations/base.js";
export { BatchAlterTableOp, type BatchOptions, type RecreateMode } from "./operations/batch/batch-op.js";
export { BatchOperations } from "./operations/batch/batch-operations.js";
export {
  AddColumnOp,
  type AlterColumnChanges,
  AlterColumnOp,
  DropColumnOp,
} from "./operations/column-ops.js";
export {
  AddConstraintOp,
  type ConstraintType,
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreatePrimaryKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
} from "./operations/constraint-ops.js";
export { BulkInsertOp, ExecuteOp } from "./operations/data-ops.js";
export { AddEnumValueOp, CreateEnumOp, DropEnumOp } from "./operations/enum-ops.js";
export { CreateIndexOp, type CreateIndexOptions, DropIndexOp } from "./operations/index-ops.js";
export { Operations, type RevisionContext } from "./operations/operations.js";
export {
  type ColumnBuilderAny,
  columnBuilderOf,
  type TableDefinition,
  tableDefinition,
} from "./operations/schema-objects.js";
export {
  CreateTableCommentOp,
  CreateTableOp,
  DropTableCommentOp,
  DropTableOp,
  RenameTableOp,
} from "./operations/table-ops.js";
export { type Code, CodeRenderer } from "./render/code.js";
export {
  CodeComment,
  type RenderItem,
  renderOperations,
  reverseOperations,
} from "./render/operations-code.js";
export { renderColumn, renderExpression, renderServerDefault, renderType } from "./render/schema-code.js";
export type { StepReport } from "./runtime/progress.js";
export {
  DEFAULT_REVISION_TEMPLATE,
  newRevisionId,
  type RevisionFileSpec,
  renderRevisionFile,
  revisionFileName,
  slugify,
} from "./script/revision-file.js";
export { type RevisionModule, type RevisionScript, ScriptDirectory } from "./script/script-directory.js";
