import type { MetaData } from "./metadata.js";

/**
 * How MetaData.createAll / dropAll / reflect reach a database without the schema layer importing
 * the engine: an Engine or Connection carries a runner under this symbol.
 */
export const kDdlRunner: unique symbol = Symbol.for("athanor.ddlRunner");

/** Options of `metadata.createAll()` / `dropAll()`. */
export interface CreateDropOptions {
  /** Skip tables (and enums) that already exist / do not exist. Default true. */
  checkFirst?: boolean;
  /** Only these tables (by name). */
  tables?: readonly string[];
}

/** Options of `metadata.reflect(bind, options)`: which schema and tables. */
export interface ReflectOptions {
  schema?: string;
  /** Only these tables, or a predicate on the name. */
  only?: readonly string[] | ((name: string) => boolean);
  /** Replace tables already in the MetaData. */
  extendExisting?: boolean;
}

export interface DdlRunner {
  createAll(metadata: MetaData, opts: CreateDropOptions): Promise<void>;
  dropAll(metadata: MetaData, opts: CreateDropOptions): Promise<void>;
  /** Adds Table objects for the database's tables to `metadata` (MetaData.reflect). */
  reflect(metadata: MetaData, opts: ReflectOptions): Promise<void>;
}

/** What createAll(), dropAll() and reflect() run on: an Engine or a Connection. */
export interface DdlBindable {
  readonly [kDdlRunner]: DdlRunner;
}
