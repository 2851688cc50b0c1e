import { generate, property } from "../../codegen.js";
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
    const cols = shape.cols;
    const processors = cols.map((_, j) => compiled.slots[j]!.processor);
    write = generate<RowWriter>(
      `insert driverWriter ${shape.sig}`,
      () => ({
        params: processors.map((_, j) => `p${j}`),
        args: processors,
        body: `return function write(o, out, at) { let v; ${cols
          .map(
            (c, j) =>
              `v = o${property(c.key)}; out[at + ${j}] = v === null || v === undefined ? null : ${processors[j] ? `p${j}(v)` : "v"};`,
          )
          .join(" ")} };`,
      }),
      () => (o, out, at) => {
        for (let j = 0; j < cols.length; j++) {
          const v = (o as Record<string, unknown>)[cols[j]!.key];
          const p = processors[j];
          out[at + j] = v === null || v === undefined ? null : p ? p(v) : v;
        }
      },
    );
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
  const matches = generate<(obj: object) => boolean>(
    `insert matches ${sig}`,
    () => ({
      params: [],
      args: [],
      body: `return function matches(o) { return ${tests.join(" && ") || "true"}; };`,
    }),
    () => (o) =>
      candidates.every((c) => ((o as Record<string, unknown>)[c.key] !== undefined) === given.has(c)),
  );

  const checked = cols.flatMap((c, j) => {
    const check = checks[c.index];
    return check ? [{ key: c.key, j, check }] : [];
  });
  const firstInvalid = generate<(obj: object) => number>(
    `insert firstInvalid ${sig}`,
    () => ({
      params: checked.map((_, i) => `c${i}`),
      args: checked.map((x) => x.check),
      body: `return function firstInvalid(o) { let v; ${checked
        .map(
          ({ key, j }, i) =>
            `if ((v = o${property(key)}) !== null && v !== undefined && c${i}(v) !== null) return ${j};`,
        )
        .join(" ")} return -1; };`,
    }),
    () => (o) => {
      for (const { key, j, check } of checked) {
        const v = (o as Record<string, unknown>)[key];
        if (v !== null && v !== undefined && check(v) !== null) return j;
      }
      return -1;
    },
  );

  const write = generate<RowWriter>(
    `insert write ${sig}`,
    () => ({
      params: [],
      args: [],
      body: `return function write(o, out, at) { ${cols.map((c, j) => `out[at + ${j}] = o${property(c.key)};`).join(" ")} };`,
    }),
    () => (o, out, at) => {
      for (let j = 0; j < cols.length; j++) out[at + j] = (o as Record<string, unknown>)[cols[j]!.key];
    },
  );
  return { cols, sig, matches, firstInvalid, write, driverWriters: new WeakMap() };
}
