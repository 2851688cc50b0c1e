/**
 * What a connection keeps with each compiled statement shape, made once and reused by every
 * execution of that shape: its row factory, the options the driver gets, and whether it only reads.
 */
import type { ExecuteOptions } from "../dialects/driver.js";
import type { CompiledStatement } from "../sql/compiler/compiled.js";
import type { Node } from "../sql/node.js";
import { isPlainRead } from "./read-only.js";
import { createRowFactory, type RowFactory } from "./result.js";

const RAW_FACTORY_KEY = "rowFactory";

/** The row factory of a compiled shape (made once, kept with the compiled statement). */
export function rowFactoryFor(compiled: CompiledStatement, fields: readonly string[] | null): RowFactory {
  const cols = compiled.resultColumns;
  if (cols) {
    let f = compiled.memo.get(RAW_FACTORY_KEY) as RowFactory | undefined;
    if (!f) {
      f = createRowFactory(
        cols.map((c) => c.key),
        cols.map((c) => c.processor),
      );
      compiled.memo.set(RAW_FACTORY_KEY, f);
    }
    return f;
  }
  const keys = fields ?? [];
  const memoKey = `fields:${keys.join("\u0000")}`;
  let f = compiled.memo.get(memoKey) as RowFactory | undefined;
  if (!f) {
    f = createRowFactory(
      keys,
      keys.map(() => null),
    );
    compiled.memo.set(memoKey, f);
  }
  return f;
}

/** The driver options of a compiled statement (made once per statement shape and kind of call). */
const DRIVER_OPTIONS_KEY = {
  rows: "driverOptions",
  single: "driverOptions:single",
  column: "driverOptions:column",
} as const;

export function driverOptions(
  compiled: CompiledStatement,
  read: keyof typeof DRIVER_OPTIONS_KEY = "rows",
): ExecuteOptions {
  const key = DRIVER_OPTIONS_KEY[read];
  let opts = compiled.memo.get(key) as ExecuteOptions | undefined;
  if (opts === undefined) {
    opts = {
      name: compiled.sql !== null ? compiled.name : undefined,
      bigint: compiled.needsBigInt,
      returnsRows: compiled.returnsRows,
      single: read === "single",
      column: read === "column",
    };
    compiled.memo.set(key, opts);
  }
  return opts;
}

/** Whether a statement only reads (memoized per compiled shape): such reads may precede BEGIN. */
export function plainRead(stmt: Node, compiled: CompiledStatement): boolean {
  let plain = compiled.memo.get("plainRead") as boolean | undefined;
  if (plain === undefined) {
    plain = isPlainRead(stmt);
    compiled.memo.set("plainRead", plain);
  }
  return plain;
}
