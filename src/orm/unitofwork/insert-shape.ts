import { property } from "../../codegen.js";
import type { CompiledStatement } from "../../sql/compiler/compiled.js";
import type { MappedColumn, Mapper } from "../mapper/mapper.js";
import type { Check } from "./validate.js";

/**
 * The columns a group of new objects sets, with code generated for them once per mapper and
 * column set: a flush of thousands of objects reads each attribute by name (one hidden class per
 * site) instead of through a loop over column keys.
 */
export interface InsertShape {
  readonly cols: readonly MappedColumn[];
  /** "1,2,5": the column indexes (the key of the shape and of its statements). */
  readonly sig: string;
  /** Whether an object sets exactly these insertable columns (and no other). */
  readonly matches: (obj: object) => boolean;
  /** The position in `cols` of the first value its column type can't store, or -1. */
  readonly firstInvalid: (obj: object) => number;
  /** Writes the object's values of `cols` to out[at], out[at + 1], ... */
  readonly write: RowWriter;
  /** The same through each positional INSERT's bind processors (see driverWriter). */
  readonly driverWriters: WeakMap<CompiledStatement, RowWriter>;
}

export type RowWriter = (obj: object, out: unknown[], at: number) => void;

/**
 * The writer of a shape's values as the driver takes them, through the bind processors of
 * `compiled` (a positional INSERT of the shape): no parameter object, no second pass.
 */
export function driverWriter(shape: InsertShape, compiled: CompiledStatement): RowWriter {
  let write = shape.driverWriters.get(compiled);
  if (!write) {
    const processors = shape.cols.map((_, j) => compiled.slots[j]!.processor);
    const lines = shape.cols.map((c, j) => {
      const p = processors[j] ? `p${j}(v)` : "v";
      return `v = o${property(c.key)}; out[at + ${j}] = v === null || v === undefined ? null : ${p};`;
    });
    write = new Function(
      ...processors.map((_, j) => `p${j}`),
      `return function write(o, out, at) { let v; ${lines.join(" ")} };`,
    )(...processors) as RowWriter;
    shape.driverWriters.set(compiled, write);
  }
  return write;
}

const SHAPES_KEY = "insertShapes";

/** The shape of the objects that set exactly `cols` of the mapper's insertable `candidates`. */
export function insertShape(
  mapper: Mapper,
  candidates: readonly MappedColumn[],
  cols: readonly MappedColumn[],
  checks: readonly (Check | null)[],
): InsertShape {
  let shapes = mapper.memo.get(SHAPES_KEY) as Map<string, InsertShape> | undefined;
  if (!shapes) mapper.memo.set(SHAPES_KEY, (shapes = new Map()));
  const sig = cols.map((c) => c.index).join(",");
  let shape = shapes.get(sig);
  if (!shape) {
    shape = buildShape(candidates, cols, checks, sig);
    shapes.set(sig, shape);
  }
  return shape;
}

function buildShape(
  candidates: readonly MappedColumn[],
  cols: readonly MappedColumn[],
  checks: readonly (Check | null)[],
  sig: string,
): InsertShape {
  const given = new Set(cols);
  const tests = candidates.map((c) => `o${property(c.key)} ${given.has(c) ? "!==" : "==="} undefined`);
  const matches = new Function(`return function matches(o) { return ${tests.join(" && ") || "true"}; };`)();

  const used: (Check | null)[] = [];
  const validations = cols.flatMap((c, j) => {
    const check = checks[c.index];
    if (!check) return [];
    used.push(check);
    return [
      `if ((v = o${property(c.key)}) !== null && v !== undefined && c${used.length - 1}(v) !== null) return ${j};`,
    ];
  });
  const firstInvalid = new Function(
    ...used.map((_, i) => `c${i}`),
    `return function firstInvalid(o) { let v; ${validations.join(" ")} return -1; };`,
  )(...used);

  const writes = cols.map((c, j) => `out[at + ${j}] = o${property(c.key)};`);
  const write = new Function(`return function write(o, out, at) { ${writes.join(" ")} };`)();
  return { cols, sig, matches, firstInvalid, write, driverWriters: new WeakMap() };
}
