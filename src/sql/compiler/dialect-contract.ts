import type { TypeDialect, TypeEngine } from "../type-engine.js";
import type { PlaceholderStyle } from "./compiled.js";

/** What a database supports, as flags on the dialect; the compiler and the tests key off them. */
export interface DialectCapabilities {
  readonly supportsReturning: boolean;
  readonly supportsUpdateReturning: boolean;
  readonly supportsDeleteReturning: boolean;
  readonly supportsTransactionalDdl: boolean;
  readonly supportsNativeEnum: boolean;
  readonly supportsNativeBoolean: boolean;
  readonly supportsNativeUuid: boolean;
  readonly supportsNativeJson: boolean;
  readonly supportsNativeInterval: boolean;
  readonly supportsNativeDecimal: boolean;
  readonly supportsNullsOrdering: boolean;
  readonly supportsFilterClause: boolean;
  readonly supportsDistinctOn: boolean;
  readonly supportsIlike: boolean;
  readonly supportsFullJoin: boolean;
  readonly supportsUpdateFrom: boolean;
  readonly supportsDeleteUsing: boolean;
  readonly supportsOnConflict: boolean;
  readonly supportsOnDuplicateKey: boolean;
  readonly supportsForUpdate: boolean;
  readonly supportsSkipLocked: boolean;
  readonly supportsIntersectAll: boolean;
  readonly supportsSavepoints: boolean;
  readonly supportsSequences: boolean;
  readonly supportsIdentityColumns: boolean;
  readonly supportsComputedColumns: boolean;
  readonly supportsComments: boolean;
  readonly supportsPartialIndexes: boolean;
  readonly supportsExpressionIndexes: boolean;
  readonly supportsSchemas: boolean;
  readonly supportsAlterColumn: boolean;
  readonly supportsAddConstraint: boolean;
  readonly supportsTupleIn: boolean;
  readonly supportsWindowFunctions: boolean;
  readonly supportsCheckConstraints: boolean;
  /** Functions returning rows in FROM (`unnest(...)`, `json_each(...)`); MySQL has only JSON_TABLE. */
  readonly supportsTableValuedFunctions: boolean;
  /** Most bind parameters one statement may carry. */
  readonly maxBindParameters: number;
  readonly maxIdentifierLength: number;
  readonly dateTimeStorage: "native" | "text";
}

/** The dialect as the SQL compiler sees it (the full Dialect in dialects/ implements this). */
export interface CompilerDialect extends TypeDialect, DialectCapabilities {
  readonly name: string;
  readonly placeholder: PlaceholderStyle;
  /** Quotes an identifier when needed (reserved words, case, special characters). */
  quoteIdentifier(name: string): string;
  /** The SQL name of a type in DDL (`VARCHAR(50)`, `TIMESTAMP WITH TIME ZONE`). */
  typeToSql(type: TypeEngine<any, any>): string;
  /** The SQL name of a type as a CAST target (MySQL accepts only a few). */
  castTypeToSql(type: TypeEngine<any, any>): string;
}
