/**
 * TypeScript syntax as documents, and the renderer that collects the imports generated code
 * needs. Layout follows Prettier / Biome (their defaults: 80 columns, two spaces, double quotes,
 * trailing commas), so a formatter run over a generated file changes nothing.
 */
import {
  breakParent,
  conditionalGroup,
  type Doc,
  group,
  hardline,
  ifBreak,
  indent,
  join,
  line,
  printDoc,
  softline,
  willBreak,
} from "./doc.js";

/** A document that may "hug" as the last argument of a call (`f("x", {` ... `})`). */
const HUGGABLE = Symbol("huggable");
type Huggable = {
  readonly [HUGGABLE]: true;
  readonly doc: Doc;
  readonly kind: "object" | "array" | "function";
  /** Properties or elements (Prettier breaks arrays of several multi-property objects). */
  readonly size: number;
};

/** Any code fragment: a document, or an object/array/function literal that may hug. */
export type Code = Doc | Huggable;

function isHuggable(code: Code): code is Huggable {
  return typeof code === "object" && code !== null && HUGGABLE in code;
}

/** The document of a code fragment. */
export function docOf(code: Code): Doc {
  return isHuggable(code) ? code.doc : code;
}

/** A string literal, double-quoted unless single quotes avoid escaping (Prettier's rule). */
export function str(value: string): string {
  const doubles = (value.match(/"/g) ?? []).length;
  const singles = (value.match(/'/g) ?? []).length;
  const quote = doubles > singles ? "'" : '"';
  let out = quote;
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === quote) out += `\\${ch}`;
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + quote;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** An object key: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : str(name);
}

/** A literal value (string, number, boolean, null, array or plain object of those). */
export function literal(value: unknown): Code {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return str(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Date) return `new Date(${str(value.toISOString())})`;
  if (Array.isArray(value)) return array(value.map(literal));
  if (typeof value === "object")
    return object(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, literal(v)]));
  throw new TypeError(`Cannot render ${String(value)} as a TypeScript literal`);
}

/** `{ a: 1, b: 2 }`, broken one property per line when it does not fit. */
export function object(entries: readonly (readonly [string, Code])[]): Code {
  if (entries.length === 0) return "{}";
  const props = entries.map(([k, v]) => [propertyKey(k), ": ", docOf(v)]);
  return {
    [HUGGABLE]: true,
    kind: "object",
    size: entries.length,
    doc: group(["{", indent([line, join([",", line], props)]), ifBreak(","), line, "}"]),
  };
}

/**
 * `[a, b]`, broken one item per line when it does not fit, and always broken when it holds
 * several objects (or arrays) of several entries each, as Prettier does.
 */
export function array(items: readonly Code[]): Code {
  if (items.length === 0) return "[]";
  const kind = isHuggable(items[0]!) ? items[0].kind : null;
  const matrix =
    items.length > 1 &&
    (kind === "object" || kind === "array") &&
    items.every((i) => isHuggable(i) && i.kind === kind && i.size > 1);
  return {
    [HUGGABLE]: true,
    kind: "array",
    size: items.length,
    doc: group(
      ["[", indent([softline, join([",", line], items.map(docOf))]), ifBreak(","), softline, "]"],
      matrix,
    ),
  };
}

/** `async (param) => { statements }`: a callback whose body is always broken. */
export function asyncArrow(params: readonly string[], body: readonly Doc[]): Code {
  const head = `async (${params.join(", ")}) => `;
  if (body.length === 0) return { [HUGGABLE]: true, kind: "function", size: 0, doc: `${head}{}` };
  return {
    [HUGGABLE]: true,
    kind: "function",
    size: body.length,
    doc: group([head, "{", indent([hardline, join(hardline, body)]), hardline, "}"]),
  };
}

/**
 * `callee(args)`. As Prettier does, a last object, array or callback argument hugs the
 * parentheses unless the one before it is of the same kind (`op.createTable("kits", {` ...
 * `})`); otherwise the arguments go one per line when they do not fit.
 */
export function call(callee: Doc, args: readonly Code[]): Doc {
  if (args.length === 0) return [callee, "()"];
  const docs = args.map(docOf);
  const allBroken = group(["(", indent([line, join([",", line], docs)]), ifBreak(","), line, ")"], true);
  const last = args[args.length - 1]!;
  const penultimate = args.length > 1 ? args[args.length - 2]! : null;
  const hug =
    isHuggable(last) &&
    last.size > 0 &&
    !(penultimate !== null && isHuggable(penultimate) && penultimate.kind === last.kind);
  if (!hug) {
    return [callee, group(["(", indent([softline, join([",", line], docs)]), ifBreak(","), softline, ")"])];
  }
  const head = docs.slice(0, -1);
  const lastDoc = docs[docs.length - 1]!;
  const flat = ["(", join(", ", docs), ")"];
  const hugged = ["(", join(", ", [...head, group(lastDoc, true)]), ")"];
  return [callee, head.some(willBreak) ? breakParent : "", conditionalGroup([flat, hugged, allBroken])];
}

/**
 * A method chain `head.a().b().c()`. Like Prettier, up to two links stay attached to the head;
 * longer chains print on one line when they fit and one link per line otherwise.
 */
export function chain(head: Doc, links: readonly Doc[]): Doc {
  if (links.length <= 2) return [head, ...links];
  const oneLine = [head, ...links];
  const expanded = [head, indent(group([hardline, join(hardline, links)]))];
  return conditionalGroup([oneLine, expanded]);
}

/** `.name(args)`: one link of a chain. */
export function link(name: string, args: readonly Code[] = []): Doc {
  return call(`.${name}`, args);
}

/** Collects the named imports generated code uses, by module, and prints documents. */
export class CodeRenderer {
  /** Line width, 80 as Biome's and Prettier's default. */
  readonly width: number;
  readonly #imports = new Map<string, Set<string>>();
  readonly #typeImports = new Map<string, Set<string>>();

  /** Creates a renderer for `width` columns. */
  constructor(options: { width?: number } = {}) {
    this.width = options.width ?? 80;
  }

  /** Records `import { name } from module` and returns the name to use in code. */
  use(name: string, module = "athanor"): string {
    let names = this.#imports.get(module);
    if (!names) this.#imports.set(module, (names = new Set()));
    names.add(name);
    return name;
  }

  /** Records `import type { name } from module`. */
  useType(name: string, module = "athanor/migrate"): string {
    let names = this.#typeImports.get(module);
    if (!names) this.#typeImports.set(module, (names = new Set()));
    names.add(name);
    return name;
  }

  /** The import declarations, sorted as Biome's organize-imports would (modules, then names). */
  importLines(): string[] {
    const modules = new Set([...this.#imports.keys(), ...this.#typeImports.keys()]);
    const out: string[] = [];
    for (const module of [...modules].sort()) {
      const values = [...(this.#imports.get(module) ?? [])].sort(compareNames);
      const types = [...(this.#typeImports.get(module) ?? [])].filter((t) => !values.includes(t));
      if (values.length === 0) {
        out.push(this.print(importDecl(types.sort(compareNames), module, true)));
      } else {
        const names = [...values, ...types.map((t) => `type ${t}`)].sort((a, b) =>
          compareNames(a.replace(/^type /, ""), b.replace(/^type /, "")),
        );
        out.push(this.print(importDecl(names, module, false)));
      }
    }
    return out;
  }

  /** Prints a document at an indentation level (in columns). */
  print(doc: Doc, indentBy = 0): string {
    return printDoc(doc, this.width, indentBy);
  }
}

function importDecl(names: readonly string[], module: string, typeOnly: boolean): Doc {
  return group([
    typeOnly ? "import type {" : "import {",
    indent([line, join([",", line], names)]),
    ifBreak(","),
    line,
    `} from ${str(module)};`,
  ]);
}

/**
 * Biome's organize-imports order: character by character, letters compared case-insensitively,
 * and at the first position where only the case differs, uppercase first (`String` < `sqlDefault`).
 */
function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const lx = x.toLowerCase();
    const ly = y.toLowerCase();
    if (lx !== ly) return lx < ly ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
