/**
 * MySQL (InnoDB) keeps an index behind every foreign key: it creates one named after the key when
 * none serves it, silently drops that one when another index that serves the key is created, and
 * refuses to drop the last index serving a key ("needed in a foreign key constraint"). So, on
 * MySQL only:
 *
 * - dropping an index (or unique constraint) that may be the last one serving a key that stays
 *   drops the key first and adds it back after (adding it creates the index it needs);
 * - dropping a key that MySQL gave an index of its own drops that index too, so the next key
 *   added there does not find a stray index under another name.
 */
import type { ReflectedForeignKey } from "../../dialects/reflection.js";
import type { ForeignKeyConstraintDef } from "../../schema/constraints.js";
import type { Table } from "../../schema/table.js";
import { MigrateOperation } from "../operations/base.js";
import { CreateForeignKeyOp, DropConstraintOp } from "../operations/constraint-ops.js";
import { DropIndexOp } from "../operations/index-ops.js";
import type { RenderItem } from "../render/operations-code.js";
import { type Change, type CompareContext, reverseOf, storedName } from "./changes.js";
import type { TablePair } from "./compare-columns.js";
import { reflectedForeignKeyOp } from "./compare-constraints.js";

/** Whether an index on `columns` can serve a key on `keyColumns` (they lead it, in order). */
function serves(columns: readonly (string | null)[], keyColumns: readonly string[]): boolean {
  return keyColumns.length <= columns.length && keyColumns.every((c, i) => columns[i] === c);
}

/** The index MySQL gives a key: named after the key (or its first column when unnamed). */
function implicitIndexName(fk: { name: string | null; columns: readonly string[] }): string {
  return fk.name ?? fk.columns[0]!;
}

/** Whether an index of the declared table (primary key, index, unique constraint) serves `keyColumns`. */
function declaredServes(table: Table<any, any>, keyColumns: readonly string[]): boolean {
  const lists: string[][] = [table.primaryKey.columns.map((c) => c.name)];
  for (const ix of table.indexes) lists.push(ix.expressions.map((e) => (e as { name?: string }).name ?? ""));
  for (const c of table.constraints)
    if (c.kind === "unique")
      lists.push((c as unknown as { columns: { name: string }[] }).columns.map((x) => x.name));
  return lists.some((cols) => serves(cols, keyColumns));
}

/**
 * The change adding `fk` (declared); on MySQL its reverse also drops the index MySQL will have
 * created for it, when no declared index serves the key.
 */
export function addForeignKeyChange(
  ctx: CompareContext,
  fk: ForeignKeyConstraintDef,
  change: Omit<Change, "up" | "down">,
): Change {
  const op = CreateForeignKeyOp.fromConstraint(fk);
  const down: RenderItem[] = [reverseOf(op)];
  const columns = fk.columns.map((c) => c.name);
  if (ctx.dialect.name === "mysql" && fk.name && !declaredServes(fk.table, columns)) {
    const schema = fk.table.schema;
    down.push(
      new DropIndexOp(implicitIndexName({ name: fk.name, columns }), fk.table.name, schema ? { schema } : {}),
    );
  }
  return { ...change, up: [op], down };
}

/** The index an operation drops, with its columns, or null. */
function droppedIndex(item: RenderItem): { name: string; columns: readonly (string | null)[] } | null {
  if (item instanceof DropIndexOp && item.definition)
    return {
      name: item.indexName,
      columns: item.definition.columns.map((c) => (typeof c === "string" ? c : null)),
    };
  if (item instanceof DropConstraintOp && item.constraintType === "unique" && item.definition)
    return {
      name: item.constraintName,
      columns: (item.definition as unknown as { columns: string[] }).columns,
    };
  return null;
}

/**
 * Wraps index drops that may leave a staying foreign key without an index: drop the key, drop the
 * index, add the key back. `stable` are the keys this migration leaves alone (they exist whenever
 * the table's changes run, upgrade or downgrade).
 */
export function guardForeignKeyIndexes(
  ctx: CompareContext,
  pair: TablePair,
  changes: Change[],
  stable: readonly ReflectedForeignKey[],
): Change[] {
  if (ctx.dialect.name !== "mysql" || stable.length === 0) return changes;
  const dropped = new Set<string>();
  for (const c of changes)
    for (const item of [...c.up, ...c.down]) {
      const ix = droppedIndex(item);
      if (ix) dropped.add(ix.name);
    }
  const r = pair.reflected;
  // Indexes serving keys whatever this migration does: the primary key and untouched indexes.
  const upIndexes: (readonly (string | null)[])[] = [
    r.primaryKey.columns,
    ...r.indexes.filter((ix) => !dropped.has(ix.name)).map((ix) => ix.columns),
    ...r.uniqueConstraints.filter((u) => !(u.name && dropped.has(u.name))).map((u) => u.columns),
  ];
  // After the upgrade MySQL may have dropped its own key indexes: only declared, untouched ones count.
  const declaredNames = new Set(
    pair.declared.indexes.map((ix) => ix.name && storedName(ctx.dialect, ix.name)),
  );
  for (const c of pair.declared.constraints)
    if (c.kind === "unique" && c.name) declaredNames.add(storedName(ctx.dialect, c.name));
  const downIndexes: (readonly (string | null)[])[] = [
    r.primaryKey.columns,
    ...r.indexes.filter((ix) => declaredNames.has(ix.name) && !dropped.has(ix.name)).map((ix) => ix.columns),
    ...r.uniqueConstraints
      .filter((u) => u.name && declaredNames.has(u.name) && !dropped.has(u.name))
      .map((u) => u.columns),
  ];
  const guard = (items: readonly RenderItem[], safe: (readonly (string | null)[])[]): RenderItem[] => {
    const out: RenderItem[] = [];
    for (const item of items) {
      const ix = droppedIndex(item);
      const needy = ix
        ? stable.filter(
            (fk) =>
              fk.name && serves(ix.columns, fk.columns) && !safe.some((cols) => serves(cols, fk.columns)),
          )
        : [];
      if (needy.length === 0 || !(item instanceof MigrateOperation)) {
        out.push(item);
        continue;
      }
      const creates = needy.map((fk) => reflectedForeignKeyOp(ctx, pair, fk));
      out.push(...creates.map((op) => op.reverse()), item, ...creates);
    }
    return out;
  };
  return changes.map((c) => ({ ...c, up: guard(c.up, upIndexes), down: guard(c.down, downIndexes) }));
}
