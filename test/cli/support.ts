/** Running the real CLI (`node bin/athanor.js ...`) as a child process in a temporary project. */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { makeProject, type TestProject } from "../integration/migrate/support.js";

/** The launcher under test. */
export const BIN = resolve(import.meta.dirname, "../../bin/athanor.js");

/** What a CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of a CLI run. */
export interface CliOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

function environment(extra: CliOptions["env"]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  for (const [k, v] of Object.entries(extra ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Starts `athanor <args>`; the caller waits for it with `finished`. */
export function startCli(
  args: readonly string[],
  options: CliOptions,
): { child: ChildProcess; finished: Promise<CliRun> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: environment(options.env) });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const finished = new Promise<CliRun>((done, fail) => {
    child.on("error", fail);
    child.on("close", (code, signal) => done({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
  return { child, finished };
}

/** Runs `athanor <args>` to completion. */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliRun> {
  return startCli(args, options).finished;
}

/** A project whose athanor.config.ts reads the URL from DATABASE_URL (and optionally more settings). */
export function cliProject(extraConfig = ""): TestProject {
  const project = makeProject("athanor-cli-");
  writeFileSync(
    join(project.dir, "athanor.config.ts"),
    `import { defineConfig, xArguments } from "athanor/migrate";

export default defineConfig({
  url: process.env.DATABASE_URL,
  migrations: "migrations",
  transactionPerMigration: xArguments().perMigration === "1",
  ${extraConfig}
});
`,
  );
  return project;
}

/** Replaces the body of `upgrade` / `downgrade` in a generated revision file (and adds imports). */
export function fillRevision(
  path: string,
  body: { up?: string; down?: string; imports?: readonly string[] },
): void {
  let text = readFileSync(path, "utf8");
  if (body.imports?.length)
    text = text.replace(/^(import type)/m, `import { ${body.imports.join(", ")} } from "athanor";\n$1`);
  if (body.up !== undefined)
    text = text.replace(
      "export async function upgrade(op: Operations): Promise<void> {}",
      `export async function upgrade(op: Operations): Promise<void> {\n${body.up}\n}`,
    );
  if (body.down !== undefined)
    text = text.replace(
      "export async function downgrade(op: Operations): Promise<void> {}",
      `export async function downgrade(op: Operations): Promise<void> {\n${body.down}\n}`,
    );
  writeFileSync(path, text);
}
