/**
 * Finds the system modules: every `src/systems/<id>.ts` (files starting with "_" are skipped). A module
 * default-exports a SystemFactory; nothing else in the harness names the systems.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { SystemFactory } from "../system.ts";
import { SYSTEMS_DIR } from "./config.ts";

export interface SystemModuleInfo {
  readonly id: string;
  readonly file: string;
  readonly factory?: SystemFactory;
  /** Why the module could not be loaded (e.g. a peer library or the generated Prisma client is missing). */
  readonly loadError?: string;
}

export function systemFiles(): { id: string; file: string }[] {
  return readdirSync(SYSTEMS_DIR)
    .filter((f) => f.endsWith(".ts") && !f.startsWith("_") && !f.endsWith(".d.ts"))
    .sort()
    .map((f) => ({ id: f.slice(0, -3), file: join(SYSTEMS_DIR, f) }));
}

export async function loadSystemModule(file: string): Promise<SystemFactory> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (typeof mod.default !== "function") throw new Error(`${file} does not default-export a SystemFactory`);
  return mod.default as SystemFactory;
}

export async function loadSystems(): Promise<SystemModuleInfo[]> {
  const out: SystemModuleInfo[] = [];
  for (const { id, file } of systemFiles()) {
    try {
      out.push({ id, file, factory: await loadSystemModule(file) });
    } catch (err) {
      out.push({ id, file, loadError: err instanceof Error ? err.message.split("\n")[0] : String(err) });
    }
  }
  return out;
}
