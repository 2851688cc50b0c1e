/**
 * Reads the fenced JavaScript and TypeScript blocks of a Markdown file, with the snippet markers
 * written above them (`<!-- snippet: fragment -->`, `continues`, `prelude=NAME`, `run`, `run sqlite`).
 */
import { readFileSync } from "node:fs";

/** How a block is checked and run; see test/docs/README.md. */
export interface Markers {
  /** Not a module on its own (an expression, a signature): left out of the type check, on purpose. */
  fragment: boolean;
  /** Joins the previous block of the same file: checked and run as one module with it. */
  continues: boolean;
  /** A module of test/docs/preludes/ whose exports the block may use without importing them. */
  prelude?: string;
  /** Runs the block (with what it continues): on SQLite, and on PostgreSQL unless `sqliteOnly`. */
  run: boolean;
  sqliteOnly: boolean;
  /** The block is also the module `./NAME.js` for the later blocks of its file (`module=models`). */
  module?: string;
}

/** One fenced code block. */
export interface CodeBlock {
  /** The Markdown file, relative to the repository root. */
  file: string;
  /** The 1-based line of the block's first code line in the Markdown file. */
  line: number;
  lang: "ts" | "js";
  code: string;
  markers: Markers;
}

const LANGS: Record<string, "ts" | "js"> = {
  ts: "ts",
  typescript: "ts",
  js: "js",
  javascript: "js",
  mjs: "js",
};
const MARKER = /^<!--\s*snippet:(.*?)-->$/;

/** Parses the words of a marker comment; an unknown word is an error, so a typo is never a skip. */
export function parseMarkers(words: string, where: string): Markers {
  const markers: Markers = { fragment: false, continues: false, run: false, sqliteOnly: false };
  const list = words.trim().split(/\s+/).filter(Boolean);
  for (let i = 0; i < list.length; i++) {
    const word = list[i]!;
    if (word === "fragment") markers.fragment = true;
    else if (word === "continues") markers.continues = true;
    else if (word.startsWith("prelude=")) markers.prelude = word.slice("prelude=".length);
    else if (word.startsWith("module=")) markers.module = word.slice("module=".length);
    else if (word === "run") {
      markers.run = true;
      if (list[i + 1] === "sqlite") {
        markers.sqliteOnly = true;
        i++;
      }
    } else {
      throw new Error(
        `${where}: unknown snippet marker "${word}"; use fragment, continues, prelude=NAME, module=NAME, run or run sqlite`,
      );
    }
  }
  if (markers.fragment && (markers.run || markers.prelude || markers.continues || markers.module)) {
    throw new Error(
      `${where}: a fragment is not checked, so it cannot also be run, continue or have a prelude`,
    );
  }
  return markers;
}

/**
 * The JS / TS blocks of a Markdown file, each with the snippet marker written above it.
 */
export function readBlocks(path: string, file: string): CodeBlock[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end]!.trimStart().startsWith(fence)) end++;
    const lang = LANGS[open[3]!.toLowerCase()];
    if (lang) {
      const body = lines.slice(start, end);
      let prev = i - 1;
      while (prev >= 0 && lines[prev]!.trim() === "") prev--;
      const comment = prev >= 0 ? MARKER.exec(lines[prev]!.trim()) : null;
      const where = `${file}:${start + 1}`;
      const words = comment?.[1] ?? "";
      blocks.push({
        file,
        line: start + 1,
        lang,
        code: body.join("\n"),
        markers: parseMarkers(words, where),
      });
    }
    i = end;
  }
  return blocks;
}
