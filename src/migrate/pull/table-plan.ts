/**
 * Each pulled table as declarations: its class (or Table) name, property keys, rendered columns,
 * and the constraints and indexes that do not fit on a column. Constraint names the database
 * chose itself are left out, so that the models read as a person would write them (autogenerate
 * matches unnamed constraints by what they constrain).
 */
import type { Dialect } from "../../dialects/dialect.js";
import type { ReflectedForeignKey, ReflectedTable } from "../../dialects/reflection.js";
import { EnumType } from "../../sql/types/enum.js";
import { qualifiedKey } from "../autogenerate/database-snapshot.js";
import { reflectedColumnBuilder, reflectedFkOptions } from "../autogenerate/reflected-tables.js";
import { array, type CodeRenderer, call, object, str } from "../render/code.js";
import type { Doc } from "../render/doc.js";
import { foreignKeyOptions } from "../render/schema-code.js";
import { type ColumnExtras, type EnumNames, renderModelColumn, renderModelType } from "./column-code.js";
import { camelCase, columnNameOf, isIdentifier, NameScope } from "./naming.js";
import { declaredType } from "./type-notes.js";

/** Keys the declarative API reserves on a model class (see orm/declarative/base.ts). */
export const RESERVED_KEYS = ["metadata", "registry", "table", "abstract", "c", "prototype", "constructor"];

/** A column of a pulled table. */
export interface PulledColumn {
  readonly key: string;
  readonly name: string;
  readonly nullable: boolean;
  /** The declaration (`column(Integer).primaryKey()`). */
  readonly doc: Doc;
  /** The declaration printed, to find columns that repeat across tables. */
  readonly signature: string;
  /** What the declared type does not capture (a comment at the column, and a warning). */
  readonly note: string | null;
}

/** A table, as a model class or a Table object. */
export interface TablePlan {
  readonly table: ReflectedTable;
  readonly key: string;
  /** A model class when the table has a primary key; otherwise (and for association tables) a Table. */
  kind: "model" | "table";
  /** The class or constant name. */
  name: string;
  readonly columns: PulledColumn[];
  readonly keyOf: ReadonlyMap<string, string>;
  /** Table-level constraints and indexes, as code. */
  readonly constraints: Doc[];
  readonly indexes: Doc[];
  /** Names taken on the class: column keys, then relationship names. */
  readonly members: NameScope;
}

const SQL_QUOTED_COLON = /(?<![:\w\\]):(?=\w)/g;

/** Reflected SQL as a string for text() / CheckConstraint(), colons escaped so they are not binds. */
export function sqlText(body: string): string {
  return body.replace(SQL_QUOTED_COLON, "\\:");
}

function defaultFkName(dialect: Dialect, table: string, fk: ReflectedForeignKey): boolean {
  if (fk.name === null) return true;
  if (dialect.name === "postgresql") return fk.name === `${table}_${fk.columns.join("_")}_fkey`;
  if (dialect.name === "mysql") return new RegExp(`^${escape(table)}_ibfk_\\d+$`).test(fk.name);
  return false;
}

function defaultUniqueName(dialect: Dialect, table: string, name: string | null, cols: readonly string[]) {
  if (name === null) return true;
  if (dialect.name === "postgresql") return name === `${table}_${cols.join("_")}_key`;
  if (dialect.name === "mysql") return new RegExp(`^${escape(cols[0] ?? "")}(_\\d+)?$`).test(name);
  return false;
}

