/** The `autogenerate` settings of athanor.config.ts, with their defaults. */
import { ConfigError } from "../errors.js";

/** What autogenerate compares beyond tables, columns, nullability, indexes and constraints. */
export interface AutogenerateSettings {
  /** Compare column types (default true). */
  readonly compareType: boolean;
  /** Compare server defaults (default true; normalised, see serverDefaultsMatch). */
  readonly compareServerDefault: boolean;
}

const DEFAULTS: AutogenerateSettings = { compareType: true, compareServerDefault: true };

/** Reads `autogenerate: { compareType, compareServerDefault }` from the config; unknown keys are errors. */
export function readSettings(raw: unknown): AutogenerateSettings {
  if (raw === undefined || raw === null) return DEFAULTS;
  if (typeof raw !== "object" || Array.isArray(raw))
    throw new ConfigError(
      "The config's 'autogenerate' must be an object, e.g. { compareServerDefault: false }.",
    );
  const out: Record<string, boolean> = { ...DEFAULTS };
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in DEFAULTS))
      throw new ConfigError(
        `Unknown autogenerate setting '${key}'; the settings are ${Object.keys(DEFAULTS).join(", ")}.`,
      );
    if (typeof value !== "boolean")
      throw new ConfigError(`autogenerate.${key} must be true or false, got ${JSON.stringify(value)}.`);
    out[key] = value;
  }
  return out as unknown as AutogenerateSettings;
}
