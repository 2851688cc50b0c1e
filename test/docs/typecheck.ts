/**
 * Type-checks written snippets as one strict project in which "athanor" and its subpaths resolve
 * to the sources (as the root tsconfig's paths do), with TypeScript 7 and TypeScript 5.9.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { ROOT, type WrittenSnippet } from "./snippets.js";

const run = promisify(execFile);

/** The two compilers `npm run typecheck` uses. */
export const COMPILERS = {
  "TypeScript 7": join(ROOT, "node_modules/typescript/bin/tsc"),
  "TypeScript 5.9": join(ROOT, "node_modules/typescript-5.9/bin/tsc"),
} as const;

const ENTRY_POINTS: Record<string, string> = {
  athanor: "src/index.ts",
  "athanor/migrate": "src/migrate/index.ts",
  "athanor/zod": "src/integrations/zod/index.ts",
  "athanor/express": "src/integrations/express/index.ts",
  "athanor/fastify": "src/integrations/fastify/index.ts",
  "athanor/hono": "src/integrations/hono/index.ts",
};

/** Writes the project's tsconfig.json (the root's strict options, JS checked too). */
export function writeTsconfig(workDir: string, snippets: WrittenSnippet[]): string {
  const paths = Object.fromEntries(Object.entries(ENTRY_POINTS).map(([k, v]) => [k, [join(ROOT, v)]]));
  const config = {
    compilerOptions: {
      strict: true,
      target: "es2022",
      lib: ["es2023", "esnext.disposable", "dom"],
      module: "nodenext",
      moduleResolution: "nodenext",
      types: ["node"],
      typeRoots: [join(ROOT, "node_modules/@types")],
      noEmit: true,
      skipLibCheck: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      useDefineForClassFields: true,
      noImplicitOverride: true,
      allowJs: true,
      checkJs: true,
      paths,
    },
    files: snippets.map((s) => relative(workDir, s.path)),
  };
  const path = join(workDir, "tsconfig.json");
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
  return path;
}

/** A compiler error in a snippet, placed in its Markdown file. */
export interface SnippetError {
  compiler: string;
  snippet: string;
  /** `docs/guide/x.md:57: TS2345 Argument of type ...` */
  message: string;
}

/**
 * Runs one compiler over the project; returns the errors in snippets (errors in the sources
 * themselves are `npm run typecheck`'s business and are left out).
 */
export async function typecheck(
  compiler: keyof typeof COMPILERS,
  tsconfig: string,
  snippets: WrittenSnippet[],
): Promise<SnippetError[]> {
  let output = "";
  try {
    await run(process.execPath, [COMPILERS[compiler], "-p", tsconfig, "--pretty", "false"], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number };
    output = `${e.stdout ?? ""}${e.stderr ?? ""}`;
    if (!output.trim()) throw error;
  }
  const byPath = new Map(snippets.map((s) => [s.path, s]));
  const errors: SnippetError[] = [];
  let current: SnippetError | undefined;
  for (const line of output.split("\n")) {
    const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (!m) {
      if (current && line.startsWith(" ")) current.message += `\n${line}`;
      continue;
    }
    current = undefined;
    const absolute = join(ROOT, m[1]!);
    const snippet = byPath.get(absolute) ?? byPath.get(m[1]!);
    if (!snippet) continue;
    const mdLine = snippet.lineMap[Number(m[2]) - 1];
    const where = mdLine ? `${snippet.file}:${mdLine}` : `${snippet.id} (prelude import)`;
    current = { compiler, snippet: snippet.id, message: `${where}: ${m[4]} ${m[5]}` };
    errors.push(current);
  }
  if (errors.length === 0 && /error TS/.test(output)) {
    // Errors only in the sources or the config: say so instead of passing on a broken project.
    const first = output.split("\n").find((l) => /error TS/.test(l) && !/(^|\/)src\//.test(l));
    if (first) errors.push({ compiler, snippet: "(project)", message: first });
  }
  return errors;
}
