/**
 * Which extension new TypeScript files of a project get: `.ts` where the nearest package.json says
 * `"type": "module"`, `.mts` elsewhere. In a CommonJS project a `.ts` file is CommonJS, and the
 * ES module syntax that config and revision files are written in is then an error for TypeScript
 * under `verbatimModuleSyntax` (a `tsc --init` default); an `.mts` file is an ES module in any project.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** `.ts` in an ES module project, `.mts` in a CommonJS one (or where no package.json is found). */
export function typeScriptExtension(dir: string): ".ts" | ".mts" {
  for (let at = dir; ; at = dirname(at)) {
    const file = join(at, "package.json");
    if (existsSync(file)) {
      try {
        return (JSON.parse(readFileSync(file, "utf8")) as { type?: unknown }).type === "module"
          ? ".ts"
          : ".mts";
      } catch {
        return ".mts";
      }
    }
    if (dirname(at) === at) return ".mts";
  }
}
