/**
 * Every ```ts / ```js block of README.md and docs/ is type-checked (TypeScript 7 and 5.9, strict,
 * "athanor" resolving to the sources), and the blocks marked `run` are run on SQLite, and on
 * PostgreSQL when ATHANOR_TEST_POSTGRES_URL is set. test/docs/README.md describes the markers.
 */
import { cpSync, readFileSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { provision } from "../support/databases.js";
import { type CodeBlock, parseMarkers } from "./markdown-blocks.js";
import {
  bindsName,
  collectSnippets,
  groupBlocks,
  preludeExports,
  ROOT,
  type Snippet,
  writeSnippets,
} from "./snippets.js";
import { COMPILERS, type SnippetError, typecheck, writeTsconfig } from "./typecheck.js";

/** Per process, so two runs at once (two checkouts' test runs, a watcher) do not share files. */
const WORK = join(ROOT, `.athanor-test/docs-snippets-${process.pid}`);

/** A snippet with a known error, checked with the others, to prove errors are found and placed. */
const CANARY: Snippet = {
  id: "canary.md:10",
  file: "canary.md",
  lang: "ts",
  blocks: [
    {
      file: "canary.md",
      line: 10,
      lang: "ts",
      code: 'import { column, Integer } from "athanor";\nconst n: number = column(Integer);',
      markers: parseMarkers("", "canary"),
    },
  ],
  run: false,
  sqliteOnly: false,
  modules: {},
};

const { snippets, fragments } = collectSnippets();
const written = writeSnippets([...snippets, CANARY], WORK, (p) => readFileSync(p, "utf8"));
const tsconfig = writeTsconfig(WORK, written);

describe("documentation snippets", () => {
  it("finds the blocks (the scan is not empty) and lists the fragments it leaves out", () => {
    expect(snippets.length).toBeGreaterThan(20);
    expect(snippets.some((s) => s.file === "README.md")).toBe(true);
    const ratio = fragments.length / (fragments.length + snippets.length);
    // Fragments are marked one by one; most blocks must still be whole, checked modules.
    expect(ratio).toBeLessThan(0.35);
  });

  describe.concurrent.each(Object.keys(COMPILERS) as (keyof typeof COMPILERS)[])(
    "type check with %s",
    (compiler) => {
      it("passes, and finds the canary's error at its Markdown line", { timeout: 180_000 }, async () => {
        const errors = await typecheck(compiler, tsconfig, written);
        const canary = errors.filter((e) => e.snippet === CANARY.id);
        expect(canary.map((e) => e.message.split(" ")[0])).toEqual(["canary.md:11:"]);
        const rest: SnippetError[] = errors.filter((e) => e.snippet !== CANARY.id);
        expect(rest.map((e) => e.message)).toEqual([]);
      });
    },
  );

  const runnable = written.filter((s) => s.run);
  const databases = process.env.ATHANOR_TEST_POSTGRES_URL
    ? (["sqlite", "postgresql"] as const)
    : (["sqlite"] as const);
  const cwd = process.cwd();
  afterAll(() => {
    process.chdir(cwd);
    rmSync(WORK, { recursive: true, force: true });
  });

  describe.each(databases)("runnable snippets on %s", (database) => {
    const list = runnable.filter((s) => database === "sqlite" || !s.sqliteOnly);
    it("has snippets to run", () => expect(list.length).toBeGreaterThan(database === "sqlite" ? 5 : 3));
    it.each(list.map((s) => [s.id, s] as const))("%s", { timeout: 60_000 }, async (_id, snippet) => {
      const db = database === "postgresql" ? await provision("postgresql", {}) : undefined;
      const log = vi.spyOn(console, "log").mockImplementation(() => {});
      const previous = process.env.DATABASE_URL;
      try {
        if (db) process.env.DATABASE_URL = db.url;
        else delete process.env.DATABASE_URL;
        // A copy per database: its prelude and local modules are new module instances too.
        const dir = `${snippet.dir}-${database}`;
        cpSync(snippet.dir, dir, { recursive: true });
        process.chdir(dir);
        await import(/* @vite-ignore */ pathToFileURL(join(dir, basename(snippet.path))).href);
      } finally {
        process.chdir(cwd);
        log.mockRestore();
        if (previous === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = previous;
        await db?.cleanup();
      }
    });
  });
});

describe("the snippet harness", () => {
  const block = (line: number, code: string, markers: string): CodeBlock => ({
    file: "x.md",
    line,
    lang: "ts",
    code,
    markers: parseMarkers(markers, `x.md:${line}`),
  });

  it("rejects an unknown marker instead of skipping the block", () => {
    expect(() => parseMarkers("fragmnet", "x.md:3")).toThrow(/x.md:3: unknown snippet marker "fragmnet"/);
    expect(() => parseMarkers("fragment run", "x.md:3")).toThrow(/cannot also be run/);
    expect(parseMarkers("continues run sqlite", "x")).toMatchObject({
      continues: true,
      run: true,
      sqliteOnly: true,
    });
  });

  it("joins continuing blocks, keeps fragments apart", () => {
    const { snippets, fragments } = groupBlocks([
      block(1, "a", "prelude=p"),
      block(5, "b", "continues run"),
      block(9, "c", "fragment"),
      block(12, "d", ""),
    ]);
    expect(snippets.map((s) => [s.id, s.blocks.length, s.run, s.prelude])).toEqual([
      ["x.md:1", 2, true, "p"],
      ["x.md:12", 1, false, undefined],
    ]);
    expect(fragments.map((f) => f.line)).toEqual([9]);
    expect(() => groupBlocks([block(1, "a", "fragment"), block(3, "b", "continues")])).toThrow(
      /needs a checked block/,
    );
  });

  it("imports from a prelude only the names a snippet does not bind itself", () => {
    expect(preludeExports("export const engine = 1;\nexport class Kit {}\nexport { a, b as c };")).toEqual([
      "engine",
      "Kit",
      "a",
      "c",
    ]);
    const code = 'import { type Engine, Kit as K } from "athanor";\nclass Kit {}\nconst db = 1;';
    expect(["Engine", "Kit", "db", "engine"].filter((n) => !bindsName(code, n))).toEqual(["engine"]);
  });
});
