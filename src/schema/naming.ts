import { ArgumentError } from "../errors.js";
import type { Column } from "./column.js";
import type { CheckDef, Constraint, ForeignKeyConstraintDef, IndexDef } from "./constraints.js";
import type { Table } from "./table.js";

/**
 * Templates naming constraints and indexes, as SQLAlchemy's `naming_convention`: keys `ix`, `uq`,
 * `ck`, `fk`, `pk`; tokens `%(table_name)s`, `%(column_0_name)s`, `%(column_0_label)s`,
 * `%(column_0N_name)s`, `%(column_0_N_name)s`, `%(referred_table_name)s`,
 * `%(referred_column_0_name)s`, `%(constraint_name)s`.
 */
export type NamingConvention = Partial<Record<"ix" | "uq" | "ck" | "fk" | "pk", string>>;

/** The naming convention MetaData starts from: indexes named `ix_<table>_<column>`, as SQLAlchemy's. */
export const DEFAULT_NAMING_CONVENTION: NamingConvention = { ix: "ix_%(column_0_label)s" };

const KIND_KEYS = { primary_key: "pk", foreign_key: "fk", unique: "uq", check: "ck" } as const;

function columnTokens(
  prefix: string,
  cols: readonly Column<any, any>[],
  tokens: Record<string, string>,
): void {
  const names = cols.map((c) => c.name);
  const labels = cols.map((c) => `${c.table.name}_${c.name}`);
  const keys = cols.map((c) => c.key);
  tokens[`${prefix}_0_name`] = names[0] ?? "";
  tokens[`${prefix}_0_label`] = labels[0] ?? "";
  tokens[`${prefix}_0_key`] = keys[0] ?? "";
  tokens[`${prefix}_0N_name`] = names.join("");
  tokens[`${prefix}_0_N_name`] = names.join("_");
  tokens[`${prefix}_0N_label`] = labels.join("");
  tokens[`${prefix}_0_N_label`] = labels.join("_");
  tokens[`${prefix}_0N_key`] = keys.join("");
  tokens[`${prefix}_0_N_key`] = keys.join("_");
}

function render(template: string, tokens: Record<string, string>, what: string): string {
  return template.replace(/%\((\w+)\)s/g, (_, token: string) => {
    const value = tokens[token];
    if (value === undefined)
      throw new ArgumentError(
        `Naming convention "${template}" uses unknown token %(${token})s (for ${what})`,
      );
    return value;
  });
}

/** The convention name of a constraint, or null when the convention has no template for it. */
export function conventionName(
  convention: NamingConvention,
  c: Constraint,
  table: Table<any, any>,
): string | null {
  const template = convention[KIND_KEYS[c.kind]];
  if (!template) return null;
  const tokens: Record<string, string> = { table_name: table.name };
  if (c.kind === "check") {
    if (template.includes("%(constraint_name)s") && !c.name) {
      throw new ArgumentError(
        `Naming convention "${template}" needs %(constraint_name)s, so the check constraint on '${table.name}' must be named: CheckConstraint("${(c as CheckDef).sqltext.kind === "text" ? ((c as CheckDef).sqltext as { text: string }).text : "..."}", { name: "..." }).`,
      );
    }
  } else {
    columnTokens("column", (c as unknown as { columns: readonly Column<any, any>[] }).columns, tokens);
  }
  if (c.kind === "foreign_key") {
    const fk = c as ForeignKeyConstraintDef;
    tokens.referred_table_name = fk.referredTableName.split(".").at(-1)!;
    const referred = fk.elements
      .map((e) => e.referencedColumn())
      .filter((x): x is Column<any, any> => x !== null);
    columnTokens("referred_column", referred, tokens);
    if (!referred.length) tokens.referred_column_0_name = fk.elements[0]?.targetColumnName ?? "";
  }
  if (c.name) tokens.constraint_name = c.name;
  if (c.name && !template.includes("%(constraint_name)s")) return null;
  return render(template, tokens, `${c.kind} constraint on ${table.name}`);
}

/** The convention name of an index, or null. */
export function indexConventionName(
  convention: NamingConvention,
  ix: IndexDef,
  table: Table<any, any>,
): string | null {
  const template = convention.ix;
  if (!template || ix.name) return null;
  const tokens: Record<string, string> = { table_name: table.name };
  columnTokens("column", ix.columns, tokens);
  return render(template, tokens, `index on ${table.name}`);
}

/**
 * The convention name of the CHECK a VARCHAR-stored enum gets, or null without a `ck` template:
 * `%(constraint_name)s` is the enum's name, the column tokens name its column (as SQLAlchemy).
 */
export function enumCheckConventionName(col: Column<any, any>, enumName: string): string | null {
  const template = col.table.metadata.namingConvention.ck;
  if (!template) return null;
  const tokens: Record<string, string> = { table_name: col.table.name, constraint_name: enumName };
  columnTokens("column", [col], tokens);
  return render(template, tokens, `enum check on ${col.table.name}.${col.name}`);
}

/**
 * Shortens a name that exceeds the database's identifier limit, keeping it unique with a hash
 * suffix (as SQLAlchemy does): `name[:max-8] + "_" + md5(name)[-4:]`.
 */
export function truncateName(name: string, maxLength: number): string {
  if (name.length <= maxLength) return name;
  // node:crypto is loaded here, not imported: importing it costs every process ~4 ms of CPU at start.
  const hash = process.getBuiltinModule("node:crypto").createHash("md5").update(name).digest("hex").slice(-4);
  return `${name.slice(0, maxLength - 8)}_${hash}`;
}
