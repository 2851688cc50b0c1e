/**
 * Athanor: SQLAlchemy and Alembic for TypeScript. The public API; see README.md and
 * docs/architecture.md.
 */

export type { Dialect, IsolationLevel } from "./dialects/dialect.js";
export {
  CIDR,
  CITEXT,
  INET,
  MACADDR,
  PgNamedType,
  TSQUERY,
  TSVECTOR,
} from "./dialects/postgresql/named-types.js";
export {
  DATERANGE,
  INT4RANGE,
  INT8RANGE,
  NUMRANGE,
  RangeType,
  TSRANGE,
  TSTZRANGE,
} from "./dialects/postgresql/range-types.js";
export { ARRAY, ArrayType, JSONB, JsonbType, type NestedArray } from "./dialects/postgresql/types.js";
export {
  type DialectReflection,
  NoSuchTableError,
  type ReflectedCheck,
  type ReflectedColumn,
  type ReflectedEnum,
  type ReflectedForeignKey,
  type ReflectedIndex,
  type ReflectedPrimaryKey,
  type ReflectedTable,
  type ReflectedUnique,
} from "./dialects/reflection.js";
export * from "./engine/index.js";
export * from "./errors.js";
export * from "./orm/index.js";
export * from "./schema/index.js";
export type { ReflectOptions } from "./schema/protocols.js";
export * from "./sql/index.js";
export { Range, type RangeBounds } from "./sql/types/range.js";
