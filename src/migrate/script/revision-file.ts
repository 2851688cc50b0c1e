/**
 * Writing revision files: ids, file names, and the file text from the default template (or the
 * project's `<migrations>/script.ts.template`). The text comes out formatted as Biome / Prettier
 * would format it, and type-checks.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Code, CodeRenderer, docOf, literal, str } from "../render/code.js";
import { type Doc, group, indent, line } from "../render/doc.js";

/** A new revision id: 12 random hex digits, as Alembic's. */
export function newRevisionId(): string {
  return randomBytes(6).toString("hex");
}

/** The file-name part made of a message: lowercase words joined by `_`, cut at 40 characters. */
export function slugify(message: string, maxLength = 40): string {
  const slug = message
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const at = cut.lastIndexOf("_");
  return at > 0 ? cut.slice(0, at) : cut;
}

/** `<rev>_<slug>.ts` (or `<rev>.ts` without a message); `.mts` in a CommonJS project. */
export function revisionFileName(revision: string, message: string | undefined, extension = ".ts"): string {
  const slug = slugify(message ?? "");
  return slug ? `${revision}_${slug}${extension}` : `${revision}${extension}`;
}

/** The name of a project's revision template, in its migrations folder. */
export const TEMPLATE_FILE = "script.ts.template";

/** The built-in revision template; `{{name}}` placeholders are filled by renderRevisionFile. */
export const DEFAULT_REVISION_TEMPLATE = `/**
{{doc}}
 */
{{imports}}

{{declarations}}

export async function upgrade(op: Operations): Promise<void> {{upgradeBody}}

export async function downgrade(op: Operations): Promise<void> {{downgradeBody}}
`;

/** What a new revision file holds. */
export interface RevisionFileSpec {
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels?: readonly string[];
  readonly dependsOn?: readonly string[];
  readonly message?: string;
  readonly createDate?: string;
  /** Statements of upgrade(), rendered at indentation 2: `op.toCode(renderer, 2)` (or `// comment` lines). */
  readonly upgrades?: readonly string[];
  readonly downgrades?: readonly string[];
  /** The renderer the statements were rendered with: its imports go into the file. */
  readonly renderer?: CodeRenderer;
}

function docComment(spec: RevisionFileSpec): string {
  const down = spec.downRevision;
  const revises = down === null ? "" : typeof down === "string" ? down : down.join(", ");
  const message = (spec.message ?? "").replace(/\*\//g, "*\\/");
  const lines = [
    ...(message ? message.split("\n") : ["(no message)"]),
    "",
    `Revision ID: ${spec.revision}`,
    `Revises:${revises ? ` ${revises}` : ""}`,
  ];
  if (spec.createDate) lines.push(`Create Date: ${spec.createDate}`);
  return lines.map((l) => (l ? ` * ${l}` : " *")).join("\n");
}

/** `export const name: type = value;`, broken after `=` for long strings as Prettier does. */
function declaration(r: CodeRenderer, name: string, type: string | null, value: Code): string {
  const head = `export const ${name}${type ? `: ${type}` : ""} =`;
  const doc: Doc =
    typeof value === "string" ? group([head, indent([line, value]), ";"]) : [head, " ", docOf(value), ";"];
  return r.print(doc);
}

/** A function body from statements printed at indentation 2 (their later lines already indented). */
function body(statements: readonly string[] | undefined): string {
  if (!statements || statements.length === 0) return "{}";
  return `{\n${statements.map((s) => `  ${s}`).join("\n")}\n}`;
}

/** The text of a revision file, from the project's template when it has one. */
export function renderRevisionFile(spec: RevisionFileSpec, template = DEFAULT_REVISION_TEMPLATE): string {
  const r = spec.renderer ?? new CodeRenderer();
  r.useType("Operations", "athanor/migrate");
  const labels = [...(spec.branchLabels ?? [])];
  const deps = [...(spec.dependsOn ?? [])];
  const down = spec.downRevision;
  const declarations = [
    declaration(r, "revision", null, str(spec.revision)),
    declaration(r, "downRevision", "string | string[] | null", down === null ? "null" : literal(down)),
    declaration(r, "branchLabels", "string[]", literal(labels)),
    declaration(r, "dependsOn", "string[]", literal(deps)),
    declaration(r, "message", null, str(spec.message ?? "")),
    ...(spec.createDate ? [declaration(r, "createDate", null, str(spec.createDate))] : []),
  ].join("\n");
  const values: Record<string, string> = {
    doc: docComment(spec),
    imports: r.importLines().join("\n"),
    declarations,
    upgradeBody: body(spec.upgrades),
    downgradeBody: body(spec.downgrades),
    revision: str(spec.revision),
    message: str(spec.message ?? ""),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (m, key: string) => values[key] ?? m);
}

/** The project's revision template if `<migrations>/script.ts.template` exists, else the built-in one. */
export function revisionTemplate(migrationsDir: string): string {
  const path = join(migrationsDir, TEMPLATE_FILE);
  return existsSync(path) ? readFileSync(path, "utf8") : DEFAULT_REVISION_TEMPLATE;
}
