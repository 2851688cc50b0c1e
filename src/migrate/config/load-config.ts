/** Finds and loads `athanor.config.ts`, or takes a config object, and resolves it. */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import { importModule, loadErrorReason } from "../loader/user-modules.js";
import {
  type AthanorConfig,
  type ConfigOverrides,
  isResolvedConfig,
  type ResolvedConfig,
  resolveConfig,
} from "./config.js";

/** File names looked for in the working directory, in order. */
export const CONFIG_FILE_NAMES = [
  "athanor.config.ts",
  "athanor.config.mts",
  "athanor.config.cts",
  "athanor.config.js",
  "athanor.config.mjs",
  "athanor.config.cjs",
];

/** What a command accepts as its config: a config object, a resolved config, or a config file path. */
export type ConfigSource = AthanorConfig | ResolvedConfig | string;

/** The config file in `cwd`, or null. */
export function findConfigFile(cwd: string = process.cwd()): string | null {
  for (const name of CONFIG_FILE_NAMES) {
    const path = resolve(cwd, name);
    if (existsSync(path)) return path;
  }
  return null;
}

/** Loads a config file: its default export (an object, or a function returning one). */
export async function loadConfigFile(path: string, overrides: ConfigOverrides = {}): Promise<ResolvedConfig> {
  const file = resolve(path);
  if (!existsSync(file)) {
    throw new ConfigError(
      `Config file ${file} does not exist; create it with \`athanor init\`, or pass the right path with --config.`,
    );
  }
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(file);
  } catch (e) {
    const reason = loadErrorReason(e);
    throw new ConfigError(
      `${reason}\n  while loading the config file ${file}: fix it (it must import and run without errors); -v shows the full stack.`,
      { cause: e },
    );
  }
  let exported = (mod.default ?? mod.config) as unknown;
  if (typeof exported === "function") exported = await (exported as () => unknown)();
  if (exported === null || typeof exported !== "object") {
    throw new ConfigError(
      `Config file ${file} has no default export; write \`export default defineConfig({ url: ..., migrations: "migrations" })\`.`,
    );
  }
  return resolveConfig(exported as AthanorConfig, { root: dirname(file), ...overrides, configFile: file });
}

/**
 * Resolves a command's config: a path loads that file; a config object is resolved against the
 * working directory; a resolved config passes through (with overrides applied).
 */
export async function loadConfig(
  source: ConfigSource,
  overrides: ConfigOverrides = {},
): Promise<ResolvedConfig> {
  if (typeof source === "string") return loadConfigFile(source, overrides);
  if (isResolvedConfig(source)) {
    if (!overrides.url && !overrides.xArgs) return source;
    return resolveConfig(source.source, {
      root: source.root,
      configFile: source.configFile,
      url: overrides.url ?? (source.engine ? undefined : (source.url ?? undefined)),
      xArgs: overrides.xArgs ?? source.xArgs,
    });
  }
  return resolveConfig(source, overrides);
}
