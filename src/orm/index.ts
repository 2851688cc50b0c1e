export { type AliasedClass, aliased } from "./aliased.js";
export { type DeclarativeBase, type DeclarativeBaseOptions, declarativeBase } from "./declarative/base.js";
export { mapped } from "./declarative/mapped.js";
export type {
  AbstractClass,
  AttributeKeys,
  ColumnDecls,
  InsertInput,
  InstanceColumns,
  InstanceOf,
  MappedClass,
  MappedInstance,
  RelationshipKeys,
} from "./declarative/model-types.js";
export type { TableArgs } from "./declarative/table-args.js";
export {
  containsEager,
  defer,
  joinedload,
  jsonload,
  LoaderOption,
  loadOnly,
  noload,
  raiseload,
  selectinload,
  undefer,
} from "./loading/options.js";
export type { SynchronizeSession } from "./loading/orm-dml.js";
export { Mapper } from "./mapper/mapper.js";
export { Query, type QueryResult } from "./query/query.js";
export {
  type CascadeOption,
  type LazyStrategy,
  Relationship,
  type RelationshipOptions,
  relationship,
} from "./relationships/relationship.js";
export { type PrimaryKey, Session, type SessionOptions } from "./session/session.js";
export { SessionTransaction } from "./session/session-transaction.js";
export { type SessionFactory, sessionmaker } from "./session/sessionmaker.js";
export { InstrumentedList } from "./state/attributes.js";
export { type ObjectStatus, objectStatus } from "./state/instance-state.js";
export { flagModified } from "./unitofwork/changes.js";

import { configuredMapper } from "./mapper/mapping.js";
/** Configures the mappers reachable from these classes now (otherwise done on first use). */
export function configureMappers(...classes: (abstract new (...args: any) => any)[]): void {
  for (const c of classes) configuredMapper(c);
}
export * from "./sharding/index.js";
export * from "./web/index.js";
