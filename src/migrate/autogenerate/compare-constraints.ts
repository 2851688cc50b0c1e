/**
 * Unique, check and foreign key constraints of a table both sides have. Named constraints match
 * by name, unnamed ones by what they constrain (columns, expression, or key and target). A
 * changed constraint is dropped and added again; an unnamed one in the database cannot be
 * dropped by name, so it is reported instead.
 */
import type { ReflectedCheck, ReflectedForeignKey, ReflectedUnique } from "../../dialects/reflection.js";
import { expressionsMatch, referentialActionsMatch } from "../../dialects/type-compare.js";
import { sameItems } from "../../same-items.js";
import { CheckDef, type ForeignKeyConstraintDef, UniqueDef } from "../../schema/constraints.js";
import {
  CreateCheckConstraintOp,
  CreateForeignKeyOp,
  CreateUniqueConstraintOp,
  DropConstraintOp,
} from "../operations/constraint-ops.js";
import { DropIndexOp } from "../operations/index-ops.js";
import {
  ALTER_ORDER,
  type Change,
  type CompareContext,
  declaredSql,
  display,
  reverseOf,
  reversible,
  storedName,
} from "./changes.js";
import type { TablePair } from "./compare-columns.js";
import { addForeignKeyChange } from "./mysql-foreign-key-indexes.js";
import { reflectedFkOptions } from "./reflected-tables.js";

/** Pairs declared with reflected items: by name first, then unnamed ones by `same`. */
function match<D extends { name: string | null }, R extends { name: string | null }>(
  ctx: CompareContext,
  declared: readonly D[],
  reflected: readonly R[],
  same: (d: D, r: R) => boolean,
): { pairs: [D, R][]; added: D[]; removed: R[] } {
  const left = [...reflected];
  const pairs: [D, R][] = [];
  const added: D[] = [];
  const take = (i: number) => left.splice(i, 1)[0]!;
  const unnamed: D[] = [];
  for (const d of declared) {
    if (d.name === null) {
      unnamed.push(d);
      continue;
    }
    const stored = storedName(ctx.dialect, d.name);
    const i = left.findIndex((r) => r.name === stored);
    if (i >= 0) pairs.push([d, take(i)]);
    else {
      // A database that kept no name (SQLite) still has the constraint.
      const j = left.findIndex((r) => r.name === null && same(d, r));
      if (j >= 0) pairs.push([d, take(j)]);
      else added.push(d);
    }
  }
  for (const d of unnamed) {
    const i = left.findIndex((r) => same(d, r));
    if (i >= 0) pairs.push([d, take(i)]);
    else added.push(d);
  }
  return { pairs, added, removed: left };
}

const note = (pair: TablePair, warnings: string[]): Change => ({
  phase: "table_alter",
  table: pair.key,
  order: ALTER_ORDER.dropConstraint,
  up: [],
  down: [],
  warnings,
});

function unnamedWarning(kind: string, pair: TablePair): string {
  return `the new ${kind} on ${display(pair.schema, pair.name)} has no name, so the downgrade cannot drop it: name it, or give the MetaData a naming convention for it.`;
}

/** Unique constraints. `claimedByIndexes`: names MySQL reports as unique constraints that the models declare as unique indexes. */
export function compareUniques(
  ctx: CompareContext,
  pair: TablePair,
  claimedByIndexes: ReadonlySet<string>,
): Change[] {
  const { include } = ctx;
  const { name, schema } = pair;
  const opts = schema ? { schema } : {};
  const declared = pair.declared.constraints.filter(
    (c): c is UniqueDef =>
      c instanceof UniqueDef && include.part("unique_constraint", c.name, name, schema, false),
  );
  const reflected = pair.reflected.uniqueConstraints.filter(
    (u) =>
      !(u.name && claimedByIndexes.has(u.name)) &&
      include.part("unique_constraint", u.name, name, schema, true),
  );
  const cols = (d: UniqueDef) => d.columns.map((c) => c.name);
  const { pairs, added, removed } = match(ctx, declared, reflected, (d, r) => sameItems(cols(d), r.columns));
  const out: Change[] = [];
  const drop = (r: ReflectedUnique, warnings: string[] = []) => {
    if (!r.name) {
      out.push(
        note(pair, [
          `an unnamed unique constraint on ${display(schema, name)} (${r.columns.join(", ")}) is not in the models, and cannot be dropped by name: drop it by hand.`,
        ]),
      );
      return;
    }
    const definition = new CreateUniqueConstraintOp(r.name, name, r.columns, opts);
    const op = new DropConstraintOp(r.name, name, { type: "unique", ...opts, definition });
    out.push(reversible(op, "table_alter", pair.key, ALTER_ORDER.dropConstraint, warnings));
  };
  const add = (d: UniqueDef) => {
    const op = CreateUniqueConstraintOp.fromConstraint(d);
    out.push(
      reversible(
        op,
        "table_alter",
        pair.key,
        ALTER_ORDER.addConstraint,
        d.name ? [] : [unnamedWarning("unique constraint", pair)],
      ),
    );
  };
  for (const [d, r] of pairs) {
    if (sameItems(cols(d), r.columns)) continue;
    drop(r, [
      `unique constraint ${r.name} on ${display(schema, name)} changed columns: it is dropped and added again.`,
    ]);
    add(d);
  }
  for (const r of removed) drop(r);
  for (const d of added) add(d);
  return out;
}

