/** Symbols the declarative machinery stores on classes and instances. */
export const kColumns: unique symbol = Symbol.for("athanor.orm.columns");
export const kTable: unique symbol = Symbol.for("athanor.orm.table");
export const kTableArgs: unique symbol = Symbol.for("athanor.orm.tableArgs");
export const kMapper: unique symbol = Symbol.for("athanor.orm.mapper");
export const kRegistry: unique symbol = Symbol.for("athanor.orm.registry");
/** The InstanceState of a mapped object (a symbol-keyed own property: invisible to JSON and Object.keys). */
export const kState: unique symbol = Symbol.for("athanor.orm.state");
/** The model class an aliased() entity (or an entity read from a subquery) stands for. */
export const kAliasedClass: unique symbol = Symbol.for("athanor.orm.aliasedClass");
/** The FROM (an Alias of the table) an aliased() entity reads its columns from. */
export const kAlias: unique symbol = Symbol.for("athanor.orm.alias");
