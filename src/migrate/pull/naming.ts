/**
 * Names in pulled model source: property keys from column names, class names from table names,
 * relationship names from foreign keys, and a scope that keeps each name unique.
 */
import { snakeCase } from "../../schema/metadata.js";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Words of a SQL name: `custody_events` -> ["custody", "events"], `KitCode` -> ["kit", "code"]. */
function words(name: string): string[] {
  return snakeCase(name.replace(/[^A-Za-z0-9]+/g, "_"))
    .split("_")
    .filter(Boolean);
}

/** `created_at` -> `createdAt`; a name that starts with a digit gets a leading underscore. */
export function camelCase(name: string): string {
  const w = words(name);
  if (w.length === 0) return "_";
  const out = w[0]! + w.slice(1).map(capitalize).join("");
  return /^\d/.test(out) ? `_${out}` : out;
}

/** `custody_event` -> `CustodyEvent`. */
export function pascalCase(name: string): string {
  const out = words(name).map(capitalize).join("");
  return out === "" || /^\d/.test(out) ? `T${out}` : out;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** English singular of the last word of a table name (`categories` -> `category`), good enough for names. */
export function singular(name: string): string {
  if (/ies$/i.test(name) && name.length > 4) return `${name.slice(0, -3)}y`;
  if (/(ss|us|is)$/i.test(name)) return name;
  if (/(s|x|z|ch|sh)es$/i.test(name)) return name.slice(0, -2);
  if (/s$/i.test(name) && name.length > 1) return name.slice(0, -1);
  return name;
}

/** English plural of a name (`event` -> `events`), for collections named after a table. */
export function plural(name: string): string {
  if (/s$/i.test(name)) return name;
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(x|z|ch|sh)$/i.test(name)) return `${name}es`;
  return `${name}s`;
}

/** Whether a string can be written as a bare identifier. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** The column name a declarative model derives from a property key (snake_case). */
export function columnNameOf(key: string): string {
  return snakeCase(key);
}

/** Names taken in one scope (a module, or a class's members); `claim` makes a name unique in it. */
export class NameScope {
  readonly #taken: Set<string>;

  /** A scope where `reserved` names are already taken. */
  constructor(reserved: Iterable<string> = []) {
    this.#taken = new Set(reserved);
  }

  /** Whether the name is taken. */
  has(name: string): boolean {
    return this.#taken.has(name);
  }

  /** Takes `name`, or the first free of `fallbacks`, or `name` with a number. */
  claim(name: string, ...fallbacks: string[]): string {
    for (const candidate of [name, ...fallbacks]) {
      if (!this.#taken.has(candidate)) {
        this.#taken.add(candidate);
        return candidate;
      }
    }
    for (let i = 2; ; i++) {
      const candidate = `${name}${i}`;
      if (!this.#taken.has(candidate)) {
        this.#taken.add(candidate);
        return candidate;
      }
    }
  }
}