function defaultCheckName(dialect: Dialect, table: string, name: string | null): boolean {
  if (name === null) return true;
  if (dialect.name === "postgresql") return name.startsWith(`${table}_`) && name.endsWith("_check");
  if (dialect.name === "mysql") return /^CONSTRAINT_\d+$/.test(name) || name.startsWith(`${table}_chk_`);
  return false;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `table.column`, schema-qualified when the target is in another schema. */
function fkTarget(fk: ReflectedForeignKey, t: ReflectedTable, col: string): string {
  const schema = fk.referredSchema && fk.referredSchema !== t.schema ? `${fk.referredSchema}.` : "";
  return `${schema}${fk.referredTable}.${col}`;
}

/** Enum types of the tables, each given the name of an `as const` object (`KitStatus`). */
export function enumObjects(
  tables: readonly ReflectedTable[],
  className: (t: ReflectedTable) => string,
  scope: NameScope,
): { names: Map<EnumType, string>; objects: { name: string; labels: readonly string[] }[] } {
  const names = new Map<EnumType, string>();
  const byKey = new Map<string, string>();
  const objects: { name: string; labels: readonly string[] }[] = [];
  for (const t of tables) {
    for (const c of t.columns) {
      const inner = (c.type as { itemType?: unknown }).itemType;
      const type = c.type instanceof EnumType ? c.type : inner instanceof EnumType ? inner : null;
      if (!type) continue;
      const shared = type.name && type.nativeEnum ? qualifiedKey(type.schema ?? null, type.name) : null;
      const known = shared ? byKey.get(shared) : undefined;
      if (known) {
        names.set(type, known);
        continue;
      }
      const wanted = enumObjectName(className(t), c.name, type.name ?? null, type.nativeEnum);
      const name = scope.claim(wanted, `${wanted}Values`);
      names.set(type, name);
      if (shared) byKey.set(shared, name);
      objects.push({ name, labels: type.values });
    }
  }
  return { names, objects };
}

/**
 * The `as const` object's name. SQLAlchemy names a PostgreSQL enum after its Python class,
 * lowercased (`kitstatus`, `custodyeventtype`): when the name reads as the class, the property or
 * both (`Kit` + `status`, `CustodyEvent` + `type` of `eventType`), that spelling is used.
 */
function enumObjectName(cls: string, columnName: string, enumName: string | null, native: boolean): string {
  const prop = pascal(columnName);
  const lastWord = prop.match(/[A-Z][a-z0-9]*$/)?.[0] ?? prop;
  const candidates = [cls + prop, prop, cls + lastWord, cls];
  if (enumName === null) return candidates[0]!;
  const flat = enumName.replace(/_/g, "").toLowerCase();
  // A non-native enum's name is its CHECK constraint's: a hint, not a type name.
  return candidates.find((c) => c.toLowerCase() === flat) ?? (native ? pascal(enumName) : candidates[0]!);
}

function pascal(name: string): string {
  const c = camelCase(name);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

/** The enum object literal: labels keyed by their camelCase (quoted when not an identifier). */
export function enumObjectCode(labels: readonly string[]): Doc {
  const keys = new NameScope();
  const entries = labels.map((label): [string, string] => {
    const k = isIdentifier(camelCase(label)) ? camelCase(label) : label;
    return [keys.claim(k), str(label)];
  });
  return [docOfObject(object(entries)), " as const"];
}

function docOfObject(code: ReturnType<typeof object>): Doc {
  return typeof code === "object" && code !== null && "doc" in code
    ? (code as { doc: Doc }).doc
    : (code as Doc);
}

/** Plans one table: keys, rendered columns, constraints and indexes. */
export function planTable(
  t: ReflectedTable,
  dialect: Dialect,
  r: CodeRenderer,
  enums: EnumNames,
  warn: (message: string) => void,
): TablePlan {
  const members = new NameScope(RESERVED_KEYS);
  const keyOf = new Map<string, string>();
  for (const c of t.columns) {
    let key = camelCase(c.name);
    if (members.has(key)) key = `${key}_`;
    keyOf.set(c.name, members.claim(key));
  }
  const singleFks = new Map<string, ReflectedForeignKey>();
  for (const fk of t.foreignKeys)
    if (fk.columns.length === 1 && !singleFks.has(fk.columns[0]!)) singleFks.set(fk.columns[0]!, fk);
  const pk = t.primaryKey.columns;
  const constraints: Doc[] = [];
  const indexes: Doc[] = [];
  const inlineUnique = new Map<string, true | string>();
  const inlineIndex = new Set<string>();
  const cols = (names: readonly string[]) => names.map((n) => str(keyOf.get(n) ?? n));

  for (const u of t.uniqueConstraints) {
    const named = !defaultUniqueName(dialect, t.name, u.name, u.columns);
    // MySQL reports a unique index as a unique constraint: `.unique().index()` made it.
    if (
      u.columns.length === 1 &&
      u.name === `ix_${t.name}_${u.columns[0]}` &&
      !inlineUnique.has(u.columns[0]!)
    ) {
      inlineUnique.set(u.columns[0]!, true);
      inlineIndex.add(u.columns[0]!);
    } else if (u.columns.length === 1 && !inlineUnique.has(u.columns[0]!))
      inlineUnique.set(u.columns[0]!, named ? u.name! : true);
    else
      constraints.push(
        call(r.use("UniqueConstraint"), [
          ...cols(u.columns),
          ...(named ? [object([["name", str(u.name!)]])] : []),
        ]),
      );
  }
  for (const ix of t.indexes) {
    if (ix.duplicatesConstraint) continue;
    const only = ix.columns.length === 1 ? ix.columns[0] : null;
    const plain = !ix.where && !ix.using && !ix.mysqlLength && !ix.expressions;
    if (
      only &&
      plain &&
      ix.name === `ix_${t.name}_${only}` &&
      !inlineIndex.has(only) &&
      (!ix.unique || !inlineUnique.has(only))
    ) {
      inlineIndex.add(only);
      if (ix.unique) inlineUnique.set(only, true);
      continue;
    }
    const keys = ix.columns.map((c, i) =>
      c !== null ? str(keyOf.get(c) ?? c) : call(r.use("text"), [str(sqlText(ix.expressions?.[i] ?? ""))]),
    );
    const opts: [string, Doc][] = [];
    if (ix.unique) opts.push(["unique", "true"]);
    if (ix.where) opts.push(["where", call(r.use("text"), [str(sqlText(ix.where))])]);
    if (ix.using && !/^(FULLTEXT|SPATIAL)$/i.test(ix.using)) opts.push(["using", str(ix.using)]);
    if (ix.mysqlLength)
      opts.push([
        "mysqlLength",
        docOfObject(object(Object.entries(ix.mysqlLength).map(([k, v]) => [keyOf.get(k) ?? k, String(v)]))),
      ]);
    indexes.push(call(r.use("Index"), [str(ix.name), ...keys, ...(opts.length ? [object(opts)] : [])]));
  }
  for (const ck of t.checkConstraints) {
    const named = !defaultCheckName(dialect, t.name, ck.name);
    constraints.push(
      call(r.use("CheckConstraint"), [
        str(sqlText(ck.sqltext)),
        ...(named ? [object([["name", str(ck.name!)]])] : []),
      ]),
    );
  }
  for (const fk of t.foreignKeys) {
    if (fk.columns.length === 1 && singleFks.get(fk.columns[0]!) === fk) continue;
    const options = reflectedFkOptions(fk, dialect);
    if (defaultFkName(dialect, t.name, fk)) delete options.name;
    const opts = foreignKeyOptions(options);
    constraints.push(
      call(r.use("ForeignKeyConstraint"), [
        array(cols(fk.columns)),
        array(fk.referredColumns.map((c) => str(fkTarget(fk, t, c)))),
        ...(opts ? [opts] : []),
      ]),
    );
  }

  const columns: PulledColumn[] = t.columns.map((c) => {
    const key = keyOf.get(c.name)!;
    const typed = declaredType(dialect, c, (type) => r.print(renderModelType(type, r, enums)));
    const spec = reflectedColumnBuilder({ ...c, type: typed.type }, t, dialect).spec;
    const fk = singleFks.get(c.name);
    let foreignKey: ColumnExtras["foreignKey"] = null;
    if (fk) {
      const options = reflectedFkOptions(fk, dialect);
      if (defaultFkName(dialect, t.name, fk)) delete options.name;
      foreignKey = { target: fkTarget(fk, t, fk.referredColumns[0]!), options };
    }
    const extras: ColumnExtras = {
      explicitName: columnNameOf(key) === c.name ? null : c.name,
      foreignKey,
      unique: inlineUnique.get(c.name) ?? null,
      index: inlineIndex.has(c.name),
      primaryKey: pk.includes(c.name),
    };
    if (typed.note) warn(`${qualifiedKey(t.schema, t.name)}.${c.name}: ${typed.note}`);
    const doc = renderModelColumn(spec, extras, r, enums);
    return {
      key,
      name: c.name,
      nullable: c.nullable,
      doc,
      signature: `${key}: ${r.print(doc)}`,
      note: typed.note,
    };
  });
  return {
    table: t,
    key: qualifiedKey(t.schema, t.name),
    kind: pk.length > 0 ? "model" : "table",
    name: "",
    columns,
    keyOf,
    constraints,
    indexes,
    members,
  };
}
