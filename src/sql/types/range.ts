import { ArgumentError } from "../../errors.js";

/** Which ends of a range are included: `[` / `]` inclusive, `(` / `)` exclusive. */
export type RangeBounds = "[)" | "[]" | "(]" | "()";

const BOUNDS: ReadonlySet<string> = new Set(["[)", "[]", "(]", "()"]);

/**
 * A range of values, as PostgreSQL's range types hold them (SQLAlchemy's `Range`):
 * `new Range(1, 10)` is `[1,10)`, `new Range(d1, null, { bounds: "[]" })` has no upper end,
 * `Range.empty()` contains nothing. A null end is unbounded (infinite). Discrete ranges read back
 * in PostgreSQL's canonical form: `new Range(1, 5, { bounds: "[]" })` is stored as `[1,6)`.
 */
export class Range<T> {
  /** The lower end, or null when the range is unbounded below (or empty). */
  readonly lower: T | null;
  /** The upper end, or null when the range is unbounded above (or empty). */
  readonly upper: T | null;
  readonly bounds: RangeBounds;
  /** True for the empty range (`Range.empty()`), which has no ends. */
  readonly empty: boolean;

  constructor(lower: T | null, upper: T | null, opts: { bounds?: RangeBounds; empty?: boolean } = {}) {
    const bounds = opts.bounds ?? "[)";
    if (!BOUNDS.has(bounds))
      throw new ArgumentError(
        `Range bounds must be one of "[)", "[]", "(]", "()", not ${JSON.stringify(bounds)}`,
      );
    this.empty = opts.empty ?? false;
    this.lower = this.empty ? null : lower;
    this.upper = this.empty ? null : upper;
    this.bounds = bounds;
  }

  /** The empty range (PostgreSQL's `'empty'`). */
  static empty<T>(): Range<T> {
    return new Range<T>(null, null, { empty: true });
  }

  /** Whether the lower end is included (false when unbounded below). */
  get lowerInc(): boolean {
    return !this.empty && this.lower !== null && this.bounds[0] === "[";
  }

  /** Whether the upper end is included (false when unbounded above). */
  get upperInc(): boolean {
    return !this.empty && this.upper !== null && this.bounds[1] === "]";
  }

  /** Whether the range has no lower end. */
  get lowerInf(): boolean {
    return !this.empty && this.lower === null;
  }

  /** Whether the range has no upper end. */
  get upperInf(): boolean {
    return !this.empty && this.upper === null;
  }
}
