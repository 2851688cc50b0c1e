/**
 * Which objects autogenerate looks at: the config's `include` filter (Alembic's include_object),
 * asked once per object, and `includeObjects()`, which builds such a filter from names by kind.
 */
import type { IncludeFilter, IncludeObject } from "../config/config.js";
import { ConfigError } from "../errors.js";

/** The kinds of object the include filter is asked about. */
export const INCLUDE_KINDS = [
  "schema",
  "table",
  "column",
  "index",
  "unique_constraint",
  "foreign_key_constraint",
  "check_constraint",
  "enum",
] as const satisfies readonly IncludeObject["type"][];

/** A kind of object: "table", "column", "index", ... */
export type IncludeKind = (typeof INCLUDE_KINDS)[number];

/** A name, a glob with `*` (`"legacy_*"`), or a regular expression. */
export type NamePattern = string | RegExp;

/** Names by kind, for includeObjects(). Column, index and constraint names may be `table.name`. */
export type NamesByKind = Partial<Record<IncludeKind, readonly NamePattern[]>>;

function matcher(pattern: NamePattern): (name: string) => boolean {
  if (pattern instanceof RegExp) return (name) => pattern.test(name);
  if (!pattern.includes("*")) return (name) => name === pattern;
  const re = new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`);
  return (name) => re.test(name);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function compile(
  spec: NamesByKind | undefined,
  what: string,
): Map<IncludeKind, ((name: string) => boolean)[]> {
  const out = new Map<IncludeKind, ((name: string) => boolean)[]>();
  if (spec === undefined) return out;
  if (spec === null || typeof spec !== "object" || Array.isArray(spec))
    throw new ConfigError(
      `includeObjects({ ${what} }) takes an object of names by kind, e.g. { table: ["legacy_*"] }.`,
    );
  for (const [kind, patterns] of Object.entries(spec)) {
    if (!(INCLUDE_KINDS as readonly string[]).includes(kind)) {
      throw new ConfigError(
        `includeObjects(): unknown include filter kind '${kind}' in '${what}'; use one of ${INCLUDE_KINDS.join(", ")}.`,
      );
    }
    if (!Array.isArray(patterns) || patterns.some((p) => typeof p !== "string" && !(p instanceof RegExp)))
      throw new ConfigError(
        `includeObjects(): '${what}.${kind}' must be a list of names, globs ("legacy_*") or regular expressions.`,
      );
    out.set(kind as IncludeKind, (patterns as NamePattern[]).map(matcher));
  }
  return out;
}

/**
 * An include filter from names by kind: objects matching `exclude` are ignored, and when `only`
 * names a kind, other objects of that kind are ignored. Names of columns, indexes and
 * constraints match as `name` or `table.name`.
 * `include: includeObjects({ exclude: { table: ["spatial_ref_sys"], enum: ["legacy_*"] } })`
 */
export function includeObjects(spec: { only?: NamesByKind; exclude?: NamesByKind }): IncludeFilter {
  if (spec === null || typeof spec !== "object")
    throw new ConfigError("includeObjects() takes { only?: {...}, exclude?: {...} }.");
  for (const key of Object.keys(spec))
    if (key !== "only" && key !== "exclude")
      throw new ConfigError(`includeObjects(): unknown option '${key}'; use 'only' and/or 'exclude'.`);
  const only = compile(spec.only, "only");
  const exclude = compile(spec.exclude, "exclude");
  return (object) => {
    const names = object.name === null ? [] : [object.name];
    if (object.name !== null && object.tableName !== null) names.push(`${object.tableName}.${object.name}`);
    const hit = (tests: ((name: string) => boolean)[] | undefined) =>
      tests !== undefined && names.some((n) => tests.some((t) => t(n)));
    if (hit(exclude.get(object.type))) return false;
    const wanted = only.get(object.type);
    return wanted === undefined || object.name === null || hit(wanted);
  };
}

/** Asks the config's filter about objects, checking that it answers true or false. */
export class Includer {
  readonly #filter: IncludeFilter | null;

  /** Wraps the config's `include` (null: everything is included). */
  constructor(filter: unknown) {
    if (filter !== null && filter !== undefined && typeof filter !== "function") {
      throw new ConfigError(
        `The config's 'include' must be a function (object) => boolean, or includeObjects({ exclude: { table: [...] } }); got ${Array.isArray(filter) ? "an array" : typeof filter}.`,
      );
    }
    this.#filter = (filter as IncludeFilter | null | undefined) ?? null;
  }

  /** Whether autogenerate considers the object. */
  includes(object: IncludeObject): boolean {
    if (!this.#filter) return true;
    const answer: unknown = this.#filter(object);
    if (typeof answer !== "boolean") {
      const where = object.tableName ? `${object.tableName}.${object.name}` : object.name;
      throw new ConfigError(
        `The config's include filter returned ${answer === undefined ? "undefined" : JSON.stringify(answer)} for ${object.type} '${where}'; it must return true (compare it) or false (ignore it).`,
      );
    }
    return answer;
  }

  /** Shorthand for tables, enums and schemas (objects not inside a table). */
  top(type: "table" | "enum" | "schema", name: string, schema: string | null, reflected: boolean): boolean {
    return this.includes({ type, name, tableName: null, schema, reflected });
  }

  /** Shorthand for columns, indexes and constraints of a table. */
  part(
    type: Exclude<IncludeKind, "table" | "enum" | "schema">,
    name: string | null,
    tableName: string,
    schema: string | null,
    reflected: boolean,
  ): boolean {
    return this.includes({ type, name, tableName, schema, reflected });
  }
}
