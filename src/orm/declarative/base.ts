import { generate, property } from "../../codegen.js";
import { ArgumentError, MapperConfigurationError } from "../../errors.js";
import { sameItems } from "../../same-items.js";
import { MetaData, type MetaDataOptions } from "../../schema/metadata.js";
import type { NamingConvention } from "../../schema/naming.js";
import { Table } from "../../schema/table.js";
import { kEntity } from "../../sql/protocols.js";
import type { Mapper } from "../mapper/mapper.js";
import { mapperFor } from "../mapper/mapping.js";
import { Registry } from "../mapper/registry.js";
import { InstanceState } from "../state/instance-state.js";
import { describeEntity, entityToJSON } from "../web/serialize.js";
import { kColumns, kRegistry, kState, kTable, kTableArgs } from "./keys.js";
import type { BaseStatics, ColumnDecls } from "./model-types.js";
import { type TableArgs, tableArgsToSchema } from "./table-args.js";

/** Node's util.inspect hook (a registered symbol: no import of node:util needed). */
const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** Column keys that would collide with the declarative API on the class. */
const RESERVED = new Set([
  "metadata",
  "registry",
  "table",
  "abstract",
  "c",
  "__table__",
  "__mapper__",
  "__columns__",
  "prototype",
]);

type Trigger = { get(this: abstract new (...args: any) => any): unknown; configurable: true };

/** A class-attribute getter that maps the class on first touch, then reads the mapped value. */
const trigger = (read: (m: ReturnType<typeof mapperFor>) => unknown): Trigger => ({
  get() {
    return read(mapperFor(this));
  },
  configurable: true,
});
const TABLE_TRIGGER = trigger((m) => m.table);
const C_TRIGGER = trigger((m) => m.table.c);
const MAPPER_TRIGGER = trigger((m) => m);
const ENTITY_TRIGGER = trigger((m) => m.entityColumns);

/**
 * The trigger of a column key, shared by every model with a column of that key: one descriptor per
 * key, not a closure per column (100 models of 8 columns made 1,600 closures and descriptors).
 */
const columnTriggers = new Map<string, Trigger>();
function columnTrigger(key: string): Trigger {
  let t = columnTriggers.get(key);
  if (t === undefined) {
    t = trigger((m) => m.byKey.get(key)!.column);
    columnTriggers.set(key, t);
  }
  return t;
}

/** Sets a new instance's attributes from the constructor argument (columns and relationships). */
function initInstance(
  obj: any,
  cls: abstract new (...args: any) => any,
  init: Record<string, unknown> | undefined,
): void {
  const mapper = mapperFor(cls);
  obj[kState] = new InstanceState(mapper, obj);
  mapper.newestCreated = obj;
  if (!init) return;
  const keys = Object.keys(init);
  const shapes = initShapes(mapper);
  for (let i = 0; i < shapes.length; i++) {
    const shape = shapes[i]!;
    if (sameItems(shape.keys, keys)) {
      shape.set(obj, init);
      return;
    }
  }
  let columnsOnly = true;
  for (const key of keys) {
    if (mapper.byKey.has(key)) obj[key] = init[key];
    else if (mapper.relationships.has(key)) {
      columnsOnly = false;
      mapper.registry.configure();
      obj[key] = init[key];
    } else {
      throw new ArgumentError(
        `'${key}' is not an attribute of ${mapper.name}. Columns: ${[...mapper.byKey.keys()].join(", ")}` +
          `${mapper.relationships.size ? `; relationships: ${[...mapper.relationships.keys()].join(", ")}` : ""}.`,
      );
    }
  }
  if (columnsOnly && shapes.length < INIT_SHAPES) shapes.push(initShape(keys));
}

/**
 * The column keys a constructor argument had, in order, and a function setting them from such an
 * argument: `o.customerId = i.customerId; ...` (named stores, one hidden-class transition each)
 * instead of a Map check and a keyed store per key. Measured: 10,000 `new Order({ customerId,
 * status, total, note, createdAt })` took 5.1 ms -> 2.5 ms CPU (median ratio 0.59x over 41
 * interleaved rounds against the previous build; 0.70x in a second run).
 */
interface InitShape {
  readonly keys: readonly string[];
  readonly set: (obj: Record<string, unknown>, init: Record<string, unknown>) => void;
}

/** Key sets remembered per mapper (a model is mostly built from one or two). */
const INIT_SHAPES = 8;

function initShapes(mapper: Mapper): InitShape[] {
  let shapes = mapper.memo.get("initShapes") as InitShape[] | undefined;
  if (!shapes) mapper.memo.set("initShapes", (shapes = []));
  return shapes;
}

