import { MapperConfigurationError } from "../../errors.js";
import type { Column } from "../../schema/column.js";
import type { Table } from "../../schema/table.js";
import type { EntityColumns } from "../../sql/protocols.js";
import type { TableArgs } from "../declarative/table-args.js";
import type { Relationship } from "../relationships/relationship.js";
import type { Registry } from "./registry.js";

/** How a column's values compare for dirty checks. */
export type ValueKind = "plain" | "date" | "binary" | "json";

/** A mapped column: attribute key, Column, position in the mapper's column list. */
export interface MappedColumn {
  readonly key: string;
  readonly column: Column<any, any>;
  readonly index: number;
  readonly kind: ValueKind;
}

let mapperIds = 0;

function valueKind(col: Column<any, any>): ValueKind {
  const t = col.type.typeName;
  if (t === "datetime" || t === "date") return "date";
  if (t === "binary") return "binary";
  if (t === "json" || t === "jsonb" || t === "array") return "json";
  return "plain";
}

/**
 * The link between a class and its table: columns, primary key, relationships, version column,
 * and the code generated once per mapper (hydrators, dirty checks).
 */
export class Mapper {
  readonly id = ++mapperIds;
  readonly cls: abstract new (
    ...args: any
  ) => any;
  /** The class name (read before mapping: a column may take over the class's own `name`). */
  readonly name: string;
  readonly registry: Registry;
  readonly table: Table<any, any>;
  readonly args: TableArgs;
  readonly columns: readonly MappedColumn[];
  readonly byKey: ReadonlyMap<string, MappedColumn>;
  readonly byColumn: ReadonlyMap<Column<any, any>, MappedColumn>;
  readonly pk: readonly MappedColumn[];
  readonly pkKeys: readonly string[];
  readonly relationships = new Map<string, Relationship>();
  readonly versionColumn: MappedColumn | null;
  /** Per-mapper generated functions and other memos (hydrators by column set, comparators). */
  readonly memo = new Map<string, unknown>();
  /** Memos derived from the relationships: emptied whenever the registry configures new ones. */
  readonly relationshipMemo = new Map<string, unknown>();
  /** @internal The newest object loaded, and the newest constructed (see orm/newest.ts). */
  newestLoaded: object | null = null;
  /** @internal */
  newestCreated: object | null = null;
  #entity: EntityColumns | null = null;

  constructor(
    cls: abstract new (...args: any) => any,
    table: Table<any, any>,
    args: TableArgs,
    registry: Registry,
  ) {
    this.cls = cls;
    this.name = cls.name;
    this.table = table;
    this.args = args;
    this.registry = registry;
    this.columns = table.columns.map((column, index) => ({
      key: column.key,
      column,
      index,
      kind: valueKind(column),
    }));
    this.byKey = new Map(this.columns.map((c) => [c.key, c]));
    this.byColumn = new Map(this.columns.map((c) => [c.column, c]));
    this.pk = this.columns.filter((c) => c.column.primaryKey);
    if (this.pk.length === 0) {
      throw new MapperConfigurationError(
        `${cls.name} (table '${table.name}') has no primary key. Mark the key column with .primaryKey(), or add PrimaryKeyConstraint(...) for a composite key.`,
      );
    }
    this.pkKeys = this.pk.map((c) => c.key);
    const versionKey = args.versionId;
    this.versionColumn = versionKey ? (this.byKey.get(versionKey) ?? null) : null;
    if (versionKey && !this.versionColumn) {
      throw new MapperConfigurationError(
        `${cls.name}: versionId "${versionKey}" names no column; columns: ${[...this.byKey.keys()].join(", ")}`,
      );
    }
  }

  /** Columns loaded by default (not deferred). */
  get defaultColumns(): readonly MappedColumn[] {
    return this.columns.filter((c) => !c.column.deferred);
  }

  /** What `select(Model)` reads: the table and the default columns. */
  get entityColumns(): EntityColumns {
    this.#entity ??= {
      from: this.table,
      columns: this.defaultColumns.map((c) => c.column),
      cacheToken: `mapper#${this.id}`,
      entity: this.cls,
    };
    return this.#entity;
  }

  /** The identity key of a primary key value list: the value itself, or a string for composite keys. */
  identityKey(values: readonly unknown[]): unknown {
    if (values.length === 1) return values[0];
    return JSON.stringify(values, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
  }

  /** The identity key of an object from its primary key attributes (null if any is missing). */
  identityKeyOf(obj: Record<string, unknown>): unknown {
    if (this.pk.length === 1) {
      const v = obj[this.pk[0]!.key];
      return v === undefined || v === null ? null : v;
    }
    const values = this.pk.map((c) => obj[c.key]);
    if (values.some((v) => v === undefined || v === null)) return null;
    return this.identityKey(values);
  }

  /** The relationship named `key`, or an error listing the mapper's relationships. */
  relationship(key: string): Relationship {
    const rel = this.relationships.get(key);
    if (!rel) {
      throw new MapperConfigurationError(
        `${this.name} has no relationship '${key}'. Its relationships: ${[...this.relationships.keys()].join(", ") || "(none)"}.`,
      );
    }
    return rel;
  }

  toString(): string {
    return `Mapper(${this.name} -> ${this.table.name})`;
  }
}
