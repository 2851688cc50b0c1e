/**
 * Turns the code blocks of the README and docs/ into snippet modules on disk (one folder each,
 * under .athanor-test/docs-snippets-PID), with a map from generated lines back to Markdown lines.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { type CodeBlock, readBlocks } from "./markdown-blocks.js";

export const ROOT = resolve(import.meta.dirname, "../..");
/**
 * The snippets' context: preludes (`prelude=NAME` is NAME.ts) and the modules snippets import by
 * relative path (`./models.js`, `./db.js`), as a reader's app has them.
 */
export const CONTEXT = join(ROOT, "test/docs/context");

/** One module to check (and maybe run): a block, or a block and the blocks that continue it. */
export interface Snippet {
  /** A short name: `docs/guide/querying.md:42`. */
  id: string;
  file: string;
  lang: "ts" | "js";
  blocks: CodeBlock[];
  prelude?: string;
  run: boolean;
  sqliteOnly: boolean;
  /** Modules written by earlier blocks of the same file (`module=NAME`), by name. */
  modules: Record<string, string>;
}

/** A snippet written to disk. */
export interface WrittenSnippet extends Snippet {
  dir: string;
  /** The module: snippet.mts or snippet.mjs. */
  path: string;
  /** Markdown line of each generated line (index 0 = line 1); undefined for the prelude import. */
  lineMap: (number | undefined)[];
}

/** README.md and every Markdown file under docs/ (not node_modules, not the site's output). */
export function markdownFiles(): string[] {
  const out = [join(ROOT, "README.md")];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name === "node_modules" || name === "out" || name.startsWith(".")) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".md")) out.push(path);
    }
  };
  walk(join(ROOT, "docs"));
  return out;
}

/** Groups one file's blocks into snippets; fragments are returned apart, to be counted. */
export function groupBlocks(blocks: CodeBlock[]): { snippets: Snippet[]; fragments: CodeBlock[] } {
  const snippets: Snippet[] = [];
  const fragments: CodeBlock[] = [];
  let last: Snippet | undefined;
  const modules: Record<string, string> = {};
  for (const block of blocks) {
    const m = block.markers;
    if (m.fragment) {
      fragments.push(block);
      last = undefined;
      continue;
    }
    if (m.continues) {
      if (!last) throw new Error(`${block.file}:${block.line}: "continues" needs a checked block before it`);
      if (last.lang !== block.lang)
        throw new Error(`${block.file}:${block.line}: continues a block in another language`);
      if (m.prelude)
        throw new Error(
          `${block.file}:${block.line}: a prelude goes on the first block, not on one that continues`,
        );
      last.blocks.push(block);
      last.run ||= m.run;
      last.sqliteOnly ||= m.sqliteOnly;
      if (m.module) modules[m.module] = block.code;
      continue;
    }
    last = {
      id: `${block.file}:${block.line}`,
      file: block.file,
      lang: block.lang,
      blocks: [block],
      prelude: m.prelude,
      run: m.run,
      sqliteOnly: m.sqliteOnly,
      modules: { ...modules },
    };
    snippets.push(last);
    if (m.module) modules[m.module] = block.code;
  }
  return { snippets, fragments };
}

/** Every snippet and fragment of the README and docs/. */
export function collectSnippets(): { snippets: Snippet[]; fragments: CodeBlock[] } {
  const snippets: Snippet[] = [];
  const fragments: CodeBlock[] = [];
  for (const path of markdownFiles()) {
    const file = relative(ROOT, path);
    const grouped = groupBlocks(readBlocks(path, file));
    snippets.push(...grouped.snippets);
    fragments.push(...grouped.fragments);
  }
  return { snippets, fragments };
}

/** Names a prelude exports (`export const|let|class|function|type|interface|enum NAME`). */
export function preludeExports(source: string): string[] {
  const names = [
    ...source.matchAll(
      /^export\s+(?:declare\s+)?(?:const|let|class|function|type|interface|enum)\s+([A-Za-z_$][\w$]*)/gm,
    ),
  ].map((m) => m[1]!);
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const item of m[1]!.split(",")) {
      const name = item
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) names.push(name);
    }
  }
  return names;
}

/** Whether the code binds `name` itself (an import, a declaration), so the prelude must not. */
export function bindsName(code: string, name: string): boolean {
  const n = name.replace(/\$/g, "\\$");
  const declared = new RegExp(`\\b(?:const|let|var|class|function|type|interface|enum)\\s+${n}\\b`);
  if (declared.test(code)) return true;
  for (const m of code.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const item of m[1]!.split(",")) {
      if (
        item
          .trim()
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)
          .pop()
          ?.trim() === name
      )
        return true;
    }
  }
  return new RegExp(`import\\s+(?:\\*\\s+as\\s+)?${n}\\b`).test(code);
}

/**
 * Copies into `dir` the modules of test/docs/context/ that `code` imports by relative path
 * (`./models.js` -> models.ts), and the ones they import; an import of a module that is not
 * there is left for the type check to report.
 */
export function mountModules(code: string, dir: string, local: Record<string, string> = {}, from = ""): void {
  for (const m of code.matchAll(/from\s+["']\.\/([\w/.-]+)\.js["']/g)) {
    const rel = join(from, m[1]!);
    const target = join(dir, `${rel}.ts`);
    if (existsSync(target)) continue;
    const source = join(CONTEXT, `${rel}.ts`);
    const text = local[rel] ?? (existsSync(source) ? readFileSync(source, "utf8") : undefined);
    if (text === undefined) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    mountModules(text, dir, local, dirname(rel));
  }
}

/** Writes each snippet (and a copy of its prelude, so runs share no state) under `workDir`. */
export function writeSnippets(
  snippets: Snippet[],
  workDir: string,
  readPrelude: (name: string) => string,
): WrittenSnippet[] {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  writeFileSync(join(workDir, "package.json"), '{ "type": "module" }\n');
  return snippets.map((snippet, index) => {
    const dir = join(workDir, `s${String(index).padStart(3, "0")}`);
    mkdirSync(dir);
    const lines: string[] = [];
    const lineMap: (number | undefined)[] = [];
    const code = snippet.blocks.map((b) => b.code).join("\n");
    if (snippet.prelude) {
      const preludePath = join(CONTEXT, `${snippet.prelude}.ts`);
      if (!existsSync(preludePath))
        throw new Error(`${snippet.id}: no prelude test/docs/context/${snippet.prelude}.ts`);
      copyFileSync(preludePath, join(dir, "prelude.mts"));
      mountModules(readPrelude(preludePath), dir, snippet.modules);
      const names = preludeExports(readPrelude(preludePath)).filter((name) => !bindsName(code, name));
      // A prelude that exports nothing the snippet uses still runs first (it may create tables).
      lines.push(
        names.length > 0 ? `import { ${names.join(", ")} } from "./prelude.mjs";` : 'import "./prelude.mjs";',
      );
      lineMap.push(undefined);
    }
    for (const block of snippet.blocks) {
      block.code.split("\n").forEach((text, i) => {
        lines.push(text);
        lineMap.push(block.line + i);
      });
    }
    mountModules(code, dir, snippet.modules);
    lines.push("export {};");
    lineMap.push(undefined);
    const path = join(dir, snippet.lang === "ts" ? "snippet.mts" : "snippet.mjs");
    writeFileSync(path, `${lines.join("\n")}\n`);
    return { ...snippet, dir, path, lineMap };
  });
}