function initShape(keys: readonly string[]): InitShape {
  const set = generate<InitShape["set"]>(
    `init ${keys.join(",")}`,
    () => ({
      params: [],
      args: [],
      body: `return function init(o, i) { ${keys.map((k) => `o${property(k)} = i${property(k)};`).join(" ")} };`,
    }),
    () => (o, i) => {
      for (const k of keys) o[k] = i[k];
    },
  );
  return { keys, set };
}

/** Options of `declarativeBase()`: its MetaData, naming convention, column naming and schema. */
export interface DeclarativeBaseOptions {
  /** Use this MetaData (default: a new one with snake_case column names). */
  metadata?: MetaData;
  namingConvention?: NamingConvention;
  /** How attribute keys become column names (default "snake_case": `createdAt` -> `created_at`). */
  columnNaming?: MetaDataOptions["columnNaming"];
  schema?: string;
}

/** The class `declarativeBase()` returns: extend it, or use `.table()` / `.abstract()`. */
export interface DeclarativeBase extends BaseStatics<{}> {
  new (init?: Record<string, unknown>): {};
  /** The MetaData of every model of this base (what migrations and createAll use). */
  readonly metadata: MetaData;
  readonly registry: Registry;
}

/**
 * The base of a set of models: `export const Base = declarativeBase()`. `Base.metadata` holds
 * their tables. Models: `class Kit extends Base.table("kits", { ... }) {}`.
 */
export function declarativeBase(opts: DeclarativeBaseOptions = {}): DeclarativeBase {
  const metadata =
    opts.metadata ??
    new MetaData({
      columnNaming: opts.columnNaming ?? "snake_case",
      namingConvention: opts.namingConvention,
      schema: opts.schema,
    });
  const registry = new Registry(metadata);
  registry.setResolver(mapperFor);

  class Base {
    static readonly metadata = metadata;
    static readonly registry = registry;
    static readonly __columns__: ColumnDecls = {};

    constructor(init?: Record<string, unknown>) {
      initInstance(this, new.target, init);
    }

    /** `JSON.stringify(kit)`: loaded columns and loaded relationships (see toDict; expired ones throw). */
    toJSON(): Record<string, unknown> {
      return entityToJSON(this);
    }

    /** console.log / util.inspect: `<Kit id=1 code='KIT-001' (persistent)>`, no session internals. */
    [INSPECT](): string {
      return describeEntity(this);
    }

    static abstract(this: any, columns: ColumnDecls): any {
      checkKeys(columns, this.name);
      const Abstract = class extends this {};
      Object.defineProperty(Abstract, "name", { value: `${this.name}Abstract`, configurable: true });
      Object.defineProperty(Abstract, "__columns__", {
        value: { ...this.__columns__, ...columns },
        configurable: true,
      });
      return Abstract;
    }

    static table(this: any, name: string, columns: ColumnDecls, args?: TableArgs): any {
      if (Object.hasOwn(this, kTable) || Object.getOwnPropertyDescriptor(this, "__mapper__")) {
        throw new MapperConfigurationError(
          `${this.name} is already mapped to a table; mapped class inheritance is not supported. Share columns through Base.abstract({ ... }).`,
        );
      }
      checkKeys(columns, name);
      const decls: ColumnDecls = { ...this.__columns__, ...columns };
      const table = new Table(name, metadata, decls, ...tableArgsToSchema(args));
      const Generated = class extends this {};
      Object.defineProperty(Generated, "name", { value: `${this.name}(${name})`, configurable: true });
      Object.defineProperty(Generated, kTable, { value: table });
      Object.defineProperty(Generated, kTableArgs, { value: args ?? {} });
      Object.defineProperty(Generated, kRegistry, { value: registry });
      Object.defineProperty(Generated, "__columns__", { value: decls, configurable: true });
      // Until the user's subclass is mapped, touching any class attribute maps it (see mapping.ts).
      for (const col of table.columns) Object.defineProperty(Generated, col.key, columnTrigger(col.key));
      Object.defineProperty(Generated, "__table__", TABLE_TRIGGER);
      Object.defineProperty(Generated, "c", C_TRIGGER);
      Object.defineProperty(Generated, "__mapper__", MAPPER_TRIGGER);
      Object.defineProperty(Generated, kEntity, ENTITY_TRIGGER);
      return Generated;
    }
  }
  Object.defineProperty(Base, kColumns, { value: {} });
  return Base as unknown as DeclarativeBase;
}

function checkKeys(columns: ColumnDecls, where: string): void {
  for (const key of Object.keys(columns)) {
    if (RESERVED.has(key)) {
      throw new ArgumentError(
        `Column key '${key}' on ${where} collides with the declarative API; use another key and name the column: \`${key}_: column(...).name("${key}")\``,
      );
    }
  }
}

/** The instance type of a model class. */
export type { InstanceOf } from "./model-types.js";
