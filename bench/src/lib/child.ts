/** Child processes that report one JSON line: the memory and scaling probes, the cold-start scripts. */
import { spawn } from "node:child_process";
import { BENCH_DIR } from "./config.ts";

export interface ChildReport {
  /** The JSON after the prefix on the first stdout line that starts with it. */
  readonly value: unknown;
  /** Wall time from spawn to exit, as the parent saw it. */
  readonly wallMs: number;
}

/**
 * Runs `node args` in bench/ and resolves with its "<prefix>{json}" line; rejects, with the last lines of
 * its stderr, when it exits non-zero, prints no such line, or runs longer than `timeoutMs`.
 */
export function runNodeChild(
  args: readonly string[],
  prefix: string,
  timeoutMs: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildReport> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: BENCH_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const line = out.split("\n").find((l) => l.startsWith(prefix));
      if (code !== 0 || !line) {
        reject(new Error(`exited with ${code}: ${(err || out).trim().split("\n").slice(-3).join(" ")}`));
        return;
      }
      resolvePromise({ value: JSON.parse(line.slice(prefix.length)), wallMs });
    });
  });
}
