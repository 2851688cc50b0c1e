import { MapperConfigurationError } from "../../errors.js";
import type { Table } from "../../schema/table.js";
import { kEntity } from "../../sql/protocols.js";
import { kMapper, kRegistry, kTable, kTableArgs } from "../declarative/keys.js";
import type { TableArgs } from "../declarative/table-args.js";
import { Relationship } from "../relationships/relationship.js";
import { installRelationshipAccessors } from "../state/attributes.js";
import { Mapper } from "./mapper.js";
import type { Registry } from "./registry.js";

/** The user class a generated table class was mapped for. */
const kMappedClass: unique symbol = Symbol.for("athanor.orm.mappedClass");

type AnyClass = abstract new (...args: any) => any;

/** The class in `cls`'s chain (itself included) that `Model.table()` generated, or null. */
function generatedClassOf(cls: AnyClass): AnyClass | null {
  for (let c: any = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, kTable)) return c;
  }
  return null;
}

/** Relationship declarations among the statics of `cls` and its ancestors up to the generated class. */
function findRelationships(cls: AnyClass, stopAt: AnyClass): Map<string, Relationship> {
  const found = new Map<string, Relationship>();
  for (let c: any = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    for (const key of Object.getOwnPropertyNames(c)) {
      const d = Object.getOwnPropertyDescriptor(c, key);
      if (d && "value" in d && d.value instanceof Relationship && !found.has(key)) found.set(key, d.value);
    }
    if (c === stopAt) break;
  }
  return found;
}

/**
 * The mapper of a mapped class, created on first use: the user's subclass of a generated table
 * class is mapped, its class-level attributes installed (so `Product.name` is the column, not the
 * class name), and its relationships bound.
 */
export function mapperFor(cls: AnyClass): Mapper {
  // The mapper of this very class (a subclass inherits the static property, with another cls).
  const own = (cls as unknown as Record<symbol, Mapper | undefined>)[kMapper];
  if (own !== undefined && own.cls === cls) return own;
  const generated = generatedClassOf(cls);
  if (!generated) {
    throw new MapperConfigurationError(
      `${cls.name || "This class"} is not mapped to a table: it is a declarative base or an abstract model. Map a subclass: \`class X extends ${cls.name}.table("x", { ... }) {}\`.`,
    );
  }
  const mappedAlready = Object.getOwnPropertyDescriptor(generated, kMappedClass)?.value as
    | AnyClass
    | undefined;
  if (mappedAlready && mappedAlready !== cls) {
    if (cls === generated) return mapperFor(mappedAlready);
    throw new MapperConfigurationError(
      `${className(cls)} extends the mapped class ${className(mappedAlready)}: mapped class inheritance (single or joined table) is not supported. ` +
        `Share columns through an abstract base instead: \`class Base2 extends Base.abstract({ ... }) {}\`.`,
    );
  }
  const registry = (generated as unknown as Record<symbol, Registry>)[kRegistry]!;
  const table = (generated as unknown as Record<symbol, Table<any, any>>)[kTable]!;
  const args = (generated as unknown as Record<symbol, TableArgs>)[kTableArgs]!;
  const mapper = new Mapper(cls, table, args, registry);
  // Before the columns become own properties of cls: fewer properties to look through.
  const relationships = findRelationships(cls, generated);
  Object.defineProperty(cls, kMapper, { value: mapper });
  Object.defineProperty(generated, kMappedClass, { value: cls });
  for (const col of table.columns) {
    Object.defineProperty(cls, col.key, {
      value: col,
      enumerable: true,
      configurable: true,
      writable: false,
    });
  }
  Object.defineProperty(cls, "__table__", { value: table, configurable: true });
  Object.defineProperty(cls, "c", { value: table.c, configurable: true });
  Object.defineProperty(cls, "__mapper__", { value: mapper, configurable: true });
  Object.defineProperty(cls, kEntity, { value: mapper.entityColumns, configurable: true });
  for (const [key, rel] of relationships) {
    if (mapper.byKey.has(key))
      throw new MapperConfigurationError(
        `${mapper.name}.${key} is both a column and a relationship; rename one of them`,
      );
    rel.bind(mapper, key);
    mapper.relationships.set(key, rel);
  }
  installRelationshipAccessors(mapper);
  registry.register(mapper);
  return mapper;
}

/**
 * A class's name for messages. Not `cls.name` alone: once a model with a column keyed `name` is
 * mapped, that property is the column.
 */
export function className(cls: AnyClass): string {
  const own = Object.getOwnPropertyDescriptor(cls, kMapper);
  if (own) return (own.value as Mapper).name;
  const name = (cls as { name?: unknown }).name;
  return typeof name === "string" && name ? name : "(anonymous class)";
}

/** The mapper of a class, with relationships configured (ready for queries and flushes). */
export function configuredMapper(cls: AnyClass): Mapper {
  const m = mapperFor(cls);
  if (m.registry.needsConfigure) m.registry.configure();
  return m;
}

export { kMappedClass };
