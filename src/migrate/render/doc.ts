/**
 * A small document printer in the style of Wadler's "prettier printer" (as Prettier and Biome
 * use), so generated revision files come out formatted the way those formatters would format
 * them: groups print flat when they fit the line, and break their lines otherwise.
 */

/** A printable document: text, a sequence, or a layout command. */
export type Doc = string | readonly Doc[] | DocCommand;

type DocCommand =
  | { readonly kind: "group"; readonly contents: Doc; shouldBreak: boolean; readonly states?: readonly Doc[] }
  | { readonly kind: "indent"; readonly contents: Doc }
  | { readonly kind: "line"; readonly mode: "line" | "softline" | "hardline" }
  | { readonly kind: "ifBreak"; readonly broken: Doc; readonly flat: Doc }
  | { readonly kind: "breakParent" };

type Group = Extract<DocCommand, { kind: "group" }>;

/** A space when the enclosing group is flat, a newline when it breaks. */
export const line: Doc = { kind: "line", mode: "line" };
/** Nothing when flat, a newline when the group breaks. */
export const softline: Doc = { kind: "line", mode: "softline" };
/** Always a newline (and the enclosing groups break). */
export const hardline: Doc = { kind: "line", mode: "hardline" };
/** Forces the enclosing group to break. */
export const breakParent: Doc = { kind: "breakParent" };

/** Prints `contents` flat if it fits, broken otherwise (`shouldBreak` forces broken). */
export function group(contents: Doc, shouldBreak = false): Doc {
  return { kind: "group", contents, shouldBreak };
}

/** Tries each layout in turn: the first flat, then each that fits its first line; else the last, broken. */
export function conditionalGroup(states: readonly Doc[]): Doc {
  return { kind: "group", contents: states[0]!, shouldBreak: false, states };
}

/** Indents the lines `contents` breaks into by two spaces. */
export function indent(contents: Doc): Doc {
  return { kind: "indent", contents };
}

/** `broken` when the enclosing group breaks, `flat` otherwise (trailing commas). */
export function ifBreak(broken: Doc, flat: Doc = ""): Doc {
  return { kind: "ifBreak", broken, flat };
}

/** Joins documents with a separator. */
export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  const out: Doc[] = [];
  docs.forEach((d, i) => {
    if (i > 0) out.push(separator);
    out.push(d);
  });
  return out;
}

/** Whether a document contains a forced line break (so a group holding it cannot be flat). */
export function willBreak(doc: Doc): boolean {
  if (typeof doc === "string") return false;
  if (Array.isArray(doc)) return doc.some(willBreak);
  const d = doc as DocCommand;
  switch (d.kind) {
    case "group":
      return d.shouldBreak || willBreak(d.contents);
    case "indent":
      return willBreak(d.contents);
    case "line":
      return d.mode === "hardline";
    case "ifBreak":
      return willBreak(d.broken) || willBreak(d.flat);
    case "breakParent":
      return true;
  }
}

/** Marks every group that contains a hard break as broken; conditional groups stop the propagation. */
function propagateBreaks(doc: Doc): boolean {
  if (typeof doc === "string") return false;
  if (Array.isArray(doc)) {
    let any = false;
    for (const d of doc) any = propagateBreaks(d) || any;
    return any;
  }
  const d = doc as DocCommand;
  switch (d.kind) {
    case "group": {
      if (d.states) {
        for (const s of d.states) propagateBreaks(s);
        return d.shouldBreak;
      }
      if (propagateBreaks(d.contents)) d.shouldBreak = true;
      return d.shouldBreak;
    }
    case "indent":
      return propagateBreaks(d.contents);
    case "line":
      return d.mode === "hardline";
    case "ifBreak":
      return propagateBreaks(d.broken) || propagateBreaks(d.flat);
    case "breakParent":
      return true;
  }
}

const FLAT = 0;
const BREAK = 1;
type Mode = typeof FLAT | typeof BREAK;
type Command = readonly [indent: number, mode: Mode, doc: Doc];

