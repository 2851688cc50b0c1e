import { type Processor, processed } from "../../sql/type-engine.js";
import { Range, type RangeBounds } from "../../sql/types/range.js";

/**
 * PostgreSQL's text form of a range: `[1,10)`, `(,"2024-01-01 00:00:00")`, `empty`. An end is
 * quoted when it is empty or holds a quote, backslash, bracket, comma or space; inside quotes a
 * quote or backslash is doubled (as range_out writes it) or backslash-escaped (as it reads it).
 */

const NEEDS_QUOTES = /[",\\()[\]\s]/;

function endText(value: unknown, element: Processor): string {
  if (value === null || value === undefined) return "";
  const v = element ? element(value) : value;
  const text = v instanceof Date ? v.toISOString() : String(v);
  return text === "" || NEEDS_QUOTES.test(text) ? `"${text.replace(/["\\]/g, "$&$&")}"` : text;
}

/** A Range as PostgreSQL's range text, its ends converted by the element type's bind processor. */
export function formatRangeText(range: Range<unknown>, element: Processor): string {
  if (range.empty) return "empty";
  return `${range.bounds[0]}${endText(range.lower, element)},${endText(range.upper, element)}${range.bounds[1]}`;
}

/** Range text as a Range, its ends converted by the element type's result processor. */
export function parseRangeText(text: string, element: Processor): Range<unknown> {
  const s = text.trim();
  if (s.toLowerCase() === "empty") return Range.empty();
  let at = 1;
  const fail = (): never => {
    throw new SyntaxError(`Malformed PostgreSQL range text at position ${at}: ${s.slice(0, 80)}`);
  };
  /** One end, up to `stop`: null when empty and unquoted (unbounded). */
  const readEnd = (stop: string): string | null => {
    let out = "";
    let quoted = false;
    for (;;) {
      const c = s[at];
      if (c === undefined) return fail();
      if (c === '"') {
        quoted = true;
        at++;
        for (;;) {
          const q = s[at++];
          if (q === undefined) fail();
          if (q === "\\") out += s[at++] ?? fail();
          else if (q === '"') {
            if (s[at] !== '"') break;
            out += '"';
            at++;
          } else out += q;
        }
      } else if (stop.includes(c)) return out === "" && !quoted ? null : out;
      else {
        out += c === "\\" ? (s[++at] ?? fail()) : c;
        at++;
      }
    }
  };
  const open = s[0];
  if (open !== "[" && open !== "(") fail();
  const lower = readEnd(",");
  at++;
  const upper = readEnd(")]");
  const close = s[at++]!;
  if (at !== s.length) fail();
  return new Range(processed(lower, element), processed(upper, element), {
    bounds: `${open}${close}` as RangeBounds,
  });
}
