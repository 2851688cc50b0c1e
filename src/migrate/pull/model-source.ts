/**
 * Reflected tables -> one formatted, type-checking models module: a declarative Base, enum
 * objects, association and key-less tables as Table objects, an abstract base for columns most
 * models repeat (id / created_at / updated_at), one class per table with its relationships, and
 * views as read-only Table objects on a MetaData of their own (createAll and autogenerate leave
 * them alone).
 */
import type { Dialect } from "../../dialects/dialect.js";
import type { ReflectedTable } from "../../dialects/reflection.js";
import { array, type Code, type CodeRenderer, call, object, str } from "../render/code.js";
import { type Doc, group, hardline, indent, join } from "../render/doc.js";
import { ModelRenderer } from "./column-code.js";
import { camelCase, NameScope, pascalCase, singular } from "./naming.js";
import { associationKeys, inferRelationships, type RelationshipPlan } from "./relationships.js";
import { enumObjectCode, enumObjects, type PulledColumn, planTable, type TablePlan } from "./table-plan.js";

/** What to render. */
export interface ModelSourceInput {
  readonly dialect: Dialect;
  /** Tables, in the order to declare them (catalog order is fine). */
  readonly tables: readonly ReflectedTable[];
  /** Views: their columns (constraints and indexes are ignored). */
  readonly views?: readonly ReflectedTable[];
  /** The first lines' comment: where the models came from. */
  readonly header?: readonly string[];
}

/** The module's text and what the reader should know. */
export interface ModelSource {
  readonly text: string;
  /** Columns whose type the models approximate, named `table.column: ...`. */
  readonly warnings: readonly string[];
  /** Class or constant name of each table, by qualified name. */
  readonly names: ReadonlyMap<string, string>;
}

/** Names generated code imports, kept free for them. */
const IMPORTED = [
  "Base",
  "BaseModel",
  "column",
  "relationship",
  "declarativeBase",
  "Table",
  "MetaData",
  "ForeignKey",
  "ForeignKeyConstraint",
  "Index",
  "UniqueConstraint",
  "CheckConstraint",
  "Identity",
  "Computed",
  "text",
  "sqlDefault",
  "func",
  "Enum",
  "ARRAY",
  "JSONB",
  "Json",
  "VARCHAR",
  "BOOLEAN",
  "DATE",
  "Text",
  "Integer",
  "SmallInteger",
  "BigInteger",
  "Float",
  "Double",
  "Numeric",
  "DateTime",
  "Time",
  "Interval",
  "Uuid",
  "LargeBinary",
  "views",
  "String",
  "Boolean",
  "Date",
  "Object",
  "Array",
  "Map",
  "Set",
  "Error",
];

/**
 * The columns' object literal, always broken one column per line (as Biome keeps an object
 * written that way), a column's note as a comment above it. It hugs a call's parentheses as
 * object() literals do: the literal's huggable marker is copied onto this document.
 */
function columnsObject(columns: readonly PulledColumn[]): Code {
  if (columns.length === 0) return "{}";
  const lines = columns.map((c) => [
    c.note ? [`// ${c.note.replace(/\s+/g, " ")}`, hardline] : "",
    `${/^[A-Za-z_$][\w$]*$/.test(c.key) ? c.key : str(c.key)}: `,
    c.doc,
    ",",
  ]);
  const doc = group(["{", indent([hardline, join(hardline, lines)]), hardline, "}"], true);
  return { ...(object([["_", "0"]]) as object), doc, size: columns.length } as Code;
}

/** `{ indexes: [...], constraints: [...], schema, comment }`, or null when empty. */
function tableArgs(p: TablePlan): Code | null {
  const entries: [string, Code][] = [];
  if (p.indexes.length) entries.push(["indexes", arrayOf(p.indexes)]);
  if (p.constraints.length) entries.push(["constraints", arrayOf(p.constraints)]);
  if (p.table.schema) entries.push(["schema", str(p.table.schema)]);
  if (p.table.comment !== null) entries.push(["comment", str(p.table.comment)]);
  return entries.length ? object(entries) : null;
}

function arrayOf(items: readonly Doc[]): Code {
  return array(items);
}

/** Columns a strict majority of model tables repeat identically: the abstract base's (at least two). */
function sharedColumns(models: readonly TablePlan[]): Set<string> {
  if (models.length < 2) return new Set();
  const counts = new Map<string, number>();
  for (const p of models)
    for (const c of p.columns) counts.set(c.signature, (counts.get(c.signature) ?? 0) + 1);
  const shared = new Set(
    [...counts].filter(([, n]) => n >= 2 && n * 2 > models.length).map(([signature]) => signature),
  );
  return shared.size >= 2 ? shared : new Set();
}

function relationshipMembers(rels: readonly RelationshipPlan[], r: CodeRenderer): Doc[] {
  const statics = rels.map((rel) => [
    `static ${rel.name} = `,
    call(r.use("relationship"), [`() => ${rel.target.name}`, object(rel.options.map(([k, v]) => [k, v]))]),
    ";",
  ]);
  const declares = rels.map((rel) => `declare ${rel.name}: ${rel.declared};`);
  return [...statics, ...declares];
}

