/**
 * Relationships inferred from foreign keys, on both sides with backPopulates: many-to-one and its
 * one-to-many (one-to-one when the foreign key's columns are unique), and many-to-many through a
 * pure association table (only the two foreign keys' columns). Where two foreign key paths join
 * the same tables, each side names its columns with `foreignKeys`; a self-reference's
 * many-to-one side names `remoteSide`.
 */
import type { ReflectedForeignKey, ReflectedTable } from "../../dialects/reflection.js";
import { qualifiedKey } from "../autogenerate/database-snapshot.js";
import { camelCase, plural, singular } from "./naming.js";
import type { TablePlan } from "./table-plan.js";

/** One relationship on a model class. */
export interface RelationshipPlan {
  readonly name: string;
  readonly target: TablePlan;
  /** Options as `[key, code]` pairs (backPopulates, foreignKeys, remoteSide, secondary, uselist). */
  readonly options: [string, string][];
  /** The instance property's type: `Kit`, `Kit | null`, `Kit[]`. */
  readonly declared: string;
}

function targetKey(fk: ReflectedForeignKey, from: ReflectedTable): string {
  return qualifiedKey(fk.referredSchema ?? from.schema, fk.referredTable);
}

/** Whether the foreign key's columns are unique in their table (a one-to-one). */
function uniqueColumns(t: ReflectedTable, cols: readonly string[]): boolean {
  const same = (other: readonly (string | null)[]) =>
    other.length === cols.length && cols.every((c) => other.includes(c));
  return (
    same(t.primaryKey.columns) ||
    t.uniqueConstraints.some((u) => same(u.columns)) ||
    t.indexes.some((ix) => ix.unique && !ix.where && same(ix.columns))
  );
}

/** The two foreign keys of an association table, or null when the table carries anything else. */
export function associationKeys(
  t: ReflectedTable,
  plans: ReadonlyMap<string, TablePlan>,
): [ReflectedForeignKey, ReflectedForeignKey] | null {
  if (t.foreignKeys.length !== 2) return null;
  const [a, b] = t.foreignKeys as [ReflectedForeignKey, ReflectedForeignKey];
  const fkCols = new Set([...a.columns, ...b.columns]);
  if (fkCols.size !== t.columns.length || t.columns.some((c) => !fkCols.has(c.name))) return null;
  const ta = plans.get(targetKey(a, t));
  const tb = plans.get(targetKey(b, t));
  if (!ta || !tb || ta.kind !== "model" || tb.kind !== "model" || ta === tb) return null;
  return [a, b];
}

/** `() => [Event.kitId]`: the foreign key's columns on their class. */
function columnsThunk(plan: TablePlan, cols: readonly string[]): string {
  const refs = cols.map((c) => `${plan.name}.${plan.keyOf.get(c)}`);
  return `() => ${refs.length === 1 ? refs[0] : `[${refs.join(", ")}]`}`;
}

/** Infers every relationship; returns them by the class they belong to. */
export function inferRelationships(
  plans: ReadonlyMap<string, TablePlan>,
): Map<TablePlan, RelationshipPlan[]> {
  const out = new Map<TablePlan, RelationshipPlan[]>();
  const add = (p: TablePlan, rel: RelationshipPlan) => {
    let list = out.get(p);
    if (!list) out.set(p, (list = []));
    list.push(rel);
  };
  // Foreign key paths between each pair of tables (either direction): more than one is ambiguous.
  const paths = new Map<string, number>();
  const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  for (const p of plans.values())
    for (const fk of p.table.foreignKeys) {
      const k = pairKey(p.key, targetKey(fk, p.table));
      paths.set(k, (paths.get(k) ?? 0) + 1);
    }

  for (const child of plans.values()) {
    if (child.kind !== "model") continue;
    for (const fk of child.table.foreignKeys) {
      const parent = plans.get(targetKey(fk, child.table));
      if (parent?.kind !== "model") continue;
      const selfRef = parent === child;
      const ambiguous = (paths.get(pairKey(child.key, parent.key)) ?? 0) > 1;
      const single = fk.columns.length === 1 ? fk.columns[0]! : null;
      const stem = single && /.[_]?id$/i.test(single) ? single.replace(/_?id$/i, "") : null;
      const forwardWanted = camelCase(stem ?? singular(parent.table.name));
      const forward = child.members.claim(forwardWanted, `${forwardWanted}Ref`);
      const oneToOne = uniqueColumns(child.table, fk.columns);
      const childWords = oneToOne ? singular(child.table.name) : plural(child.table.name);
      let backWanted: string;
      if (selfRef) backWanted = camelCase(forward === "parent" ? "children" : `${forward}_${childWords}`);
      else if (ambiguous) backWanted = camelCase(`${forward}_${childWords}`);
      else backWanted = camelCase(childWords);
      const back = parent.members.claim(backWanted, `${backWanted}Of${child.name}`);
      const fkThunk = columnsThunk(child, fk.columns);
      const nullable = fk.columns.some((c) => child.table.columns.find((col) => col.name === c)?.nullable);

      const forwardOpts: [string, string][] = [];
      if (selfRef) forwardOpts.push(["remoteSide", columnsThunk(parent, fk.referredColumns)]);
      if (ambiguous) forwardOpts.push(["foreignKeys", fkThunk]);
      forwardOpts.push(["backPopulates", JSON.stringify(back)]);
      add(child, {
        name: forward,
        target: parent,
        options: forwardOpts,
        declared: nullable || selfRef ? `${parent.name} | null` : parent.name,
      });
      const backOpts: [string, string][] = [];
      if (ambiguous) backOpts.push(["foreignKeys", fkThunk]);
      if (oneToOne) backOpts.push(["uselist", "false"]);
      backOpts.push(["backPopulates", JSON.stringify(forward)]);
      add(parent, {
        name: back,
        target: child,
        options: backOpts,
        declared: oneToOne ? `${child.name} | null` : `${child.name}[]`,
      });
    }
  }

  for (const assoc of plans.values()) {
    if (assoc.kind !== "table") continue;
    const keys = associationKeys(assoc.table, plans);
    if (!keys) continue;
    const [a, b] = keys.map((fk) => plans.get(targetKey(fk, assoc.table))!) as [TablePlan, TablePlan];
    const aName = a.members.claim(
      camelCase(plural(b.table.name)),
      camelCase(`${b.table.name}_via_${assoc.table.name}`),
    );
    const bName = b.members.claim(
      camelCase(plural(a.table.name)),
      camelCase(`${a.table.name}_via_${assoc.table.name}`),
    );
    add(a, {
      name: aName,
      target: b,
      options: [
        ["secondary", assoc.name],
        ["backPopulates", JSON.stringify(bName)],
      ],
      declared: `${b.name}[]`,
    });
    add(b, {
      name: bName,
      target: a,
      options: [
        ["secondary", assoc.name],
        ["backPopulates", JSON.stringify(aName)],
      ],
      declared: `${a.name}[]`,
    });
  }
  return out;
}