/** CHECK constraints (the CHECKs of enums stored as VARCHAR belong to their column's type). */
export function compareChecks(ctx: CompareContext, pair: TablePair): Change[] {
  const { dialect, include } = ctx;
  if (!dialect.supportsCheckConstraints) return [];
  const { name, schema } = pair;
  const opts = schema ? { schema } : {};
  const declared = pair.declared.constraints.filter(
    (c): c is CheckDef =>
      c instanceof CheckDef && include.part("check_constraint", c.name, name, schema, false),
  );
  const reflected = pair.reflected.checkConstraints.filter((c) =>
    include.part("check_constraint", c.name, name, schema, true),
  );
  const sql = (d: CheckDef) => declaredSql(dialect, d.sqltext, d.table);
  const same = (d: CheckDef, r: ReflectedCheck) => expressionsMatch(dialect, sql(d), r.sqltext);
  const { pairs, added, removed } = match(ctx, declared, reflected, same);
  const out: Change[] = [];
  const drop = (r: ReflectedCheck, warnings: string[] = []) => {
    if (!r.name) {
      out.push(
        note(pair, [
          `an unnamed CHECK (${r.sqltext}) on ${display(schema, name)} is not in the models, and cannot be dropped by name: drop it by hand.`,
        ]),
      );
      return;
    }
    const definition = new CreateCheckConstraintOp(r.name, name, r.sqltext, opts);
    const op = new DropConstraintOp(r.name, name, { type: "check", ...opts, definition });
    out.push(reversible(op, "table_alter", pair.key, ALTER_ORDER.dropConstraint, warnings));
  };
  const add = (d: CheckDef) => {
    const op = CreateCheckConstraintOp.fromConstraint(d);
    out.push(
      reversible(
        op,
        "table_alter",
        pair.key,
        ALTER_ORDER.addConstraint,
        d.name ? [] : [unnamedWarning("CHECK constraint", pair)],
      ),
    );
  };
  for (const [d, r] of pairs) {
    if (same(d, r)) continue;
    drop(r, [
      `CHECK ${r.name} on ${display(schema, name)} changed (database: ${r.sqltext}): it is dropped and added again.`,
    ]);
    add(d);
  }
  for (const r of removed) drop(r);
  for (const d of added) add(d);
  return out;
}

/** Where a declared foreign key points: schema (null: the table's own), table and columns. */
function declaredTarget(fk: ForeignKeyConstraintDef): {
  schema: string | null;
  table: string;
  columns: string[];
} {
  const full = fk.elements[0]!.targetFullname;
  const dot = full.lastIndexOf(".");
  return {
    schema: dot < 0 ? fk.table.schema : full.slice(0, dot),
    table: dot < 0 ? full : full.slice(dot + 1),
    columns: fk.elements.map((e) => e.targetColumnName),
  };
}

function sameTarget(pair: TablePair, d: ForeignKeyConstraintDef, r: ReflectedForeignKey): boolean {
  const t = declaredTarget(d);
  return (
    sameItems(
      d.columns.map((c) => c.name),
      r.columns,
    ) &&
    t.table === r.referredTable &&
    (t.schema ?? null) === (r.referredSchema ?? pair.reflected.schema ?? null) &&
    sameItems(t.columns, r.referredColumns)
  );
}

