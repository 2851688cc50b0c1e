/**
 * The package as a user installs it: `npm pack`, then the tarball installed into fresh CommonJS and
 * ES module projects, in JavaScript and in TypeScript (tsc --init defaults, TypeScript 7 and 5.9).
 * Each project runs a Core query and an ORM flush on SQLite, and the CLI from init to downgrade
 * with a config that imports its models. Only better-sqlite3 is installed beside athanor (linked
 * from this repository's node_modules; athanor's own dependencies come from the npm cache).
 */
import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPECTED_OUTPUT, PROJECT_KINDS, type ProjectKind } from "./consumer-apps.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TSC = {
  "7": join(ROOT, "node_modules/typescript/bin/tsc"),
  "5.9": join(ROOT, "node_modules/typescript-5.9/bin/tsc"),
};
const exec = promisify(execFile);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(cmd: string, args: readonly string[], cwd: string): Promise<Run> {
  const env = { ...process.env, NODE_OPTIONS: "", DATABASE_URL: "" };
  try {
    const r = await exec(cmd, args, { cwd, env, encoding: "utf8", timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof err.code === "number" ? err.code : 1,
      stdout: err.stdout ?? "",
      stderr: err.stderr ?? "",
    };
  }
}

/** Runs and expects success, showing the output when it fails. */
async function ok(cmd: string, args: readonly string[], cwd: string): Promise<string> {
  const r = await run(cmd, args, cwd);
  expect(r.code, `${cmd} ${args.join(" ")} in ${cwd}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

let work: string;
let tarball: string;

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist/index.js")))
    throw new Error("dist/ is not built: run `npm run build` first (npm test does)");
  work = mkdtempSync(join(tmpdir(), "athanor-consumer-"));
  const [packed] = JSON.parse(
    await ok("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed!.filename);
  const paths = packed!.files.map((f) => f.path);
  expect(paths.filter((p) => !/^(dist\/|bin\/|README\.md$|LICENSE$|package\.json$)/.test(p))).toEqual([]);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function install(kind: ProjectKind): Promise<string> {
  const dir = join(work, kind.name);
  mkdirSync(dir);
  await ok("npm", ["init", "-y"], dir);
  if (kind.esm) await ok("npm", ["pkg", "set", "type=module"], dir);
  await ok("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], dir);
  symlinkSync(join(ROOT, "node_modules/better-sqlite3"), join(dir, "node_modules/better-sqlite3"), "dir");
  for (const [path, text] of Object.entries(kind.files)) writeFileSync(join(dir, path), text);
  return dir;
}

describe.concurrent("the packed package in a new project", () => {
  for (const kind of PROJECT_KINDS) {
    it(`${kind.name}: imports athanor, queries and flushes on SQLite, and runs the CLI`, async () => {
      const dir = await install(kind);
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { type?: string };
      expect(pkg.type ?? "commonjs").toBe(kind.esm ? "module" : "commonjs");

      if (kind.typescript) {
        await ok("node", [TSC["7"], "--init"], dir);
        // Compiling with tsc --init defaults as they are checks the app under TypeScript 7.
        await ok("node", [TSC["7"], "--outDir", "build"], dir);
      }
      const out = await ok("node", [kind.main], dir);
      expect(JSON.parse(out)).toEqual(EXPECTED_OUTPUT);

      const cli = (...args: string[]) => ok("npx", ["--no-install", "athanor", ...args], dir);
      expect(await cli("init", "migrations")).toContain(
        kind.esm ? "athanor.config.ts" : "athanor.config.mts",
      );
      for (const generated of ["athanor.config.ts", "athanor.config.mts"])
        rmSync(join(dir, generated), { force: true });
      writeFileSync(join(dir, kind.config.path), kind.config.text);
      await cli("revision", "--autogenerate", "-m", "create kits");
      const [revision] = readdirSync(join(dir, "migrations/versions"));
      expect(revision).toMatch(kind.esm ? /_create_kits\.ts$/ : /_create_kits\.mts$/);
      const source = readFileSync(join(dir, "migrations/versions", revision!), "utf8");
      expect(source).toContain("VARCHAR(50)");
      expect(await cli("upgrade", "head")).toContain("1 migration applied");
      expect(await cli("check")).toContain("No new upgrade operations detected");
      expect(await cli("downgrade", "base")).toContain("the database is at base");
      expect(await cli("current", "-v")).toContain("no revision applied");
      // Nothing is written into the package: no start-up cache, no compiled copies.
      expect(existsSync(join(dir, "node_modules/.cache"))).toBe(false);
      expect(existsSync(join(dir, "node_modules/athanor/node_modules"))).toBe(false);

      if (kind.typescript) {
        // App, config and generated revision, with the library's own declarations checked too.
        for (const version of ["7", "5.9"] as const)
          await ok("node", [TSC[version], "--noEmit", "--skipLibCheck", "false"], dir);
      }
    }, 480_000);
  }
});