/** Renders the models module. */
export function renderModelSource(input: ModelSourceInput): ModelSource {
  const r = new ModelRenderer();
  const warnings: string[] = [];
  const scope = new NameScope(IMPORTED);
  const plans = new Map<string, TablePlan>();
  const classNameOf = new Map<ReflectedTable, string>();
  for (const t of input.tables) {
    const base = pascalCase(singular(t.name));
    classNameOf.set(t, scope.claim(base, `${base}Model`, `${base}Table`));
  }
  const enums = enumObjects(
    [...input.tables, ...(input.views ?? [])],
    (t) => classNameOf.get(t) ?? pascalCase(singular(t.name)),
    scope,
  );
  for (const t of input.tables) {
    const p = planTable(t, input.dialect, r, enums.names, (w) => warnings.push(w));
    p.name = classNameOf.get(t)!;
    plans.set(p.key, p);
  }
  // Association tables (only two foreign keys' columns) become Table objects for `secondary`.
  for (const p of plans.values()) if (associationKeys(p.table, plans)) p.kind = "table";
  for (const p of plans.values())
    if (p.kind === "table") p.name = scope.claim(camelCase(p.table.name), `${camelCase(p.table.name)}Table`);
  const relationships = inferRelationships(plans);

  const blocks: Doc[] = [];
  blocks.push(`export const Base = ${r.use("declarativeBase")}();`);
  for (const e of enums.objects) blocks.push(["export const ", e.name, " = ", enumObjectCode(e.labels), ";"]);

  const tableObjects = [...plans.values()].filter((p) => p.kind === "table");
  for (const p of tableObjects) blocks.push(tableObject(p, "Base.metadata", r));

  const models = [...plans.values()].filter((p) => p.kind === "model");
  const shared = sharedColumns(models);
  const sharedCols: PulledColumn[] = [];
  if (shared.size) {
    for (const p of models)
      for (const c of p.columns)
        if (shared.has(c.signature) && !sharedCols.some((s) => s.signature === c.signature))
          sharedCols.push(c);
    blocks.push([
      "export class BaseModel extends Base.",
      call("abstract", [columnsObject(sharedCols)]),
      " {}",
    ]);
  }
  for (const p of models) {
    const inherits = shared.size > 0 && [...shared].every((s) => p.columns.some((c) => c.signature === s));
    const own = inherits ? p.columns.filter((c) => !shared.has(c.signature)) : p.columns;
    const args = tableArgs(p);
    const head = [
      `export class ${p.name} extends ${inherits ? "BaseModel" : "Base"}.`,
      call("table", [str(p.table.name), columnsObject(own), ...(args ? [args] : [])]),
    ];
    const members = relationshipMembers(relationships.get(p) ?? [], r);
    blocks.push(
      members.length
        ? [head, " {", indent([hardline, join(hardline, members)]), hardline, "}"]
        : [head, " {}"],
    );
  }
  const views = input.views ?? [];
  if (views.length) {
    blocks.push([
      "// Views: read-only Tables on their own MetaData, so createAll and autogenerate leave them alone.",
      hardline,
      `export const views = new ${r.use("MetaData")}({ columnNaming: "snake_case" });`,
    ]);
    for (const v of views) {
      const p = planTable(v, input.dialect, r, enums.names, (w) => warnings.push(w));
      p.name = scope.claim(camelFirst(pascalCase(v.name)), `${camelFirst(pascalCase(v.name))}View`);
      plans.set(`view:${p.key}`, p);
      blocks.push(tableObject(p, "views", r, true));
    }
  }

  const header = (input.header ?? []).map((l) => `// ${l}`);
  const text = [
    ...(header.length ? [header.join("\n"), ""] : []),
    ...r.importLines(),
    "",
    blocks.map((b) => r.print(b)).join("\n\n"),
    "",
  ].join("\n");
  const names = new Map<string, string>();
  for (const p of plans.values()) if (!p.key.startsWith("view:")) names.set(p.key, p.name);
  return { text, warnings, names };
}

function camelFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** `export const productTags = new Table("product_tags", Base.metadata, { ... }, ...args);` */
function tableObject(p: TablePlan, metadata: string, r: CodeRenderer, view = false): Doc {
  const args: Code[] = [str(p.table.name), metadata, columnsObject(p.columns)];
  if (!view) {
    args.push(...p.constraints, ...p.indexes);
    const extra: [string, Code][] = [];
    if (p.table.schema) extra.push(["schema", str(p.table.schema)]);
    if (p.table.comment !== null) extra.push(["comment", str(p.table.comment)]);
    if (extra.length) args.push(object(extra));
  } else if (p.table.schema) args.push(object([["schema", str(p.table.schema)]]));
  return [`export const ${p.name} = new `, call(r.use("Table"), args), ";"];
}