function foreignKeyDifference(
  ctx: CompareContext,
  pair: TablePair,
  d: ForeignKeyConstraintDef,
  r: ReflectedForeignKey,
): string | null {
  const { dialect } = ctx;
  if (!sameTarget(pair, d, r)) return `it now references ${declaredTarget(d).table}`;
  if (!referentialActionsMatch(dialect, d.options.ondelete, r.ondelete)) return "ON DELETE differs";
  if (!referentialActionsMatch(dialect, d.options.onupdate, r.onupdate)) return "ON UPDATE differs";
  if (dialect.name === "postgresql") {
    if ((d.options.deferrable ?? false) !== (r.deferrable ?? false)) return "DEFERRABLE differs";
    if ((d.options.initially ?? "IMMEDIATE").toUpperCase() !== (r.initially ?? "IMMEDIATE").toUpperCase())
      return "INITIALLY differs";
  }
  return null;
}

/** The CreateForeignKeyOp recreating a reflected foreign key of `pair`. */
export function reflectedForeignKeyOp(
  ctx: CompareContext,
  pair: TablePair | { name: string; schema: string | null },
  r: ReflectedForeignKey,
): CreateForeignKeyOp {
  return new CreateForeignKeyOp(r.name, pair.name, r.referredTable, r.columns, r.referredColumns, {
    ...reflectedFkOptions(r, ctx.dialect),
    name: undefined,
    ...(pair.schema ? { sourceSchema: pair.schema } : {}),
    ...(r.referredSchema && r.referredSchema !== pair.schema ? { referentSchema: r.referredSchema } : {}),
  });
}

/**
 * Foreign keys: dropped in `fk_drop` (before what they point to goes), added in `fk_add` (after
 * it exists). Also returns the keys left as they are.
 */
export function compareForeignKeys(
  ctx: CompareContext,
  pair: TablePair,
): { changes: Change[]; stable: ReflectedForeignKey[] } {
  const { dialect, include } = ctx;
  const { name, schema } = pair;
  const declared = pair.declared.foreignKeyConstraints.filter((fk) =>
    include.part("foreign_key_constraint", fk.name, name, schema, false),
  );
  const reflected = pair.reflected.foreignKeys.filter((fk) =>
    include.part("foreign_key_constraint", fk.name, name, schema, true),
  );
  const { pairs, added, removed } = match(ctx, declared, reflected, (d, r) => sameTarget(pair, d, r));
  const out: Change[] = [];
  const declaredIndexes = new Set(pair.declared.indexes.map((ix) => ix.name && storedName(dialect, ix.name)));
  const drop = (r: ReflectedForeignKey, warnings: string[] = []) => {
    if (!r.name) {
      out.push(
        note(pair, [
          `an unnamed foreign key on ${display(schema, name)} (${r.columns.join(", ")}) -> ${r.referredTable} is not in the models, and cannot be dropped by name: drop it by hand.`,
        ]),
      );
      return;
    }
    const definition = reflectedForeignKeyOp(ctx, pair, r);
    const op = new DropConstraintOp(r.name, name, {
      type: "foreignkey",
      ...(schema ? { schema } : {}),
      definition,
    });
    const up = [op];
    // MySQL keeps the index it made for the key; it goes with the key (and comes back with it).
    const own = pair.reflected.indexes.find(
      (ix) =>
        !ix.unique && ix.duplicatesConstraint === r.name && sameItems(ix.columns as string[], r.columns),
    );
    const up2 =
      dialect.name === "mysql" && own && !declaredIndexes.has(own.name)
        ? [...up, new DropIndexOp(own.name, name, schema ? { schema } : {})]
        : up;
    out.push({
      phase: "fk_drop",
      table: pair.key,
      order: ALTER_ORDER.dropConstraint,
      up: up2,
      down: [reverseOf(op)],
      warnings,
    });
  };
  const add = (d: ForeignKeyConstraintDef) =>
    out.push(
      addForeignKeyChange(ctx, d, {
        phase: "fk_add",
        table: pair.key,
        order: ALTER_ORDER.addConstraint,
        warnings: d.name ? [] : [unnamedWarning("foreign key", pair)],
      }),
    );
  const stable: ReflectedForeignKey[] = [];
  for (const [d, r] of pairs) {
    const why = foreignKeyDifference(ctx, pair, d, r);
    if (!why) {
      stable.push(r);
      continue;
    }
    drop(r, [
      `foreign key ${r.name ?? "(unnamed)"} on ${display(schema, name)} changed (${why}): it is dropped and added again.`,
    ]);
    add(d);
  }
  for (const r of removed) drop(r);
  for (const d of added) add(d);
  return { changes: out, stable };
}
