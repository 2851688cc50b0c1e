/**
 * Loading the user's config and revision files: TypeScript or JavaScript, in CommonJS or ES module
 * projects, with or without extensions in their imports. JavaScript loads through Node's own
 * `import()`. TypeScript loads through tsx, registered on the first `.ts` file that Node cannot load
 * by itself (callers already under a TypeScript loader, such as vitest, never register it). Both of
 * tsx's hooks are registered, so a `.ts` file follows its project's module type as a `.js` file
 * would. tsx caches its transforms in the OS temp folder: nothing is written into node_modules.
 */
import { pathToFileURL } from "node:url";

let typeScriptHooks: Promise<void> | null = null;

function registerTypeScript(): Promise<void> {
  typeScriptHooks ??= (async () => {
    const [esm, cjs] = await Promise.all([import("tsx/esm/api"), import("tsx/cjs/api")]);
    esm.register();
    cjs.register();
  })();
  return typeScriptHooks;
}

function isUnknownExtension(e: unknown): boolean {
  return (e as { code?: string }).code === "ERR_UNKNOWN_FILE_EXTENSION";
}

/**
 * A module's exports as the ES module syntax it was written in says: a CommonJS module compiled
 * from `export` statements (a `.ts` file in a CommonJS project) comes from `import()` as
 * `{ default: { __esModule: true, revision, upgrade, default, ... } }`, and its named exports are
 * defined as getters that Node's named-export detection cannot see.
 */
function esModuleView(mod: Record<string, unknown>): Record<string, unknown> {
  const inner = mod.default as Record<string, unknown> | null | undefined;
  return inner !== null && typeof inner === "object" && inner.__esModule === true ? inner : mod;
}

/** Imports a TypeScript or JavaScript module by path (`module.exports = x` comes as `default`). */
export async function importModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  if (typeScriptHooks) await typeScriptHooks;
  try {
    return esModuleView((await import(url)) as Record<string, unknown>);
  } catch (e) {
    if (!isUnknownExtension(e)) throw e;
    await registerTypeScript();
    // Node keeps the failed load of this URL: a query makes the second attempt a new module.
    return esModuleView((await import(`${url}?typescript`)) as Record<string, unknown>);
  }
}

/** The first stack frame in the user's own files (not Node's, not a package's, not generated code). */
function userFrame(stack: string): string | null {
  for (const line of stack.split("\n").slice(1)) {
    const at = /(?:\(|^at )((?:file:\/\/)?\/[^()\s]+:\d+:\d+)\)?$/.exec(line.trim());
    if (at && !at[1]!.includes("/node_modules/")) return at[1]!.replace(/^file:\/\//, "");
  }
  return null;
}

/** A module that does not resolve, named for the hint. */
function missingPackage(e: unknown): string | null {
  const err = e as { code?: string; message?: string };
  if (err.code !== "ERR_MODULE_NOT_FOUND" && err.code !== "MODULE_NOT_FOUND") return null;
  return /Cannot find (?:package|module) '([^']+)'/.exec(err.message ?? "")?.[1] ?? null;
}

/**
 * Why a module failed to load, in one line: the user's own error (the compiler's first error with
 * its position, or the thrown error with the first frame in the user's files), never loader
 * internals such as data: URLs.
 */
export function loadErrorReason(e: unknown): string {
  const errors = (
    e as { errors?: { text?: string; location?: { file?: string; line?: number; column?: number } }[] }
  ).errors;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  if (first?.text) {
    const at = first.location;
    return at?.file ? `${at.file}:${at.line}:${at.column}: ${first.text}` : first.text;
  }
  const missing = missingPackage(e);
  if (missing === "athanor" || missing?.startsWith("athanor/")) {
    return `it imports '${missing}', which is not installed in this project; run \`npm install athanor\` there`;
  }
  if (!(e instanceof Error)) return String(e);
  const lines = e.message
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith("data:"));
  // "Transform failed with 1 error:" says nothing by itself; the next line has the position.
  const message = lines.length > 1 && lines[0]!.endsWith(":") ? lines[1]! : (lines[0] ?? e.name);
  const frame = missing ? null : userFrame(e.stack ?? "");
  const text = `${e.name === "Error" ? "" : `${e.name}: `}${message}`;
  return frame && !message.includes(frame) ? `${text} (at ${frame})` : text;
}