/** Whether `next` fits in `width` columns, up to the first line break of the rest of the document. */
function fits(next: Command, rest: readonly Command[], width: number): boolean {
  let remaining = width;
  let restIndex = rest.length;
  const stack: [Mode, Doc][] = [[next[1], next[2]]];
  while (remaining >= 0) {
    if (stack.length === 0) {
      if (restIndex === 0) return true;
      const r = rest[--restIndex]!;
      stack.push([r[1], r[2]]);
      continue;
    }
    const [mode, doc] = stack.pop()!;
    if (typeof doc === "string") {
      remaining -= doc.length;
      continue;
    }
    if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) stack.push([mode, doc[i]!]);
      continue;
    }
    const d = doc as DocCommand;
    switch (d.kind) {
      case "group": {
        const groupMode = d.shouldBreak ? BREAK : mode;
        const contents = d.states && groupMode === BREAK ? d.states[d.states.length - 1]! : d.contents;
        stack.push([groupMode, contents]);
        break;
      }
      case "indent":
        stack.push([mode, d.contents]);
        break;
      case "ifBreak":
        stack.push([mode, mode === BREAK ? d.broken : d.flat]);
        break;
      case "line":
        if (mode === BREAK || d.mode === "hardline") return true;
        if (d.mode === "line") remaining -= 1;
        break;
      case "breakParent":
        break;
    }
  }
  return false;
}

/** Prints a document in `width` columns, starting at column 0 with `baseIndent` for broken lines. */
export function printDoc(doc: Doc, width = 80, baseIndent = 0): string {
  propagateBreaks(doc);
  const out: string[] = [];
  let pos = baseIndent;
  const cmds: Command[] = [[baseIndent, BREAK, doc]];
  while (cmds.length > 0) {
    const [ind, mode, d] = cmds.pop()!;
    if (typeof d === "string") {
      out.push(d);
      pos += d.length;
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) cmds.push([ind, mode, d[i]!]);
      continue;
    }
    const c = d as DocCommand;
    switch (c.kind) {
      case "indent":
        cmds.push([ind + 2, mode, c.contents]);
        break;
      case "ifBreak":
        cmds.push([ind, mode, mode === BREAK ? c.broken : c.flat]);
        break;
      case "breakParent":
        break;
      case "line":
        if (mode === FLAT && c.mode !== "hardline") {
          if (c.mode === "line") {
            out.push(" ");
            pos += 1;
          }
          break;
        }
        trimTrailingSpaces(out);
        out.push(`\n${" ".repeat(ind)}`);
        pos = ind;
        break;
      case "group":
        printGroup(c, ind, mode, cmds, width - pos);
        break;
    }
  }
  return out.join("");
}

function printGroup(g: Group, ind: number, mode: Mode, cmds: Command[], remaining: number): void {
  if (mode === FLAT && !g.shouldBreak) {
    cmds.push([ind, FLAT, g.contents]);
    return;
  }
  const flat: Command = [ind, FLAT, g.contents];
  if (!g.shouldBreak && fits(flat, cmds, remaining)) {
    cmds.push(flat);
    return;
  }
  if (!g.states) {
    cmds.push([ind, BREAK, g.contents]);
    return;
  }
  const last = g.states[g.states.length - 1]!;
  if (!g.shouldBreak) {
    for (let i = 1; i < g.states.length - 1; i++) {
      const candidate: Command = [ind, FLAT, g.states[i]!];
      if (fits(candidate, cmds, remaining)) {
        cmds.push(candidate);
        return;
      }
    }
  }
  cmds.push([ind, BREAK, last]);
}

function trimTrailingSpaces(out: string[]): void {
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    const trimmed = last.replace(/[ \t]+$/, "");
    if (trimmed.length > 0 || last.length === 0) {
      out[out.length - 1] = trimmed;
      return;
    }
    out.pop();
  }
}
