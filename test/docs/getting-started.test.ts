/**
 * The getting-started guide followed step by step in an empty folder, with the packed tarball:
 * install, the guide's files (each ```ts block whose first line is `// <path>`), `athanor init`,
 * the guide's config, `revision --autogenerate`, `upgrade head`, the first query, and the web
 * route answering over HTTP. On PostgreSQL when ATHANOR_TEST_POSTGRES_URL is set, else on the
 * guide's SQLite file.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Provisioned, provision } from "../support/databases.js";
import { readBlocks } from "./markdown-blocks.js";
import { ROOT } from "./snippets.js";

const exec = promisify(execFile);
const GUIDE = "docs/guide/getting-started.md";
/** Drivers and frameworks the guide installs, linked from this repository (no network). */
const LINKED = ["better-sqlite3", "pg", "hono", "@hono/node-server"];

let work: string;
let db: Provisioned | undefined;
let server: ChildProcess | undefined;
let env: NodeJS.ProcessEnv;

async function ok(cmd: string, args: readonly string[]): Promise<string> {
  try {
    return (await exec(cmd, args, { cwd: work, env, encoding: "utf8", timeout: 180_000 })).stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${err.stdout ?? ""}\n${err.stderr ?? ""}`);
  }
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as { port: number };
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist/index.js")))
    throw new Error("dist/ is not built: run `npm run build` first (npm test does)");
  work = mkdtempSync(join(tmpdir(), "athanor-getting-started-"));
  if (process.env.ATHANOR_TEST_POSTGRES_URL) db = await provision("postgresql", {});
  env = { ...process.env, NODE_OPTIONS: "", DATABASE_URL: db?.url ?? "" };
  if (!db) delete env.DATABASE_URL;
}, 120_000);

afterAll(async () => {
  server?.kill();
  await db?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

it("ends with a migrated database and a web route answering", { timeout: 480_000 }, async () => {
  const [packed] = JSON.parse(
    await exec("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: ROOT }).then(
      (r) => r.stdout,
    ),
  ) as { filename: string }[];
  // Install: the guide's commands, with the tarball for athanor.
  await ok("npm", ["init", "-y"]);
  await ok("npm", ["pkg", "set", "type=module"]);
  await ok("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", join(work, packed!.filename)]);
  for (const name of LINKED) {
    mkdirSync(dirname(join(work, "node_modules", name)), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", name), join(work, "node_modules", name), "dir");
  }

  // The guide's files, as the reader saves them.
  const files = readBlocks(join(ROOT, GUIDE), GUIDE)
    .filter((b) => b.lang === "ts")
    .map((b) => ({ path: /^\/\/ (\S+\.ts)$/.exec(b.code.split("\n")[0]!)?.[1], code: b.code }))
    .filter((f): f is { path: string; code: string } => f.path !== undefined);
  expect(files.map((f) => f.path).sort()).toEqual([
    "athanor.config.ts",
    "src/app.ts",
    "src/main.ts",
    "src/models.ts",
  ]);

  const athanor = (...args: string[]) => ok("npx", ["--no-install", "athanor", ...args]);
  expect(await athanor("init", "migrations")).toContain("athanor.config.ts");
  for (const file of files) {
    mkdirSync(dirname(join(work, file.path)), { recursive: true });
    writeFileSync(join(work, file.path), `${file.code}\n`);
  }
  await athanor("revision", "--autogenerate", "-m", "create kits");
  const [revision] = readdirSync(join(work, "migrations/versions"));
  expect(revision).toMatch(/_create_kits\.ts$/);
  expect(await athanor("upgrade", "head")).toContain("1 migration applied");
  expect(await athanor("current")).toContain(revision!.split("_")[0]);

  const main = await ok("npx", ["--no-install", "tsx", "src/main.ts"]);
  expect(main).toContain("KIT-002 available");

  const port = await freePort();
  server = spawn("npx", ["--no-install", "tsx", "src/app.ts"], {
    cwd: work,
    env: { ...env, PORT: String(port) },
  });
  let output = "";
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  let body: unknown;
  for (let i = 0; i < 100 && body === undefined; i++) {
    await new Promise((r) => setTimeout(r, 200));
    body = await fetch(`http://127.0.0.1:${port}/kits`)
      .then((r) => (r.ok ? r.json() : undefined))
      .catch(() => undefined);
  }
  expect(body, output).toMatchObject([{ code: "KIT-001" }, { code: "KIT-002", serialNumber: "SN-2" }]);
});
