/**
 * Loading TypeScript config and revision files without a build step. The CLI's launcher
 * registers tsx and the resolve hook before anything else; programmatic callers already run under
 * a TypeScript loader (tsx, vitest) or get both registered on first need. The hook maps `athanor`
 * and `athanor/migrate` to this very package's modules, so user files share the instances the
 * caller uses (`instanceof` holds), and makes project `.ts` files ESM whatever their package.json says.
 */
import { register } from "node:module";
import { pathToFileURL } from "node:url";

let hookInstalled = false;
let tsxRegistered = false;

/** The module URLs `athanor` and `athanor/migrate` resolve to: this package's sources. */
export function packageEntryUrls(): Record<string, string> {
  return {
    athanor: new URL("../../index.ts", import.meta.url).href,
    "athanor/migrate": new URL("../index.ts", import.meta.url).href,
  };
}

/** Set by the CLI launcher (bin/athanor.js), which registers the resolve hook itself. */
const CLI_MARK = Symbol.for("athanor.cli");

/**
 * Registers the `athanor` resolve hook once per process (Node 20.6+). The hook is plain
 * JavaScript beside the CLI launcher, as it runs in Node's loader thread.
 */
export function installAthanorResolveHook(): void {
  if (hookInstalled || CLI_MARK in globalThis) return;
  hookInstalled = true;
  register(new URL("../../../bin/resolve-hook.mjs", import.meta.url), { data: { map: packageEntryUrls() } });
}

/** Registers tsx's loader (for callers without a TypeScript loader), and the resolve hook. */
async function installTypeScriptLoader(): Promise<void> {
  if (!tsxRegistered) {
    tsxRegistered = true;
    const tsx = await import("tsx/esm/api");
    tsx.register();
  }
  installAthanorResolveHook();
}

function isUnknownExtension(e: unknown): boolean {
  return (e as { code?: string }).code === "ERR_UNKNOWN_FILE_EXTENSION";
}

/** Whether `athanor` itself could not be resolved (a project without the package installed). */
function isMissingAthanor(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err.code === "ERR_MODULE_NOT_FOUND" && /'athanor(\/migrate)?'/.test(err.message ?? "");
}

/**
 * Imports a TypeScript (or JavaScript) module by path. Without a TypeScript loader it registers
 * tsx; where `athanor` does not resolve it registers the resolve hook; then it tries again.
 */
export async function importModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (e) {
    if (isUnknownExtension(e)) await installTypeScriptLoader();
    else if (isMissingAthanor(e) && !hookInstalled && !(CLI_MARK in globalThis)) installAthanorResolveHook();
    else throw e;
    return (await import(url)) as Record<string, unknown>;
  }
}

/** Why a module failed to load, in one line: the compiler's first error with its position, or the message. */
export function loadErrorReason(e: unknown): string {
  const errors = (
    e as { errors?: { text?: string; location?: { file?: string; line?: number; column?: number } }[] }
  ).errors;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  if (first?.text) {
    const at = first.location;
    return at?.file ? `${at.file}:${at.line}:${at.column}: ${first.text}` : first.text;
  }
  const text = e instanceof Error ? e.message : String(e);
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  // "Transform failed with 1 error:" says nothing by itself; the next line has the position.
  if (lines.length > 1 && lines[0]!.endsWith(":")) return lines[1]!;
  return lines[0] ?? text;
}
